"""The zopa_events component: PLOVER/CAMEO events with actors, status, dates and places."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from spacy.language import Language

from zopa.errors import ExtractionError
from zopa.extract import build_pipeline
from zopa.extract._event_scoring import EventScore, score_events
from zopa.extract.events import iter_event_fields, load_event_lexicon
from zopa.ingest import date_from_dateline, normalise_text

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"
GOLD = REPO / "tests" / "gold"
WEDNESDAY = date(2025, 5, 14)
PUTIN, ZELENSKY, TRUMP = "person:vladimir-putin", "person:volodymyr-zelensky", "person:donald-trump"

Events = Callable[..., list[dict[str, Any]]]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(components=("zopa_actors", "zopa_quotes", "zopa_events"))


@pytest.fixture(scope="module")
def events(nlp: Language) -> Events:
    def run(text: str, published: date | None = WEDNESDAY) -> list[dict[str, Any]]:
        doc = nlp.make_doc(text)
        doc._.zopa_published = published
        return list(iter_event_fields(nlp(doc)))

    return run


def only(found: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- types and codes
@pytest.mark.parametrize(
    ("text", "etype", "cameo", "source", "target"),
    [
        ("Putin met Zelensky in Istanbul.", "CONSULT", "040", PUTIN, ZELENSKY),
        ("Trump held a phone call with Putin.", "CONSULT", "041", TRUMP, PUTIN),
        ("Putin proposed direct talks with Kyiv.", "AGREE", "036", PUTIN, "UKR"),
        # a meeting refused is a rejection (REJECT 125: the team's conventions, tests/gold)
        ("Putin refused to meet Zelensky.", "REJECT", "125", PUTIN, ZELENSKY),
        ("Trump urged Moscow to accept a ceasefire.", "REQUEST", "1056", TRUMP, "RUS"),
        ("Trump threatened to impose sanctions on Moscow.", "THREATEN", "1312", TRUMP, "RUS"),
        ("Washington imposed sanctions on Russia.", "SANCTION", "163", "USA", "RUS"),
        ("Zelensky accused Moscow of war crimes.", "ACCUSE", "112", ZELENSKY, "RUS"),
        (
            "Russia launched massive air attacks on Ukrainian cities.",
            "ASSAULT",
            "194",
            "RUS",
            "UKR",
        ),
        ("Ukraine and Russia exchanged prisoners.", "RETREAT", "0841", "UKR", "RUS"),
    ],
)
def test_trigger_types_codes_and_dyads(
    events: Events, text: str, etype: str, cameo: str, source: str, target: str
) -> None:
    event = only(events(text))
    assert (event["type"], event["cameo"]) == (etype, cameo)
    assert (event["source_actor"], event["target_actor"]) == (source, target)


def test_talking_about_is_no_meeting(events: Events) -> None:
    # "talk" needs a partner ("talk with/to X"); talking about something is no consultation
    assert events("Putin talked about the weather.") == []


def test_economic_attack_is_a_sanction_not_an_assault(events: Events) -> None:
    event = only(events("Trump launched an economic attack on Russia."))
    assert event["type"] == "SANCTION"


# --------------------------------------------------------------------------- status
@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Putin met Zelensky.", "happened"),
        ("Putin did not meet Zelensky.", "refused"),
        ("Russia did not agree to a ceasefire with Ukraine.", "refused"),
        ("Putin refused to meet Zelensky.", "refused"),
        ("Putin would meet Zelensky if Trump asked him.", "hypothetical"),
        ("If Putin meets Zelensky, the war may end.", "hypothetical"),
        ("Putin will meet Zelensky next week.", "planned"),
        ("Putin is preparing to meet Zelensky.", "planned"),
    ],
)
def test_status(events: Events, text: str, status: str) -> None:
    found = [e for e in events(text) if e["source_actor"] == PUTIN or e["type"] == "AGREE"]
    assert found and found[0]["status"] == status


def test_negated_refusal_is_no_rejection(events: Events) -> None:
    assert [e for e in events("Putin could not refuse the offer.") if e["type"] == "REJECT"] == []


def test_conditional_threat_is_still_a_threat_made(events: Events) -> None:
    event = only(
        events("Trump threatened to impose sanctions on Moscow if it does not sign a deal.")[:1]
    )
    assert (event["type"], event["status"]) == ("THREATEN", "happened")


# --------------------------------------------------------------------------- dates and places
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putin met Zelensky on Sunday.", "2025-05-11"),  # weekday before publication
        ("Putin will meet Zelensky on Friday.", "2025-05-16"),  # weekday after publication
        ("Putin will meet Zelensky next week.", "2025-05-19"),  # Monday of next week
        ("Putin will meet Zelensky on July 23.", "2025-07-23"),  # no year: nearest
        ("Trump threatened to impose sanctions on Russia by Friday.", "2025-05-16"),
    ],
)
def test_dates_resolve_against_publication(events: Events, text: str, expected: str) -> None:
    event = events(text)[0]
    assert event["date"] == expected
    assert event["date_text"] and event["date_text"] in text


def test_relative_date_without_publication_date_stays_open(events: Events) -> None:
    event = only(events("Putin met Zelensky on Sunday.", published=None))
    assert (event["date"], event["date_text"]) == (None, "on Sunday")


def test_duration_is_not_a_date(events: Events) -> None:
    event = only(events("Russia has resisted a 30-day ceasefire for months."))
    assert event["date"] is None


def test_place_of_meeting(events: Events) -> None:
    assert only(events("Putin met Zelensky in Istanbul on Thursday."))["place"] == "Istanbul"


# --------------------------------------------------------------------------- actors
def test_pronoun_resolves_to_earlier_subject(events: Events) -> None:
    found = events("Trump spoke to reporters. He threatened to impose new sanctions on Russia.")
    threats = [e for e in found if e["type"] == "THREATEN"]
    assert only(threats)["source_actor"] == TRUMP


def test_office_resolves_through_gazetteer(events: Events) -> None:
    event = only(events("The Kremlin rejected talks with the Ukrainian president."))
    assert (event["source_actor"], event["target_actor"]) == ("RUS", ZELENSKY)


def test_no_event_without_a_named_source(events: Events) -> None:
    assert events("New sanctions may be introduced by Friday.") == []


def test_pronoun_takes_the_subject_of_its_enclosing_clause(events: Events) -> None:
    # "who" carries Trump into the relative clause; Zelensky (the last person named) is wrong
    found = events(
        "The obstacle preventing Putin from rebuking Zelensky is Trump, who has hinted "
        "he may travel to Turkey."
    )
    visits = [e for e in found if e["type"] == "CONSULT"]
    assert only(visits)["source_actor"] == TRUMP


def test_pronoun_before_its_antecedent_in_a_fronted_clause(events: Events) -> None:
    found = events("After months in which he criticized Zelensky, Trump took aim at Putin.")
    assert {(e["source_actor"], e["target_actor"]) for e in found} == {
        (TRUMP, ZELENSKY),
        (TRUMP, PUTIN),
    }


def test_commentator_is_no_antecedent(events: Events) -> None:
    # an analyst quoted in the previous sentence does not become the one who criticises
    text = (
        "Trump spoke on Monday. Analyst Michael Kofman said the talks were stuck. "
        "Later he criticized Zelensky."
    )
    accusations = [e for e in events(text) if e["type"] == "ACCUSE"]
    assert only(accusations)["source_actor"] == TRUMP


def test_plural_office_names_each_holder(events: Events) -> None:
    for text in (
        "The presidents of Ukraine and Russia met in Istanbul.",
        "The Russian and Ukrainian presidents met in Istanbul.",
    ):
        event = only(events(text))
        assert {event["source_actor"], event["target_actor"]} == {PUTIN, ZELENSKY}


def test_meeting_partner_takes_the_clause_subject_as_other_side(events: Events) -> None:
    event = only(events("In talks with Trump, Putin will not ask for territory.")[:1])
    assert (event["type"], event["source_actor"], event["target_actor"]) == (
        "CONSULT",
        PUTIN,
        TRUMP,
    )
    # a speaker is no participant, and without a named partner nothing is coded
    assert [
        e for e in events("Peskov said talks with Kyiv are possible.") if e["type"] == "CONSULT"
    ] == []
    assert events("In his foreign policy, Trump relies on negotiations with leaders.") == []


def test_dateline_and_headline_name_no_event(events: Events) -> None:
    text = (
        "Envoys of Russia and Ukraine hold talks in Istanbul\n\n"
        "ISTANBUL, May 16, 2025 — Russian and Ukrainian negotiators met on Friday."
    )
    event = only(events(text))
    assert {event["source_actor"], event["target_actor"]} == {"RUS", "UKR"}
    assert event["start"] > text.index("—")


def test_demand_with_that_clause_targets_its_subject(events: Events) -> None:
    event = only(events("Zelensky demanded that Russia withdraw its troops.")[:1])
    assert (event["type"], event["target_actor"]) == ("REQUEST", "RUS")


def test_accusation_needs_a_target(events: Events) -> None:
    assert [e for e in events("Moscow also condemned the decision.") if e["type"] == "ACCUSE"] == []
    # the one condemned is the doer of the act named; the act itself is coded too, its
    # doer named by the adjective of nationality
    found = {
        (e["type"], e["source_actor"], e["target_actor"])
        for e in events("Moscow condemned American air strikes on Syria.")
    }
    assert found == {("ACCUSE", "RUS", "USA"), ("ASSAULT", "USA", "SYR")}


@pytest.mark.parametrize(
    ("text", "etype", "target"),
    [
        ("Zelensky threw down the gauntlet to Putin.", "REQUEST", PUTIN),
        ("Russia tried to discredit Zelensky.", "ACCUSE", ZELENSKY),
        ("Trump lashed out at Putin.", "ACCUSE", PUTIN),
        ("Ukraine barred entry to Russian diplomats.", "SANCTION", "RUS"),
        ("China answered with new tariffs on American goods.", "SANCTION", "USA"),
        ("Russian troops opened fire on Ukrainian positions.", "ASSAULT", "UKR"),
    ],
)
def test_idioms_of_diplomacy_reporting(events: Events, text: str, etype: str, target: str) -> None:
    found = [e for e in events(text) if e["type"] == etype]
    assert found and found[0]["target_actor"] == target, events(text)


# --------------------------------------------------------------------------- reporting idioms
ARM, AZE, ISR, HAMAS = "ARM", "AZE", "ISR", "group:hamas"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the two sides" / "both sides": the latest pair named, at the level of states
        (
            "Armenia and Azerbaijan held talks in Washington. The two sides agreed on the text.",
            ("AGREE", ARM, AZE),
        ),
        # an answer to a proposal reported just before names its maker (a state for a state)
        (
            "Pashinyan proposed that he and Aliyev meet next month. Baku rejected the idea.",
            ("REJECT", AZE, ARM),
        ),
        # a threat's target: who must comply in its if-clause
        (
            "Trump warned that tariffs could rise again if Beijing does not open its market.",
            ("THREATEN", TRUMP, "CHN"),
        ),
        # wanting another to act is a demand of it
        ("Washington wants Beijing to lift the curbs.", ("REQUEST", "USA", "CHN")),
        # a relative clause's head is the object of its verb
        ("Baku barred entry to French lawmakers it accused of bias.", ("ACCUSE", AZE, "FRA")),
        # the parser makes a dateline's place the subject; the report's subject is meant
        (
            "DOHA, January 14, 2025 — Negotiators for Israel and Hamas held talks on Tuesday.",
            ("CONSULT", ISR, HAMAS),
        ),
        # an adjective of nationality names the doer of an event noun
        ("An Israeli airstrike on a house killed 12 people.", ("ASSAULT", ISR, None)),
        # a demand naming no addressee goes to the doer's counterpart in the latest pair
        (
            "Hamas insists on an Israeli withdrawal. Israel in turn demanded a full list.",
            ("REQUEST", ISR, HAMAS),
        ),
        # "between them": the pair named before
        (
            "Steve Witkoff and Abbas Araghchi sat apart while Badr Albusaidi carried messages "
            "between them.",
            ("CONSULT", "person:badr-albusaidi", "person:steve-witkoff"),
        ),
    ],
)
def test_reporting_idioms_name_both_parties(
    events: Events, text: str, expected: tuple[str, str, str | None]
) -> None:
    found = {(e["type"], e["source_actor"], e["target_actor"]) for e in events(text)}
    assert expected in found, found


def test_the_two_men_are_the_latest_two_people_named(events: Events) -> None:
    text = "Steve Witkoff and Abbas Araghchi sat apart. Later the two men spoke directly."
    consults = [e for e in events(text) if e["type"] == "CONSULT"]
    assert {(e["source_actor"], e["target_actor"]) for e in consults} == {
        ("person:steve-witkoff", "person:abbas-araghchi")
    }


def test_wanting_to_act_oneself_is_no_demand(events: Events) -> None:
    assert [e for e in events("Putin wants to lift the sanctions.") if e["type"] == "REQUEST"] == []


# --------------------------------------------------------------------------- robustness
@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        '"Putin met Zelensky, he said. "And then "nothing" happened',
        "“Unclosed quotes everywhere “ and ” and “",
        " and ".join(["Putin met Zelensky in Istanbul"] * 400),
    ],
)
def test_odd_input_gives_a_clean_result(events: Events, text: str) -> None:
    for event in events(text):
        assert 0 <= event["start"] < event["end"] <= len(text)


_RUN_ON_CLAUSES = (
    "Putin met Zelensky in Istanbul on Thursday",
    "Trump urged Moscow to accept a ceasefire",
    "he threatened to impose sanctions on Russia next week",
    "the Ukrainian president refused to meet the Russian leader",
    "Washington imposed tariffs on goods from China",
    "Zelensky accused Moscow of shelling Ukrainian cities",
    "it proposed direct talks with Kyiv in Geneva",
    "Israel demanded that Hamas release the hostages by Friday",
    "Armenia and Azerbaijan held a third round of talks in Washington",
    "she said a meeting with Putin would be possible",
)


@pytest.mark.slow
def test_one_enormous_sentence_runs_through_the_whole_pipeline() -> None:
    # A file without full stops: ~20,000 tokens of clauses joined by commas and "and".
    # Every rule looks things up per document or within a bounded window, so this takes
    # seconds (zopa_events: ~1 s at 20,000 tokens), not the minutes a quadratic scan took.
    joins = (", ", " and ", ", and ", "; ")
    parts: list[str] = []
    while sum(len(p.split()) for p in parts) < 19_000:
        parts.append(_RUN_ON_CLAUSES[len(parts) % len(_RUN_ON_CLAUSES)])
    text = "".join(p + joins[i % len(joins)] for i, p in enumerate(parts[:-1])) + parts[-1] + "."
    nlp = build_pipeline()
    doc = nlp.make_doc(text)
    doc._.zopa_published = WEDNESDAY
    doc = nlp(doc)
    assert len(doc) >= 20_000
    found = list(iter_event_fields(doc))
    for event in found:
        assert 0 <= event["start"] < event["end"] <= len(text)
        assert event["source_actor"] and event["source_actor"] != event["target_actor"]
    # one event per sentence, type and dyad: repeating the clauses adds no duplicates
    dyads = [(e["type"], e["source_actor"], e["target_actor"]) for e in found]
    assert len(set(dyads)) == len(dyads) or len(list(doc.sents)) > 1
    assert ("CONSULT", PUTIN, ZELENSKY) in dyads
    assert ("REQUEST", TRUMP, "RUS") in dyads


def test_lexicon_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "events.yaml"
    bad.write_text("entries: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(ExtractionError, match=r"events\.yaml"):
        load_event_lexicon(bad)
    bad.write_text("entries:\n  - {id: x, type: HUG, cameo: '000', verbs: [hug]}\n")
    with pytest.raises(ExtractionError, match="HUG"):
        load_event_lexicon(bad)


def test_user_lexicon_extends_the_triggers(tmp_path: Path) -> None:
    lexicon = tmp_path / "events.yaml"
    lexicon.write_text(
        "entries:\n  - {id: parley, type: CONSULT, cameo: '040', verbs: [parley]}\n",
        encoding="utf-8",
    )
    nlp = build_pipeline(components=("zopa_actors",))
    nlp.add_pipe("zopa_events", config={"lexicon": str(lexicon)})
    found = list(iter_event_fields(nlp("Putin parleyed with Zelensky.")))
    assert [e["type"] for e in found] == ["CONSULT"]


# --------------------------------------------------------------------------- gold
def _score(nlp: Language, gold_files: list[Path], source_of: Callable[[Path], Path]) -> EventScore:
    total = EventScore(0, 0, 0)
    for gold_file in gold_files:
        text = normalise_text(source_of(gold_file).read_text(encoding="utf-8"))
        doc = nlp.make_doc(text)
        doc._.zopa_published = date_from_dateline(text)
        gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
        total = total + score_events(gold, iter_event_fields(nlp(doc)))
    return total


def _stem(path: Path) -> str:
    return path.name.removesuffix(".events.yaml")


@pytest.mark.slow
def test_seed_events_against_gold(nlp: Language) -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    files = sorted((GOLD / "seeds").glob("*.events.yaml"))
    score = _score(nlp, files, lambda g: SEEDS / f"{_stem(g)}.txt")
    # The target: F1 >= 0.75 with precision >= 0.8 (measured P 0.86, R 0.68).
    assert score.precision >= 0.85
    assert score.f1 >= 0.755  # 74 of 86 right, 74 of 109 found: 0.759


@pytest.mark.slow
def test_team_text_events_against_gold(nlp: Language) -> None:
    # Other negotiations (measured P 0.80, R 0.73, F1 0.77: 41 of 51 right, 41 of 56
    # found). Their misses guided the second round of general rules, so they are no longer
    # unseen; the held-out texts are the honest number. Floors guard against regressions.
    # Measured on 2026-12-07: 54 predicted, 41 right (P 0.76), the same on main 3ee3839 and
    # with the rules alone; the extras are mediations, offers and estimates the gold leaves
    # uncoded.
    files = sorted((GOLD / "texts").glob("*.events.yaml"))
    score = _score(nlp, files, lambda g: g.with_name(f"{_stem(g)}.txt"))
    assert score.precision >= 0.75
    assert score.f1 >= 0.74
