"""Reading a user's file: only regular files, within a size limit, never blocking."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from ruamel.yaml import YAML

from tests.special_files import fifo, unix_socket, unprivileged
from zopa.errors import ConfigError, ZopaError
from zopa.files import display_path, read_bytes, read_text, yaml_error_line


def _problem(path: Path | str, what: str = "file", limit_hint: str = "") -> str:
    with pytest.raises(ConfigError) as info:
        read_bytes(path, max_bytes=1000, error=ConfigError, what=what, limit_hint=limit_hint)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_regular_file_and_link_to_it_are_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"hello")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    assert read_bytes(tmp_path / "link.txt", max_bytes=5, error=ConfigError) == b"hello"


def test_named_pipe_is_refused_without_opening_it(tmp_path: Path) -> None:
    with fifo(tmp_path / "pipe.yaml") as pipe:
        assert _problem(pipe) == f"{pipe}: a named pipe (FIFO), not a regular file; pass a file"


def test_link_to_a_named_pipe_is_refused(tmp_path: Path) -> None:
    with fifo(tmp_path / "pipe") as pipe:
        (tmp_path / "x.txt").symlink_to(pipe)
        assert "a named pipe (FIFO)" in _problem(tmp_path / "x.txt")


@pytest.mark.parametrize(
    ("path", "kind"), [("/dev/zero", "a character device"), ("/dev/null", "a character device")]
)
def test_devices_are_refused(path: str, kind: str) -> None:
    assert _problem(path).startswith(f"{path}: {kind}, not a regular file")


def test_socket_folder_loop_broken_link_missing(tmp_path: Path) -> None:
    (tmp_path / "loop1").symlink_to("loop2")
    (tmp_path / "loop2").symlink_to("loop1")
    (tmp_path / "broken").symlink_to("/no/such/target")
    with unix_socket(tmp_path, "s") as sock:
        assert "a socket, not a regular file" in _problem(sock)
    assert "a folder, not a regular file; pass a gazetteer file" in _problem(
        tmp_path, what="gazetteer file"
    )
    assert "a symbolic link loop" in _problem(tmp_path / "loop1")
    assert "a broken symbolic link to /no/such/target" in _problem(tmp_path / "broken")
    assert _problem(tmp_path / "absent", what="scenario file").endswith("no such scenario file")


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 1001)
    assert _problem(path, limit_hint="; raise it").endswith(
        "file is 1,001 bytes, over the 1,000-byte limit; raise it"
    )


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(ConfigError, match=r"latin1.yaml:2: not UTF-8 text \(byte 0xe9"):
        read_text(path, max_bytes=100, error=ConfigError)
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert read_text(path, max_bytes=100, error=ConfigError) == "a: 1\n"


def test_unreadable_file_says_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_bytes(b"x")
    path.chmod(0)
    code = (
        "import sys; from zopa.errors import ZopaError; from zopa.files import read_bytes\n"
        "try: read_bytes(sys.argv[1], max_bytes=10, error=ZopaError)\n"
        "except ZopaError as e: print(e)\n"
    )
    result = subprocess.run(
        unprivileged([sys.executable, "-c", code, str(path)]),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert result.stdout.strip() == f"{path}: permission denied; check the file's permissions"


def test_display_path_escapes_undecodable_bytes_and_controls() -> None:
    name = os.fsdecode(b"/tmp/caf\xe9\nnew.txt")
    assert display_path(name) == "/tmp/caf\\xe9\\nnew.txt"
    assert display_path(Path("/tmp/ok é.txt")) == "/tmp/ok é.txt"
    display_path(name).encode("utf-8")  # printable and storable


def test_errors_are_of_the_callers_class(tmp_path: Path) -> None:
    class MyError(ZopaError):
        pass

    with pytest.raises(MyError):
        read_bytes(tmp_path / "absent", max_bytes=1, error=MyError)


@pytest.mark.parametrize("parser", ["pyyaml", "ruamel"])
def test_a_yaml_error_names_the_line_it_points_at(parser: str) -> None:
    text = "a: 1\nb: 2\nc: [unclosed\nd: 4\n"
    with pytest.raises(Exception) as caught:
        if parser == "pyyaml":
            yaml.safe_load(text)
        else:
            YAML(typ="safe").load(text)
    assert yaml_error_line(caught.value) in {":3", ":4", ":5"}
    assert yaml_error_line(ValueError("no mark")) == ""
