"""Choosing among the candidates of an ambiguous name from the document's other evidence.

"Congo" may be the DR Congo (COD) or the Republic of the Congo (COG). A careful reader
decides from the rest of the text: Kinshasa, Goma, Tshisekedi or "DRC" point to one,
Brazzaville or Sassou Nguesso to the other. :func:`collect_evidence` gathers, for every
actor key and ISO country code, the surface forms in the document that point at it (names,
capitals and seats, demonyms, people of that country from the gazetteer, and cities from
GeoNames); :func:`choose` scores each candidate by the distinct forms supporting it.
:func:`government_state` reads which state "the government" of an article is.

A choice is *unsure* (flagged for review with its reason) when it rests on fewer than
:data:`SURE_FORMS` distinct forms, or when another candidate has evidence too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from zopa.extract._gazetteer import Gazetteer
from zopa.extract._places import city_countries

__all__ = ["SURE_FORMS", "Evidence", "choose", "collect_evidence", "government_state"]

SURE_FORMS = 3
"""Distinct supporting forms from which a choice is no longer flagged as unsure."""

Evidence = dict[str, dict[str, int]]
"""Actor key or ISO alpha-3 code → {surface form pointing at it: occurrences}."""


def collect_evidence(
    resolved: Iterable[tuple[str, str]], cities: Iterable[str], gazetteer: Gazetteer
) -> Evidence:
    """What a document's words point at.

    Parameters
    ----------
    resolved:
        (surface form, actor key) of every unambiguous gazetteer match in the document,
        places, adjectival demonyms and capitals used as locations included.
    cities:
        Other names in the document (NER names the gazetteer does not know); those that
        are GeoNames cities point at the country of the largest city of that name.
    gazetteer:
        Gives each actor's country (a person's or organisation's state points there too).
    """
    evidence: Evidence = {}

    def add(key: str, form: str) -> None:
        forms = evidence.setdefault(key, {})
        forms[form] = forms.get(form, 0) + 1

    for form, key in resolved:
        if not key:
            continue
        add(key, form)
        actor = gazetteer.actor(key)
        if actor is not None and actor.country and actor.country != key:
            add(actor.country, form)
    for name in cities:
        countries = city_countries(name)
        if countries:
            add(max(sorted(countries), key=countries.__getitem__), name)
    return evidence


def choose(alias: str, candidates: tuple[str, ...], evidence: Evidence) -> tuple[str, str | None]:
    """The candidate the evidence supports best, and the reason when the choice is unsure.

    Ties (no evidence at all included) go to the earlier candidate, the gazetteer's default.
    """
    support = {key: evidence.get(key, {}) for key in candidates}
    best = max(candidates, key=lambda k: (len(support[k]), sum(support[k].values())))
    others = [k for k in candidates if k != best and support[k]]
    could = f"{alias!r} could be {' or '.join(candidates)}"
    if not support[best]:
        return best, f"{could}; nothing else in the document says which, chose {best}"
    forms = ", ".join(repr(f) for f in sorted(support[best], key=lambda f: -support[best][f])[:4])
    if len(support[best]) >= SURE_FORMS and not others:
        return best, None
    reason = f"{could}; chose {best} from {forms}"
    for other in others:
        against = ", ".join(repr(f) for f in sorted(support[other])[:3])
        reason += f"; {other} has {against}"
    return best, reason


def government_state(
    states: Sequence[tuple[str, bool]], rebels: Iterable[str] = ()
) -> tuple[str, str] | None:
    """The state "the government" means in a document, and why (always unsure).

    ``states`` lists, in text order, every state the document names, with whether that
    naming is of its government ("the Colombian government", "Kenya's government",
    "the government of Kenya"); ``rebels`` the home states of the armed groups it names
    (an insurgency fights its own state's government). The only state whose government
    is named wins; else the one home state of the rebels; else the state named most
    often (the earlier first on a tie). None when no state is named.
    """
    governments = sorted({key for key, government in states if government})
    if len(governments) == 1:
        key = governments[0]
        return key, f"'the government' read as {key}: the only government the document names"
    homes = sorted(set(rebels))
    if len(homes) == 1:
        key = homes[0]
        return key, f"'the government' read as {key}: the state the rebels it names fight"
    if not states:
        return None
    counts: dict[str, int] = {}
    for key, _ in states:
        counts[key] = counts.get(key, 0) + 1
    key = max(counts, key=counts.__getitem__)  # dicts keep text order: the earlier on a tie
    return key, f"'the government' read as {key}: the state the document names most"
