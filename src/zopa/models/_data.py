"""Decisions with known outcomes, read into bargaining problems for validation.

Two layouts: the DEU table (``format="deu"``; see ``../shared/data/deu/README.md``)
and a plain long CSV (``format="csv"``), one row per actor and issue with columns
``issue, actor, position, salience, capability, reference_point, outcome``, an
optional ``group`` (issues of one group — e.g. one proposal — are bargained
together and resampled together; default: each issue its own group) and optional
``scale_min, scale_max`` (the ends of the issue's scale). In the CSV, salience is
0–100 like DEU, and ``reference_point``, ``outcome`` and the scale repeat on the
rows of an issue (the scale may be blank on all but one). An issue without a
declared scale is scaled by a rule (:data:`CSV_SCALE_RULES`): 0–100 unless one of
its values falls outside (then its own minimum and maximum), or the range of the
actors' positions.
"""

from __future__ import annotations

import csv
import io
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from zopa.errors import ConfigError, quoted
from zopa.files import MAX_DATA_FILE_BYTES, read_text
from zopa.models._base import BargainingProblem
from zopa.models._capability import COUNCIL_REGIMES, council_regime, council_weight, proposal_year

__all__ = ["CAPABILITY_RULES", "CSV_SCALE_RULES", "OutcomeDataset", "load_csv", "load_deu"]

FloatArray = NDArray[np.float64]
CAPABILITY_RULES = ("equal", "gdp", "council")


@dataclass(frozen=True)
class OutcomeDataset:
    """Bargaining problems (one per group of issues) with each issue's recorded outcome.

    ``outcomes[k]`` is ``(m_k,)`` for ``problems[k]``; ``groups[k]`` names the group
    (DEU: the proposal id). ``capability`` says which capability rule was applied
    and ``notes`` anything a reader of the figures must know.
    """

    source: str
    capability: str
    problems: tuple[BargainingProblem, ...]
    outcomes: tuple[FloatArray, ...]
    groups: tuple[str, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)


def _value(text: str, low: float = 0.0, high: float = 100.0) -> float:
    """A number in ``[low, high]``, or ``nan`` for blank or out-of-range values."""
    text = text.strip().strip('"')
    if not text:
        return math.nan
    try:
        value = float(text)
    except ValueError:
        return math.nan
    return value if low <= value <= high else math.nan


def load_deu(
    path: str | Path, *, capability: str = "equal", default_salience: float = 50.0
) -> OutcomeDataset:
    """Read a DEU table into one :class:`BargainingProblem` per proposal.

    Parameters
    ----------
    path:
        The tab-separated DEU file (header row, a GDP row, then one row per issue).
    capability:
        ``"equal"``, ``"gdp"`` (row 2 of the file) or ``"council"`` (Council voting
        weights of the treaty in force; see :mod:`zopa.models._capability`).
    default_salience:
        Salience (0–100) given to an actor with a position but no salience; DEU's
        convention is 50 (a documented, overridable choice).

    Notes
    -----
    Positions, saliences, reference points and outcomes outside 0–100 or blank are
    missing. The issue id ``isnr`` is the key; ``prnr`` groups issues by proposal.
    """
    if capability not in CAPABILITY_RULES:
        raise ConfigError(
            f"unknown capability rule {capability!r}; use one of {', '.join(CAPABILITY_RULES)}"
        )
    if not 0 <= default_salience <= 100:
        raise ConfigError(f"default salience {default_salience} must lie in 0–100")
    path = Path(path)
    text = read_text(path, max_bytes=MAX_DATA_FILE_BYTES, error=ConfigError, what="DEU file")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t"))
    if len(rows) < 3:
        raise ConfigError(f"{path}: a DEU file needs a header, a GDP row and issue rows")
    header = [h.strip().strip('"') for h in rows[0]]
    col = {name: i for i, name in enumerate(header)}
    missing = [c for c in ("prnr", "isnr", "rp", "out") if c not in col]
    if missing:
        raise ConfigError(f"{path}:1: DEU header lacks column(s) {', '.join(missing)}")
    skip = {"prnr", "prname", "proc", "proccde", "prnrnmc"}
    actors = tuple(
        h[1:] for h in header if h.startswith("p") and h not in skip and "s" + h[1:] in col
    )
    gdp_row = rows[1]
    gdp = np.array([_value(gdp_row[col["p" + a]], 0.0, math.inf) for a in actors])
    by_proposal: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)
    for line, row in enumerate(rows[2:], start=3):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            raise ConfigError(f"{path}:{line}: {len(row)} fields, expected {len(header)}")
        by_proposal[row[col["prnr"]].strip().strip('"')].append((line, row))
    problems, outcomes, groups = [], [], []
    notes: list[str] = [f"salience {default_salience:g} for actors with a position but none"]
    regimes_used: dict[str, int] = defaultdict(int)
    for proposal, issue_rows in by_proposal.items():
        issues = tuple(r[col["isnr"]].strip().strip('"') for _, r in issue_rows)
        x = np.array([[_value(r[col["p" + a]]) for _, r in issue_rows] for a in actors])
        s = np.array([[_value(r[col["s" + a]]) for _, r in issue_rows] for a in actors])
        s = np.where(np.isnan(x), np.nan, np.where(np.isnan(s), default_salience, s)) / 100.0
        rp = np.array([_value(r[col["rp"]]) for _, r in issue_rows])
        out = np.array([_value(r[col["out"]]) for _, r in issue_rows])
        if capability == "equal":
            cap = np.ones(len(actors))
        elif capability == "gdp":
            cap = np.nan_to_num(gdp, nan=0.0)
        else:
            line = issue_rows[0][0]
            try:
                regime = council_regime(proposal_year(proposal))
            except ValueError as exc:
                raise ConfigError(f"{path}:{line}: {exc}") from None
            # A proposal introduced before an enlargement but decided after it has
            # participants the introduction-year regime does not weigh: use the first
            # later regime that weighs every participant.
            taking_part = [a for k, a in enumerate(actors) if not np.all(np.isnan(x[k]))]
            order = list(COUNCIL_REGIMES)
            for candidate in order[order.index(regime) :]:
                if all(council_weight(candidate, a) is not None for a in taking_part):
                    if candidate != regime:
                        notes.append(
                            f"proposal {proposal}: {regime} lacks weights for some participants; "
                            f"used {candidate}"
                        )
                    regime = candidate
                    break
            else:
                raise ConfigError(
                    f"{path}:{line}: proposal {proposal} has participants without a Council weight"
                )
            regimes_used[regime] += 1
            weights = [council_weight(regime, a) for a in actors]
            cap = np.array([0.0 if w_ is None else w_ for w_ in weights])
        problems.append(
            BargainingProblem(
                actors=actors, issues=issues, positions=x, salience=s, capability=cap, reference=rp
            )
        )
        outcomes.append(out)
        groups.append(proposal)
    if capability == "council":
        notes.append(
            "council weights by regime (proposals): "
            + ", ".join(f"{k} {v}" for k, v in sorted(regimes_used.items()))
            + "; Commission and Parliament weigh as the largest member state"
        )
    if capability == "gdp":
        notes.append("GDP from row 2 of the file (not part of DEU)")
    return OutcomeDataset(
        source=str(path),
        capability=capability,
        problems=tuple(problems),
        outcomes=tuple(outcomes),
        groups=tuple(groups),
        notes=tuple(notes),
    )


CSV_COLUMNS = ("issue", "actor", "position", "salience", "capability", "reference_point", "outcome")
SCALE_COLUMNS = ("scale_min", "scale_max")
#: How ``load_csv`` scales an issue whose rows declare no ``scale_min``/``scale_max``.
CSV_SCALE_RULES = ("auto", "actors")


def _float(text: str, where: str, column: str) -> float:
    text = text.strip()
    if not text:
        return math.nan
    try:
        value = float(text)
    except ValueError:
        raise ConfigError(f"{where}: {column} {quoted(text)} is not a number") from None
    if math.isinf(value):
        raise ConfigError(f"{where}: {column} {quoted(text)} is not a finite number")
    return value


Records = list[tuple[int, dict[str, str]]]


def _declared_scales(records: Records, path: Path) -> dict[str, tuple[float, float, int]]:
    """Each issue's ``scale_min``/``scale_max`` (and the line declaring it), if any row gives them.

    Blank on a row means "not said here"; the rows of one issue that give a scale
    must give the same one.
    """
    declared: dict[str, tuple[float, float, int]] = {}
    for line, rec in records:
        where = f"{path}:{line}"
        low, high = (_float(rec[c], where, c) for c in SCALE_COLUMNS)
        if math.isnan(low) and math.isnan(high):
            continue
        if math.isnan(low) or math.isnan(high):
            raise ConfigError(f"{where}: give both scale_min and scale_max, or leave both blank")
        if not low < high:
            raise ConfigError(
                f"{where}: scale_min {low:g} is not below scale_max {high:g}; "
                "give the lower end of the issue's scale first"
            )
        issue = rec["issue"].strip()
        if issue in declared and declared[issue][:2] != (low, high):
            first_low, first_high, first_line = declared[issue]
            raise ConfigError(
                f"{where}: issue {quoted(issue)} has scale {low:g} to {high:g} here but "
                f"{first_low:g} to {first_high:g} on line {first_line}; give one scale per issue"
            )
        declared.setdefault(issue, (low, high, line))
    return declared


def _rule_scale(x: FloatArray, rp: FloatArray, out: FloatArray, rule: str) -> FloatArray:
    """``(m, 2)`` scales of issues without a declared one.

    ``"auto"``: 0–100 unless a position, reference point or outcome falls outside,
    then the range of those values; ``"actors"``: the range of the actors'
    positions (Scholz, Calbert & Smith 2011 divide distances by ``x_max - x_min``).
    """
    values = x if rule == "actors" else np.vstack([x, rp[None, :], out[None, :]])
    known = ~np.all(np.isnan(values), axis=0)
    low = np.where(known, np.nanmin(np.where(known, values, 0.0), axis=0), 0.0)
    high = np.where(known, np.nanmax(np.where(known, values, 100.0), axis=0), 100.0)
    if rule == "auto":
        inside = (low >= 0) & (high <= 100)
        low, high = np.where(inside, 0.0, low), np.where(inside, 100.0, high)
    return np.column_stack([low, np.maximum(high, low + 1e-9)])


def _check_in_scale(
    where: str, issue: str, values: dict[str, float], scale: tuple[float, float, int]
) -> None:
    """A value of a row (``nan``: blank) outside its issue's declared scale is an error."""
    low, high, _ = scale
    for column, value in values.items():
        if not math.isnan(value) and not low <= value <= high:
            raise ConfigError(
                f"{where}: {column} {value:g} lies outside issue {quoted(issue)}'s "
                f"scale {low:g} to {high:g}; fix the value or scale_min/scale_max"
            )


def load_csv(
    path: str | Path, *, default_salience: float = 50.0, scale: str = "auto"
) -> OutcomeDataset:
    """Read the plain long CSV layout (see the module docstring) into a dataset.

    Parameters
    ----------
    path:
        The CSV file.
    default_salience:
        Salience (0–100) of a row with a position but no salience.
    scale:
        How to scale issues whose rows declare no ``scale_min``/``scale_max``:
        ``"auto"`` (0–100 unless values fall outside, then their range) or
        ``"actors"`` (the range of the actors' positions, as Scholz et al. 2011).
    """
    if scale not in CSV_SCALE_RULES:
        raise ConfigError(f"unknown scale rule {quoted(scale)}; use one of auto, actors")
    path = Path(path)
    text = read_text(path, max_bytes=MAX_DATA_FILE_BYTES, error=ConfigError, what="CSV file")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = [f.strip() for f in reader.fieldnames or []]
    lacking = [c for c in CSV_COLUMNS if c not in fields]
    if lacking:
        raise ConfigError(
            f"{path}:1: CSV lacks column(s) {', '.join(lacking)}; expected "
            f"{', '.join(CSV_COLUMNS)} (and optionally group, scale_min, scale_max)"
        )
    half = [c for c in SCALE_COLUMNS if c in fields]
    if len(half) == 1:
        raise ConfigError(
            f"{path}:1: CSV has column {half[0]} without its partner; "
            "give both scale_min and scale_max, or neither"
        )
    records = [
        (line, {k.strip(): (v or "") for k, v in row.items() if k})
        for line, row in enumerate(reader, start=2)
    ]
    declared = _declared_scales(records, path) if half else {}
    grouped: dict[str, Records] = defaultdict(list)
    for line, rec in records:
        group = rec.get("group", "").strip() or rec["issue"].strip()
        grouped[group].append((line, rec))
    problems, outcomes, groups = [], [], []
    for group, recs in grouped.items():
        problem, outcome = _csv_group(path, group, recs, default_salience, scale, declared)
        problems.append(problem)
        outcomes.append(outcome)
        groups.append(group)
    rule = (
        "the actors' range of positions (Scholz et al. 2011)"
        if scale == "actors"
        else "0-100 unless values fall outside it, then their range"
    )
    return OutcomeDataset(
        source=str(path),
        capability="from file",
        problems=tuple(problems),
        outcomes=tuple(outcomes),
        groups=tuple(groups),
        notes=(
            f"salience {default_salience:g} for rows with a position but none",
            f"scale: declared (scale_min, scale_max) for {len(declared)} issue(s); "
            f"otherwise {rule}",
        ),
    )


def _csv_group(
    path: Path,
    group: str,
    recs: Records,
    default_salience: float,
    rule: str,
    declared: dict[str, tuple[float, float, int]],
) -> tuple[BargainingProblem, FloatArray]:
    """One group's rows as a problem and its issues' recorded outcomes."""
    actors = tuple(dict.fromkeys(r["actor"].strip() for _, r in recs))
    issues = tuple(dict.fromkeys(r["issue"].strip() for _, r in recs))
    n, m = len(actors), len(issues)
    x, s = np.full((n, m), np.nan), np.full((n, m), np.nan)
    cap = np.full(n, np.nan)
    rp, out = np.full(m, np.nan), np.full(m, np.nan)
    for line, r in recs:
        where = f"{path}:{line}"
        i, j = actors.index(r["actor"].strip()), issues.index(r["issue"].strip())
        x[i, j] = _float(r["position"], where, "position")
        sal = _float(r["salience"], where, "salience")
        if not math.isnan(sal) and not 0 <= sal <= 100:
            raise ConfigError(f"{where}: salience {sal:g} must lie in 0–100")
        s[i, j] = default_salience if math.isnan(sal) else sal
        c = _float(r["capability"], where, "capability")
        if math.isnan(c) or c < 0:
            raise ConfigError(f"{where}: capability must be a non-negative number")
        if not math.isnan(cap[i]) and cap[i] != c:
            raise ConfigError(
                f"{where}: actor {quoted(actors[i])} has capability {c:g} here but {cap[i]:g} "
                f"earlier in group {quoted(group)}; one capability per actor and group"
            )
        cap[i] = c
        rp[j] = _float(r["reference_point"], where, "reference_point")
        out[j] = _float(r["outcome"], where, "outcome")
        if issues[j] in declared:
            low, high, _ = declared[issues[j]]
            for column, value in (
                ("position", x[i, j]),
                ("reference_point", rp[j]),
                ("outcome", out[j]),
            ):
                if not math.isnan(value) and not low <= value <= high:
                    raise ConfigError(
                        f"{where}: {column} {value:g} lies outside issue {quoted(issues[j])}'s "
                        f"scale {low:g} to {high:g}; fix the value or scale_min/scale_max"
                    )
    s = np.where(np.isnan(x), np.nan, s) / 100.0
    scale = _rule_scale(x, rp, out, rule)
    for j, issue in enumerate(issues):
        if issue in declared:
            scale[j] = declared[issue][:2]
    problem = BargainingProblem(
        actors=actors,
        issues=issues,
        positions=x,
        salience=s,
        capability=np.nan_to_num(cap, nan=0.0),
        reference=rp,
        scale=scale,
    )
    return problem, out
