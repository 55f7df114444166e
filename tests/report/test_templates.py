"""The report's templates: compiled once, then loaded from Jinja's bytecode cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

_COMPILES = """
from zopa.report._templates import environment
env = environment()
compiled = []
compile_source = env.compile
def compile_counted(*args, **kwargs):
    compiled.append(args)
    return compile_source(*args, **kwargs)
env.compile = compile_counted
env.get_template("report.html")
print(len(compiled))
"""


def _compiles() -> int:
    done = subprocess.run(
        [sys.executable, "-c", _COMPILES], capture_output=True, text=True, check=True
    )
    return int(done.stdout)


def test_a_new_process_loads_the_compiled_templates_rather_than_compiling_them() -> None:
    _compiles()  # fills the cache, if this is the first process to load the templates
    assert _compiles() == 0


def test_a_cache_folder_that_is_not_safe_leaves_the_templates_compiled_in_memory(
    tmp_path: Path,
) -> None:
    """Another user's, or anything but a private folder, where Jinja would keep its cache:
    the report is made all the same, nothing written there."""
    taken = tmp_path / f"_jinja2-cache-{os.getuid()}"
    taken.write_text("not a folder", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _COMPILES],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == 1
    assert taken.read_text(encoding="utf-8") == "not a folder"
