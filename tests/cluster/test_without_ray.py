"""``--ray`` without the optional extra: one line saying how to install it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, REPO

HIDE_RAY = '''
import sys


class HideRay:
    """Finds no module named ray, as where the extra is not installed."""

    def find_spec(self, name, path=None, target=None):
        if name == "ray" or name.startswith("ray."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, HideRay())
'''


@pytest.mark.parametrize(
    "command",
    [
        ["extract", "--ray", "local"],
        ["forecast", str(EXAMPLES / "scenarios" / "russia-ukraine-2025.yaml"), "--ray", "local"],
        [
            "backtest",
            str(EXAMPLES / "scenarios" / "russia-ukraine-2025.yaml"),
            "--from",
            "2025-01-01",
            "--to",
            "2025-02-01",
            "--ray",
            "head:6379",
        ],
    ],
    ids=["extract", "forecast", "backtest"],
)
def test_ray_option_without_ray_says_how_to_install_it(command: list[str], tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text(HIDE_RAY, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(REPO / "src")])}
    done = subprocess.run(
        [sys.executable, "-m", "zopa", "--db", f"sqlite:///{tmp_path / 'zopa.db'}", *command],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: --ray needs Ray") and "pip install 'zopa[ray]'" in lines[0]
