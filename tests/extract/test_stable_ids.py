"""Re-extracting a document keeps the ids of the items whose span is unchanged."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from spacy.language import Language
from sqlalchemy import select

from zopa.extract import build_pipeline, extract_documents
from zopa.extract._open_issues import is_open
from zopa.scenario import check_text, cite
from zopa.store import Claim, Estimate, Event, Mention, Quote, Store, add_document
from zopa.store._schema import Base

from ..conftest import plain_document
from ..scenario.conftest import two_sided

TALKS = (
    "Northvale and Southmark resume talks\n\n"
    "Northvale demands the withdrawal of all foreign troops from the border region. "
    "Southmark insists that sanctions must be lifted before any deal. "
    "Northvale said a ceasefire was non-negotiable. "
    "“We will not give up our ports,” Southmark's envoy Ilse Varga told reporters. "
    "Southmark wants guarantees of security for its ports."
)
MORE = (
    "Northvale repeats its demand\n\n"
    "Northvale demands the withdrawal of all foreign troops. "
    "Southmark said sanctions were the main obstacle."
)


def _lexicon(folder: Path, name: str, issues: dict[str, list[str]]) -> Path:
    lines = ["version: 1", "issues:"]
    for issue_id, terms in issues.items():
        lines += [f"  - id: {issue_id}", f"    label: {issue_id}", f"    terms: {terms}"]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pipelines(tmp_path_factory: pytest.TempPathFactory) -> tuple[Language, Language]:
    """Two issue lexicons: the second drops ``sanctions`` and adds ``ports``."""
    folder = tmp_path_factory.mktemp("lexicons")
    first = {"troops": ["troops"], "sanctions": ["sanctions"], "ceasefire": ["ceasefire"]}
    second = {"troops": ["troops"], "ports": ["ports"], "ceasefire": ["ceasefire"]}
    return (
        build_pipeline(issues_path=_lexicon(folder, "first.yaml", first)),
        build_pipeline(issues_path=_lexicon(folder, "second.yaml", second)),
    )


def _store(store: Store, key: str, text: str) -> int:
    with store.write() as session:
        return add_document(session, plain_document(key, text))


def _rows(store: Store, table: type[Base]) -> dict[tuple[int, int, int], int]:
    """(document, start, end) → id of every row of ``table``."""
    model: Any = table
    with store.session() as session:
        rows = session.execute(select(model.document_id, model.start, model.end, model.id)).all()
    return {(doc, start, end): row_id for doc, start, end, row_id in rows}


def _claims(store: Store) -> dict[tuple[int, int, int], tuple[int, str]]:
    with store.session() as session:
        rows = session.execute(
            select(Claim.document_id, Claim.start, Claim.end, Claim.id, Claim.issue)
        ).all()
    # claims on the lexicon's issues: a lexicon change may turn an open issue ("We will not
    # give up our ports" with no "ports" term) into a lexicon one, a new claim on another span
    return {
        (doc, start, end): (claim_id, issue)
        for doc, start, end, claim_id, issue in rows
        if not is_open(issue)
    }


def test_a_changed_issue_lexicon_keeps_the_ids_of_the_other_claims(
    store: Store, pipelines: tuple[Language, Language]
) -> None:
    first, second = pipelines
    talks = _store(store, "talks", TALKS)
    _store(store, "more", MORE)
    extract_documents(store, first)
    before = _claims(store)
    assert {issue for _, issue in before.values()} == {"troops", "sanctions", "ceasefire"}

    report = extract_documents(store, second)
    assert report.count("extracted") == 2
    after = _claims(store)
    kept = {span: value for span, value in before.items() if value[1] != "sanctions"}
    assert kept and all(after[span] == value for span, value in kept.items())
    assert not any(issue == "sanctions" for _, issue in after.values())  # vanished: deleted
    new = {span: value for span, value in after.items() if span not in before}
    assert {issue for _, issue in new.values()} == {"ports"}
    assert any(span[0] == talks for span in new)
    assert not {claim_id for claim_id, _ in new.values()} & {i for i, _ in kept.values()}


def test_re_extracting_unchanged_documents_keeps_every_id(
    store: Store, pipelines: tuple[Language, Language]
) -> None:
    first, _ = pipelines
    _store(store, "talks", TALKS)
    _store(store, "more", MORE)
    extract_documents(store, first)
    tables = (Mention, Event, Quote, Claim, Estimate)
    before = {table: _rows(store, table) for table in tables}
    assert before[Mention] and before[Quote] and before[Claim] and before[Event]
    extract_documents(store, first, rebuild=True)
    assert {table: _rows(store, table) for table in tables} == before


def test_citations_of_unchanged_claims_stay_good_after_a_lexicon_change(
    store: Store, pipelines: tuple[Language, Language]
) -> None:
    first, second = pipelines
    _store(store, "talks", TALKS)
    extract_documents(store, first)
    with store.session() as session:
        claims = session.scalars(select(Claim).order_by(Claim.id)).all()
        evidence = [cite("claim", claim) for claim in claims]
        vanished = {claim.id for claim in claims if claim.issue == "sanctions"}
    data = copy.deepcopy(two_sided())
    data["actors"][0]["positions"]["land"]["evidence"] = evidence
    text = yaml.safe_dump(data, sort_keys=False)

    extract_documents(store, second)
    report = check_text(text, source="talks.yaml", store=store)
    cited = [p.message for p in report.problems if p.message.startswith("claim ")]
    assert vanished and cited == [f"claim {i} is not in the store" for i in sorted(vanished)]
