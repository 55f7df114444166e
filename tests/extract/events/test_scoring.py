"""Scoring events: gold keys of names the gazetteer learnt later name the same actor."""

from __future__ import annotations

from spacy.language import Language

from zopa.extract import load_gazetteer
from zopa.extract._event_scoring import known_names, score_events, spelled_out_names

_PREDICTED = {"start": 0, "end": 20, "type": "REQUEST", "source_actor": "org:imf"}


def _gold(source: str) -> dict[str, object]:
    return {"start": 5, "end": 30, "type": "REQUEST", "source_actor": source}


def test_an_unresolved_gold_key_of_a_name_the_gazetteer_knows_matches_its_key() -> None:
    names = known_names(load_gazetteer())
    gold = [_gold("unresolved:international-monetary-fund")]
    assert score_events(gold, [_PREDICTED], names).true_positives == 1
    assert score_events(gold, [_PREDICTED]).true_positives == 0  # without the names


def test_an_unresolved_key_of_an_unknown_name_still_differs() -> None:
    names = known_names(load_gazetteer())
    assert "unresolved:lahore-chamber-of-shipping" not in names
    gold = [_gold("unresolved:lahore-chamber-of-shipping")]
    assert score_events(gold, [_PREDICTED], names).true_positives == 0


def test_a_place_name_is_no_actor() -> None:
    # "Kharkiv" is a place in the gazetteer: no actor key stands for it
    assert "unresolved:kharkiv" not in known_names(load_gazetteer())


def test_a_long_form_the_document_spells_an_acronym_out_with_names_it(nlp: Language) -> None:
    doc = nlp(
        "Talks with the Andean Liberation Front (ALF) resumed in Quito. "
        "The ALF said it would free two soldiers."
    )
    names = spelled_out_names(doc, load_gazetteer())
    assert names["unresolved:andean-liberation-front"] == "unresolved:alf"
    gold = [{**_gold("unresolved:andean-liberation-front"), "type": "RETREAT"}]
    found = [{**_PREDICTED, "type": "RETREAT", "source_actor": "unresolved:alf"}]
    assert score_events(gold, found, names).true_positives == 1


def test_unnamed_groups_match_by_their_head_word_as_in_sentence_scoring() -> None:
    # gold slugs the words as written ("two local reporters"), zopa the noun and its
    # compounds: the same people, as `zopa eval events` already counts them
    predicted = {**_PREDICTED, "type": "COERCE", "target_actor": "unresolved:reporters"}
    gold = {**_gold("org:imf"), "type": "COERCE", "target_actor": "unresolved:local-reporters"}
    assert score_events([gold], [predicted]).true_positives == 1
    other = {**gold, "target_actor": "unresolved:local-officials"}
    assert score_events([other], [predicted]).true_positives == 0
