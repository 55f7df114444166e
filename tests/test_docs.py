"""Docs that are tested: the CLI reference, settings and registry entries are documented."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import REPO
from zopa.cli._reference import render_reference
from zopa.registry import forecast_sources, models
from zopa.settings import Settings


def test_cli_reference_is_up_to_date() -> None:
    written = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == render_reference(), "regenerate it: make docs"


def test_every_setting_is_documented() -> None:
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"ZOPA_{name.upper()}" in text, name


def test_every_registered_model_is_documented() -> None:
    import zopa.models  # noqa: F401  (registers the built-in models)

    text = (REPO / "docs" / "models.md").read_text(encoding="utf-8")
    missing = [name for name in models.names() if name not in text]
    assert not missing


def test_every_forecast_source_and_question_type_is_documented() -> None:
    import zopa.forecast  # noqa: F401  (registers the built-in sources)
    from zopa.scenario import WHAT_TYPES

    forecasts = (REPO / "docs" / "forecasts.md").read_text(encoding="utf-8")
    assert [name for name in forecast_sources.names() if name not in forecasts] == []
    scenarios = (REPO / "docs" / "scenarios.md").read_text(encoding="utf-8")
    assert [t for t in WHAT_TYPES if f"| `{t}` |" not in scenarios] == []


def test_readme_starts_with_the_two_commands() -> None:
    head = (REPO / "README.md").read_text(encoding="utf-8")[:600]
    assert re.search(r"make demo", head)
    assert re.search(r"make test", head)


def test_the_guide_gazetteer_example_loads(tmp_path: Path) -> None:
    from zopa.extract import load_gazetteer

    guide = (REPO / "docs" / "guide.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", guide, re.S)
    assert block is not None
    path = tmp_path / "parties.yaml"
    path.write_text(block.group(1), encoding="utf-8")
    gazetteer = load_gazetteer([path])
    target = gazetteer.resolve("Jane Doe")
    assert target is not None
    assert gazetteer.actor(target.key) is not None
