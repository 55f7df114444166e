"""Assemble a draft scenario from the store: parties, mediators, issues, stances, estimates."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from zopa.errors import ScenarioError
from zopa.issue_keys import is_open
from zopa.scenario.draft._capability import capability
from zopa.scenario.draft._merge import Draft
from zopa.scenario.draft._numbers import NumberPlacement, place_by_numbers
from zopa.scenario.draft._open_issues import group_open_issues, open_label
from zopa.scenario.draft._orientation import AGAINST, Orientation, orient, pole_of
from zopa.scenario.draft._parties import Unit, Units, resolve_units, slug
from zopa.scenario.draft._positions import Numbered, Role, placeholder_stance, stance
from zopa.scenario.draft._rows import DraftRows, cite, load_rows
from zopa.scenario.draft._third_parties import BOTH_SIDES, appealing

if TYPE_CHECKING:
    from zopa.store import Claim, Store

__all__ = ["build_draft", "draft_scenario"]

#: How many of the pole's claims on an issue must name a unit without claims of its own to make
#: it a party on the issue (asked to give), unless the events show it against the pole.
_NAMED_TO_BE_A_PARTY = 2


def draft_scenario(
    store: Store,
    *,
    scenario_id: str = "draft",
    title: str | None = None,
    as_of: dt.date | None = None,
    issue_labels: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The data of :func:`build_draft` (the scenario as plain data)."""
    return build_draft(
        store, scenario_id=scenario_id, title=title, as_of=as_of, issue_labels=issue_labels
    ).data


def build_draft(
    store: Store,
    *,
    scenario_id: str = "draft",
    title: str | None = None,
    as_of: dt.date | None = None,
    issue_labels: Mapping[str, str] | None = None,
) -> Draft:
    """Propose a scenario from the claims, events and estimates in ``store``.

    Parameters
    ----------
    store:
        An open store with extracted evidence.
    scenario_id, title:
        Id and title of the draft.
    as_of:
        Use only documents published by this date (undated ones are left out)
        and set the scenario's ``as_of``.
    issue_labels:
        Human labels by issue id; default: the labels of the shipped issue
        lexicon, falling back to the id.

    Returns
    -------
    Draft
        The scenario as plain data (``.data``, ready for :func:`dump_scenario`)
        and the names each actor goes by (``.aliases``, for :func:`merge_draft`).

    Raises
    ------
    ScenarioError
        No claim by a party in the documents used.

    Notes
    -----
    Parties are the states, organisations and groups whose people make claims
    (a person is folded into the state or body they speak for) and those the
    demands are addressed to; mediators come from mediation and hosting
    events, and third parties that only urge both sides are listed with them
    (:mod:`._third_parties`); commentators never become parties, their estimates stay as
    evidence of the scenario. See :mod:`._orientation`, :mod:`._positions` and
    :mod:`._capability` for how each value is placed.
    """
    rows = load_rows(store, as_of)
    forecasters = {e.holder_actor_id for e in rows.estimates if e.holder_actor_id is not None}
    units = resolve_units(rows.actors, rows.outlets, forecasters, live=rows.live)
    if issue_labels is None:
        from zopa.extract._issues import load_issue_lexicon

        issue_labels = {issue.id: issue.label for issue in load_issue_lexicon().issues}
    named = {
        claim.id: {
            u.key
            for actor_id in rows.named.get(claim.id, set())
            if (u := units.unit(actor_id)) is not None and u is not units.unit(claim.actor_id)
        }
        for claim in rows.claims
        if units.unit(claim.actor_id) is not None
    }
    mediators = _mediators(rows, units)
    third = appealing(rows.claims, rows.sentences, lambda a: _key(units.unit(a)))
    for key in third:
        mediators.setdefault(key, [])
    named = {claim: keys - set(mediators) for claim, keys in named.items()}
    by_issue: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    labels: dict[str, str] = {}
    spoken: dict[str, list[Claim]] = defaultdict(list)
    party_claims = [
        (claim, unit) for claim in rows.claims if (unit := units.unit(claim.actor_id)) is not None
    ]
    grouped = group_open_issues(
        Counter(c.issue for c, unit in party_claims if unit.key not in mediators)
    )
    for claim, unit in party_claims:
        spoken[unit.key].append(claim)
        if unit.key in mediators:
            continue
        issue = grouped.get(claim.issue, claim.issue)
        if issue is None:
            continue  # an open issue of a single claim: no issue of the talks
        issue_id = slug(issue, "i")
        by_issue[issue_id][unit.key].append(claim)
        labels.setdefault(
            issue_id, open_label(issue) if is_open(issue) else issue_labels.get(issue, issue)
        )
    if not by_issue:
        where = f" published by {as_of}" if as_of is not None else ""
        raise ScenarioError(
            f"the store holds no claim by a party in the documents{where}; run `zopa extract` "
            "first (or check the actors with `zopa actors`)"
        )
    every = {unit.key: unit for unit in units.units()}
    opposed: dict[str, set[str]] = defaultdict(set)
    for event in rows.hostile:
        ends = units.unit(event.source_actor_id), units.unit(event.target_actor_id)
        if ends[0] is not None and ends[1] is not None and ends[0] is not ends[1]:
            opposed[ends[0].key].add(ends[1].key)
            opposed[ends[1].key].add(ends[0].key)
    # Adversaries on one issue are on opposite sides of another where nothing says
    # otherwise (two sides stating goals on it are not allies by default), in proportion
    # to the evidence: see _carried.
    apart: dict[frozenset[str], set[str]] = defaultdict(set)
    for issue_id in sorted(by_issue):
        first = orient(labels[issue_id], by_issue[issue_id], named, every, rows.excerpts, opposed)
        for key in first.resisting:
            apart[frozenset((first.pole, key))].add(issue_id)
    hostile = {key: set(others) for key, others in opposed.items()}
    for pair in apart:
        first_key, second_key = sorted(pair)
        opposed[first_key].add(second_key)
        opposed[second_key].add(first_key)
    claimants = {key for claims in by_issue.values() for key in claims}
    parties: dict[str, dict[str, Any]] = {}
    issues: list[dict[str, Any]] = []
    for issue_id in sorted(by_issue):
        claims = by_issue[issue_id]
        sides = orient(
            labels[issue_id], claims, named, every, rows.excerpts,
            _carried(issue_id, claims, hostile, apart),
        )  # fmt: skip
        numbers = place_by_numbers(claims, sides.pole)
        if numbers is not None:
            _by_numbers(sides, numbers, every, rows.excerpts)
        issues.append(_issue(issue_id, labels[issue_id], sides))
        pole_name = every[sides.pole].name
        for key in sorted(claims):
            role: Role = (
                "pole" if key == sides.pole else "resisting" if key in sides.resisting else "ally"
            )
            _party(parties, every[key])["positions"][issue_id] = stance(
                claims[key], role, pole_name, _numbered(key, numbers, every)
            )
        for key in sorted(sides.addressees):
            # Asked to give: named again and again in the pole's claims on the issue, or
            # shown against the pole by the events; not one of a list of invitees.
            asking = [c for c in claims[sides.pole] if key in named[c.id]]
            if (
                key not in claimants
                and len(asking) < _NAMED_TO_BE_A_PARTY
                and key not in opposed[sides.pole]
            ):
                continue
            _party(parties, every[key])["positions"][issue_id] = placeholder_stance(
                pole_name, asking
            )
    _at_the_table(rows, units, parties, claimants, set(mediators))
    _claiming_apart(spoken, rows.sentences, parties, every, set(mediators))
    drafted = [(every[key], actor) for key, actor in parties.items()]
    for key in sorted(mediators, key=lambda k: every[k].name):
        drafted.append(
            (every[key], _mediator(every[key], mediators[key], spoken.get(key, []), key in third))
        )
    actors = [actor for _, actor in drafted]
    _unique_ids(actors)
    data: dict[str, Any] = {"id": slug(scenario_id, "s"), "title": title or "Draft scenario"}
    if as_of is not None:
        data["as_of"] = as_of
    if rows.documents:
        data["drafted_from"] = str(rows.documents)
    data |= {"issues": issues, "actors": actors}
    if rows.estimates:
        data["evidence"] = [_estimate(e, rows.actors) for e in rows.estimates]
    return Draft(data, {actor["id"]: _aliases(unit) for unit, actor in drafted}, rows.left_out)


def _amount(number: float, unit: str) -> str:
    shown = f"{number:,.0f}" if number == int(number) else f"{number:,.2f}"
    return (
        f"{shown}%" if unit == "%" else f"{unit} {shown}" if unit == "year" else f"{shown} {unit}"
    )


def _scale_note(numbers: NumberPlacement, every: Mapping[str, Unit]) -> str:
    pole = numbers.pole
    return (
        f"100 = {every[pole].name}'s {_amount(numbers.numbers[pole], numbers.unit)}, "
        f"0 = {every[numbers.far].name}'s {_amount(numbers.numbers[numbers.far], numbers.unit)}"
    )


def _by_numbers(
    sides: Orientation,
    numbers: NumberPlacement,
    every: Mapping[str, Unit],
    words: Mapping[int, str],
) -> None:
    """Orient ``sides`` on the numbers the parties state: the party whose number is farthest
    from the pole's is the 0 end (and resists the pole), the status quo no longer is."""
    sides.resisting.add(numbers.far)
    sides.evidence.insert(
        1, {"note": f"placed by the numbers the parties state: {_scale_note(numbers, every)}"}
    )
    if sides.status_quo is not None:
        sides.status_quo = None
        low = numbers.claims[numbers.far][0]
        sides.anchors[0] = f"{every[numbers.far].name}: “{words.get(low.id) or low.text}”"
        sides.evidence[0] = {
            "note": f"oriented: 100 = {every[sides.pole].name}'s demand, "
            f"0 = what {every[numbers.far].name} states"
        }
        sides.evidence.append(cite("claim", low))


def _numbered(
    key: str, numbers: NumberPlacement | None, every: Mapping[str, Unit]
) -> Numbered | None:
    """A party's position placed by the number it states, with the note saying so."""
    if numbers is None or key not in numbers.values:
        return None
    note = (
        f"placed by the number its claims state: {_amount(numbers.numbers[key], numbers.unit)} "
        f"on a scale where {_scale_note(numbers, every)}"
    )
    return numbers.values[key], note, numbers.claims[key]


#: Stances that say what a party wants for itself: the evidence carried opposition must outweigh.
_OWN_WANTS = frozenset({"demand", "goal"})


def _carried(
    issue_id: str,
    claims: Mapping[str, list[Claim]],
    hostile: Mapping[str, set[str]],
    apart: Mapping[frozenset[str], set[str]],
) -> dict[str, set[str]]:
    """Who acts against whom on ``issue_id``: the events' hostility, and the opposition
    found on other issues where it outweighs the party's own stance here.

    Two parties found on opposite sides of other issues (one resisting the other's
    demand) are set against each other on this one when that evidence weighs at least
    as much as what the non-pole party says it wants here: the number of other issues
    they were found apart on is at least the number of its own demands and goals on
    this issue. One disagreement elsewhere does not turn a party's repeated demands
    into resistance; a party that only offers, accepts or states a position here takes
    the opposition from a single issue.
    """
    out = {key: set(others) for key, others in hostile.items()}
    pole = pole_of(claims)
    for pair, issues in apart.items():
        if pole not in pair:
            continue
        (other,) = pair - {pole}
        wants = sum(c.stance in _OWN_WANTS for c in claims.get(other, []))
        if len(issues - {issue_id}) >= max(1, wants):
            out.setdefault(pole, set()).add(other)
            out.setdefault(other, set()).add(pole)
    return out


def _aliases(unit: Unit) -> set[str]:
    """The names ``unit`` goes by: its own, its store keys, its people's full and last names."""
    last = {person.split(" (")[0].split()[-1].casefold() for person in unit.persons}
    return unit.aliases | last


def _venue_state(place: str) -> str | None:
    """The state (ISO alpha-3) of the largest city called ``place``, ``None`` if none is known."""
    from zopa.extract._places import city_countries

    found = city_countries(place)
    return max(found, key=lambda code: found[code]) if found else None


def _mediators(rows: DraftRows, units: Units) -> dict[str, list[Any]]:
    """Mediating units with their events.

    The doer of a mediation event (mediating, brokering, facilitating, acting as
    guarantor, offering to mediate) mediates; where its other end is an international
    or non-governmental organisation (sector IGO, NGO), that organisation does. The
    host of talks mediates unless it takes a side: it rejects or draws a red line on
    an issue (Russia hosting an envoy in Moscow stays a party; Turkey hosting the
    delegations and urging a ceasefire mediates). The parties' naming it is no
    side: talks are held *in* the host. Talks held in a city of a third state (the
    place of a meeting or a negotiation whose ends are not that state; not a call or
    a visit) make it a host too, unless it also sits at the table itself (an end of a meeting or
    signing) or takes a side. A claim offering to host or mediate ("offered to host a
    technical meeting") makes a host of a unit that takes no side, and so does a mediator
    or facilitator by title ("the SADC mediator Thabo Molefe": a person whose role says
    so, or the body or state he is folded into). A mediation still to
    come (an offer, a proposal: "proposed a quartet to mediate") makes a mediator only of
    a unit that takes no side, and not when another side rejects it in its sentence or
    the next ("Ethiopia rejected the proposal"). A unit another mediator mediates for,
    that rejects or draws a red line, is a side and no mediator.
    """
    opposing = {
        u.key
        for c in rows.claims
        if c.stance in AGAINST and (u := units.unit(c.actor_id)) is not None
    }
    out: dict[str, list[Any]] = defaultdict(list)
    for event in rows.mediations:
        target = rows.actors.get(event.target_actor_id) if event.target_actor_id else None
        # An international or humanitarian body is not mediated between: a mediation
        # "of" one is its own ("talks mediated by the UN and the Red Cross" read backwards).
        doer = event.target_actor_id if _intermediary(target) else event.source_actor_id
        unit = units.unit(doer)
        if unit is None:
            continue
        if event.status != "happened" and (
            unit.key in opposing or _rejected(event, unit.key, rows.rejections, units)
        ):
            continue  # a proposal to mediate that a side turned down, or a side's own
        out[unit.key].append(event)
    for event in rows.hostings:
        unit = units.unit(event.source_actor_id)
        if unit is not None and (unit.key in out or unit.key not in opposing):
            out[unit.key].append(event)
    for actor_id in sorted(rows.live):
        # "the SADC mediator Thabo Molefe": a go-between by title, unless his side takes one
        actor = rows.actors.get(actor_id)
        unit = units.unit(actor_id)
        if (
            actor is not None
            and unit is not None
            and _MEDIATOR_ROLE.search(actor.role or "")
            and not _FORMER.search(actor.role or "")
            and unit.key not in opposing
        ):
            out.setdefault(unit.key, [])
    for claim in rows.claims:
        # "offered to host a technical meeting": the offer is a host's, cited as its claim.
        unit = units.unit(claim.actor_id)
        if (
            unit is not None
            and claim.stance == "offer"
            and _OFFER_TO_HOST.search(claim.text)
            and unit.key not in opposing
        ):
            out.setdefault(unit.key, [])
    # A side others mediate for, that rejects or draws a red line, is no mediator (a misread
    # "the envoy to Mozambique, who has carried messages" made the state a doer).
    for event in rows.mediations:
        by, side = units.unit(event.source_actor_id), units.unit(event.target_actor_id)
        if (
            by is not None
            and side is not None
            and by is not side
            and by.key in out
            and side.key in opposing
            and event.target_actor_id is not None
            and not _intermediary(rows.actors.get(event.target_actor_id))
        ):
            out.pop(side.key, None)
    seated = {
        u.key
        for e in rows.meetings
        for actor_id in (e.source_actor_id, e.target_actor_id)
        if (u := units.unit(actor_id)) is not None
    }
    for event in rows.venues:
        code = _venue_state(event.place or "")
        ends = [units.unit(event.source_actor_id), units.unit(event.target_actor_id)]
        if code is None or any(u is not None and u.country == code for u in ends):
            continue
        unit = units.state(code)
        if unit.key in out or unit.key not in opposing | seated:
            out[unit.key].append(event)
    return dict(out)


def _rejected(event: Any, doer: str, rejections: list[Any], units: Units) -> bool:
    """Whether another unit than ``doer`` rejects something in the sentence of the
    proposal ``event`` or the next one (the next sentence starts just after its end)."""
    return any(
        r.document_id == event.document_id
        and event.sentence_start <= r.sentence_start <= event.sentence_end + 2
        and (u := units.unit(r.source_actor_id)) is not None
        and u.key != doer
        for r in rejections
    )


#: Roles of a go-between ("mediator", "chief facilitator"), and of one held no longer.
_MEDIATOR_ROLE = re.compile(r"\b(?:mediator|facilitator|conciliator)s?\b", re.IGNORECASE)
_FORMER = re.compile(r"\b(?:former|ex)\b", re.IGNORECASE)
#: An offer's words that make it a host's or a go-between's ("offered to host the talks").
_OFFER_TO_HOST = re.compile(r"\b(?:host|mediate|facilitate|broker)\b", re.IGNORECASE)
#: Sectors (CAMEO) of international and non-governmental bodies, the usual go-betweens.
INTERMEDIARY_SECTORS = frozenset({"IGO", "NGO"})


def _intermediary(actor: Any) -> bool:
    """Whether ``actor`` is an international or non-governmental organisation."""
    return (
        actor is not None and actor.kind == "organisation" and actor.sector in INTERMEDIARY_SECTORS
    )


def _at_the_table(
    rows: DraftRows,
    units: Units,
    parties: dict[str, dict[str, Any]],
    claimants: set[str],
    mediators: set[str],
) -> None:
    """Add as parties (without positions) those who meet or sign with a claimant party,
    and those an international or humanitarian body mediates for ("the government and
    the rebels agreed at talks mediated by the UN")."""
    seated: list[tuple[Unit | None, Any]] = []
    for event in rows.meetings:
        ends = (units.unit(event.source_actor_id), units.unit(event.target_actor_id))
        for unit, other in (ends, ends[::-1]):
            if other is not None and other.key in claimants:
                seated.append((unit, event))
    for event in rows.mediations:
        target = rows.actors.get(event.target_actor_id) if event.target_actor_id else None
        if _intermediary(target):
            seated.append((units.unit(event.source_actor_id), event))
    for unit, event in seated:
        if unit is None or unit.key in claimants or unit.key in mediators:
            continue
        party = _party(parties, unit)
        evidence = party.setdefault("evidence", [])
        if not any(e.get("note", "").startswith("at the table") for e in evidence):
            evidence.append(
                {"note": "at the table (events cited) with no claim of its own: add positions"}
            )
        citation = cite("event", event)
        if citation not in evidence:
            evidence.append(citation)


#: Stances by which a unit takes a side in the talks (not a goal or a plain position, nor an
#: offer: a conciliator's or a chair's proposals are offers too).
_SIDE_TAKING = frozenset({"demand", "condition", "reject", "red_line"})
#: How many such claims make a unit a party when none is on an issue the draft keeps.
_CLAIMS_TO_BE_A_PARTY = 2


def _claiming_apart(
    spoken: Mapping[str, list[Claim]],
    sentences: Mapping[int, str],
    parties: dict[str, dict[str, Any]],
    every: Mapping[str, Unit],
    mediators: set[str],
) -> None:
    """Add as parties (without positions) the units that make demands, conditions,
    rejections or red lines of their own — at least :data:`_CLAIMS_TO_BE_A_PARTY` — on
    issues no other party spoke to (each an open issue of one claim, which the draft
    drops): a side whose stances have no shared issue is still named as making demands
    (a great power one of two sides, its refusals each worded apart). Their claims are
    cited, for the analyst to place them on the issues. An appeal to both sides
    (:data:`~._third_parties.BOTH_SIDES`: "asked both governments to ...") takes no side."""
    for key, claims in spoken.items():
        if key in parties or key in mediators:
            continue
        taking = [
            c
            for c in claims
            if c.stance in _SIDE_TAKING and not BOTH_SIDES.search(sentences.get(c.id, ""))
        ]
        if len(taking) < _CLAIMS_TO_BE_A_PARTY:
            continue
        party = _party(parties, every[key])
        note = (
            f"makes {len(taking)} claims of its own (cited) on issues no other party spoke "
            "to: place it on the issues or delete it"
        )
        party.setdefault("evidence", []).extend(
            [{"note": note}, *(cite("claim", c) for c in taking)]
        )


def _people(unit: Unit) -> list[dict[str, Any]]:
    if not unit.persons:
        return []
    return [{"note": f"speaks through {', '.join(unit.persons)}; their claims are merged here"}]


def _party(parties: dict[str, dict[str, Any]], unit: Unit) -> dict[str, Any]:
    if unit.key not in parties:
        parties[unit.key] = {
            "id": unit.id,
            "name": unit.name,
            "kind": unit.kind,
            "keys": list(unit.keys),
            "capability": capability(unit),
            "positions": {},
        }
        if people := _people(unit):
            parties[unit.key]["evidence"] = people
    return parties[unit.key]


def _key(unit: Unit | None) -> str | None:
    return unit.key if unit is not None else None


def _mediator(
    unit: Unit, events: list[Any], claims: list[Claim], appeals: bool = False
) -> dict[str, Any]:
    spans = {(e.document_id, e.start, e.end): e for e in events}  # one citation per span
    cited = [cite("event", e) for e in spans.values()] + [cite("claim", c) for c in claims]
    note = "mediator or host (from the events cited): not placed on the issues"
    if not events:
        note = (
            "mediator or host by its people's title or its offer to host (see its people "
            "and claims): not placed on the issues"
        )
    if appeals and not events:
        note = (
            "a third party urging both sides or chairing the talks (claims cited): "
            "not placed on the issues"
        )
    return {
        "id": unit.id,
        "name": unit.name,
        "kind": "mediator",
        "keys": list(unit.keys),
        "capability": capability(unit),
        "evidence": [{"note": note}, *_people(unit), *cited],
    }


def _issue(issue_id: str, label: str, sides: Orientation) -> dict[str, Any]:
    issue: dict[str, Any] = {
        "id": issue_id,
        "label": label,
        "anchors": dict(sorted(sides.anchors.items())),
    }
    if sides.status_quo is not None:
        issue["status_quo"] = sides.status_quo
    issue["evidence"] = sides.evidence
    return issue


def _estimate(est: Any, actors: dict[int, Any]) -> dict[str, Any]:
    """An estimate cited with a note: its number (or, for a comparison, its words: a
    direction has no level), its holder by the name of the actor it was resolved to (not
    the pronoun or role the text used: "he") and what it is about."""
    actor = actors.get(est.holder_actor_id) if est.holder_actor_id is not None else None
    holder = actor.name if actor is not None else est.holder_text or "unattributed"
    about = " ".join((est.about or "").split())[:160]
    if est.low <= 0 and est.high >= 1:
        value = f"{est.phrase} (a direction, no level)"
    else:
        value = f"p={est.probability:.2f} [{est.low:.2f}, {est.high:.2f}]"
    return {**cite("estimate", est), "note": f"{value} from {holder}: {about}"}


def _unique_ids(actors: list[dict[str, Any]]) -> None:
    seen: set[str] = set()
    for actor in actors:
        base, n = actor["id"], 2
        while actor["id"] in seen:
            actor["id"] = f"{base[:60]}_{n}"
            n += 1
        seen.add(actor["id"])
