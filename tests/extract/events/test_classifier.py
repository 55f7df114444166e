"""The event-type classifier: the shipped model, its corpus digest, the sentence view and the
rule that combines it with the trigger rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from tests.extract.events.conftest import Parse
from zopa.extract.events import EventExtractor
from zopa.extract.events._classifier import LABELS, NONE, SentenceTypes, load_type_classifier
from zopa.extract.events._combine import Decision, Thresholds, decide
from zopa.extract.events._training import corpus_digest, training_sources
from zopa.extract.events._views import main_predicate, sentence_view

ROOT = Path(__file__).resolve().parents[3]


def test_the_shipped_model_classifies_over_the_ontology_and_none() -> None:
    classifier = load_type_classifier()
    assert set(classifier.labels) == set(LABELS)
    assert len(LABELS) == 17 and NONE in LABELS
    (reading,) = classifier.classify([["police", "arrest", "the", "activist", "rootisarrest"]])
    assert abs(sum(reading.scores.values()) - 1.0) < 1e-4  # one label per sentence


def test_the_shipped_model_was_trained_on_the_current_corpus() -> None:
    """Fails when a corpus file was added or changed without `make train-events`."""
    sources = training_sources(ROOT)
    if not any(p.parent.name == "events" for p in sources):
        pytest.skip("no training corpus beside the sources")
    digest, files = corpus_digest(sources)
    training = load_type_classifier().training
    assert training["files"] == files, "retrain the event type model: make train-events"
    assert training["corpus_digest"] == digest


def test_the_model_is_loaded_once_per_process() -> None:
    assert load_type_classifier() is load_type_classifier()


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("Officials said the troops had withdrawn from the border.", "withdrawn"),
        ("The junta refused to free the prisoners.", "free"),
        ("Lagos plans to expel the envoy next week.", "expel"),
        ("Farmers blocked the motorway near Lyon.", "blocked"),
    ],
)
def test_the_main_predicate_is_the_act_reported_refused_or_intended(
    component: EventExtractor, parse: Parse, text: str, predicate: str
) -> None:
    sent = next(iter(parse(text).sents))
    assert main_predicate(sent, component.lexicon).text == predicate


def test_the_view_is_lemmas_and_the_predicate_words(
    component: EventExtractor, parse: Parse
) -> None:
    sent = next(iter(parse("Rebels handed over their weapons in Goma.").sents))
    view = sentence_view(sent, main_predicate(sent, component.lexicon))
    assert view[:4] == ["rebel", "hand", "over", "their"]
    assert {"rootishand", "rootishand_over", "objisweapon", "prepishand_in"} <= set(view)
    assert "." not in view


def _reading(**scores: float) -> SentenceTypes:
    rest = (1.0 - sum(scores.values())) / (len(LABELS) - len(scores))
    return SentenceTypes({label: scores.get(label, rest) for label in LABELS})


def test_a_sure_other_type_retypes_the_main_rule_event() -> None:
    reading = _reading(RETREAT=0.8, REJECT=0.01)
    assert decide(reading, ["REJECT"], "REJECT") == Decision(retype="RETREAT")


def test_the_rule_type_stays_when_the_classifier_finds_it_plausible() -> None:
    assert decide(_reading(RETREAT=0.8, REJECT=0.1), ["REJECT"], "REJECT") == Decision()


def test_an_unsure_classifier_changes_no_rule_type() -> None:
    assert decide(_reading(RETREAT=0.6, REJECT=0.01), ["REJECT"], "REJECT") == Decision()


def test_a_sentence_without_a_main_rule_event_gets_the_classifier_type() -> None:
    assert decide(_reading(PROTEST=0.3), [], None) == Decision(add="PROTEST")
    # a rule event of that type elsewhere in the sentence already codes it
    assert decide(_reading(PROTEST=0.3), ["PROTEST"], None) == Decision()
    assert decide(_reading(NONE=0.5), [], None) == Decision()


def test_a_sentence_of_a_longer_text_needs_more_confidence() -> None:
    assert decide(_reading(PROTEST=0.3), [], None, alone=False) == Decision()
    assert decide(_reading(PROTEST=0.6), [], None, alone=False) == Decision(add="PROTEST")
    assert decide(_reading(PROTEST=0.3), [], None, Thresholds(add_in_text=0.2), False) == (
        Decision(add="PROTEST")
    )


def test_classifier_events_come_from_the_pipeline(nlp: Language) -> None:
    """Sentences no trigger rule codes get their event, with the same argument steps."""
    for text, expected in [
        ("Inmates rioted at the central prison in Quetzaltenango overnight.", "PROTEST"),
        ("Hackers broke into the servers of the national electoral office.", "COERCE"),
    ]:
        events = list(nlp(text).spans["zopa_events"])
        assert [e.label_ for e in events] == [expected], text
