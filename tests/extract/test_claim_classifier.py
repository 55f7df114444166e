"""The claim-sentence classifier: the shipped model, its corpus, and how the claims component
combines it with the cue rules — on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from zopa.errors import ExtractionError
from zopa.extract import build_pipeline
from zopa.extract._claim_classifier import (
    LABELS,
    MODEL_ENV,
    NONE,
    ClaimClassifier,
    claim_view,
    load_claim_classifier,
)
from zopa.extract._claim_combine import Thresholds, added_stance
from zopa.extract._claim_training import (
    CORPUS_DIR,
    corpus_items,
    label_sentences,
    labelled_corpus,
    team_corpus,
    train_claim_classifier,
    training_sources,
)
from zopa.extract._claims import ClaimsComponent
from zopa.extract._textcat import Reading, TrainingSettings, corpus_digest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(components=("zopa_actors", "zopa_quotes", "zopa_claims"))


@pytest.fixture(scope="module")
def rules_nlp() -> Language:
    nlp = build_pipeline(components=("zopa_actors", "zopa_quotes"))
    nlp.add_pipe("zopa_claims", config={"classify": False})
    return nlp


def _claims(nlp: Language, text: str) -> set[tuple[Any, ...]]:
    return {
        (f["actor"], f["issue"], f["stance"])
        for f in (span._.zopa_fields for span in nlp(text).spans["zopa_claims"])
    }


def _reading(**scores: float) -> Reading:
    rest = (1.0 - sum(scores.values())) / (len(LABELS) - len(scores))
    return Reading({label: scores.get(label, rest) for label in LABELS})


def test_the_shipped_model_classifies_over_the_stances_and_none() -> None:
    classifier = load_claim_classifier()
    assert set(classifier.labels) == set(LABELS) and NONE in LABELS
    assert {"red_line", "reject", "condition", "demand", "position"} <= set(LABELS)
    (reading,) = classifier.read([["they", "reject", "the", "plan", "rootisreject"]])
    assert abs(sum(reading.scores.values()) - 1.0) < 1e-4


def test_the_shipped_model_was_trained_on_the_current_corpus() -> None:
    """Fails when a gold file with claims was added or changed without `make train-claims`."""
    sources = training_sources(ROOT)
    if not sources:
        pytest.skip("no gold beside the sources")
    digest, files = corpus_digest(sources)
    training = load_claim_classifier().training
    assert training["files"] == files, "retrain the claim sentence model: make train-claims"
    assert training["corpus_digest"] == digest


def test_the_model_is_loaded_once_per_process() -> None:
    assert load_claim_classifier() is load_claim_classifier()


def test_a_missing_model_is_one_line_naming_it_and_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError) as info:
        load_claim_classifier(tmp_path / "nowhere")
    message = str(info.value)
    assert "\n" not in message and "nowhere" in message and "make train-claims" in message


def test_the_environment_names_another_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MODEL_ENV, str(tmp_path / "elsewhere"))
    with pytest.raises(ExtractionError, match="elsewhere"):
        load_claim_classifier()


def test_third_party_texts_are_never_trained_on(nlp: Language) -> None:
    with pytest.raises(ExtractionError, match="held out"):
        labelled_corpus(ROOT, nlp, ["seeds"])


def test_a_sentence_takes_the_strongest_stance_of_the_gold_claims_in_it(nlp: Language) -> None:
    text = "Tonga wants a quota. Fiji rejects any quota and would accept a levy. Rain fell."
    doc = nlp(text)
    spans = [
        (text.index("wants"), text.index("quota."), "goal"),
        (text.index("rejects"), text.index(" and"), "reject"),
        (text.index("would accept"), text.index("levy"), "accept"),
    ]
    assert [label for _, label in label_sentences(doc, spans)] == ["goal", "reject", NONE]


def test_a_confident_classifier_adds_a_stance_and_an_unsure_one_does_not() -> None:
    thresholds = Thresholds(add=0.5)
    assert added_stance(_reading(NONE=0.3, demand=0.5), thresholds) == "demand"
    assert added_stance(_reading(NONE=0.6, demand=0.3), thresholds) is None


# A plain statement of policy, with no stance word the cue rules know, and sentences that
# state no stance: a classifier trained on them (written here) reads the first as a
# position and the claims component gives it to the sentence's subject.
_POLICY = "Norway will keep its salmon levy until the end of the decade."
_TRAINING = [
    (_POLICY, "position"),
    ("Sweden will keep its timber levy until next spring.", "position"),
    ("Denmark will keep the herring levy for two more years.", "position"),
    ("The ferry left the harbour at dawn.", NONE),
    ("Snow closed the mountain pass on Tuesday.", NONE),
    ("The museum opened a new wing in March.", NONE),
]


@pytest.fixture(scope="module")
def trained(nlp: Language) -> ClaimClassifier:
    views = [claim_view(next(iter(nlp(text).sents))) for text, _ in _TRAINING]
    settings = TrainingSettings(epochs=20)
    return train_claim_classifier(views, [label for _, label in _TRAINING], settings)


@pytest.fixture
def component(nlp: Language, trained: ClaimClassifier) -> Iterator[ClaimsComponent]:
    pipe = nlp.get_pipe("zopa_claims")
    assert isinstance(pipe, ClaimsComponent)
    shipped, pipe.classifier = pipe.classifier, trained
    yield pipe
    pipe.classifier = shipped


def test_the_classifier_adds_a_plain_policy_statement_the_rules_miss(
    nlp: Language, rules_nlp: Language, component: ClaimsComponent
) -> None:
    assert _claims(rules_nlp, _POLICY) == set()
    claims = _claims(nlp, _POLICY)
    assert len(claims) == 1
    ((actor, issue, stance),) = claims
    assert (actor, issue, stance) == ("NOR", "trade", "position")  # a levy: the lexicon's


def test_the_classifier_adds_nothing_to_a_sentence_with_no_actor(
    nlp: Language, component: ClaimsComponent
) -> None:
    assert _claims(nlp, "The levy will stay until the end of the decade.") == set()
    assert _claims(nlp, "The ferry left the harbour at dawn.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Sweden said Norway would keep its salmon levy until the end of the decade.",
        "The salmon levy would be kept until the end of the decade, Norway said.",
    ],
)
def test_the_classifier_adds_no_forecast_of_anothers_conduct_nor_an_announcement(
    nlp: Language, component: ClaimsComponent, text: str
) -> None:
    # a future another side is said to bring about, or a passive with no one's will in it
    assert _claims(nlp, text) == set()


def test_the_classifier_adds_a_future_a_side_states_of_itself(
    nlp: Language, component: ClaimsComponent
) -> None:
    text = "Norway said it would keep its salmon levy until the end of the decade."
    assert {actor for actor, _, _ in _claims(nlp, text)} == {"NOR"}


def test_the_version_names_the_classifier_corpus_or_the_rules_alone(
    nlp: Language, rules_nlp: Language
) -> None:
    digest = str(load_claim_classifier().training["corpus_digest"])
    with_model, rules = nlp.get_pipe("zopa_claims"), rules_nlp.get_pipe("zopa_claims")
    assert isinstance(with_model, ClaimsComponent) and isinstance(rules, ClaimsComponent)
    assert (with_model.version, rules.version) == (f"8+{digest[:8]}", "8+rules")


# The team corpus (training/claims/*.yaml): labelled sentences written for training.


def _write_corpus(root: Path, body: str) -> Path:
    path = root / CORPUS_DIR / "corpus-z.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def test_the_team_corpus_is_read_with_its_labels_and_in_the_trained_sources(
    tmp_path: Path, rules_nlp: Language
) -> None:
    path = _write_corpus(
        tmp_path,
        "- id: z1\n  text: Oslo regards the fjord as its own.\n  stance: position\n"
        "  holder: Oslo\n  issues: [fjord]\n"
        "- id: z2\n  text: The ferry left the harbour at dawn.\n  stance: NONE\n",
    )
    assert [(i.id, i.stance) for i in corpus_items(path)] == [("z1", "position"), ("z2", NONE)]
    assert training_sources(tmp_path) == [path]
    corpus = team_corpus(tmp_path, rules_nlp)
    assert [(s.label, s.group) for s in corpus] == [("position", "corpus-z"), (NONE, "corpus-z")]
    assert "rootisregard" in corpus[0].view


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("- id: z1\n  text: Oslo wants a levy.\n  stance: wish\n", "'wish'"),
        ("- id: z1\n  text: Oslo wants a levy.\n", "'None'"),
        ("- text: Oslo wants a levy.\n  stance: demand\n", "item 1"),
        ("- id: z1\n  text: A.\n  stance: NONE\n- id: z1\n  text: B.\n  stance: NONE\n", "twice"),
        ("- id: z1\n  text: Oslo wants a levy.\n  stance: demand\n  holder: Bergen\n", "'Bergen'"),
        ("- id: z1\n  text: Oslo wants a levy.\n  stance: demand\n  issues: [toll]\n", "'toll'"),
        ("id: z1\n", "list of items"),
        ("- id: [z1\n", "not valid YAML"),
    ],
)
def test_a_bad_corpus_item_is_one_line_naming_the_file_the_item_and_the_fix(
    tmp_path: Path, body: str, named: str
) -> None:
    path = _write_corpus(tmp_path, body)
    with pytest.raises(ExtractionError) as info:
        corpus_items(path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message and named in message


def test_the_shipped_team_corpus_is_well_formed_and_mostly_balanced() -> None:
    files = sorted((ROOT / CORPUS_DIR).glob("*.yaml"))
    if not files:
        pytest.skip("no team corpus beside the sources")
    items = [item for path in files for item in corpus_items(path)]
    nones = sum(item.stance == NONE for item in items)
    assert len(items) >= 450 and nones >= 0.4 * len(items)
    assert {item.stance for item in items} == set(LABELS)
