"""Roles (``zopa.extract.speakers._roles``): a speaker named by office, group, body,
nationality or medium, on sentences written for these tests."""

from __future__ import annotations

from spacy.language import Language

from tests.extract.speakers.conftest import Parse
from tests.extract.speakers.helpers import speaker_of, word
from zopa.extract.speakers import KnownActors, Speakers


def test_a_definite_office_is_its_latest_holder_named_before(
    parse: Parse, known: KnownActors
) -> None:
    doc = parse(
        "Tomas Varga, the Hungarian chief negotiator, met Ana Ruiz. The negotiator left early."
    )
    roles = Speakers(doc, known).roles
    assert roles.by_office(word(doc, "negotiator", 1)) == "unresolved:tomas-varga"


def test_an_owned_office_is_no_one_named_before(parse: Parse, known: KnownActors) -> None:
    doc = parse("Tomas Varga, the Hungarian negotiator, arrived. Chile's negotiator left early.")
    roles = Speakers(doc, known).roles
    assert roles.by_office(word(doc, "negotiator", 1)) is None


def test_the_rebels_are_the_latest_armed_group(parse: Parse, known: KnownActors) -> None:
    doc = parse("Hamas met the mediators in Cairo. The group said it wanted guarantees.")
    roles = Speakers(doc, known).roles
    assert roles.by_office(word(doc, "group")) == "group:hamas"


def test_the_agency_is_the_latest_outlet(parse: Parse, known: KnownActors) -> None:
    doc = parse("Reuters reported the talks had stalled. The agency said both sides were to blame.")
    roles = Speakers(doc, known).roles
    assert roles.outlet(word(doc, "agency")) == "org:reuters"


def test_officials_of_a_nationality_or_seat_are_the_state(parse: Parse, known: KnownActors) -> None:
    doc = parse("Iranian officials said little. Officials in Kigali said more.")
    roles = Speakers(doc, known).roles
    assert roles.by_demonym(word(doc, "officials")) == "IRN"
    assert roles.by_demonym(word(doc, "Officials")) == "RWA"


def test_a_title_the_text_gave_a_person_names_that_person(speakers_nlp: Language) -> None:
    # "commissioner" is no role noun of the shipped lists: the document's own title counts
    text = (
        "EU trade commissioner Jan Novak and Chinese Commerce Minister Li Wei spoke by video "
        "link. The commissioner told reporters that progress had been made on a price floor."
    )
    assert speaker_of(speakers_nlp, text, "progress had been made")[0] == "unresolved:jan-novak"


def test_the_envoy_is_the_adviser_sent_to_talk(speakers_nlp: Language) -> None:
    text = (
        "Mark Ellis, the British senior adviser for the Balkans, arrived in Pristina. "
        "The envoy said both sides wanted a deal before the summer."
    )
    assert speaker_of(speakers_nlp, text, "both sides wanted")[0] == "unresolved:mark-ellis"


def test_a_chief_is_the_head_named_before(speakers_nlp: Language) -> None:
    text = (
        "Oksana Bilyk, the head of the national security council, led the delegation. "
        "The security chief told reporters that Kyiv would not accept the terms."
    )
    assert speaker_of(speakers_nlp, text, "Kyiv would not")[0] == "unresolved:oksana-bilyk"


def test_an_office_two_people_hold_is_the_one_the_text_is_about(speakers_nlp: Language) -> None:
    # the latest minister named is the object of the sentence before; its subject speaks
    text = (
        "Algerian Foreign Minister Karim Belkacem confirmed the contacts. "
        "Austria's foreign minister, Eva Huber, flew to Algiers on Monday to meet Belkacem. "
        "The minister said the families had been informed of every step."
    )
    assert speaker_of(speakers_nlp, text, "the families")[0] == "unresolved:eva-huber"


def test_an_agency_qualified_by_an_actor_is_not_the_latest_outlet(speakers_nlp: Language) -> None:
    text = (
        "Reuters reported heavy fighting near the airport. "
        "The UN refugee agency said more than 10,000 people had fled since Friday."
    )
    assert speaker_of(speakers_nlp, text, "more than 10,000") == ("org:un", "The UN refugee agency")


def test_the_aide_is_the_spokesperson_of_that_seat_named_before(speakers_nlp: Language) -> None:
    text = (
        "The dispute goes back years. The Elysée spokeswoman, Claire Morel, said at the time "
        "that ties were “at a low”. Asked on Monday about the deal, the Elysée aide said it "
        "showed “that patience pays”."
    )
    assert speaker_of(speakers_nlp, text, "that patience pays")[0] == "unresolved:claire-morel"


def test_an_official_of_a_nationality_is_its_office_holder_named_before(
    speakers_nlp: Language,
) -> None:
    text = (
        "The treaty was signed by the heads of the two delegations, Aibek Dzhumabaev for "
        "Kyrgyzstan and Rustam Nazarov for Tajikistan.\n\nDzhumabaev, the head of the Kyrgyz "
        "customs service, was pleased. “Nothing is left to dispute,” he told reporters.\n\n"
        "The Kyrgyz official said the line followed the old maps. He said parliament would "
        "vote “before the winter recess”."
    )
    assert speaker_of(speakers_nlp, text, "the line followed")[0] == "unresolved:aibek-dzhumabaev"
    assert speaker_of(speakers_nlp, text, "before the winter")[0] == "unresolved:aibek-dzhumabaev"


def test_the_official_alone_is_not_an_office_holder_named_before(speakers_nlp: Language) -> None:
    text = (
        "Aibek Dzhumabaev, the head of the Kyrgyz customs service, was pleased. A Kyrgyz "
        "official at the border was not. The official said the queues “will only grow”."
    )
    assert speaker_of(speakers_nlp, text, "will only grow") == (None, "The official")


def test_a_spokesperson_qualified_by_a_bodys_head_noun_speaks_for_it(
    speakers_nlp: Language,
) -> None:
    text = (
        "Ghana's target follows the International Monetary Fund's own review. A Fund "
        "spokesperson said only that “talks continue”."
    )
    assert speaker_of(speakers_nlp, text, "talks continue") == ("org:imf", "A Fund spokesperson")
