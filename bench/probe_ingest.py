"""Ingestion probed as an attacker would: N bad inputs of every kind, on SQLite and PostgreSQL.

Usage::

    .venv/bin/python bench/probe_ingest.py [--per-kind N] [--seed S] [--show-errors]
        [--postgres-url URL | --no-postgres]

Writes N inputs of each kind zopa issue 8 names — links out of the tree, link
loops, broken links, pipes, devices, sockets, unreadable folders, impossible
dates, 5,000-digit integers, nesting 20,000 deep, bad URLs, lone surrogates, NUL,
long outlets, non-UTF-8 file names, YAML tags — and N random ones (random bytes,
random JSON records, random front matter), ingests each input on every backend
(one run each, so a crash ends only its own) and prints, per kind, the inputs
tried, the error lines raised and the documents stored (and with a warning) on
the first backend, the inputs that crashed on any backend (an exception other
than a ZopaError, or no answer in a minute: must be 0) and the outcomes on which
the backends disagreed (must be 0). Same seed, same inputs. The unreadable-folder
kind runs without root's read-anything capabilities (``setpriv``). Not part of the
test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from zopa.errors import ZopaError
from zopa.files import display_path
from zopa.ingest import ingest_paths
from zopa.store import Store, open_store
from zopa.store.testing import throwaway_postgres

HANG_SECONDS = 60
BODY = (
    "ISTANBUL, May 16, 2025 — Delegations from Russia and Ukraine met in Istanbul on "
    "Friday for their first direct talks in three years. The meeting produced an "
    "agreement on a large prisoner exchange but no ceasefire, officials on both sides "
    "said, and the two teams agreed to meet again within weeks to discuss a memorandum "
    "on the terms of a settlement."
)

Maker = Callable[[random.Random, Path, int], Path]


def _text(n: int) -> str:
    return f"{BODY} Input {n}."


def _jsonl(folder: Path, n: int, record: str) -> Path:
    path = folder / f"r{n}.jsonl"
    path.write_text(record + "\n", encoding="utf-8")
    return path


def _md(folder: Path, n: int, front_matter: str) -> Path:
    path = folder / f"f{n}.md"
    path.write_text(f"---\n{front_matter}\n---\n{_text(n)}\n", encoding="utf-8")
    return path


def _in_folder(folder: Path, n: int, make: Callable[[Path], None]) -> Path:
    """A folder holding one special entry made by ``make``."""
    tree = folder / f"d{n}"
    tree.mkdir()
    make(tree)
    return tree


def _outside(folder: Path, n: int) -> Path:
    secret = folder.parent / "outside" / f"secret{n}"
    secret.parent.mkdir(exist_ok=True)
    secret.write_text(f"root:$6$hash{n}:19000:0:99999:7:::", encoding="utf-8")
    return secret


def _socket(tree: Path) -> None:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    cwd = os.getcwd()
    os.chdir(tree)
    try:
        server.bind("s.txt")  # relative: socket paths are short
    finally:
        os.chdir(cwd)
        server.close()


def _random_value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(8 if depth < 3 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.random() < 0.5
    if kind == 2:
        return rng.choice([0, -1, 10 ** rng.randint(1, 4000), rng.random() * 1e308, float("inf")])
    if kind in (3, 4):
        alphabet = [0, 0x7F, 0xD800, 0xDFFF, 0xFFFF, 0x10FFFF, 0x2028, ord("a"), ord("-")]
        size = rng.choice([0, 1, 10, 300, 5000])
        return "".join(
            chr(rng.choice(alphabet) if rng.random() < 0.3 else rng.randint(0, 0x10FFFF))
            for _ in range(size)
        )
    if kind == 5:
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {str(_random_value(rng, 3)): _random_value(rng, depth + 1) for _ in range(3)}


def _random_record(rng: random.Random, folder: Path, n: int) -> Path:
    record = {"text": _text(n) if rng.random() < 0.6 else _random_value(rng)}
    for name in rng.sample(["title", "url", "outlet", "published", "extra"], rng.randint(0, 5)):
        record[name] = _random_value(rng)
    return _jsonl(folder, n, json.dumps(record))


_YAML_PIECES = [
    "2025-13-45", "!!float x", "!!python/object:os.system x", "[a, b]", "{a: 1}", "&a x", "*a",
    "~", "no", "'quoted'", '"\\ud800"', "9" * 5000, "[" * 300, "|\n  block", ">\n folded",
    "\t", "\x01", "\x85", ": :", "- item", "%YAML 1.1", "!!binary aGk=", "2025-05-16",
]  # fmt: skip


def _random_front_matter(rng: random.Random, folder: Path, n: int) -> Path:
    keys = ["title", "url", "outlet", "published", "date", "Title", "x", "? complex"]
    lines = [
        f"{rng.choice(keys)}: {rng.choice(_YAML_PIECES)}{rng.choice(_YAML_PIECES)}"
        for _ in range(rng.randint(0, 5))
    ]
    if rng.random() < 0.3:
        lines.append("".join(chr(rng.randint(1, 0x2FF)) for _ in range(rng.randint(1, 40))))
    return _md(folder, n, "\n".join(lines))


def _random_bytes(rng: random.Random, folder: Path, n: int) -> Path:
    path = folder / f"b{n}{rng.choice(['.txt', '.md', '.html', '.jsonl'])}"
    path.write_bytes(rng.randbytes(rng.randint(0, 2000)))
    return path


def _link_loop(tree: Path) -> None:
    (tree / "a.txt").symlink_to("b.csv")
    (tree / "b.csv").symlink_to("a.txt")  # no article suffix: ignored
    (tree / "c").symlink_to("c")  # no article suffix: ignored


def _link_up(tree: Path) -> None:
    (tree / "sub").mkdir()
    (tree / "sub" / "up").symlink_to("..")


KINDS: dict[str, Maker] = {
    "link out of the tree (file)": lambda r, f, n: _in_folder(
        f, n, lambda t: (t / "shadow.txt").symlink_to(_outside(f, n))
    ),
    "link out of the tree (folder)": lambda r, f, n: _in_folder(
        f, n, lambda t: (t / "etc").symlink_to(_outside(f, n).parent)
    ),
    "link to an enclosing folder": lambda r, f, n: _in_folder(f, n, _link_up),
    "link loop": lambda r, f, n: _in_folder(f, n, _link_loop),
    "broken link": lambda r, f, n: _in_folder(
        f, n, lambda t: (t / "gone.md").symlink_to(f"/no/such/file{n}")
    ),
    "named pipe (FIFO)": lambda r, f, n: _in_folder(f, n, lambda t: os.mkfifo(t / "p.txt")),
    "device (link to /dev/zero)": lambda r, f, n: _in_folder(
        f, n, lambda t: (t / "zero.txt").symlink_to("/dev/zero")
    ),
    "device named explicitly": lambda r, f, n: Path(r.choice(["/dev/null", "/dev/zero"])),
    "socket": lambda r, f, n: _in_folder(f, n, _socket),
    "invalid date, JSONL": lambda r, f, n: _jsonl(
        f, n, json.dumps({"text": _text(n), "published": f"2025-{r.randint(13, 99)}-45"})
    ),
    "invalid date, front matter": lambda r, f, n: _md(
        f, n, f"published: 2025-{r.randint(13, 99)}-45"
    ),
    "integer of 5,000 digits, JSONL": lambda r, f, n: _jsonl(
        f, n, f'{{"text": "{_text(n)}", "title": {"9" * r.randint(4300, 6000)}}}'
    ),
    "integer of 5,000 digits, front matter": lambda r, f, n: _md(
        f, n, f"title: {'9' * r.randint(4300, 6000)}"
    ),
    "JSON nested 20,000 deep": lambda r, f, n: _jsonl(
        f, n, f'{{"text": "x", "title": {_nested(r.randint(20_000, 30_000))}}}'
    ),
    "YAML nested 20,000 deep": lambda r, f, n: _md(
        f, n, f"title: {_nested(r.randint(20_000, 30_000))}"
    ),
    "URL like http://[::1": lambda r, f, n: _jsonl(
        f, n, json.dumps({"text": _text(n), "url": r.choice(["http://[::1", "https://[x/a"])})
    ),
    "JSON lone surrogate": lambda r, f, n: _jsonl(
        f, n, json.dumps({"text": f"{_text(n)} \ud800", "title": "\udfff"})
    ),
    "non-UTF-8 file name": lambda r, f, n: _named(f, n, bytes([r.randint(0x80, 0xFF)])),
    "YAML tag in front matter": lambda r, f, n: _md(
        f, n, f"title: {r.choice(['!!float x', '!!int y', '!!python/object:os.system z'])}"
    ),
    "NUL in title": lambda r, f, n: _jsonl(
        f, n, json.dumps({"text": _text(n), "title": "Talks\x00 resume", "outlet": "\x00"})
    ),
    "outlet over 200 characters": lambda r, f, n: _jsonl(
        f, n, json.dumps({"text": _text(n), "outlet": "O" * r.randint(201, 5000)})
    ),
    "random bytes": _random_bytes,
    "random JSON record": _random_record,
    "random front matter": _random_front_matter,
}


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _named(folder: Path, n: int, odd: bytes) -> Path:
    path = Path(os.fsdecode(bytes(folder) + b"/caf" + odd + f"{n}.txt".encode()))
    path.write_text(_text(n), encoding="utf-8")
    return path


@dataclass
class Tally:
    """What the inputs of one kind did on one backend."""

    inputs: int = 0
    errors: list[str] = field(default_factory=list)
    stored: int = 0
    warned: int = 0
    crashes: dict[str, str] = field(default_factory=dict)  # input → exception, one line
    outcomes: list[Any] = field(default_factory=list)


def _hang(_signum: int, _frame: FrameType | None) -> None:
    raise TimeoutError(f"no answer in {HANG_SECONDS} s")


def probe(store: Store, inputs: dict[str, list[Path]], tmp: Path) -> dict[str, Tally]:
    """Ingest every input on ``store``, one run each; a crash ends only its own run."""
    tallies: dict[str, Tally] = {}
    signal.signal(signal.SIGALRM, _hang)
    for kind, paths in inputs.items():
        tally = tallies.setdefault(kind, Tally())
        for path in paths:
            tally.inputs += 1
            signal.alarm(HANG_SECONDS)
            try:
                report = ingest_paths(store, [path], max_file_bytes=10 * 1024 * 1024)
            except ZopaError as exc:  # allowed, though ingest_paths records rather than raises
                tally.errors.append(str(exc))
                continue
            except Exception as exc:  # a crash: what this probe looks for
                what = " ".join(f"{type(exc).__name__}: {exc}".split())
                tally.crashes[display_path(path).replace(str(tmp), "<tmp>")] = what[:200]
                continue
            finally:
                signal.alarm(0)
            for outcome in report.outcomes:
                tally.outcomes.append((outcome.status, outcome.message, outcome.warnings))
                if outcome.status == "failed":
                    tally.errors.append(str(outcome.message).replace(str(tmp), "<tmp>"))
                else:
                    tally.stored += 1
                    tally.warned += bool(outcome.warnings)
    return tallies


def unreadable_folders(tmp: Path, count: int) -> Tally:
    """Folders with a subfolder that cannot be listed, collected without root's privileges."""
    tally = Tally()
    setpriv = shutil.which("setpriv")
    if os.geteuid() == 0 and setpriv is None:
        return tally
    code = (
        "import sys, json; from pathlib import Path; from zopa.ingest import collect_files\n"
        "_, failed = collect_files([Path(p) for p in sys.argv[1:]])\n"
        "print(json.dumps([f.message for f in failed]))\n"
    )
    folders = []
    for n in range(count):
        locked = tmp / "locked" / f"d{n}" / "sub"
        locked.mkdir(parents=True)
        (locked / "a.txt").write_text(_text(n), encoding="utf-8")
        locked.chmod(0)
        folders.append(str(locked.parent))
    command = [sys.executable, "-c", code, *folders]
    if os.geteuid() == 0:  # keep uid 0 but lose the capability to read anything
        command = [str(setpriv), "--bounding-set=-dac_override,-dac_read_search", *command]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    for folder in folders:
        (Path(folder) / "sub").chmod(0o755)
    tally.inputs = count
    if result.returncode != 0:
        tally.crashes["(all)"] = result.stderr.strip().splitlines()[-1]
    else:
        tally.errors = [m.replace(str(tmp), "<tmp>") for m in json.loads(result.stdout)]
    return tally


@contextmanager
def _backends(tmp: Path, postgres_url: str | None, no_postgres: bool) -> Iterator[dict[str, str]]:
    urls = {"sqlite": f"sqlite:///{tmp / 'probe.db'}"}
    if postgres_url or no_postgres:
        if postgres_url:
            urls["postgresql"] = postgres_url
        yield urls
        return
    with throwaway_postgres() as server:
        urls["postgresql"] = server.create_database()
        yield urls


def main() -> None:
    """Build the inputs, probe each backend, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-kind", type=int, default=40, help="inputs of each kind")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--show-errors", action="store_true", help="print every error line")
    parser.add_argument("--postgres-url", default=None, help="default: a throwaway server")
    parser.add_argument("--no-postgres", action="store_true", help="probe SQLite only")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="zp") as name:
        tmp = Path(name)
        inputs: dict[str, list[Path]] = {}
        for k, (kind, make) in enumerate(KINDS.items()):
            folder = tmp / f"k{k}"
            folder.mkdir()
            first = k * args.per_kind  # every input's text is its own: no duplicates
            inputs[kind] = [make(rng, folder, n) for n in range(first, first + args.per_kind)]
        results: dict[str, dict[str, Tally]] = {}
        with _backends(tmp, args.postgres_url, args.no_postgres) as urls:
            for backend, url in urls.items():
                store = open_store(url)
                results[backend] = probe(store, inputs, tmp)
                store.close()
        locked = unreadable_folders(tmp, args.per_kind)
        _print(results, locked, args)


def _print(results: dict[str, dict[str, Tally]], locked: Tally, args: argparse.Namespace) -> None:
    backends = list(results)
    first = results[backends[0]]
    print(
        f"zopa ingest probe: seed {args.seed}, {args.per_kind} inputs per kind, "
        f"backends: {', '.join(backends)}"
    )
    header = f"{'kind':<38} {'inputs':>6} {'errors':>6} {'stored':>6} {'warned':>6} {'crashes':>7}"
    print(header + f" {'disagree':>8}  first error")
    totals = [0, 0, 0, 0, 0, 0]
    rows = [(kind, [results[b][kind] for b in backends]) for kind in first]
    rows.append(("unreadable subfolder (no root rights)", [locked]))
    for kind, tallies in rows:
        t = tallies[0]
        crashes = len({path for x in tallies for path in x.crashes})  # on any backend
        disagree = sum(
            a != b
            for other in tallies[1:]
            for a, b in zip(t.outcomes, other.outcomes, strict=False)
        ) + sum(len(other.outcomes) != len(t.outcomes) for other in tallies[1:])
        figures = [t.inputs, len(t.errors), t.stored, t.warned, crashes, disagree]
        totals = [a + b for a, b in zip(totals, figures, strict=True)]
        sample = (t.errors or [f"{p}: {e}" for p, e in t.crashes.items()] or [""])[0]
        print(
            f"{kind:<38} {figures[0]:>6} {figures[1]:>6} {figures[2]:>6} {figures[3]:>6} "
            f"{figures[4]:>7} {figures[5]:>8}  {sample[:110]}"
        )
    print(
        f"{'total':<38} {totals[0]:>6} {totals[1]:>6} {totals[2]:>6} {totals[3]:>6} "
        f"{totals[4]:>7} {totals[5]:>8}"
    )
    print(
        f"inputs tried: {totals[0]}; errors raised: {totals[1]}; crashes: {totals[4]}; "
        f"SQLite/PostgreSQL disagreements: {totals[5]}"
    )
    for kind, tallies in rows:
        crashed = {p: e for x in tallies for p, e in x.crashes.items()}
        for path, what in list(crashed.items())[:3]:
            print(f"CRASH [{kind}] {path}: {what}")
        if len(crashed) > 3:
            print(f"CRASH [{kind}] ... and {len(crashed) - 3} more inputs")
        if args.show_errors:
            for error in tallies[0].errors:
                print(f"[{kind}] {error}")


if __name__ == "__main__":
    main()
