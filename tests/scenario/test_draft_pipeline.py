"""The draft from a team-written article run through the real extraction pipeline.

Sea-access talks between Bolivia and Chile hosted by Peru, with an analyst's
comment; a small gazetteer gives each person their state, role and sector.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from zopa.extract import build_pipeline, extract_documents
from zopa.scenario import check_text, draft_scenario, dump_scenario
from zopa.store import NewDocument, Store, add_document

TEXT = (
    "Bolivian President Luis Arce demanded sovereign access to the sea through territory "
    "Chile holds, calling it his country's primary goal. Chilean President Gabriel Boric "
    "rejected any transfer of territory to Bolivia. Peru hosted the two delegations in Lima "
    "on Monday. Ana Torres, an analyst at the Andean Policy Institute, said the talks would "
    "go nowhere this year."
)
GAZETTEER = """\
people:
  - {name: Luis Arce, country: BOL, role: president, affiliation: BOL, sector: GOV}
  - {name: Gabriel Boric, country: CHL, role: president, affiliation: CHL, sector: GOV}
  - {name: Ana Torres, role: analyst, affiliation: Andean Policy Institute, sector: EDU}
"""


@pytest.mark.slow
def test_a_drafted_article_places_the_parties_and_the_host(
    sqlite_store: Store, tmp_path: Path
) -> None:
    gazetteer = tmp_path / "gazetteer.yaml"
    gazetteer.write_text(GAZETTEER, encoding="utf-8")
    with sqlite_store.write() as session:
        add_document(
            session,
            NewDocument(
                sha256=hashlib.sha256(TEXT.encode()).hexdigest(),
                source="sea.txt",
                outlet="Andes Daily",
                title=None,
                url=None,
                published_at=dt.date(2025, 3, 3),
                date_source="metadata",
                language="en",
                text=TEXT,
                word_count=len(TEXT.split()),
            ),
        )
    extract_documents(sqlite_store, build_pipeline([gazetteer]))
    data = draft_scenario(sqlite_store)
    assert check_text(dump_scenario(data)).ok
    kinds = {a["id"]: a["kind"] for a in data["actors"]}
    assert kinds == {"bolivia": "state", "chile": "state", "peru": "mediator"}
    territory = {a["id"]: a["positions"]["territory"] for a in data["actors"] if "positions" in a}
    assert territory["bolivia"]["position"]["value"] > 50
    assert territory["chile"]["position"]["value"] < 50
    issue = data["issues"][0]
    assert issue["anchors"][100].startswith("Bolivia: “")
    assert issue["anchors"][0].startswith("Chile: “")
