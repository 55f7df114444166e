"""Database errors that come from the store's state, as one-line :class:`StoreError` messages.

A driver error is classified by its code — SQLite's primary result code
(https://www.sqlite.org/rescode.html), PostgreSQL's SQLSTATE
(https://www.postgresql.org/docs/current/errcodes-appendix.html) — into what
happened to the store (read-only, full, locked, damaged, unreachable) and what
the user can do about it. An error that is not about the store's state (a
constraint violation the caller handles, a bug in a query) is left alone.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, OperationalError

from zopa.errors import StoreError

__all__ = ["is_busy", "locked_error", "store_error"]

_MAX_REASON_CHARS = 200

# SQLite primary result codes.
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26

_SQLITE_FIXES: dict[int, str] = {
    _READONLY: "{where} is read-only ({reason}); make the file and its folder writable "
    "(chmod u+w, or chattr -i), or use a writable copy of the store",
    _FULL: "{where} is full: no room left on its disk ({reason}); free disk space and run "
    "the command again — everything stored before is whole",
    _IOERR: "disk I/O error on {where} ({reason}); check that its disk has room and works, "
    "then run the command again — everything stored before is whole",
    _CANTOPEN: "cannot open {where} ({reason}); check that the file exists and that its folder "
    "is writable (SQLite keeps -wal and -shm files beside it)",
    _CORRUPT: "{where} is damaged ({reason}); restore it from a backup or start a new store",
    _NOTADB: "{where} is not a SQLite database ({reason}); point the database URL at a zopa store",
    _BUSY: "{where} stayed locked by another process ({reason}); wait for the other zopa "
    "command to finish, then run this one again",
}
_SQLITE_FIXES[_LOCKED] = _SQLITE_FIXES[_BUSY]

# PostgreSQL SQLSTATEs, by full code or by class (the first two characters).
_POSTGRES_FIXES: dict[str, str] = {
    "25006": "{where} is read-only ({reason}); allow writes (e.g. ALTER DATABASE … SET "
    "default_transaction_read_only = off) or use a writable database",
    "42501": "{where} refuses this database user ({reason}); grant the user SELECT, INSERT, "
    "UPDATE and DELETE on zopa's tables, or connect as their owner",
    "53": "{where} is full: the server has no room left ({reason}); free disk space on the "
    "server and run the command again — everything stored before is whole",
    "40": "a concurrent write to {where} conflicted with this one ({reason}); run the command "
    "again",
    "08": "cannot reach {where} ({reason}); check that the server is running and the URL's "
    "host, port, user and database",
}


def _reason(exc: DBAPIError) -> str:
    reason = " ".join(str(exc.orig).split())
    if len(reason) > _MAX_REASON_CHARS:
        reason = reason[: _MAX_REASON_CHARS - 1] + "…"
    return reason


def _sqlite_code(exc: DBAPIError) -> int | None:
    code = getattr(exc.orig, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _sqlstate(exc: DBAPIError) -> str | None:
    state = getattr(exc.orig, "sqlstate", None)
    return state if isinstance(state, str) else None


def is_busy(exc: DBAPIError) -> bool:
    """True when SQLite answered that another connection holds the lock it needs."""
    return _sqlite_code(exc) in (_BUSY, _LOCKED)


def locked_error(where: str, waited: float, attempts: int) -> StoreError:
    """The error for a writer that gave up waiting for another process's write lock."""
    return StoreError(
        f"{where} stayed locked by another process for {waited:.1f} s ({attempts} attempts "
        "to take the write lock); wait for the other zopa command to finish, then run this "
        "one again"
    )


def store_error(exc: DBAPIError, where: str, doing: str) -> StoreError | None:
    """The :class:`StoreError` saying what ``exc`` means for the store, or ``None``.

    Parameters
    ----------
    where:
        The store as messages name it, e.g. ``"the store at sqlite:///zopa.db"``.
    doing:
        What was being done, for an operational error of no known kind
        (``"read"``, ``"write to"``, ``"open"``).

    Returns
    -------
    StoreError or None
        ``None`` when ``exc`` is not about the store's state (e.g. an integrity
        error the caller handles): the caller re-raises it unchanged.
    """
    code, state = _sqlite_code(exc), _sqlstate(exc)
    template = None
    if code is not None:
        template = _SQLITE_FIXES.get(code)
    elif state is not None:
        template = _POSTGRES_FIXES.get(state) or _POSTGRES_FIXES.get(state[:2])
    if template is None and isinstance(exc, OperationalError):
        template = f"cannot {doing} {{where}}: {{reason}}"
    if template is None:
        return None
    return StoreError(template.format(where=where, reason=_reason(exc)))
