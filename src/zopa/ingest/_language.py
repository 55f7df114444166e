"""Language identification with lingua (offline, models ship in the wheel)."""

from __future__ import annotations

from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

__all__ = ["UNDETERMINED", "detect_language"]

UNDETERMINED = "und"
_SAMPLE_CHARS = 2000


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_all_spoken_languages().with_low_accuracy_mode().build()


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language of ``text`` ("en", "ru", "uk", ...) or ``"und"``.

    Reads the first couple of thousand characters, enough for a news article.
    """
    sample = text[:_SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return UNDETERMINED
    language: Language | None = _detector().detect_language_of(sample)
    if language is None:
        return UNDETERMINED
    return str(language.iso_code_639_1.name).lower()
