"""Where a news text names its sources rather than its actors: datelines, bylines, credits.

"GOMA, Feb 3 (Reuters) —", "By Jane Doe", "Photo: John Roe/AFP", "(Reuters)" and
"AFP via Getty Images" name the place of filing, the writer, the photographer and
the agency; none is an actor of the story, so :class:`~zopa.extract._actors.ActorRecognizer`
makes no mention inside them. An outlet named as a source in a sentence ("told
Reuters", "Reuters reported") is a mention (a media organisation).

Pure functions of the text: each returns character ranges ``[start, end)``.
"""

from __future__ import annotations

import re

__all__ = ["credit_ranges", "first_dateline"]

_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DASH = r"(?:—|–|--|-)"
_BRACKETS = r"(?:\s*\([^()\n]{1,40}\))"  # " (Reuters)"
_CAPITALS = r"[A-Z][A-Z.'’\- ]*[A-Z.]"  # "GOMA", "ADDIS ABABA"
_PLACE = r"[A-Z][\w.'’\- ]{1,40}?"  # "Kinshasa"
# "GOMA, Feb 3 (Reuters) —", "ADDIS ABABA —", "Kinshasa, March 4, 2025 (AP) –": at the start of
# a line, a place (in capitals, or followed by a date or an agency in brackets), then a dash.
_DATELINE = re.compile(
    r"^[ \t]*(?:"
    + rf"{_CAPITALS}(?:,[^\n—–]{{0,60}}?)?{_BRACKETS}?"
    + rf"|{_PLACE},[^\n—–]{{0,30}}?\b{_MONTHS}[^\n—–]{{0,30}}?{_BRACKETS}?"
    + rf"|{_PLACE}(?:,[^\n—–()]{{0,40}})?{_BRACKETS}"
    + rf")\s*{_DASH}(?=\s)",
    re.MULTILINE,
)
# A name's word, after any particles written in lower case ("al-Harthy", "van der Berg").
_PARTICLES = "al el ad bin ibn bint abu de del della da di do dos das du van von der den le la"
_PARTICLE = "(?:(?:" + "|".join(_PARTICLES.split()) + ")[- ])"
_NAME = rf"{_PARTICLE}*[A-Z][\w.'’\-]*"
_WORDS = rf"{_NAME}(?: {_NAME}){{0,3}}"  # "John Roe", "Salem al-Harthy"
# "By Jane Doe", "By Jane Doe and John Roe, Reuters": a line of capitalised names only
# (not "By Friday, the rebels had ...").
_BYLINE = re.compile(
    rf"^[ \t]*By [A-Z][\w.'’\-]* {_WORDS}(?:(?:,| and) {_WORDS})*[ \t]*$", re.MULTILINE
)
# "Photo: John Roe/AFP", "Photo credit: John Roe / Lakeside Herald", "Credit: ...", "Image:
# ...": to the end of the line.
_CREDIT_LINE = re.compile(
    r"(?:^|(?<=[\s(]))(?:(?:Photo(?:graph)?|Image|Picture)s?(?: [Cc]redits?)?|Credits?): "
    r"[^\n]{0,120}",
    re.MULTILINE,
)
_AGENCIES = (
    "Reuters", "AFP", "AP", "Associated Press", "Agence France-Presse", "Getty Images",
    "Getty", "EPA", "Xinhua", "Anadolu Agency", "Anadolu", "Bloomberg", "dpa", "ANSA", "TASS",
    "Sputnik", "Shutterstock",
)  # fmt: skip
_AGENCY = "(?:" + "|".join(re.escape(a) for a in _AGENCIES) + ")"
# "(Reuters)", "(AFP)", "(AP Photo/John Roe)": brackets holding an agency or a credit only.
_BRACKETED = re.compile(rf"\((?:[^()\n]{{0,40}}/)?{_AGENCY}(?: Photo)?(?:/[^()\n]{{1,40}})?\)")
# "John Roe/AFP via Getty Images", "AFP via Getty Images", "Reuters/John Roe".
_VIA = re.compile(
    rf"(?:{_WORDS}/)?{_AGENCY}(?: via (?:Getty Images|Getty|AP|Reuters))?(?:/{_WORDS})?"
)


def first_dateline(text: str) -> tuple[int, int] | None:
    """Character range of the first dateline of ``text`` ("QUITO —"), if any."""
    match = _DATELINE.search(text)
    return match.span() if match else None


def credit_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` that are datelines, bylines or picture and agency credits."""
    ranges = [m.span() for m in _DATELINE.finditer(text)]
    ranges += [m.span() for m in _BYLINE.finditer(text)]
    ranges += [m.span() for m in _CREDIT_LINE.finditer(text)]
    ranges += [m.span() for m in _BRACKETED.finditer(text)]
    ranges += [m.span() for m in _VIA.finditer(text) if _credit_like(m.group())]
    return sorted(ranges)


def _credit_like(match: str) -> bool:
    """A slash- or "via"-joined credit ("Roe/AFP", "AFP via Getty Images"), not a bare name."""
    return "/" in match or " via " in match
