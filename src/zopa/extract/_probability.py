"""The scale from words of estimative probability to numbers.

The scale is *derived* from two surveys of how readers understand probability
phrases, read from ``../shared/data/verbal_probability/``:

- **CAPphrase** — Kucharski, A. J. (2026). *CAPphrase: how people interpret
  probability phrases* [data set]. Zenodo. doi:10.5281/zenodo.18750055. Licence
  CC BY 4.0. About 5,000 respondents each gave a number (0–100) for 19 phrases
  (``CAPphrase_absolute_judgements.csv``).
- **perceptions** — the /r/samplesize survey of 17 Sherman-Kent-style phrases
  collected by Zoni Nation (https://github.com/zonination/perceptions, file
  ``probly.csv``, licence MIT), one row per respondent
  (``perceptions_probly.csv``).

For every phrase the scale keeps the number of answers, the median and the
quartiles (linear interpolation, numpy's default), as probabilities in [0, 1].
When both surveys asked the same phrase, the survey with more answers is the
primary entry and the other is kept alongside. Because zopa runs without the
survey files, the derived numbers ship as ``data/probability_scale.json``;
regenerate it with::

    python -m zopa.extract._probability ../shared/data/verbal_probability

Phrases the surveys do not cover are handled by three stated rules
(:func:`estimate_for`):

1. **Extension by anchor.** Each extra phrase in :data:`EXTENSIONS` is mapped to
   the surveyed phrase nearest in meaning (its *anchor*) and takes the anchor's
   median and quartiles ("slim chance" → "chances are slight", "illusory" →
   "almost no chance", "doubtful" → "we doubt"). Explicit numbers ("30 percent",
   "one in four") are taken as written, with the interval collapsed on them;
   odds are converted exactly (:func:`odds_estimate`: "two to one against" is
   1/3, "four to one on" 4/5, a bookmaker's bare "three to one" is against). A
   bound keeps the side it leaves open as the interval and the number as written
   as the point (:func:`bounded`: "below 10 percent" is 0.1 in [0, 0.1], "more
   than 70%" 0.7 in [0.7, 1]): the text gives no other number.
   A comparison ("more likely", "less likely than a month ago") gives a direction,
   not a level (:func:`direction`): the point is 0.5 in the whole interval [0, 1], so
   it says nothing of the level and a forecast does not count it.
2. **Intensifiers** (Mosteller & Youtz 1990): "very", "really", "quite", "so"
   move every number of the phrase half-way to the nearer bound (0 or 1);
   "extremely", "highly", "exceedingly", "incredibly" do it twice. A surveyed
   intensified phrase ("highly likely") uses its own survey entry instead. An
   intensified phrase of mere possibility ("quite possible", "entirely
   possible") says the thing may well happen, not that it is doubtful, and
   takes the anchor "realistic possibility".
3. **Negation** ("not likely", "no chance"): the negation of certainty ("not
   certain", "far from certain", "by no means sure") denies only the certainty
   and leaves the question open: anchor "might happen". Any other phrase above
   even odds is mirrored (p → 1 − p, quartiles swapped); the negation of a phrase of mere
   possibility ("possible", "may happen") means impossibility and takes the
   anchor "almost no chance"; the negation of any other phrase at or below even
   odds ("not unlikely", "not impossible") takes the anchor "realistic
   possibility", because such double negatives are read as a moderate chance
   rather than as the mirror image (Mosteller & Youtz 1990, section 5).

References
----------
Mosteller, F., & Youtz, C. (1990). Quantifying probabilistic expressions.
*Statistical Science*, 5(1), 2–12. doi:10.1214/ss/1177012242.

Kent, S. (1964). Words of estimative probability. *Studies in Intelligence*, 8(4), 49–65.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np

from zopa.errors import ExtractionError

__all__ = [
    "CERTAINTY_ANCHORS",
    "EXTENSIONS",
    "INTENSIFIERS",
    "POSSIBILITY_PHRASES",
    "Bound",
    "Estimate",
    "PhraseStats",
    "Scale",
    "bounded",
    "derive_scale",
    "direction",
    "estimate_for",
    "explicit_estimate",
    "load_scale",
    "odds_estimate",
    "shipped_scale",
]

SOURCES: dict[str, dict[str, str]] = {
    "capphrase": {
        "citation": (
            "Kucharski, A. J. (2026). CAPphrase: how people interpret probability phrases. "
            "Zenodo. doi:10.5281/zenodo.18750055"
        ),
        "licence": "CC BY 4.0",
        "file": "CAPphrase_absolute_judgements.csv",
    },
    "perceptions": {
        "citation": (
            "Zoni Nation. perceptions: survey of probability phrases on /r/samplesize. "
            "https://github.com/zonination/perceptions"
        ),
        "licence": "MIT",
        "file": "perceptions_probly.csv",
    },
}

#: Extra phrases → the surveyed phrase nearest in meaning (rule 1 of the module docs).
EXTENSIONS: dict[str, str] = {
    # near-impossibility
    "impossible": "almost no chance",
    "illusory": "almost no chance",
    "nonexistent": "almost no chance",
    "non-existent": "almost no chance",
    "negligible": "almost no chance",
    "zero": "almost no chance",
    "no chance": "almost no chance",
    "expect nothing": "almost no chance",
    "out of the question": "almost no chance",
    "hardly possible": "highly unlikely",
    "no reason to expect": "highly unlikely",
    "cannot imagine": "highly unlikely",
    "can't imagine": "highly unlikely",
    "non-starter": "almost no chance",
    "slim to none": "almost no chance",
    "never going to": "almost no chance",
    "not going to happen": "almost no chance",
    "doomed": "almost no chance",
    # small chances
    "remote": "remote chance",
    "distant": "remote chance",
    "long shot": "remote chance",
    "slim": "chances are slight",
    "slight": "chances are slight",
    "small": "little chance",
    "low": "little chance",
    "minimal": "little chance",
    "trivial": "little chance",
    "tiny": "little chance",
    "little": "little chance",
    "dim": "little chance",
    "bleak": "little chance",
    "poor": "little chance",
    "doubtful": "we doubt",
    "doubt": "we doubt",
    "do not expect": "unlikely",
    "do not think": "probably not",
    "low expectations": "unlikely",
    "surprised": "unlikely",
    "stacked against": "little chance",
    # middle
    "possible": "could happen",
    "possibly": "might happen",
    "maybe": "might happen",
    "perhaps": "might happen",
    "no guarantee": "might happen",
    "real": "realistic possibility",
    "realistic": "realistic possibility",
    "fair": "realistic possibility",
    "decent": "realistic possibility",
    "distinct": "realistic possibility",
    "within reach": "realistic possibility",
    "could well": "realistic possibility",
    "even": "about even",
    "fifty-fifty": "about even",
    "toss-up": "about even",
    "coin toss": "about even",
    "coin flip": "about even",
    "touch and go": "about even",
    "odds-on": "better than even",
    "more likely than not": "better than even",
    # large chances
    "most likely": "probable",
    "most probable": "probable",
    "good": "likely",
    "confident": "very good chance",
    "high": "highly likely",
    "strong": "highly likely",
    "every chance": "highly likely",
    "all chances": "highly likely",
    "certain": "almost certain",
    "sure": "almost certain",
    "inevitable": "almost certain",
    "safe bet": "highly likely",
    "bound to": "almost certain",
    "always going to": "almost certain",
    "foregone conclusion": "almost certain",
    "beyond doubt": "almost certain",
    "sure thing": "almost certain",
    # hindsight: what was known to come ("had been predictable", "everybody knew it was coming")
    "predictable": "almost certain",
    "foreseeable": "almost certain",
    "knew": "almost certain",
    # a thing expected to happen ("expected the truce to hold")
    "expect": "likely",
}

#: Intensifier → how many half-way steps it moves a phrase to the nearer bound (rule 2).
INTENSIFIERS: dict[str, int] = {
    "very": 1,
    "really": 1,
    "entirely": 1,
    "perfectly": 1,
    "quite": 1,
    "so": 1,
    "extremely": 2,
    "highly": 2,
    "exceedingly": 2,
    "incredibly": 2,
    "vanishingly": 2,
}

#: Phrases whose negation means impossibility (rule 3); intensified, a real chance (rule 2).
POSSIBILITY_PHRASES = frozenset(
    {"possible", "possibly", "may happen", "might happen", "could happen", "maybe", "perhaps"}
)

#: Anchors of certainty, whose negation ("far from certain") means an open question (rule 3).
CERTAINTY_ANCHORS = frozenset({"almost certain", "almost certainly", "will happen"})


@dataclass(frozen=True)
class PhraseStats:
    """What one survey says about one phrase: answers, median and quartiles (0–1)."""

    n: int
    median: float
    q1: float
    q3: float
    source: str

    def as_dict(self) -> dict[str, Any]:
        """Plain-data form used in the shipped JSON."""
        return {
            "n": self.n,
            "median": self.median,
            "q1": self.q1,
            "q3": self.q3,
            "source": self.source,
        }


@dataclass(frozen=True)
class Scale:
    """Surveyed phrases (lower case) → their survey entries, primary (most answers) first."""

    phrases: Mapping[str, tuple[PhraseStats, ...]]

    def stats(self, phrase: str) -> PhraseStats | None:
        """The primary survey entry of ``phrase`` (case-insensitive), or None if not surveyed."""
        entries = self.phrases.get(phrase.lower().strip())
        return entries[0] if entries else None

    def to_json(self) -> dict[str, Any]:
        """The shipped-file form: sources, rules and per-phrase statistics."""
        return {
            "description": (
                "Words of estimative probability -> probability (0-1): per phrase the number "
                "of survey answers, median and quartiles, derived by "
                "zopa.extract._probability.derive_scale from the surveys named in 'sources'."
            ),
            "sources": SOURCES,
            "phrases": {
                phrase: [entry.as_dict() for entry in entries]
                for phrase, entries in sorted(self.phrases.items())
            },
            "extensions": dict(sorted(EXTENSIONS.items())),
            "intensifiers": dict(sorted(INTENSIFIERS.items())),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Scale:
        """Inverse of :meth:`to_json` (reads only the ``phrases`` table)."""
        return cls(
            phrases={
                phrase: tuple(PhraseStats(**entry) for entry in entries)
                for phrase, entries in data["phrases"].items()
            }
        )


@dataclass(frozen=True)
class Estimate:
    """A phrase read as a number: ``low <= probability <= high``, all in [0, 1].

    ``anchor`` is the surveyed phrase the number comes from (None for explicit
    numbers), ``rule`` says how it was obtained (survey, extension, intensifier,
    negation, explicit).
    """

    probability: float
    low: float
    high: float
    anchor: str | None
    rule: str


def _stats(values: list[float], source: str) -> PhraseStats:
    array = np.asarray(values, dtype=float) / 100.0
    q1, median, q3 = np.percentile(array, [25, 50, 75])
    return PhraseStats(
        n=int(array.size),
        median=round(float(median), 4),
        q1=round(float(q1), 4),
        q3=round(float(q3), 4),
        source=source,
    )


def _read_capphrase(path: Path) -> dict[str, list[float]]:
    answers: dict[str, list[float]] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                value = float(row["probability"])
            except (KeyError, TypeError, ValueError):
                raise ExtractionError(
                    f"{path}:{line}: no numeric 'probability' column; expected the CAPphrase "
                    "absolute judgements (response_id, term, probability, order)"
                ) from None
            if 0.0 <= value <= 100.0:
                answers.setdefault(row["term"].strip().lower(), []).append(value)
    return answers


def _read_perceptions(path: Path) -> dict[str, list[float]]:
    answers: dict[str, list[float]] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = [name.strip().lower() for name in next(reader)]
        for row in reader:
            for name, cell in zip(header, row, strict=False):
                try:
                    value = float(cell)
                except ValueError:
                    continue
                if 0.0 <= value <= 100.0:
                    answers.setdefault(name, []).append(value)
    return answers


def derive_scale(data_dir: str | Path) -> Scale:
    """Derive the phrase → probability scale from the survey files in ``data_dir``.

    Parameters
    ----------
    data_dir
        Folder holding ``CAPphrase_absolute_judgements.csv`` and
        ``perceptions_probly.csv`` (see the module docstring for the sources).

    Returns
    -------
    Scale
        Every surveyed phrase (lower case) with, per survey, the number of answers
        in [0, 100], the median and the quartiles divided by 100; entries with
        more answers first. Answers outside [0, 100] are dropped.
    """
    folder = Path(data_dir)
    readers = {"capphrase": _read_capphrase, "perceptions": _read_perceptions}
    merged: dict[str, list[PhraseStats]] = {}
    for source, read in readers.items():
        path = folder / SOURCES[source]["file"]
        if not path.is_file():
            raise ExtractionError(
                f"survey file {path} not found; pass the folder holding the verbal-probability "
                "surveys (../shared/data/verbal_probability)"
            )
        for phrase, values in read(path).items():
            merged.setdefault(phrase, []).append(_stats(values, source))
    return Scale(
        phrases={
            phrase: tuple(sorted(entries, key=lambda entry: (-entry.n, entry.source)))
            for phrase, entries in merged.items()
        }
    )


def load_scale(path: str | Path) -> Scale:
    """Read a scale written by :meth:`Scale.to_json` (one-line error if unreadable)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return Scale.from_json(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ExtractionError(
            f"probability scale {path} cannot be read ({exc.__class__.__name__}); regenerate it "
            "with: python -m zopa.extract._probability ../shared/data/verbal_probability"
        ) from None


@lru_cache(maxsize=1)
def shipped_scale() -> Scale:
    """The scale shipped with zopa (``zopa/extract/data/probability_scale.json``)."""
    path = resources.files("zopa.extract") / "data" / "probability_scale.json"
    return load_scale(str(path))


def _towards_bound(value: float, steps: int, centre: float) -> float:
    bound = 1.0 if centre > 0.5 else 0.0
    for _ in range(steps):
        value += (bound - value) / 2.0
    return value


def _from_stats(stats: PhraseStats, anchor: str, rule: str) -> Estimate:
    return Estimate(stats.median, stats.q1, stats.q3, anchor, rule)


def _base(phrase: str, scale: Scale) -> Estimate | None:
    key = " ".join(phrase.lower().split())
    stats = scale.stats(key)
    if stats is not None:
        return _from_stats(stats, key, "survey")
    anchor = EXTENSIONS.get(key)
    if anchor is not None:
        anchor_stats = scale.stats(anchor)
        if anchor_stats is not None:
            return _from_stats(anchor_stats, anchor, "extension")
    return None


def estimate_for(
    phrase: str,
    *,
    intensifier: str | None = None,
    negated: bool = False,
    negates_outcome: bool = False,
    scale: Scale | None = None,
) -> Estimate | None:
    """Read a probability phrase as a number with its interquartile interval.

    Parameters
    ----------
    phrase
        The core phrase: a surveyed phrase ("likely", "little chance") or an
        extension ("slim", "illusory", "hardly possible").
    intensifier
        An intensifying word in front of it ("very", "extremely"), or None.
    negated
        Whether the phrase is negated ("not likely").
    negates_outcome
        Whether the negation bears on the outcome rather than on the phrase ("almost
        certainly not"): the phrase is then mirrored even when it is one of certainty.
    scale
        The scale to read from; the shipped scale by default.

    Returns
    -------
    Estimate or None
        None when the phrase is neither surveyed nor an extension. A surveyed
        intensified phrase ("highly likely") is looked up whole first.
    """
    table = scale if scale is not None else shipped_scale()
    if intensifier:
        whole = _base(f"{intensifier} {phrase}", table)
        if whole is not None and not negated:
            return whole
    base = _base(phrase, table)
    if base is None:
        return None
    key = " ".join(phrase.lower().split())
    steps = INTENSIFIERS.get((intensifier or "").lower(), 0)
    if steps and key in POSSIBILITY_PHRASES:
        stats = table.stats("realistic possibility")
        if stats is None:
            return None
        base = _from_stats(stats, "realistic possibility", f"intensifier:{intensifier}")
    elif steps:
        centre = base.probability
        base = Estimate(
            _towards_bound(base.probability, steps, centre),
            _towards_bound(base.low, steps, centre),
            _towards_bound(base.high, steps, centre),
            base.anchor,
            f"intensifier:{intensifier}",
        )
    if negated:
        if base.anchor in CERTAINTY_ANCHORS and not negates_outcome:
            stats = table.stats("might happen")
            if stats is None:
                return None
            base = _from_stats(stats, "might happen", "negation")
        elif base.probability > 0.5:
            base = Estimate(
                1 - base.probability, 1 - base.high, 1 - base.low, base.anchor, "negation"
            )
        else:
            anchor = "almost no chance" if key in POSSIBILITY_PHRASES else "realistic possibility"
            stats = table.stats(anchor)
            if stats is None:
                return None
            base = _from_stats(stats, anchor, "negation")
    return Estimate(
        round(base.probability, 4),
        round(min(base.low, base.probability), 4),
        round(max(base.high, base.probability), 4),
        base.anchor,
        base.rule,
    )


def odds_estimate(first: float, second: float, *, against: bool) -> Estimate | None:
    """Odds "first to second" read exactly as a probability.

    Odds against ("two to one against", a bookmaker's "three to one") give
    ``second / (first + second)``; odds on or in favour ("four to one on") give
    ``first / (first + second)``. None when the numbers are not positive.
    """
    if first <= 0 or second <= 0:
        return None
    favourable = second if against else first
    return explicit_estimate(favourable / (first + second))


Bound = Literal["upper", "lower"]
"""The side of its number a bound leaves open: "upper" (at most: "below 10 percent") or
"lower" (at least: "more than 70%")."""


def bounded(value: float, side: Bound) -> Estimate:
    """A bound on a chance ("less than 5%", "at least 30 percent"): the number as written,
    the interval reaching from it to 0 (an upper bound) or to 1 (a lower bound)."""
    point = explicit_estimate(value).probability
    if side == "upper":
        return Estimate(point, 0.0, point, None, "bound:upper")
    return Estimate(point, point, 1.0, None, "bound:lower")


def direction(way: Literal["up", "down"]) -> Estimate:
    """A comparison of chances ("more likely", "less likely than in May"): a direction with
    no level, the whole interval [0, 1] around 0.5 (rule 1 of the module docs)."""
    return Estimate(0.5, 0.0, 1.0, None, f"direction:{way}")


def explicit_estimate(value: float) -> Estimate:
    """An explicit number ("30 percent" → 0.3), clipped to [0, 1], its interval collapsed on it."""
    clipped = round(min(max(value, 0.0), 1.0), 4)
    return Estimate(clipped, clipped, clipped, None, "explicit")


def _main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(
            "usage: python -m zopa.extract._probability DATA_DIR [writes the shipped scale]",
            file=sys.stderr,
        )
        return 2
    scale = derive_scale(argv[0])
    target = Path(__file__).with_name("data") / "probability_scale.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(scale.to_json(), indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(scale.phrases)} phrases to {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
