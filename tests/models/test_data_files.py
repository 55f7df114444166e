"""Evaluation data paths that are no regular file: refused for what they are, never waited on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.special_files import fifo
from zopa.errors import ConfigError
from zopa.models import load_csv, load_deu


@pytest.mark.parametrize("load", [load_csv, load_deu])
def test_named_pipe_is_refused(tmp_path: Path, load: Callable[[Path], object]) -> None:
    with fifo(tmp_path / "data.csv") as pipe, pytest.raises(ConfigError) as info:
        load(pipe)
    assert f"{pipe}: a named pipe (FIFO), not a regular file" in str(info.value)


@pytest.mark.parametrize("load", [load_csv, load_deu])
def test_device_is_refused(load: Callable[[Path], object]) -> None:
    with pytest.raises(ConfigError, match="a character device, not a regular file"):
        load(Path("/dev/zero"))
