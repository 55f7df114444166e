"""The scenario file format as pydantic models: validated once, when a file is loaded.

A scenario is a negotiation as data (see ``docs/scenarios.md``): issues on 0–100
scales with labelled anchors, actors with capability and per-issue stances,
negotiation formats and the preconditions actors set for them, ratification
constraints (two-level games), who accepts whom as a signatory, deadlines, the
mediator's levers and forecast questions. Every value may carry ``evidence``.

The models are strict about shape (unknown fields are errors, so a typo never
passes silently) and about ranges; cross-references between ids are checked
afterwards by :func:`zopa.scenario.check_scenario`, which can say where in the
file the dangling reference is.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from zopa.errors import quoted
from zopa.scenario._id_ranges import RANGES_PATTERN

__all__ = [
    "PLOVER_EVENT_TYPES",
    "SCALE_MAX",
    "SCALE_MIN",
    "WHAT_TYPES",
    "ActorSpec",
    "AgreementSigned",
    "Amount",
    "Deadline",
    "DeadlineMet",
    "Evidence",
    "FormatHeld",
    "FormatSpec",
    "IssueSpec",
    "Lever",
    "LeverImposed",
    "PloverEvent",
    "Precondition",
    "Question",
    "Ratification",
    "Scenario",
    "Score",
    "Signatories",
    "Stance",
    "Uncertainty",
    "What",
]

SCALE_MIN = 0.0
SCALE_MAX = 100.0

ID_PATTERN = r"^[a-z][a-z0-9_\-]{0,63}$"


def _no_bool(value: Any) -> Any:
    # YAML reads `yes`/`no` as booleans; a boolean is never a meaningful number here.
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got the boolean {str(value).lower()}")
    return value


Number = Annotated[float, BeforeValidator(_no_bool)]


_YES_NO = {"yes": True, "true": True, "no": False, "false": False}


def _yes_no_or_number(value: Any) -> Any:
    # An outcome is yes/no or a number. YAML reads yes, Yes, YES, no, No, NO, true, false as
    # booleans; yes/no/true/false in any other case ("nO") come as text and are read the
    # same way, so the case never matters. The rest is refused here, so the file gets one
    # message instead of one per member of the union.
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str) and value.strip().lower() in _YES_NO:
        return _YES_NO[value.strip().lower()]
    raise ValueError(
        f"expected yes, no (any case) or a number on the issue's scale, got {quoted(value)}"
    )


Id = Annotated[str, Field(pattern=ID_PATTERN, description="an id: lower-case letters, digits, _ -")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)


class Evidence(_Model):
    """Where a value comes from: an extracted item, a document span, or an analyst's note.

    A bare string in the file is read as ``{note: ...}``.
    """

    document: str | None = Field(
        None, description="document id in the store, or a source file name"
    )
    start: int | None = Field(None, ge=0, description="first character of the span")
    end: int | None = Field(None, ge=0, description="character after the span")
    claim: int | None = Field(None, ge=1, description="id of a claim row in the store")
    estimate: int | None = Field(None, ge=1, description="id of an estimate row in the store")
    quote: int | None = Field(None, ge=1, description="id of a quote row in the store")
    digest: str | None = Field(
        None,
        pattern=r"^[0-9a-f]{12,64}$",
        description="the cited text's SHA-256 in hex, its first 12 digits or more (the claim's, "
        "estimate's or quote's text, else the document's span); `zopa scenario check` "
        "warns when the store's text no longer has it",
    )
    issue: str | None = Field(
        None,
        min_length=1,
        description="a cited claim's issue when it was cited; `zopa scenario check` warns when "
        "the store now reads the claim as on another issue",
    )
    note: str | None = Field(None, description="an analyst's note (free text)")
    drop: bool = Field(
        False,
        description="in a question's evidence: leave this estimate out of the experts' forecast",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        return {"note": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _complete(self) -> Evidence:
        if not any((self.document, self.claim, self.estimate, self.quote, self.note)):
            raise ValueError("evidence needs one of document, claim, estimate, quote or note")
        if (self.start is None) != (self.end is None):
            raise ValueError("a span needs both start and end")
        if self.start is not None and self.end is not None and self.start >= self.end:
            raise ValueError(f"span start {self.start} must be before end {self.end}")
        if self.start is not None and self.document is None:
            raise ValueError("a span (start, end) needs the document it is in")
        if self.drop and self.estimate is None:
            raise ValueError("`drop: true` needs the `estimate:` it leaves out")
        if self.digest is not None and not any(
            (self.claim, self.estimate, self.quote, self.start is not None)
        ):
            raise ValueError("a digest needs the claim, estimate, quote or span it is a digest of")
        return self


EvidenceList = list[Evidence]


class _Sourced(_Model):
    """A number with its evidence and the analyst's (or drafter's) confidence in it.

    A bare number in the file is read as ``{value: number}``.
    """

    evidence: EvidenceList = Field(default_factory=list, description="where the value comes from")
    confidence: float | None = Field(None, ge=0, le=1, description="confidence in the value, 0–1")
    placeholder: bool = Field(
        False,
        description="true while the value is a stand-in with no evidence behind it (a draft's "
        "guess for the analyst to replace); delete the flag once the value is set",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_number(cls, data: Any) -> Any:
        if isinstance(data, int | float) and not isinstance(data, bool):
            return {"value": data}
        if isinstance(data, dict | BaseModel):
            return data
        raise ValueError(f"expected a number or a mapping with `value:`, got {data!r}")


class Score(_Sourced):
    """A value on an issue's 0–100 scale (position, salience, red line, status quo)."""

    value: Annotated[Number, Field(ge=SCALE_MIN, le=SCALE_MAX, description="0–100")]


class Amount(_Sourced):
    """A non-negative amount (capability); only relative sizes matter."""

    value: Annotated[Number, Field(ge=0, description="a non-negative number")]


class Uncertainty(_Model):
    """How uncertain a value is: a range (uniform), a triangle, or a normal spread.

    ``[low, high]`` in the file is read as a uniform range. Draws are clipped to 0–100.
    """

    distribution: Literal["uniform", "triangular", "normal"] = Field(
        "uniform",
        description="uniform on [low, high], triangular with the value as mode, or normal",
    )
    low: Annotated[Number, Field(ge=SCALE_MIN, le=SCALE_MAX)] | None = Field(
        None, description="lowest plausible value (uniform, triangular)"
    )
    high: Annotated[Number, Field(ge=SCALE_MIN, le=SCALE_MAX)] | None = Field(
        None, description="highest plausible value (uniform, triangular)"
    )
    sd: Annotated[Number, Field(gt=0, le=SCALE_MAX)] | None = Field(
        None, description="standard deviation (normal)"
    )

    @model_validator(mode="before")
    @classmethod
    def _from_pair(cls, data: Any) -> Any:
        if isinstance(data, list) and len(data) == 2:
            return {"low": data[0], "high": data[1]}
        return data

    @model_validator(mode="after")
    def _complete(self) -> Uncertainty:
        if self.distribution == "normal":
            if self.sd is None:
                raise ValueError("a normal uncertainty needs sd")
        elif self.low is None or self.high is None:
            raise ValueError(f"a {self.distribution} uncertainty needs low and high")
        elif self.low >= self.high:
            raise ValueError(f"uncertainty low {self.low:g} must be below high {self.high:g}")
        return self


class Stance(_Model):
    """An actor's position on one issue, how much the issue matters to it, and its red line."""

    position: Score = Field(description="the outcome the actor wants, 0–100 on the issue's scale")
    salience: Score = Field(
        description="how much the issue matters to the actor, 0 (not at all) to 100 (above all)"
    )
    uncertainty: Uncertainty | None = Field(
        None, description="uncertainty of the position: [low, high] or a distribution"
    )
    red_line: Score | None = Field(
        None, description="the worst value the actor can accept (its reservation point)"
    )
    red_line_uncertainty: Uncertainty | None = Field(
        None, description="uncertainty of the red line: [low, high] or a distribution"
    )
    accepts: Literal["above", "below"] | None = Field(
        None,
        description="which side of the red line is acceptable (default: the position's side)",
    )
    evidence: EvidenceList = Field(default_factory=list, description="evidence for the stance")

    @property
    def side(self) -> int:
        """``+1`` if values at or above the red line are acceptable, ``-1`` if at or below.

        ``0`` when there is no red line. Without ``accepts`` the side is the one the
        position lies on (the checker refuses a red line equal to the position
        without ``accepts``; it is read as ``above`` here).
        """
        if self.red_line is None:
            return 0
        if self.accepts is not None:
            return 1 if self.accepts == "above" else -1
        return 1 if self.position.value >= self.red_line.value else -1


ActorKind = Literal[
    "state", "leader", "bloc", "mediator", "veto_player", "organisation", "group", "other"
]
VETO_KINDS: frozenset[str] = frozenset({"state", "leader", "bloc", "veto_player"})


class ActorSpec(_Model):
    """A party to the negotiation, a mediator, or a domestic veto player."""

    id: Id
    name: str = Field(min_length=1, description="display name")
    kind: ActorKind = Field(description="state, leader, bloc, mediator, veto_player, ...")
    capability: Amount = Field(description="clout: resources the actor brings to bear (0–100)")
    represents: Id | None = Field(None, description="the actor this one speaks for (a leader)")
    keys: tuple[str, ...] = Field(
        (), description="the store actor keys it stands for (its own, then its people's)"
    )
    veto: bool | None = Field(
        None,
        description="whether its red lines bind the agreement (default: state, leader, bloc "
        "and veto_player do; a veto player named in `ratification` binds only those issues)",
    )
    in_models: bool = Field(True, description="whether bargaining models count this actor")
    positions: dict[str, Stance] = Field(default_factory=dict, description="stance per issue id")
    evidence: EvidenceList = Field(default_factory=list, description="evidence for the actor")

    @property
    def is_veto(self) -> bool:
        """Whether the actor's red lines bind (explicit ``veto`` or its kind's default)."""
        return self.veto if self.veto is not None else self.kind in VETO_KINDS


class IssueSpec(_Model):
    """One issue on a 0–100 scale whose labelled anchors say what the numbers mean."""

    id: Id
    label: str = Field(min_length=1, description="short name of the issue")
    description: str | None = Field(None, description="what the issue is about")
    anchors: dict[Annotated[float, Field(ge=SCALE_MIN, le=SCALE_MAX)], str] = Field(
        min_length=2, description="labelled points of the 0–100 scale, e.g. {0: ..., 100: ...}"
    )
    status_quo: Score | None = Field(None, description="the reference point / status quo, 0–100")
    evidence: EvidenceList = Field(default_factory=list, description="evidence for the issue")


class Precondition(_Model):
    """A condition one actor sets before it takes part in a format."""

    actor: Id = Field(description="the actor that sets the condition")
    kind: Literal["after_format", "refuses", "refuses_venue", "signatory", "other"] = Field(
        description="after_format (only once another format has agreed terms), refuses, "
        "refuses_venue, signatory (only with this signatory present), other"
    )
    format: Id | None = Field(None, description="the format that must come first (after_format)")
    venue: str | None = Field(None, description="the refused venue (refuses_venue)")
    signatory: Id | None = Field(None, description="the required signatory (signatory)")
    text: str | None = Field(None, description="the condition in words")
    evidence: EvidenceList = Field(default_factory=list, description="evidence for the condition")

    @model_validator(mode="after")
    def _needs(self) -> Precondition:
        required = {"after_format": "format", "refuses_venue": "venue", "signatory": "signatory"}
        name = required.get(self.kind)
        if name is not None and getattr(self, name) is None:
            raise ValueError(f"a {self.kind} precondition needs `{name}:`")
        return self


class FormatSpec(_Model):
    """A way the parties could meet: leaders, delegations, mediated or multilateral talks."""

    id: Id
    label: str = Field(min_length=1, description="short name of the format")
    kind: Literal[
        "bilateral_leaders", "delegations", "mediated_trilateral", "multilateral", "other"
    ] = Field(description="bilateral_leaders, delegations, mediated_trilateral, multilateral")
    participants: list[Id] = Field(min_length=1, description="actor ids at the table")
    mediators: list[Id] = Field(default_factory=list, description="actor ids mediating")
    venue: str | None = Field(None, description="where it would take place")
    status: Literal["proposed", "scheduled", "ongoing", "held", "refused"] | None = Field(
        None, description="proposed, scheduled, ongoing, held or refused"
    )
    preconditions: list[Precondition] = Field(
        default_factory=list, description="conditions actors set for this format"
    )
    evidence: EvidenceList = Field(default_factory=list, description="evidence for the format")


class Ratification(_Model):
    """A domestic veto player that must accept what its principal signs (two-level game)."""

    ratifier: Id = Field(description="the actor that ratifies (e.g. a parliament)")
    principal: Id = Field(description="the actor whose signature it ratifies")
    issues: list[Id] = Field(min_length=1, description="issue ids that need ratification")
    rule: str | None = Field(None, description="the decision rule, e.g. a two-thirds majority")
    evidence: EvidenceList = Field(default_factory=list, description="evidence for the rule")


class Signatories(_Model):
    """Whom an actor accepts (or rejects) as a legitimate signatory of an agreement."""

    actor: Id = Field(description="the actor that judges legitimacy")
    accepts: list[Id] = Field(default_factory=list, description="actor ids it accepts")
    rejects: list[Id] = Field(default_factory=list, description="actor ids it rejects")
    evidence: EvidenceList = Field(default_factory=list, description="evidence for the stance")


class Deadline(_Model):
    """A date set by an actor, by which it expects something to happen."""

    id: Id
    set_by: Id = Field(description="the actor that set the deadline")
    date: dt.date = Field(description="the deadline, YYYY-MM-DD")
    applies_to: list[Id] = Field(default_factory=list, description="actor ids it is aimed at")
    description: str | None = Field(None, description="what must happen by then")
    evidence: EvidenceList = Field(default_factory=list, description="evidence for the deadline")


class Lever(_Model):
    """A mediator's or party's lever: sanctions, tariffs, aid, walking away."""

    id: Id
    holder: Id = Field(description="the actor that holds the lever")
    kind: Literal["sanctions", "tariffs", "aid", "arms", "withdrawal", "other"] = Field(
        description="sanctions, tariffs, aid, arms, withdrawal or other"
    )
    targets: list[Id] = Field(min_length=1, description="actor ids it hits")
    status: Literal["threatened", "imposed", "lifted", "expired"] = Field(
        "threatened", description="threatened, imposed, lifted or expired"
    )
    date: dt.date | None = Field(None, description="when it takes (or took) effect")
    deadline: Id | None = Field(None, description="the deadline it enforces")
    description: str | None = Field(None, description="the lever in words")
    evidence: EvidenceList = Field(default_factory=list, description="evidence for the lever")


PloverType = Literal[
    "CONSULT",
    "AGREE",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
PLOVER_EVENT_TYPES: tuple[str, ...] = get_args(PloverType)
"""The PLOVER event types (Halterman et al. 2023) an event question may name."""


class FormatHeld(_Model):
    """Event: a meeting takes place with the given participants, in a given format or any."""

    type: Literal["format_held"]
    format: Id | None = Field(None, description="the format id (default: any format)")
    participants: list[Id] = Field(
        default_factory=list,
        description="actor ids that must all be at the table (default: the format's)",
    )

    @model_validator(mode="after")
    def _something(self) -> FormatHeld:
        if self.format is None and not self.participants:
            raise ValueError("a format_held question needs `format:`, `participants:` or both")
        return self


class AgreementSigned(_Model):
    """Event: an agreement settling the given issues is signed by the given parties."""

    type: Literal["agreement_signed"]
    issues: list[Id] = Field(min_length=1, description="issue ids the agreement settles")
    parties: list[Id] = Field(
        default_factory=list,
        description="actor ids that must sign (default: every veto player on those issues)",
    )


class LeverImposed(_Model):
    """Event: a threatened lever (sanctions, tariffs, ...) is imposed."""

    type: Literal["lever_imposed"]
    lever: Id = Field(description="the lever id")


class DeadlineMet(_Model):
    """Event: what a deadline demands happens by its date."""

    type: Literal["deadline_met"]
    deadline: Id = Field(description="the deadline id")


class PloverEvent(_Model):
    """Event: an event of a PLOVER type between given actors (Halterman et al. 2023).

    ``between: [a, b]`` takes either direction; ``source`` (and optionally
    ``target``) a directed event.
    """

    type: Literal["plover_event"]
    event: PloverType = Field(description="the PLOVER event type, e.g. AGREE, RETREAT, SANCTION")
    mode: str | None = Field(
        None, min_length=1, description="the PLOVER mode, e.g. ceasefire (default: any)"
    )
    between: list[Id] = Field(
        default_factory=list, description="two actor ids, the event in either direction"
    )
    source: Id | None = Field(None, description="the actor that acts (directed event)")
    target: Id | None = Field(None, description="the actor acted upon (directed event)")

    @model_validator(mode="after")
    def _actors(self) -> PloverEvent:
        if self.between and (self.source or self.target):
            raise ValueError("give `between:` or `source:`/`target:`, not both")
        if not self.between and self.source is None:
            raise ValueError("a plover_event question needs `between: [a, b]` or `source:`")
        if self.between and (len(self.between) != 2 or self.between[0] == self.between[1]):
            raise ValueError("`between:` names two different actors")
        return self


What = Annotated[
    FormatHeld | AgreementSigned | LeverImposed | DeadlineMet | PloverEvent,
    Field(discriminator="type"),
]
WHAT_TYPES: tuple[str, ...] = tuple(
    get_args(member.model_fields["type"].annotation)[0]
    for member in (FormatHeld, AgreementSigned, LeverImposed, DeadlineMet, PloverEvent)
)
"""The tags of an event question's ``what:`` (``format_held``, ``agreement_signed``, ...)."""


class Question(_Model):
    """A forecast question a machine can resolve: an event by a date, or an issue's value.

    ``kind: event`` (the default, so older files keep their meaning) asks whether
    ``what:`` happens by ``resolution_date``; its ``outcome`` is yes or no.
    ``kind: value`` asks where ``issue:`` stands on its 0–100 scale at
    ``resolution_date``; its ``outcome`` is a number on that scale. A resolved
    question has both ``outcome`` and ``resolved_on`` (the day the outcome
    became known). Fields are validated in order, so each check below sees the
    fields declared before it and points at the line of the field it names.
    """

    id: Id
    text: str = Field(min_length=1, description="the question")
    kind: Literal["event", "value"] = Field(
        "event", description="event (something happens by the date) or value (an issue's value)"
    )
    what: What | None = Field(
        None,
        validate_default=True,
        description="for an event question, the event in terms of the scenario's ids",
    )
    issue: Id | None = Field(
        None, validate_default=True, description="for a value question, the issue id"
    )
    opens: dt.date | None = Field(None, description="when the question opens, YYYY-MM-DD")
    resolution_date: dt.date = Field(description="when it resolves, YYYY-MM-DD")
    resolution_criteria: str | None = Field(None, description="how it resolves yes or no")
    resolved_on: dt.date | None = Field(
        None, description="the day the outcome became known, YYYY-MM-DD"
    )
    outcome: Annotated[bool | float | None, BeforeValidator(_yes_no_or_number)] = Field(
        None,
        validate_default=True,
        description="once known: yes or no (event), a value on the issue's scale (value)",
    )
    resolution_evidence: EvidenceList = Field(
        default_factory=list, description="where the outcome is documented"
    )
    evidence: EvidenceList = Field(default_factory=list, description="evidence or estimates")

    @field_validator("what")
    @classmethod
    def _what_for_events(cls, value: Any, info: ValidationInfo) -> Any:
        if value is not None and info.data.get("kind") == "value":
            raise ValueError("a value question takes `issue:`, not `what:`")
        return value

    @field_validator("issue")
    @classmethod
    def _issue_for_values(cls, value: str | None, info: ValidationInfo) -> str | None:
        kind = info.data.get("kind")
        if kind == "value" and value is None:
            raise ValueError("a value question needs `issue:` (the issue id whose value it asks)")
        if kind == "event" and value is not None:
            raise ValueError("an event question takes `what:`, not `issue:` (or set kind: value)")
        return value

    @field_validator("resolution_date", "resolved_on")
    @classmethod
    def _after_opening(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        opens = info.data.get("opens")
        if value is not None and opens is not None and value < opens:
            raise ValueError(f"{info.field_name} {value} is before opens {opens}")
        return value

    @field_validator("outcome")
    @classmethod
    def _outcome_fits(cls, value: bool | float | None, info: ValidationInfo) -> Any:
        if value is None:
            if info.data.get("resolved_on") is not None:
                raise ValueError("`resolved_on` is given without an `outcome`")
            return value
        if "resolved_on" in info.data and info.data["resolved_on"] is None:
            raise ValueError("an outcome needs `resolved_on:` (the day it became known)")
        kind = info.data.get("kind")
        if kind == "event" and not isinstance(value, bool):
            raise ValueError(f"an event question's outcome is yes or no, got {value:g}")
        if kind == "value":
            if isinstance(value, bool):
                raise ValueError("a value question's outcome is a number on the issue's scale")
            if not SCALE_MIN <= value <= SCALE_MAX:
                raise ValueError(
                    f"outcome {value:g} is outside the issue's {SCALE_MIN:g}–{SCALE_MAX:g} scale"
                )
        return value

    @property
    def resolved(self) -> bool:
        """Whether the outcome is known."""
        return self.outcome is not None


class Scenario(_Model):
    """A negotiation as data: the root of a scenario file."""

    zopa_scenario: Literal[1] = Field(1, description="version of the scenario format")
    id: Id
    title: str = Field(min_length=1, description="title of the scenario")
    description: str | None = Field(None, description="what the scenario covers")
    as_of: dt.date | None = Field(None, description="the date the scenario describes")
    drafted_from: str | None = Field(
        None,
        pattern=RANGES_PATTERN,
        description="the store documents its drafts read, as id ranges ('1-5,8'): "
        "`scenario draft --base` adds issues, actors and stances only from other documents",
    )
    issues: list[IssueSpec] = Field(min_length=1, description="the issues negotiated")
    actors: list[ActorSpec] = Field(min_length=1, description="the actors")
    formats: list[FormatSpec] = Field(default_factory=list, description="negotiation formats")
    ratification: list[Ratification] = Field(
        default_factory=list, description="ratification constraints (two-level game)"
    )
    signatories: list[Signatories] = Field(
        default_factory=list, description="who accepts whom as a legitimate signatory"
    )
    deadlines: list[Deadline] = Field(default_factory=list, description="deadlines")
    levers: list[Lever] = Field(default_factory=list, description="levers (sanctions, tariffs)")
    questions: list[Question] = Field(default_factory=list, description="forecast questions")
    simulation: dict[str, Any] = Field(
        default_factory=dict,
        description="parameters of the simulation of the talks, e.g. concession_days, beta, "
        "betas, credibility (docs/simulation.md); the rest keep their defaults",
    )
    models: list[str] = Field(
        default_factory=list, description="registry names of models `zopa solve` runs by default"
    )
    evidence: EvidenceList = Field(default_factory=list, description="evidence for the scenario")

    def issue(self, issue_id: str) -> IssueSpec:
        """The issue with id ``issue_id`` (ids are checked unique and known on load)."""
        return next(i for i in self.issues if i.id == issue_id)

    def actor(self, actor_id: str) -> ActorSpec:
        """The actor with id ``actor_id``."""
        return next(a for a in self.actors if a.id == actor_id)


def field_descriptions() -> dict[str, str]:
    """Every field name of the format with its description (used for error hints)."""
    out: dict[str, str] = {}
    for model in (
        Scenario,
        IssueSpec,
        ActorSpec,
        Stance,
        Uncertainty,
        FormatSpec,
        Precondition,
        Ratification,
        Signatories,
        Deadline,
        Lever,
        Question,
        FormatHeld,
        AgreementSigned,
        LeverImposed,
        DeadlineMet,
        PloverEvent,
        Evidence,
        Score,
    ):
        for name, info in model.model_fields.items():
            if info.description and name not in out:
                out[name] = info.description
    return out
