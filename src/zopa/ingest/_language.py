"""Language identification: a fast path for plain English, lingua for everything else.

News in English is recognised from its function words (``the``, ``of``, ``and`` ...
make up well over a tenth of any English prose and almost none of other
languages'); everything else, and short or mixed texts, goes to lingua's
statistical detector, whose models ship in its wheel (no download).
"""

from __future__ import annotations

import re
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

__all__ = ["UNDETERMINED", "detect_language"]

UNDETERMINED = "und"
_SAMPLE_CHARS = 1500
_FAST_PATH_MIN_WORDS = 40
_FAST_PATH_MIN_SHARE = 0.15
_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on with as was by it at from are be has have said "
    "this not but an its were will which their or they he she his her had who would".split()
)


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_all_spoken_languages().build()


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language of ``text`` ("en", "ru", "uk", ...) or ``"und"``."""
    sample = text[:_SAMPLE_CHARS]
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return UNDETERMINED
    if len(words) >= _FAST_PATH_MIN_WORDS:
        share = sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words)
        if share >= _FAST_PATH_MIN_SHARE:
            return "en"
    language: Language | None = _detector().detect_language_of(sample)
    if language is None:
        return UNDETERMINED
    return str(language.iso_code_639_1.name).lower()
