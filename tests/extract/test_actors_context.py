"""Actors resolved in context: places, credits, ambiguous names, descriptions, people's links.

Texts are the team's own, short, about talks other than the seeds' (the Great Lakes, the
Sahel, a made-up river basin)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from zopa.extract import ACTORS, FIELDS, build_pipeline
from zopa.extract._context import choose, collect_evidence
from zopa.extract._credits import credit_ranges
from zopa.extract._doc import ACTOR_INFO
from zopa.extract._gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(components=("zopa_actors",))


def mentions(nlp: Language, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(" ".join(s.text.split()), s.kb_id_) for s in doc.spans[ACTORS]]


# --- 1. places are not actors ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "GOMA, Feb 3 (Wire) — Rebels said they held the airport.",
        "ADDIS ABABA, Ethiopia, March 4 (Reuters) - The envoys met again.",
        "NIAMEY — The junta said the talks were over.",
    ],
)
def test_a_dateline_names_no_actor(nlp: Language, text: str) -> None:
    dateline = text[: text.index("—" if "—" in text else " - ") + 1]
    doc = nlp(text)
    assert not [s for s in doc.spans[ACTORS] if s.start_char < len(dateline)], dateline


def test_cities_are_places_even_where_the_ner_calls_them_people_or_states(
    nlp: Language,
) -> None:
    found = mentions(
        nlp,
        "Fighters advanced from Goma towards Bukavu. Bukavu fell on Sunday, and Uvira braced "
        "for an attack as refugees crossed into Burundi.",
    )
    assert not any(text in {"Goma", "Bukavu", "Uvira"} for text, _ in found), found
    assert ("Burundi", "BDI") in found


@pytest.mark.parametrize(
    "text",
    [
        "Clashes spread across the Lualaba plateau and Maniema this week.",
        "Fighting flared in Masisi territory and Rutshuru.",
        "Delegates met in Doha and Kigali.",
    ],
)
def test_an_unknown_region_is_a_place_not_a_new_state(nlp: Language, text: str) -> None:
    assert mentions(nlp, text) == []


def test_a_place_inside_an_outlet_name_belongs_to_the_name(nlp: Language) -> None:
    doc = nlp("A commander told Radio Sahel that the Sahel would stay calm.")
    keys = [s.kb_id_ for s in doc.spans[ACTORS]]
    assert keys == ["unresolved:radio-sahel"], keys
    assert doc._.get(ACTOR_INFO)["unresolved:radio-sahel"]["sector"] == "MED"


def test_speaking_from_a_capital_is_a_place(nlp: Language) -> None:
    assert mentions(nlp, "The envoy, speaking from Abuja, said sanctions would not return.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kinshasa rejected the plan.", 1),
        ("Doha said it would keep mediating.", 1),
        ("Envoys gathered in Doha on Monday.", 0),
        ("The delegations flew back from Kinshasa.", 0),
        ("The rebels cut the road to Kinshasa.", 0),
        ("Protests spread through the streets of Kinshasa.", 0),
        ("Fighting neared the capital, Kinshasa, on Friday.", 0),
        ("Refugees moved towards Kinshasa.", 0),
        ("The envoy urged Kinshasa to sign.", 1),
    ],
)
def test_a_capital_is_its_government_only_when_it_acts(
    nlp: Language, text: str, expected: int
) -> None:
    assert len([k for _, k in mentions(nlp, text) if k in {"COD", "QAT"}]) == expected


# --- 2. ambiguous names from the document's other evidence -----------------------------


def test_congo_with_kinshasa_and_goma_is_the_dr_congo(nlp: Language) -> None:
    doc = nlp(
        "Congo accused its neighbour of arming the rebels. President Felix Tshisekedi, "
        "speaking in Kinshasa, said Goma would be retaken."
    )
    congo = next(s for s in doc.spans[ACTORS] if s.text == "Congo")
    assert congo.kb_id_ == "COD"


def test_congo_with_brazzaville_is_the_republic_of_the_congo(nlp: Language) -> None:
    doc = nlp("Congo said on Friday that Brazzaville would host the regional summit.")
    congo = next(s for s in doc.spans[ACTORS] if s.text == "Congo")
    assert congo.kb_id_ == "COG"
    assert "chose COG from 'Brazzaville'" in (congo._.get(FIELDS) or {})["unsure"]


def test_a_choice_on_thin_evidence_is_unsure_with_its_reason() -> None:
    gazetteer = load_gazetteer()
    thin = collect_evidence([("Kinshasa", "COD")], ["Goma"], gazetteer)
    key, reason = choose("Congo", ("COD", "COG"), thin)
    assert key == "COD"
    assert reason == "'Congo' could be COD or COG; chose COD from 'Kinshasa', 'Goma'"
    plenty = collect_evidence(
        [("Kinshasa", "COD"), ("Tshisekedi", "person:felix-tshisekedi")], ["Goma"], gazetteer
    )
    assert choose("Congo", ("COD", "COG"), plenty) == ("COD", None)
    key, reason = choose("Congo", ("COD", "COG"), {})
    assert key == "COD" and reason is not None and "nothing else" in reason


def test_a_surname_after_a_first_name_and_a_title_is_a_person(nlp: Language) -> None:
    doc = nlp(
        "Congolese Foreign Minister Thérèse Kayikwamba Wagner said the talks would go on. "
        "Wagner added that Kinshasa was ready."
    )
    found = [(" ".join(s.text.split()), s.kb_id_, s.label_) for s in doc.spans[ACTORS]]
    assert not any(key == "group:wagner" for _, key, _ in found), found
    person = "unresolved:therese-kayikwamba-wagner"
    assert ("Thérèse Kayikwamba Wagner", person, "person") in found
    assert ("Wagner", person, "person") in found
    assert mentions(nlp, "The Wagner Group withdrew its fighters.") == [
        ("Wagner Group", "group:wagner")
    ]


# --- 3. outlets, bylines and credits -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("By Jane Doe\nThe talks resumed.", "By Jane Doe"),
        ("Talks resumed. Photo: John Roe/AFP\nMore later.", "Photo: John Roe/AFP"),
        ("Talks resumed (Reuters).", "(Reuters)"),
        ("A delegate waits. AFP via Getty Images", "AFP via Getty Images"),
    ],
)
def test_credit_ranges_cover_bylines_and_credits(text: str, credit: str) -> None:
    start = text.index(credit)
    assert (start, start + len(credit)) in credit_ranges(text)


@pytest.mark.parametrize(
    "text",
    [
        "By Friday, the rebels had taken the airport.",
        "Photos by the rebels showed the airport.",
        "The rebels withdrew (as AFP had reported).",
    ],
)
def test_sentences_that_look_like_credits_are_not_credits(text: str) -> None:
    assert credit_ranges(text) == []


def test_bylines_and_credits_name_no_actor_but_an_outlet_as_source_does(nlp: Language) -> None:
    doc = nlp(
        "By Amina Okafor\nThe rebels withdrew, a commander told Reuters. "
        "Photo: Jean Moulin/AFP\nAFP via Getty Images"
    )
    found = [(s.text, s.kb_id_) for s in doc.spans[ACTORS]]
    assert found == [("Reuters", "org:reuters")], found
    gazetteer = load_gazetteer()
    reuters = gazetteer.actor("org:reuters")
    assert reuters is not None and reuters.sector == "MED"


def test_an_unknown_outlet_told_the_news_is_a_media_organisation(nlp: Language) -> None:
    doc = nlp("A rebel commander told Radio Kivu Libre that the road would reopen.")
    keys = [s.kb_id_ for s in doc.spans[ACTORS]]
    outlet = next(k for k in keys if "radio" in k)
    assert doc._.get(ACTOR_INFO)[outlet]["sector"] == "MED"


# --- 4. descriptions that name an actor ---------------------------------------------------


def test_descriptions_resolve_to_the_actor_with_a_sector(nlp: Language) -> None:
    doc = nlp(
        "The Congolese presidency said Kinshasa would not negotiate. U.N. experts said the "
        "Rwanda-backed M23 rebel group controlled the mines. The Qatari foreign ministry "
        "welcomed the deal."
    )
    spans = {(" ".join(s.text.split()), s.kb_id_): s for s in doc.spans[ACTORS]}
    presidency = spans[("Congolese presidency", "COD")]
    assert (presidency._.get(FIELDS) or {})["sector"] == "GOV"
    ministry = spans[("Qatari foreign ministry", "QAT")]
    assert (ministry._.get(FIELDS) or {})["sector"] == "GOV"
    assert ("U.N.", "org:un") in spans
    assert ("M23", "group:m23") in spans
    gazetteer = load_gazetteer()
    assert [gazetteer.actor(k).sector for k in ("org:un", "group:m23")] == ["IGO", "REB"]  # type: ignore[union-attr]


def test_an_adjective_before_anything_else_stays_no_mention(nlp: Language) -> None:
    assert mentions(nlp, "Qatari gas exports rose while Congolese miners waited.") == []


def test_an_unknown_group_described_as_rebels_is_a_rebel_group(nlp: Language) -> None:
    doc = nlp("The Kivu Freedom Front rebels said they would join the talks.")
    info = doc._.get(ACTOR_INFO)
    key = next(s.kb_id_ for s in doc.spans[ACTORS] if "Freedom" in s.text)
    assert info[key]["kind"] == "group" and info[key]["sector"] == "REB"


# --- 5. people linked to what they represent ----------------------------------------------


def test_people_are_linked_to_the_state_or_organisation_they_represent(nlp: Language) -> None:
    doc = nlp(
        "Burundian President Evariste Ndayishimiye met M23 spokesman Lawrence Kanyuka. "
        "Majed al-Ansari, Qatar's minister of state, hosted them. "
        "Jane Doe, an analyst at Chatham House, was sceptical. "
        "Kofi Mensah, a correspondent for the BBC, filed late."
    )
    info = doc._.get(ACTOR_INFO)
    assert info["unresolved:evariste-ndayishimiye"] == {
        "role": "president",
        "country": "BDI",
        "sector": "GOV",
    }
    assert info["unresolved:lawrence-kanyuka"] == {
        "role": "spokesman",
        "affiliation": "M23",
        "country": "COD",
        "sector": "REB",
    }
    assert info["unresolved:majed-al-ansari"] == {
        "role": "minister of state",
        "country": "QAT",
        "sector": "GOV",
    }
    assert info["unresolved:jane-doe"]["sector"] == "EDU"
    assert info["unresolved:jane-doe"]["affiliation"] == "Chatham House"
    assert info["unresolved:kofi-mensah"]["sector"] == "MED"


def test_an_unknown_organisation_in_an_apposition_is_the_affiliation(nlp: Language) -> None:
    doc = nlp("Amani Bahati, a researcher at Lakeside Valley University, disagreed.")
    info = doc._.get(ACTOR_INFO)["unresolved:amani-bahati"]
    assert info == {
        "role": "researcher",
        "affiliation": "Lakeside Valley University",
        "sector": "EDU",
    }


def test_the_gazetteer_keeps_its_own_word_on_known_people(nlp: Language) -> None:
    doc = nlp("Former analyst Paul Kagame spoke.")
    assert "person:paul-kagame" not in doc._.get(ACTOR_INFO)


def test_an_unknown_ministry_named_after_its_state_gets_the_country(nlp: Language) -> None:
    doc = nlp("The Malian Foreign Ministry confirmed the news.")
    info = doc._.get(ACTOR_INFO)
    key = next(s.kb_id_ for s in doc.spans[ACTORS] if "Ministry" in s.text)
    assert info[key]["country"] == "MLI" and info[key]["sector"] == "GOV"


def test_the_current_demonym_of_a_stan_state_links_its_officials(nlp: Language) -> None:
    doc = nlp(
        "Kyrgyz President Almaz Bekmurzaev and Tajik Foreign Minister Dilshod Rasulov "
        "met an Uzbek delegation."
    )
    info = doc._.get(ACTOR_INFO)
    assert info["unresolved:almaz-bekmurzaev"]["country"] == "KGZ"
    assert info["unresolved:dilshod-rasulov"]["country"] == "TJK"


@pytest.mark.parametrize(
    "text",
    [
        # the NER calls the name an organisation; "she" in its own clause says otherwise,
        # and every mention of the name in the document follows
        "The ban is unlawful, Machinea said. Machinea said she would appeal the ruling.",
        "Figures such as Corina Belisario are barred. Corina Belisario said she would appeal.",
    ],
)
def test_a_name_its_clause_calls_she_is_a_person_throughout_the_document(
    nlp: Language, text: str
) -> None:
    doc = nlp(text)
    assert {span.label_ for span in doc.spans["zopa_actors"]} == {"person"}


def test_a_name_described_as_the_front_runner_is_a_person(nlp: Language) -> None:
    doc = nlp("The court barred Inés Carabobo, the front-runner in the primary. Carabobo appealed.")
    assert {span.label_ for span in doc.spans["zopa_actors"]} == {"person"}
