"""Capability from documented public facts (population, countryinfo), never from mentions."""

from __future__ import annotations

from countryinfo import CountryInfo

from tests.scenario.draft_store import Doc, actor, state, write
from zopa.scenario import draft_scenario
from zopa.scenario.draft._capability import NON_STATE_DEFAULT, population_score
from zopa.store import Store


def test_population_is_log_scaled() -> None:
    assert population_score(1e5) == 5 and population_score(1.5e9) == 100
    assert population_score(1e7) < population_score(1e8) < population_score(1e9)
    assert population_score(10) == 5 and population_score(1e11) == 100


def test_a_state_s_capability_names_its_source_and_a_group_gets_a_flagged_default(
    store: Store,
) -> None:
    doc = Doc("Rwanda demanded guarantees. The rebels demanded talks. Rwanda Rwanda Rwanda.")
    doc.claim("RWA", "Rwanda demanded guarantees", "security", "demand")
    doc.claim("org:m23", "The rebels demanded talks", "talks", "demand")
    for _ in range(3):
        doc.mention("RWA", "Rwanda")
    write(store, [state("RWA", "Rwanda"), actor("org:m23", "M23", "group", sector="REB")], [doc])
    data = draft_scenario(store, issue_labels={})
    rwanda, m23 = (next(a for a in data["actors"] if a["id"] == i) for i in ("rwanda", "m23"))
    population = CountryInfo("Rwanda").info()["population"]
    assert rwanda["capability"]["value"] == population_score(population)
    note = rwanda["capability"]["evidence"][0]["note"]
    assert "countryinfo" in note and "`population`" in note and f"{population:,}" in note
    assert "placeholder" not in rwanda["capability"]
    assert m23["capability"]["value"] == NON_STATE_DEFAULT
    assert m23["capability"]["placeholder"] is True and m23["capability"]["confidence"] <= 0.1
    assert "non-state" in m23["capability"]["evidence"][0]["note"]
    for party in (rwanda, m23):
        assert "mention" not in str(party["capability"])
