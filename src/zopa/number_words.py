"""Numbers written in digits or as English words ("3", "2.5", "three"), for every stage.

Plain Python, so the draft (which places parties by the numbers they state) reads
numbers without loading the NLP pipeline, and extraction reads them the same way.
"""

from __future__ import annotations

__all__ = ["word_number"]

_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}


def word_number(word: str) -> float | None:
    """The value of a number written in digits or as a word ("3", "2.5", "three"), or None."""
    text = word.lower().replace(",", "")
    if text in _WORDS:
        return float(_WORDS[text])
    try:
        return float(text)
    except ValueError:
        return None
