"""The report's templates: compiled once, then loaded from Jinja's bytecode cache."""

from __future__ import annotations

import subprocess
import sys

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
