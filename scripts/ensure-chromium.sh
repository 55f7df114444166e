#!/usr/bin/env bash
# Make sure Debian's Chromium is at /usr/bin/chromium for the browser tests
# (tests/web/browser, driven by Playwright through executable_path; Playwright's
# own browser download is never used). Quiet when Chromium is already there.
# It never fails the build: without Chromium the browser tests skip and say why.
set -u
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
echo "ensure-chromium: $CHROMIUM not found; installing Debian's chromium" >&2
if [ "$(id -u)" != "0" ]; then
  echo "ensure-chromium: not root, cannot apt-get install chromium; browser tests will skip" \
    "(run 'sudo apt-get install chromium' to enable them)" >&2
elif ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: no apt-get on this machine; browser tests will skip" \
    "(install Chromium at $CHROMIUM to enable them)" >&2
else
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null) \
    || echo "ensure-chromium: apt-get could not install chromium; browser tests will skip" >&2
fi
exit 0
