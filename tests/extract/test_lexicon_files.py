"""Gazetteer, issue and event lexicon paths that are no regular file: refused, never waited on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.special_files import fifo
from zopa.errors import ExtractionError
from zopa.extract import load_gazetteer
from zopa.extract._evaluate import load_gold
from zopa.extract._issues import load_issue_lexicon
from zopa.extract.events import load_event_lexicon

LOADERS: dict[str, Callable[[Path], Any]] = {
    "gazetteer": lambda path: load_gazetteer([path]),
    "issue lexicon": load_issue_lexicon,
    "event lexicon": load_event_lexicon,
    "gold file": load_gold,
}


@pytest.mark.parametrize("what", list(LOADERS))
def test_named_pipe_is_refused(tmp_path: Path, what: str) -> None:
    with fifo(tmp_path / "lexicon.yaml") as pipe, pytest.raises(ExtractionError) as info:
        LOADERS[what](pipe)
    assert f"{pipe}: a named pipe (FIFO), not a regular file" in str(info.value)


@pytest.mark.parametrize("what", list(LOADERS))
def test_device_is_refused(what: str) -> None:
    with pytest.raises(ExtractionError, match="a character device, not a regular file"):
        LOADERS[what](Path("/dev/zero"))
