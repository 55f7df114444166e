"""Checks run inside a page (JavaScript evaluated by Playwright), each returning its problems.

Every check answers a list of one-line problems, empty when the page passes, so a
failing test shows all of them at once.
"""

from __future__ import annotations

from playwright.sync_api import Page

from tests.web.browser.hostile import CANARY

__all__ = ["accessibility_problems", "inert_problems", "overflow_problems"]

_INERT = """([canary, scriptPrefix]) => {
  const problems = [];
  if (window[canary] !== undefined) problems.push(`window.${canary} was set: a payload ran`);
  for (const s of document.querySelectorAll("script")) {
    const src = s.getAttribute("src");
    if (src === null || scriptPrefix === null || !s.src.startsWith(scriptPrefix))
      problems.push(`script not served by the app: ${s.outerHTML.slice(0, 120)}`);
  }
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const value = attr.value.trim().toLowerCase();
      if (attr.name.startsWith("on"))
        problems.push(`event handler ${attr.name} on <${el.localName}>`);
      if (["href", "src", "action", "formaction", "xlink:href"].includes(attr.name)
          && value.startsWith("javascript:"))
        problems.push(`javascript: URL in ${attr.name} of <${el.localName}>`);
    }
  }
  for (const tag of ["iframe", "object", "embed", "base"])
    if (document.querySelector(tag)) problems.push(`a <${tag}> element`);
  return problems;
}"""

_ACCESSIBILITY = """() => {
  const problems = [];
  const label = (el) => {
    const by = el.getAttribute("aria-labelledby");
    const named = by && by.split(/\\s+/).map((id) => document.getElementById(id))
      .filter(Boolean).map((e) => e.textContent.trim()).join(" ");
    return (el.getAttribute("aria-label") || named || "").trim();
  };
  const h1 = document.querySelectorAll("h1").length;
  if (h1 !== 1) problems.push(`${h1} h1 elements, not one`);
  const levels = [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")]
    .map((h) => [Number(h.tagName[1]), h.textContent.trim().slice(0, 60)]);
  if (levels.length && levels[0][0] !== 1) problems.push(`the first heading is h${levels[0][0]}`);
  for (let i = 1; i < levels.length; i++)
    if (levels[i][0] > levels[i - 1][0] + 1)
      problems.push(
        `h${levels[i - 1][0]} "${levels[i - 1][1]}" then h${levels[i][0]} "${levels[i][1]}"`);
  const sectioning = "article,aside,main,nav,section";
  const banners = [...document.querySelectorAll("header")]
    .filter((h) => !h.parentElement.closest(sectioning));
  if (banners.length !== 1) problems.push(`${banners.length} page headers (banner), not one`);
  if (document.querySelectorAll("main").length !== 1) problems.push("not exactly one main");
  if (!document.querySelector("nav")) problems.push("no nav");
  for (const svg of document.querySelectorAll("svg")) {
    const holder = svg.closest("[role=img]");
    const own = label(svg) || (svg.querySelector(":scope > title")?.textContent || "").trim();
    if (!own && !(holder && label(holder)) && svg.getAttribute("aria-hidden") !== "true")
      problems.push(`a chart svg without a text alternative (in #${svg.closest("[id]")?.id})`);
  }
  for (const fig of document.querySelectorAll("figure")) {
    const caption = fig.querySelector("figcaption");
    if (!caption || !caption.textContent.trim())
      problems.push(`figure #${fig.id} without a caption`);
  }
  for (const img of document.querySelectorAll("img"))
    if (!img.hasAttribute("alt")) problems.push(`img without alt: ${img.src.slice(0, 80)}`);
  if (!document.documentElement.lang) problems.push("no lang on html");
  if (!document.title.trim()) problems.push("no title");
  return problems;
}"""

_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = document.documentElement.scrollWidth;
  const problems = [];
  if (wide > width + 1) problems.push(`the page scrolls sideways: ${wide} px wide in ${width} px`);
  return problems;
}"""


def inert_problems(page: Page, script_prefix: str | None) -> list[str]:
    """Whether anything hostile is live in ``page``: the canary set, a script not served
    under ``script_prefix`` (any script when None), an event-handler attribute, a
    ``javascript:`` URL, a frame."""
    problems: list[str] = page.evaluate(_INERT, [CANARY, script_prefix])
    return problems


def accessibility_problems(page: Page) -> list[str]:
    """Basics: one h1, headings in order, banner/nav/main landmarks, text alternatives of
    every chart and figure, ``lang`` and ``title``."""
    problems: list[str] = page.evaluate(_ACCESSIBILITY)
    return problems


def overflow_problems(page: Page) -> list[str]:
    """Whether ``page`` is wider than its viewport (it scrolls sideways)."""
    problems: list[str] = page.evaluate(_OVERFLOW)
    return problems
