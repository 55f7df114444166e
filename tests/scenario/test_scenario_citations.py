"""Scenario citations against a real store: gone, of another kind, no longer the same thing."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError
from sqlalchemy import delete
from typer.testing import CliRunner

from zopa.cli import app
from zopa.scenario import Evidence, Problem, check_text, cite, text_digest
from zopa.store import Actor, Claim, Document, Estimate, Quote, Store

from .conftest import two_sided

TEXT = (
    "Eastport wants the harbour reopened within a month. "
    "Westmoor rejects any toll on the canal. "
    "Eastport calls the fishing quota a core demand. "
    "Westmoor offers a joint patrol of the strait. "
    "A mediator put the chance of a deal at one in four. "
    "“We will not sign under pressure,” the Westmoor envoy said."
)


def _span(needle: str) -> dict[str, Any]:
    start = TEXT.index(needle)
    return {
        "start": start,
        "end": start + len(needle),
        "text": needle,
        "sentence_start": start,
        "sentence_end": start + len(needle),
        "extractor": "test",
    }


def _claim(document: int, actor: int, needle: str) -> Claim:
    return Claim(
        document_id=document,
        actor_id=actor,
        issue="harbour",
        stance="demand",
        salience_cue=None,
        attribution="own",
        **_span(needle),
    )


def _estimate(document: int, needle: str) -> Estimate:
    return Estimate(
        document_id=document,
        holder_text="A mediator",
        phrase=needle,
        probability=0.25,
        low=0.2,
        high=0.3,
        about="a deal",
        **_span(needle),
    )


NEEDLES = {
    "kept": "Eastport wants the harbour reopened within a month",
    "gone": "Westmoor rejects any toll on the canal",
    "kind": "Eastport calls the fishing quota a core demand",
    "moved": "Westmoor offers a joint patrol of the strait",
}


def _fill(store: Store) -> dict[str, Any]:
    """A document with four claims, an estimate and a quote; their rows, by name."""
    with store.write() as session:
        doc = Document(
            sha256="1" * 64,
            source="harbour.txt",
            date_source="none",
            language="en",
            text=TEXT,
            word_count=len(TEXT.split()),
            ingested_at=datetime.now(UTC),
        )
        east = Actor(key="eastport", name="Eastport", kind="state")
        session.add_all([doc, east])
        session.flush()
        rows: dict[str, Any] = {name: _claim(doc.id, east.id, n) for name, n in NEEDLES.items()}
        rows["estimate"] = _estimate(doc.id, "one in four")
        rows["quote"] = Quote(
            document_id=doc.id, kind="direct", **_span("We will not sign under pressure")
        )
        session.add_all(rows.values())
        session.flush()
        session.expunge_all()
    return rows


def _scenario(evidence: list[dict[str, Any]]) -> str:
    data = copy.deepcopy(two_sided())
    data["actors"][0]["positions"]["land"]["evidence"] = evidence
    return yaml.safe_dump(data, sort_keys=False)


def _line(text: str, needle: str, after: str | None = None) -> int:
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if after is None or after in line)
    return next(i for i in range(first, len(lines)) if needle in lines[i]) + 1


def _warnings(report_problems: list[Problem]) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in report_problems if p.severity == "warning"]


def _citation_warnings(text: str, store: Store) -> list[tuple[int, str]]:
    without = {p.message for p in check_text(text, source="s.yaml").problems}
    report = check_text(text, source="s.yaml", store=store)
    assert report.ok
    return [(line, m) for line, m in _warnings(report.problems) if m not in without]


def test_cite_writes_id_document_span_and_digest(store: Store) -> None:
    rows = _fill(store)
    claim = rows["kept"]
    assert cite("claim", claim) == {
        "claim": claim.id,
        "document": str(claim.document_id),
        "start": claim.start,
        "end": claim.end,
        "digest": text_digest(NEEDLES["kept"]),
        "issue": "harbour",  # a claim's citation records its issue as it was when cited
    }
    assert "issue" not in cite("estimate", rows["estimate"])
    assert text_digest("abc") == "ba7816bf8f01"  # SHA-256 of the UTF-8 text, 12 hex digits


def test_intact_citations_give_no_warning(store: Store) -> None:
    rows = _fill(store)
    evidence = [
        cite("claim", rows["kept"]),
        cite("estimate", rows["estimate"]),
        {"quote": rows["quote"].id},  # no digest: existence only
        {"document": "harbour.txt", "start": 0, "end": 8, "digest": text_digest("Eastport")},
    ]
    assert _citation_warnings(_scenario(evidence), store) == []


def test_a_cited_item_that_is_gone_is_a_warning_with_its_line(store: Store) -> None:
    rows = _fill(store)
    gone = rows["gone"]
    text = _scenario([cite("claim", rows["kept"]), cite("claim", gone), {"quote": 999}])
    with store.write() as session:
        session.execute(delete(Claim).where(Claim.id == gone.id))
    assert _citation_warnings(text, store) == [
        (_line(text, f"- claim: {gone.id}"), f"claim {gone.id} is not in the store"),
        (_line(text, "- quote: 999"), "quote 999 is not in the store"),
    ]


def test_a_span_now_holding_another_kind_is_a_warning(store: Store) -> None:
    rows = _fill(store)
    cited = rows["kind"]
    text = _scenario([cite("claim", cited)])
    with store.write() as session:  # re-extraction read the sentence as an estimate instead
        session.execute(delete(Claim).where(Claim.id == cited.id))
        estimate = _estimate(cited.document_id, NEEDLES["kind"])
        session.add(estimate)
        session.flush()
        estimate_id = estimate.id
    ((line, message),) = _citation_warnings(text, store)
    assert line == _line(text, f"- claim: {cited.id}")
    assert f"now holds estimate {estimate_id}" in message and "another kind" in message


def test_an_id_of_another_table_with_the_cited_digest_is_another_kind(store: Store) -> None:
    rows = _fill(store)
    estimate = rows["estimate"]
    wrong = {"claim": estimate.id + 100, "digest": text_digest("one in four")}
    ((_, message),) = _citation_warnings(_scenario([wrong]), store)
    assert message == f"claim {wrong['claim']} is not in the store"  # the id must match too
    same_id = {"claim": estimate.id, "digest": text_digest("one in four")}
    with store.write() as session:
        session.execute(delete(Claim).where(Claim.id == estimate.id))
    ((_, message),) = _citation_warnings(_scenario([same_id]), store)
    assert f"estimate {estimate.id}" in message and "another kind" in message


def test_a_citation_that_no_longer_says_the_same_thing_is_a_warning(store: Store) -> None:
    rows = _fill(store)
    moved, kept = rows["moved"], rows["kept"]
    changed = {**cite("claim", kept), "digest": text_digest("something else")}
    text = _scenario([cite("claim", moved), changed])
    with store.write() as session:  # the id went to another item elsewhere in the document
        row = session.get(Claim, moved.id)
        assert row is not None
        row.start, row.end, row.text = 0, 8, "Eastport"
    warnings = _citation_warnings(text, store)
    assert warnings[0][0] == _line(text, f"- claim: {moved.id}")
    assert f"claim {moved.id} no longer says the same thing: it is now at" in warnings[0][1]
    assert warnings[1][0] == _line(text, "digest:", after=f"- claim: {kept.id}")
    assert f"claim {kept.id} no longer says the same thing (its text's digest" in warnings[1][1]
    assert len(warnings) == 2


def test_a_cited_claim_now_read_as_on_another_issue_is_a_warning(store: Store) -> None:
    rows = _fill(store)
    kept = rows["kept"]
    text = _scenario([cite("claim", kept), {"claim": rows["gone"].id}])  # the second: no issue
    assert _citation_warnings(text, store) == []
    with store.write() as session:  # re-extraction kept both ids and words, moved the issues
        for row_id in (kept.id, rows["gone"].id):
            row = session.get(Claim, row_id)
            assert row is not None
            row.issue = "canal_toll"
    ((line, message),) = _citation_warnings(text, store)
    assert line == _line(text, "issue: harbour", after=f"- claim: {kept.id}")
    # An open issue a lexicon term now names is the same subject: no warning.
    renamed = _scenario([{**cite("claim", kept), "issue": "open_canal_toll"}])
    assert _citation_warnings(renamed, store) == []
    assert (
        message
        == f"claim {kept.id} was on 'harbour' when cited; the store now reads it as on 'canal_toll'"
    )


def test_document_citations_are_checked_for_the_document_and_the_span(store: Store) -> None:
    _fill(store)
    text = _scenario(
        [
            {"document": "77"},
            {"document": "harbour.txt", "start": 0, "end": 8, "digest": text_digest("Westmoor")},
        ]
    )
    messages = [m for _, m in _citation_warnings(text, store)]
    assert messages[0] == "document '77' is not in the store"
    assert "no longer says the same thing" in messages[1]


def test_a_digest_needs_what_it_is_the_digest_of() -> None:
    with pytest.raises(ValidationError, match="a digest needs"):
        Evidence(digest="0123456789ab", note="x")
    with pytest.raises(ValidationError):
        Evidence(claim=1, digest="XYZ")


def test_scenario_check_checks_citations_with_db_and_never_creates_a_store(
    store_url: str, tmp_path: Path
) -> None:
    from zopa.store import open_store

    store = open_store(store_url)
    try:
        rows = _fill(store)
    finally:
        store.close()
    path = tmp_path / "s.yaml"
    path.write_text(_scenario([{**cite("claim", rows["kept"]), "claim": 9999}]), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["--db", store_url, "scenario", "check", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "claim 9999 is not in the store" in result.stdout
    assert f"{path}:" in result.stdout and "citations checked against" in result.stderr

    absent = tmp_path / "absent.db"
    env = {"ZOPA_DATABASE_URL": f"sqlite:///{absent}"}
    result = runner.invoke(app, ["scenario", "check", str(path)], env=env)
    assert result.exit_code == 0 and "claim 9999" not in result.stdout
    assert not absent.exists()


def test_store_exists_tells_a_sqlite_file_from_one_that_would_be_created(tmp_path: Path) -> None:
    from zopa.settings import store_exists

    there = tmp_path / "there.db"
    there.write_bytes(b"")
    assert store_exists(f"sqlite:///{there}")  # absolute: four slashes
    assert not store_exists(f"sqlite:///{tmp_path / 'absent.db'}")
    assert not store_exists("sqlite://") and not store_exists("sqlite:///:memory:")
    assert store_exists("postgresql://zopa@localhost/zopa")
