#!/usr/bin/env bash
# Make sure a PostgreSQL server binary (initdb, pg_ctl, postgres) is on this machine.
# The test session starts its own throwaway cluster on loopback; this script only
# installs Debian's postgresql package when it is missing. It never fails the build:
# without PostgreSQL the PostgreSQL-parametrised tests skip and say why.
set -u
find_bin() {
  command -v initdb >/dev/null 2>&1 && return 0
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}
if find_bin; then
  exit 0
fi
echo "ensure-postgres: PostgreSQL server not found; installing Debian's postgresql" >&2
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq postgresql >/dev/null) \
    || echo "ensure-postgres: apt-get could not install postgresql; PostgreSQL tests will skip" >&2
else
  echo "ensure-postgres: not root or no apt-get; PostgreSQL tests will skip" >&2
fi
exit 0
