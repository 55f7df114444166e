"""The zopa_actors component and the gazetteer: resolution, metonyms, unknown names, bad files."""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from zopa.errors import ExtractionError
from zopa.extract import ACTORS, build_pipeline, load_gazetteer, slugify


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(components=("zopa_actors",))


def mentions(nlp: Language, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(" ".join(s.text.split()), s.kb_id_) for s in doc.spans[ACTORS]]


def test_metonyms_resolve_to_their_state(nlp: Language) -> None:
    found = mentions(
        nlp, "The Kremlin rejected the plan, and the White House said Washington would wait."
    )
    assert ("Kremlin", "RUS") in found
    assert ("White House", "USA") in found
    assert ("Washington", "USA") in found


def test_kyiv_is_ukraine_even_where_ner_calls_it_a_person(nlp: Language) -> None:
    text = "Putin wants to show the West that Kyiv is incapable of self-governing."
    doc = nlp(text)
    assert ("Kyiv", "UKR") in mentions(nlp, text)
    assert all(s.label_ == "state" for s in doc.spans[ACTORS] if s.text == "Kyiv")


def test_spelling_variants_and_short_forms_share_one_actor(nlp: Language) -> None:
    found = mentions(
        nlp,
        "Volodymyr Zelenskyy met aides. Zelensky later said Zelenskiy's team was ready. "
        "Vladimir Putin declined; Putin stayed home.",
    )
    keys = dict(found)
    assert (
        keys["Volodymyr Zelenskyy"]
        == keys["Zelensky"]
        == keys["Zelenskiy"]
        == "person:volodymyr-zelensky"
    )
    assert keys["Vladimir Putin"] == keys["Putin"] == "person:vladimir-putin"


def test_people_carry_role_and_affiliation() -> None:
    gazetteer = load_gazetteer()
    peskov = gazetteer.actor("person:dmitry-peskov")
    assert peskov is not None
    assert (peskov.country, peskov.role, peskov.affiliation) == ("RUS", "spokesman", "Russia")
    witkoff = gazetteer.actor("person:steve-witkoff")
    assert witkoff is not None and witkoff.country == "USA" and witkoff.role == "envoy"


def test_a_capital_used_as_a_location_is_a_place(nlp: Language) -> None:
    found = mentions(nlp, "Delegates met in Moscow. Moscow then demanded more.")
    assert found.count(("Moscow", "RUS")) == 1


def test_demonyms_count_as_nouns_not_as_adjectives(nlp: Language) -> None:
    found = mentions(nlp, "The Russians refused, while Russian energy exports kept flowing.")
    assert ("Russians", "RUS") in found
    assert not any(text == "Russian" for text, _ in found)


def test_unknown_names_are_kept_unresolved_and_short_forms_follow(nlp: Language) -> None:
    found = mentions(
        nlp, "Marta Quillfeather, an analyst, was sceptical. Quillfeather expects nothing."
    )
    assert ("Marta Quillfeather", "unresolved:marta-quillfeather") in found
    assert ("Quillfeather", "unresolved:marta-quillfeather") in found


def test_a_state_name_inside_an_institution_belongs_to_the_institution(nlp: Language) -> None:
    found = mentions(nlp, "She works at the Baltic Russia Studies Institute in Riga.")
    assert not any(key == "RUS" for _, key in found)


def test_names_split_by_a_line_break_still_match(nlp: Language) -> None:
    found = mentions(nlp, "A delegation headed by Kremlin aide Vladimir\nMedinsky arrived.")
    assert ("Vladimir Medinsky", "person:vladimir-medinsky") in found


def test_every_iso_3166_country_is_a_state_with_its_name() -> None:
    gazetteer = load_gazetteer()
    for country in pycountry.countries:
        actor = gazetteer.actor(country.alpha_3)
        assert actor is not None and actor.kind == "state" and actor.country == country.alpha_3
    target = gazetteer.resolve("Azerbaijanis")
    assert target is not None and target.key == "AZE" and target.cls == "demonym"
    capital = gazetteer.resolve("Yerevan")
    assert capital is not None and capital.key == "ARM"


def test_a_user_gazetteer_describes_another_conflict(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "people:\n"
        "  - {name: Aurelio Vantongeren, country: NLD, role: mediator, affiliation: org:cartel}\n"
        "organisations:\n"
        "  - {name: Harbour Cartel, key: org:cartel, aliases: [the Cartel]}\n"
        "states:\n"
        "  - {country: NLD, metonyms: [The Hague]}\n",
        encoding="utf-8",
    )
    nlp = build_pipeline([path], components=("zopa_actors",))
    found = mentions(nlp, "Vantongeren told the Cartel that The Hague would not pay.")
    assert ("Vantongeren", "person:aurelio-vantongeren") in found
    assert ("the Cartel", "org:cartel") in found
    assert ("The Hague", "NLD") in found
    info = load_gazetteer([path]).actor("person:aurelio-vantongeren")
    assert info is not None and info.affiliation == "Harbour Cartel"


def test_a_gazetteer_with_a_syntax_error_is_one_line_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("people:\n  - {name: Someone, role: [unclosed\n", encoding="utf-8")
    with pytest.raises(ExtractionError) as caught:
        build_pipeline([path])
    message = str(caught.value)
    assert "\n" not in message
    assert f"{path}:" in message and "invalid YAML" in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("people:\n  - {name: X Y, country: XXX}\n", "unknown ISO 3166-1 alpha-3"),
        (
            "people:\n  - {name: A B, country: RUS}\n  - {name: X Y, country: XXX}\n",
            r"people\[1\] \('X Y'\): unknown ISO",
        ),
        (
            "organisations:\n  - {name: Port Co, country: BWX}\n",
            r"organisations\[0\] \('Port Co'\)",
        ),
        ("states:\n  - {country: QQQ}\n", r"states\[0\] \('QQQ'\)"),
        ("people:\n  - {nom: X}\n", "people.0"),
        ("- just a list\n", "must be a mapping"),
    ],
)
def test_a_gazetteer_of_the_wrong_shape_is_rejected(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ExtractionError, match=expected):
        load_gazetteer([path])


def test_a_missing_gazetteer_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="no such gazetteer file"):
        load_gazetteer([tmp_path / "absent.yaml"])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.sampled_from(list("ab Kyiv.\n“”\"Putin,'")), max_size=200))
def test_any_text_gives_mentions_inside_the_document(nlp: Language, text: str) -> None:
    doc = nlp(text)
    for span in doc.spans[ACTORS]:
        assert 0 <= span.start_char < span.end_char <= len(text)
        assert span.kb_id_


def test_short_forms_of_a_hyphenated_unknown_surname_follow_the_full_name(nlp: Language) -> None:
    text = (
        "Tamsin Oduya-Brandt, who chairs a small trust, was cautious. "
        '"Nothing is settled," Oduya-Brandt said. Later Brandt added a caveat.'
    )
    doc = nlp(text)
    found = mentions(nlp, text)
    key = "unresolved:tamsin-oduya-brandt"
    assert ("Tamsin Oduya-Brandt", key) in found
    assert ("Oduya-Brandt", key) in found
    assert ("Brandt", key) in found
    assert all(k == key for t, k in found if "Brandt" in t)
    assert {s.label_ for s in doc.spans[ACTORS] if "Brandt" in s.text} == {"person"}


def test_a_short_form_before_the_full_name_is_not_resolved_to_it(nlp: Language) -> None:
    found = mentions(nlp, "Brandt spoke first. Then Tamsin Oduya-Brandt, an economist, replied.")
    assert ("Brandt", "unresolved:tamsin-oduya-brandt") not in found


def test_every_capital_or_seat_in_the_shipped_gazetteer_is_never_a_place() -> None:
    # A capital used as a location is already a place; listing it among the places as
    # well would make it never an actor ("urged Riyadh").
    from zopa.extract._gazetteer import _package_states, _parse, _shipped_text

    shipped = _parse(_shipped_text(), "shipped")
    actor_aliases = set(_package_states()[1])
    for state in shipped.states:
        actor_aliases |= {*state.names, *state.metonyms, *state.demonyms}
    for org in (*shipped.organisations, *shipped.groups):
        actor_aliases |= {org.name, *org.aliases, *org.metonyms}
    for person in shipped.people:
        actor_aliases |= {person.name, *person.aliases, *(person.short or [])}
    assert not set(shipped.places) & actor_aliases


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The envoy urged Riyadh and Washington to act.", 1),
        ("Riyadh said it would host a second round.", 1),
        ("Riyadh's offer was welcomed.", 1),
        ("Delegates gathered in Riyadh on Monday.", 0),
        ("The envoy flew back from Riyadh.", 0),
        ("The Riyadh talks ended early.", 0),
        ("A Riyadh-based analyst disagreed.", 0),
    ],
)
def test_a_capital_is_the_actor_when_it_acts_and_a_place_when_it_is_a_location(
    nlp: Language, text: str, expected: int
) -> None:
    assert mentions(nlp, text).count(("Riyadh", "SAU")) == expected


def test_an_organisation_seat_is_a_metonym_like_a_capital(nlp: Language) -> None:
    found = mentions(
        nlp,
        "The plan was presented in Brussels last month. Brussels has warned both sides.",
    )
    assert found.count(("Brussels", "org:eu")) == 1


def test_a_state_in_a_title_and_the_person_after_it_are_two_mentions(nlp: Language) -> None:
    for text in (
        "Kosovo Prime Minister Albin Kurti refused.",
        "Talks stalled after Serbian President Aleksandar Vučić left.",
        "Freedonian Foreign Minister Ilse Varga-Moreau arrived late.",
    ):
        found = mentions(nlp, text)
        people = [(t, k) for t, k in found if k.startswith(("person:", "unresolved:"))]
        assert len(people) == 1, (text, found)
        assert not any(w in people[0][0] for w in ("Minister", "President")), found
    assert ("Kosovo", "XKX") in mentions(nlp, "Kosovo Prime Minister Albin Kurti refused.")


def test_a_state_outside_iso_3166_can_be_added_with_a_name(tmp_path: Path) -> None:
    path = tmp_path / "extra.yaml"
    path.write_text(
        "states:\n  - {country: XSM, name: Somaliland, metonyms: [Hargeisa]}\n"
        "people:\n  - {name: Abdi Warsame-Ali, country: XSM, role: envoy}\n",
        encoding="utf-8",
    )
    gazetteer = load_gazetteer([path])
    state = gazetteer.actor("XSM")
    assert state is not None and (state.name, state.kind) == ("Somaliland", "state")
    target = gazetteer.resolve("Hargeisa")
    assert target is not None and (target.key, target.cls) == ("XSM", "metonym")
    kosovo = load_gazetteer().resolve("Pristina")
    assert kosovo is not None and kosovo.key == "XKX"


def test_multi_word_names_with_an_organisation_head_noun_are_kept(nlp: Language) -> None:
    doc = nlp(
        "Fighters of the Eastern Shore Liberation Army clashed with the Upland Defence Forces, "
        "according to the Riverside Resistance Committees."
    )
    found = {(" ".join(s.text.split()), s.kb_id_, s.label_) for s in doc.spans[ACTORS]}
    assert (
        "Eastern Shore Liberation Army",
        "unresolved:eastern-shore-liberation-army",
        "group",
    ) in found
    assert ("Upland Defence Forces", "unresolved:upland-defence-forces", "group") in found
    assert any(key == "unresolved:riverside-resistance-committees" for _, key, _ in found)


def test_a_state_inside_a_group_name_belongs_to_the_group(nlp: Language) -> None:
    found = mentions(nlp, "Veterans of the Kosovo Liberation Army marched.")
    assert ("Kosovo Liberation Army", "group:kla") in found
    assert ("Kosovo", "XKX") not in found


def test_the_army_refers_back_to_the_last_army_named(nlp: Language) -> None:
    text = (
        "Envoys of the Freedonian Armed Forces and the paramilitary Coastal Support Forces met. "
        "The army accused the paramilitaries of breaking the truce, and the force denied it. "
        "Analysts said the army chief was isolated."
    )
    found = mentions(nlp, text)
    army = "unresolved:freedonian-armed-forces"
    rsf = "unresolved:coastal-support-forces"
    assert ("The army", army) in found
    assert ("the paramilitaries", rsf) in found
    assert ("the force", rsf) in found
    assert not any(t == "the army" for t, _ in found)  # "the army chief" is a description


def test_the_army_without_an_army_named_before_is_no_mention(nlp: Language) -> None:
    found = mentions(nlp, "The army said the Coastal Support Forces had withdrawn.")
    assert not any(t.lower() == "the army" for t, _ in found)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Sigrid Bjørnstad Sæther", "sigrid-bjoernstad-saether"),
        ("Jens Strauß", "jens-strauss"),
        ("Paweł Łukasik", "pawel-lukasik"),
        ("Đorđe Petrović", "dorde-petrovic"),
        ("Þóra Guðmundsdóttir", "thora-gudmundsdottir"),
        ("Cœur Lefèvre", "coeur-lefevre"),
    ],
)
def test_a_slug_spells_letters_without_an_ascii_base_as_readers_do(name: str, slug: str) -> None:
    # Unicode decomposition leaves these letters out ("Sæther" was "sther"); they are spelt
    # as in machine-readable travel documents (ICAO Doc 9303, part 3)
    assert slugify(name) == slug
