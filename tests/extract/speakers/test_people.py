"""Names (``zopa.extract.speakers._people`` and ``._cast``): what a document says about the
people it names, on sentences written for these tests."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from tests.extract.speakers.conftest import Parse
from tests.extract.speakers.helpers import word
from zopa.extract.speakers import KnownActors
from zopa.extract.speakers._cast import Cast
from zopa.extract.speakers._people import honorific_forms, surname_forms, title_heads, titles
from zopa.extract.speakers._words import FEMALE, MALE


def test_a_name_with_an_honorific_is_the_person_named_in_full_before(
    speakers_nlp: Language,
) -> None:
    text = "Yvan Morales met them. Mr. Morales left. Mr. Ortiz stayed."
    doc = speakers_nlp.make_doc(text)

    def mention(name: str, key: str) -> Span:
        start = text.index(name)
        span = doc.char_span(start, start + len(name), label="person", kb_id=key)
        assert span is not None
        return span

    mentions = [
        mention("Yvan Morales", "unresolved:yvan-morales"),
        mention("Mr. Morales", "unresolved:mr-morales"),
        mention("Mr. Ortiz", "unresolved:mr-ortiz"),
    ]
    assert [m.text for m in mentions] == ["Yvan Morales", "Mr. Morales", "Mr. Ortiz"]
    assert honorific_forms(mentions) == {"unresolved:mr-morales": "unresolved:yvan-morales"}


def test_a_surname_alone_is_the_person_named_in_full_before(speakers_nlp: Language) -> None:
    text = "Ana Ortiz Vega met them. Ortiz left. Vega stayed. Quispe came. Lima voted."
    doc = speakers_nlp.make_doc(text)

    def mention(name: str, key: str, label: str = "person") -> Span:
        start = text.index(name)
        span = doc.char_span(start, start + len(name), label=label, kb_id=key)
        assert span is not None
        return span

    mentions = [
        mention("Ana Ortiz Vega", "unresolved:ana-ortiz-vega"),
        mention("Ortiz", "unresolved:ortiz", "organisation"),  # the NER's label may be wrong
        mention("Vega", "unresolved:vega"),
        mention("Quispe", "unresolved:quispe"),
        mention("Lima", "PER", "state"),
    ]
    assert surname_forms(mentions) == {
        "unresolved:ortiz": "unresolved:ana-ortiz-vega",
        "unresolved:vega": "unresolved:ana-ortiz-vega",
    }


def test_titles_are_the_words_written_with_the_name(parse: Parse) -> None:
    doc = parse("EU trade commissioner Jan Novak met Anna Kask, the Estonian envoy, in Riga.")
    novak, kask = (s for s in doc.spans["zopa_actors"] if s.label_ == "person")
    assert {"trade", "commissioner"} <= titles(novak)
    assert title_heads(novak) == {"commissioner"}
    assert title_heads(kask) == {"envoy"}


def test_gender_comes_from_honorifics_titles_and_self_reports_never_first_names(
    parse: Parse, known: KnownActors
) -> None:
    doc = parse(
        "Ms. Lena Hoff met spokesman Tomas Berg and Maria Lund in Oslo. "
        "Lund said he would return in May. Karl Weber said nothing."
    )
    cast = Cast(doc, known)
    assert cast.person("unresolved:lena-hoff").gender == FEMALE
    assert cast.person("unresolved:tomas-berg").gender == MALE
    assert cast.person("unresolved:maria-lund").gender == MALE  # "Lund said he would ..."
    assert cast.person("unresolved:karl-weber").gender is None


def test_a_self_report_tells_nothing_when_two_people_share_the_sentence(
    parse: Parse, known: KnownActors
) -> None:
    doc = parse("Maria Lund said he would meet Karl Weber in May.")
    cast = Cast(doc, known)
    assert cast.person("unresolved:maria-lund").gender is None


def test_the_cast_knows_offices_states_and_titles(parse: Parse, known: KnownActors) -> None:
    doc = parse("Foreign Minister Abbas Araghchi met EU trade commissioner Jan Novak.")
    cast = Cast(doc, known)
    assert cast.state_of("person:abbas-araghchi") == "IRN"  # by the gazetteer
    assert "minister" in cast.person("person:abbas-araghchi").offices
    assert {"minister", "commissioner"} <= cast.titles
    assert cast.kind("IRN") == "state"
    assert [m.text for m in cast.between(word(doc, "met").i, len(doc))] == ["EU", "Jan Novak"]
