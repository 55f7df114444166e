"""Reading a file the user named: regular files only, size-limited, never blocking.

Every file zopa reads on a user's behalf (articles, scenario files, gazetteers and
lexicons, evaluation data) goes through :func:`read_bytes` or :func:`read_text`.
They refuse, with one line saying what the path really is, anything that is not
a regular file — a named pipe (opening one for reading waits for a writer, for
ever), a device (``/dev/zero`` never ends), a socket, a folder, a symbolic link
loop or a link to nothing — and a file over the caller's size limit, before
reading a byte of it.

The path is checked with :func:`os.stat` (symbolic links followed: a link the user
names is the user's choice) and opened with ``O_NONBLOCK``, then checked again on
the open descriptor, so a path swapped for a pipe in between cannot block either.

:func:`display_path` is how a path is written in messages and stored as a
document's source: a file name that is not UTF-8 (Linux allows any bytes) shows
its odd bytes as ``\\xNN`` instead of breaking the terminal or the database.
"""

from __future__ import annotations

import errno
import os
import stat

from zopa.errors import ZopaError

__all__ = [
    "MAX_DATA_FILE_BYTES",
    "MAX_FILE_BYTES",
    "display_path",
    "explain_os_error",
    "not_regular",
    "read_bytes",
    "read_text",
]

MAX_FILE_BYTES = 1 << 40
"""Upper bound of every file-size limit (1 TiB): larger numbers overflow the readers."""
MAX_DATA_FILE_BYTES = 64 * 1024 * 1024
"""Largest gazetteer, lexicon or evaluation data file read (64 MiB; the largest shipped
survey file is 2.3 MB)."""

_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}
# C0 and C1 controls, DEL and the Unicode line separators, written as Python escapes.
_ESCAPES = {
    code: repr(chr(code))[1:-1] for code in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)
}


def display_path(path: str | os.PathLike[str]) -> str:
    """``path`` as one printable line: undecodable name bytes as ``\\xNN``, controls escaped."""
    return os.fsencode(path).decode("utf-8", "backslashreplace").translate(_ESCAPES)


def not_regular(mode: int) -> str | None:
    """What a ``stat`` mode is ("a named pipe (FIFO)", ...) when it is not a regular file."""
    if stat.S_ISREG(mode):
        return None
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def explain_os_error(path: str | os.PathLike[str], exc: OSError, what: str = "file") -> str:
    """Why ``path`` (meant to be a ``what``) could not be opened, in words: loop, broken link ..."""
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop (the link leads back to itself); fix or remove the link"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        try:
            target = os.readlink(path)
        except OSError:
            return f"no such {what}"
        return f"a broken symbolic link to {display_path(target)}; fix or remove the link"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied; check the file's permissions"
    return f"cannot read: {exc.strerror or exc}"


def _too_large(name: str, size: int, max_bytes: int, hint: str) -> str:
    return f"{name}: file is {size:,} bytes, over the {max_bytes:,}-byte limit{hint}"


def read_bytes(
    path: str | os.PathLike[str],
    *,
    max_bytes: int,
    error: type[ZopaError],
    what: str = "file",
    limit_hint: str = "",
) -> bytes:
    """The bytes of the regular file at ``path``, at most ``max_bytes`` of them.

    Parameters
    ----------
    error:
        The :class:`ZopaError` subclass raised (``IngestError``, ``ScenarioError`` ...).
    what:
        What the file is meant to be, for messages ("scenario file", "gazetteer file").
    limit_hint:
        Appended to the over-the-limit message, e.g. how to raise the limit.

    Raises
    ------
    ZopaError
        (of class ``error``) one line naming the path and what is wrong: missing,
        a folder, pipe, device or socket, a link loop or broken link, permission
        denied, or over the size limit.
    """
    name = display_path(path)
    try:
        kind = not_regular(os.stat(path).st_mode)
        if kind is not None:
            raise error(f"{name}: {kind}, not a regular file; pass a {what}")
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise error(f"{name}: {explain_os_error(path, exc, what)}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        kind = not_regular(info.st_mode)
        if kind is not None:  # swapped after the first check
            raise error(f"{name}: {kind}, not a regular file; pass a {what}")
        if info.st_size > max_bytes:
            raise error(_too_large(name, info.st_size, max_bytes, limit_hint))
        try:
            # A buffer of the file's size (one of the limit's would cost more than the read),
            # then on up to the limit if the file grew since fstat or reports no size (/proc).
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(max_bytes + 1 - len(data))
        except OSError as exc:
            raise error(f"{name}: cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # grew while being read
        raise error(_too_large(name, len(data), max_bytes, limit_hint))
    return data


def read_text(
    path: str | os.PathLike[str],
    *,
    max_bytes: int,
    error: type[ZopaError],
    what: str = "file",
) -> str:
    """The UTF-8 text (a byte-order mark allowed) of the regular file at ``path``.

    Raises
    ------
    ZopaError
        As :func:`read_bytes`, and for bytes that are not UTF-8 (naming the line).
    """
    data = read_bytes(path, max_bytes=max_bytes, error=error, what=what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(
            f"{display_path(path)}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x} at "
            f"offset {exc.start:,}); save the {what} as UTF-8"
        ) from None


def yaml_error_line(exc: Exception) -> str:
    """``":N"``, the 1-based line a YAML parser's error points at (its problem, else its
    context; PyYAML and ruamel.yaml errors both carry these marks), or ``""`` without one."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return f":{mark.line + 1}" if mark is not None else ""
