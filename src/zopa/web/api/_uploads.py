"""Uploads: the request's media type, the file's kind, its name and its text, checked first.

A write takes a ``multipart/form-data`` body with one file field ``file``
(anything else is a 415); the file's name must end in a suffix the endpoint
reads (415 otherwise) and its bytes must be UTF-8 text (422 naming the line).
The body's size is bounded for every request by :class:`zopa.web._security.BodyLimit`.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from pathlib import PurePosixPath, PureWindowsPath

from fastapi import Request, UploadFile

from zopa.errors import quoted
from zopa.web._problems import ProblemError

__all__ = ["decode_text", "json_only", "media_type", "multipart_only", "read_upload", "upload_name"]

_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")
_MAX_NAME = 100


def media_type(request: Request) -> str:
    """The request's media type, lower case, without parameters."""
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _requires(kind: str, hint: str) -> Callable[[Request], Awaitable[None]]:
    async def check(request: Request) -> None:  # a coroutine: checked on the event loop
        given = media_type(request)
        if given != kind:
            raise ProblemError(
                415,
                f"the request body is {quoted(given) if given else 'untyped'}; send {kind} "
                f"({hint})",
                headers={"Accept-Post": kind},
            )

    return check


multipart_only = _requires("multipart/form-data", "the file in a field named 'file'")
json_only = _requires("application/json", "a JSON object")


def upload_name(file: UploadFile, default: str) -> str:
    """The uploaded file's base name without control characters, at most 100 characters."""
    given = file.filename or ""
    name = PureWindowsPath(PurePosixPath(given).name).name
    name = _UNSAFE.sub("", name).strip()[:_MAX_NAME]
    return name or default


async def read_upload(
    file: UploadFile, *, suffixes: Sequence[str], default: str, max_bytes: int, what: str
) -> tuple[str, bytes]:
    """The name and bytes of an uploaded ``what`` whose name ends in one of ``suffixes``.

    415 for another suffix; 413 over ``max_bytes`` (a limit tighter than the body's).
    """
    name = upload_name(file, default)
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in suffixes:
        raise ProblemError(
            415,
            f"form field 'file': {quoted(name)} is not a {what}; send a file whose name ends "
            f"in {', '.join(suffixes)}",
            errors=[{"in": "form", "name": "file", "detail": f"name must end in {suffixes[0]}"}],
        )
    data = await file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ProblemError(
            413, f"{name}: over the {max_bytes:,}-byte limit for a {what}; split it or shorten it"
        )
    return name, data


def decode_text(data: bytes, name: str) -> str:
    """``data`` as UTF-8 text (a BOM allowed); 422 naming the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ProblemError(
            422, f"{name}:{line}: not UTF-8 text (byte {exc.start}); save the file as UTF-8"
        ) from None
