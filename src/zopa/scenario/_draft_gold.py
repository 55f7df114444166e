"""Gold for a drafted scenario: what an analyst marks in a negotiation's articles.

One ``gold.yaml`` per negotiation (format in ``docs/scenarios.md``, "Scoring a draft
against gold"): the parties, mediators and commentators, how each named reference in
the texts resolves, the issues on oriented scales with every party's position, and
the actor of every claim. :func:`load_draft_gold` validates it once, here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from zopa.errors import ScenarioError, quoted
from zopa.files import MAX_DATA_FILE_BYTES, display_path, read_text
from zopa.scenario._loader import line_of
from zopa.scenario._problems import dotted

__all__ = [
    "FORMAT_HINT",
    "DraftGold",
    "GoldActor",
    "GoldClaim",
    "GoldCommentator",
    "GoldEntity",
    "GoldIssue",
    "load_draft_gold",
]

FORMAT_HINT = "see docs/scenarios.md, 'Scoring a draft against gold'"
Stance = Literal["demand", "goal", "position", "offer", "accept", "reject", "condition", "red_line"]


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldActor(_Gold):
    """A party or a mediator: its key, name, other names, and who speaks for it."""

    key: str = Field(min_length=1, description="ISO3 for a state, org:<slug> or group:<slug>")
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    people: tuple[str, ...] = ()


class GoldCommentator(_Gold):
    """An analyst, academic or journalist quoted for an opinion: never a party."""

    name: str = Field(min_length=1)
    affiliation: str | None = None


class GoldEntity(_Gold):
    """A named reference in one document and how it should resolve.

    ``actor: KEY`` is a state; ``kind: person`` a person (``country``: the party or
    organisation they represent, when there is one); ``kind: org`` or ``group`` an
    organisation or armed group; ``actor: null`` (with ``as``) no actor at all.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    document: str = Field(min_length=1)
    text: str = Field(min_length=1)
    actor: str | None = None
    kind: Literal["person", "org", "group"] | None = None
    country: str | None = None
    as_: Literal["place", "outlet", "byline", "credit"] | None = Field(None, alias="as")

    @model_validator(mode="before")
    @classmethod
    def _one_resolution(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        if "kind" in data and "actor" in data:
            raise ValueError("give either `actor:` (a state key or null) or `kind:`, not both")
        if "kind" not in data and "actor" not in data:
            raise ValueError("give `actor:` (a state key, or null for a non-actor) or `kind:`")
        if "country" in data and data.get("kind") != "person":
            raise ValueError("`country:` is for `kind: person` only")
        if ("as" in data) != ("actor" in data and data["actor"] is None):
            raise ValueError("`as:` goes with `actor: null`, and `actor: null` needs `as:`")
        return data

    @property
    def expected(self) -> Literal["state", "person", "organisation", "none"]:
        """What the reference should resolve to."""
        if self.kind == "person":
            return "person"
        if self.kind is not None:
            return "organisation"
        return "state" if self.actor is not None else "none"


class GoldAnchor(_Gold):
    """One end of an issue's scale: the party that wants it and what it means."""

    party: str = Field(min_length=1)
    means: str = Field(min_length=1)


class GoldIssue(_Gold):
    """An issue on an oriented 0–100 scale with each party's position."""

    id: str = Field(min_length=1)
    lexicon: str | None = Field(description="the closest id of the shipped issue lexicon, or null")
    low: GoldAnchor
    high: GoldAnchor
    positions: dict[str, float] = Field(min_length=1)

    @model_validator(mode="after")
    def _positions_on_scale(self) -> GoldIssue:
        for party, value in self.positions.items():
            if not 0 <= value <= 100:
                raise ValueError(f"position of {party} is {value}; positions are 0–100")
        return self


class GoldClaim(_Gold):
    """A sentence in which a party states its stance on an issue."""

    document: str = Field(min_length=1)
    text: str = Field(min_length=1, description="an exact substring of the claim's sentence")
    actor: str = Field(min_length=1)
    issue: str = Field(min_length=1)
    stance: Stance


class DraftGold(_Gold):
    """The gold of one negotiation."""

    negotiation: str = Field(min_length=1)
    corpus: str | None = Field(None, description="article folder, when not the gold's own")
    parties: tuple[GoldActor, ...] = Field(min_length=1)
    mediators: tuple[GoldActor, ...] = ()
    commentators: tuple[GoldCommentator, ...] = ()
    entities: tuple[GoldEntity, ...] = ()
    issues: tuple[GoldIssue, ...] = ()
    claims: tuple[GoldClaim, ...] = ()

    @model_validator(mode="after")
    def _references(self) -> DraftGold:
        keys = {party.key for party in self.parties}
        issue_ids = {issue.id for issue in self.issues}
        lexicon_ids: set[str] = set()
        for issue in self.issues:
            for party in (issue.low.party, issue.high.party, *issue.positions):
                if party not in keys:
                    raise ValueError(f"issue {issue.id}: {quoted(party)} is not a party key")
            if issue.lexicon is not None:
                if issue.lexicon in lexicon_ids:
                    raise ValueError(f"two issues have the lexicon id {issue.lexicon}")
                lexicon_ids.add(issue.lexicon)
        for claim in self.claims:
            if claim.actor not in keys:
                raise ValueError(f"claim {quoted(claim.text)}: {claim.actor} is not a party key")
            if claim.issue not in issue_ids:
                raise ValueError(f"claim {quoted(claim.text)}: no issue {claim.issue}")
        return self


def load_draft_gold(path: str | os.PathLike[str]) -> DraftGold:
    """Read and validate one ``gold.yaml``.

    Raises
    ------
    ScenarioError
        The file cannot be read, is not YAML, or breaks the format (with its line).
    """
    text = read_text(path, max_bytes=MAX_DATA_FILE_BYTES, error=ScenarioError, what="gold file")
    where = display_path(Path(path))
    try:
        tree = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        raise ScenarioError(f"{where}{line}: invalid YAML in gold file; fix the syntax") from None
    if not isinstance(data, dict):
        raise ScenarioError(f"{where}: a gold file is a YAML mapping; {FORMAT_HINT}")
    try:
        return DraftGold.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        number = line_of(tree, loc) if tree is not None else 0
        field = f" {dotted(loc)}:" if loc else ""
        message = error["msg"].removeprefix("Value error, ")
        raise ScenarioError(f"{where}:{number}:{field} {message}; {FORMAT_HINT}") from None
