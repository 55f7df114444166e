"""Probe zopa as a careless or hostile user would (not a test): bad scenarios and bad arguments.

``.venv/bin/python bench/probe_cli.py [--scenarios N] [--seed S] [--json]``

Two probes, both through the real command-line app in this process (typer's runner)
on a real SQLite store holding the example corpus:

* **scenarios** — the shipped example scenarios mutated at random (values replaced by
  other types, huge or negative numbers, NaN, markup, empty or deep structures; keys
  dropped or duplicated; text cut, tagged or garbled), each run through
  ``scenario check`` and ``solve``;
* **arguments** — every option and argument of every command (found by walking the
  app), given values a user could mistype: negative, zero, beyond 64 bits, not a
  number, not a date, a missing path, markup.

A run *holds* when it ends with exit 0, or with exit 1/2 and exactly one ``error:``
line; anything else — an exception escaping, a traceback, a multi-line error — is a
*crash* and is printed. The figures go in README's "Tested as an attacker would".
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer
import yaml
from typer.testing import CliRunner

from zopa.cli import app

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
# Commands left out of the argument probe: they run the whole pipeline (slow), start
# spaCy on every call, or serve until stopped (a host it may bind with $ZOPA_API_TOKEN
# set); their options are parsed by the same typer machinery.
SKIPPED_COMMANDS = {"demo", "extract", "serve"}

BAD_VALUES: tuple[Any, ...] = (
    None,
    -1,
    0,
    10**30,
    10**5000,
    -(10**400),
    1e308,
    math.nan,
    math.inf,
    "",
    "[/b]",
    "[bold red]x[/]",
    "x" * 5000,
    "2025-13-45",
    [],
    {},
    [[[[[[[[[[]]]]]]]]]],
    True,
    {"value": "abc"},
)
BAD_ARGUMENTS = (
    "-1",
    "0",
    "9223372036854775808",
    "abc",
    "",
    "2025-13-45",
    "1e999",
    "/nonexistent/folder/file",
    "[/b]",
    "x" * 5000,
)


_LINE = 300
_MESSAGE_PREFIXES = ("error:", "warning:", "duplicate:")


@dataclass
class Tally:
    """Outcomes of one probe: runs, one-line errors by their first words, crashes."""

    runs: int = 0
    ok: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    crashes: list[str] = field(default_factory=list)

    def record(self, label: str, result: Any) -> None:
        """Classify one :class:`click.testing.Result`."""
        self.runs += 1
        escaped = result.exception is not None and not isinstance(result.exception, SystemExit)
        if escaped or "Traceback" in result.output:
            reason = f"{type(result.exception).__name__}: {result.exception}"
            self.crashes.append(f"{label}: {reason}"[:_LINE])
        elif result.exit_code == 0:
            self.ok += 1
        elif result.exit_code in (1, 2) and (first := _error_report(result)):
            self.errors[first] += 1
        else:
            tail = " | ".join(result.output.splitlines()[-3:])
            self.crashes.append(f"{label}: exit {result.exit_code}: {tail}"[:_LINE])

    def summary(self) -> dict[str, Any]:
        """Counts for printing or JSON."""
        return {
            "runs": self.runs,
            "ok": self.ok,
            "errors": sum(self.errors.values()),
            "crashes": len(self.crashes),
        }


def _error_report(result: Any) -> str | None:
    """The kind of a well-formed failure (its first words), or None.

    Well formed: every line on stderr is one message (``error:``, ``warning:``,
    ``duplicate:``) with at least one ``error:``, or a ``scenario check`` report
    (one line per problem, then the verdict).
    """
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    if lines and all(line.startswith(_MESSAGE_PREFIXES) for line in lines):
        errors = [line for line in lines if line.startswith("error:")]
        if errors:
            return " ".join(errors[0].split()[:3])[:60]
    out = [line for line in result.stdout.splitlines() if line.strip()]
    if out and out[-1].endswith("warning(s))"):
        return "scenario check: invalid"
    return None


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*prefix, index))


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    data[head] = _replace(data[head], rest, value)
    return data


def _drop(data: Any, path: tuple[Any, ...]) -> Any:
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    del parent[path[-1]]
    return data


def _dump(data: Any) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    # safe_dump writes 1e308 and ints faithfully; huge ints come out as digits.
    return text


def _restructure(data: Any, rng: random.Random) -> Any:
    """Change a whole section: no positions anywhere, one actor or issue left, none, or x20."""
    section = rng.choice(("actors", "issues"))
    items = data.get(section) or []
    choice = rng.randrange(4)
    if choice == 0:
        for actor in data.get("actors") or []:
            actor.pop("positions", None)
    elif choice == 1:
        data[section] = items[:1]
    elif choice == 2:
        data[section] = []
    else:
        data[section] = [json.loads(json.dumps(item, default=str)) for item in items * 20]
    return data


def mutate(text: str, rng: random.Random) -> str:
    """One random mutation of a scenario's YAML text."""
    data = yaml.safe_load(text)
    kind = rng.choice(("value", "value", "value", "drop", "duplicate", "structure", "text"))
    if kind == "structure":
        return _dump(_restructure(data, rng))
    paths = [p for p in _paths(data) if p]
    path = rng.choice(paths)
    if kind == "value":
        return _dump(_replace(data, path, rng.choice(BAD_VALUES)))
    if kind == "drop":
        return _dump(_drop(data, path))
    if kind == "duplicate":
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        if isinstance(parent, list):
            parent.append(json.loads(json.dumps(parent[path[-1]], default=str)))
        return _dump(data)
    cut = rng.randrange(len(text))
    return rng.choice(
        (
            text[:cut],
            text[:cut] + "\n!!python/object:os.system {}\n" + text[cut:],
            text[:cut] + "\x00\ufffd\udcff"[rng.randrange(3)] + text[cut:],
            text[:cut] + "\n  " + text[cut:],
            text.replace("actor", "actors", 1),
        )
    )


def probe_scenarios(count: int, seed: int, workdir: Path, db: str) -> Tally:
    """Run ``scenario check`` and ``solve`` on ``count`` mutated example scenarios."""
    rng = random.Random(seed)
    runner = CliRunner()
    sources = sorted((EXAMPLES / "scenarios").glob("*.yaml"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    tally = Tally()
    for i in range(count):
        path = workdir / f"probe-{i:04d}.yaml"
        try:
            mutated = mutate(rng.choice(texts), rng)
            path.write_bytes(mutated.encode("utf-8", "surrogateescape"))
        except (ValueError, UnicodeError, OverflowError, RecursionError):
            continue  # the mutation itself could not be written: not an input
        for args in (
            ["scenario", "check", str(path)],
            ["--db", db, "solve", str(path), "--draws", "100", "--loop-draws", "5"],
        ):
            tally.record(
                f"{path.name} {'solve' if 'solve' in args else 'check'}", runner.invoke(app, args)
            )
    return tally


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every leaf command under ``group`` (typer vendors click: matched by interface)."""
    for name, command in sorted(group.commands.items()):
        if name in SKIPPED_COMMANDS:
            continue
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


def _is_argument(param: Any) -> bool:
    return bool(param.param_type_name == "argument")


def _valid_args(command: Any, scenario: Path, corpus: Path) -> list[str]:
    """Arguments that make ``command`` run, so each bad option is tried alone."""
    args: list[str] = []
    for param in command.params:
        if _is_argument(param) and param.required:
            name = (param.name or "").lower()
            if "scenario" in name or "file" in name:
                args.append(str(scenario))
            elif "id" in name:
                args.append("1")
            elif "gold" in name or "corpus" in name or "path" in name or "dataset" in name:
                args.append(str(corpus))
            else:
                args.append(str(scenario))
    return args


def probe_arguments(workdir: Path, db: str) -> Tally:
    """Every option and argument of every command, given each bad value in turn."""
    runner = CliRunner()
    root = typer.main.get_command(app)
    scenario = EXAMPLES / "scenarios" / "russia-ukraine-2025.yaml"
    corpus = EXAMPLES / "corpus"
    tally = Tally()
    for path, command in _commands(root):
        base = _valid_args(command, scenario, corpus)
        for param in command.params:
            if getattr(param, "is_flag", False) or param.name == "help":
                continue
            for value in BAD_ARGUMENTS:
                if _is_argument(param):
                    index = [p for p in command.params if _is_argument(p)].index(param)
                    args = list(base)
                    if index < len(args):
                        args[index] = value
                    else:
                        args.append(value)
                else:
                    args = [*base, param.opts[0], value]
                    if param.opts[0] in ("--out", "-o", "--chart"):
                        args[-1] = str(workdir / "missing" / "x") if value == "" else value
                tally.record(
                    " ".join((*path, param.opts[0] if param.opts else "?", value[:20])),
                    runner.invoke(app, ["--db", db, *path, *args]),
                )
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scenarios", type=int, default=400, help="mutated scenarios to try")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        os.chdir(workdir)  # anything a command writes by default lands here
        db = f"sqlite:///{workdir / 'probe.db'}"
        CliRunner().invoke(app, ["--db", db, "ingest", str(EXAMPLES / "corpus")])
        results = {
            "scenarios": probe_scenarios(options.scenarios, options.seed, workdir, db),
            "arguments": probe_arguments(workdir, db),
        }
    if options.json:
        print(json.dumps({k: v.summary() for k, v in results.items()}, indent=2))
    else:
        for name, tally in results.items():
            summary = tally.summary()
            print(
                f"{name}: {summary['runs']} runs, {summary['ok']} ran, "
                f"{summary['errors']} one-line errors, {summary['crashes']} crashes"
            )
            for line in tally.crashes:
                print(f"  crash: {line}")
    sys.exit(1 if any(t.crashes for t in results.values()) else 0)


if __name__ == "__main__":
    main()
