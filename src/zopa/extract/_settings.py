"""The extraction settings a store remembers: its gazetteer files and its issue and event lexicons.

A store is extracted with one set of settings: the shipped gazetteer plus the
user's gazetteer files, and an issue lexicon and an event lexicon (the shipped
ones or the user's). The first extraction records them in the store's
``zopa_meta`` table (key :data:`SETTINGS_KEY`, a JSON value holding each user
file's name, text and SHA-256; ``null`` for a shipped lexicon), and a later
``zopa extract`` without options uses them again, so a plain re-run never
silently changes what the evidence was extracted with.

Each user file is kept whole in the store, so the settings still work when the
file has moved or changed on disk; :func:`settings_files` writes the
remembered ones to a temporary folder for the pipeline to read. A shipped
lexicon is remembered as "shipped", not copied: it follows zopa's own updates,
which change the pipeline version anyway.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING, Any

from zopa.errors import ExtractionError, StoreError
from zopa.files import MAX_DATA_FILE_BYTES, display_path, read_text

if TYPE_CHECKING:
    from zopa.store import Store

__all__ = [
    "SETTINGS_KEY",
    "ExtractionSettings",
    "SettingsFile",
    "choose_settings",
    "read_settings",
    "remember_settings",
    "remembered_settings",
    "settings_files",
]

SETTINGS_KEY = "extract.settings"
"""The ``zopa_meta`` key under which a store keeps its extraction settings (JSON)."""

SHORT = 8
"""Hex digits of a digest shown in messages."""


def text_digest(text: str) -> str:
    """The SHA-256 (hex) of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SettingsFile:
    """A user's gazetteer or lexicon file: its name as given, its text and the text's SHA-256.

    ``path`` is the file on disk it was read from in this run, or ``None`` when it
    comes from the store (then :func:`settings_files` writes it out).
    """

    name: str
    text: str
    sha256: str
    path: Path | None = None

    @classmethod
    def read(cls, path: str | Path, what: str) -> SettingsFile:
        """Read the file at ``path`` (one-line :class:`ExtractionError` if it cannot be read)."""
        text = read_text(path, max_bytes=MAX_DATA_FILE_BYTES, error=ExtractionError, what=what)
        return cls(display_path(path), text, text_digest(text), Path(path))

    def label(self) -> str:
        """``name (short digest)`` for messages."""
        return f"{self.name} ({self.sha256[:SHORT]})"

    def to_dict(self) -> dict[str, str]:
        """Plain data as stored (the path is where it was read this run, not part of it)."""
        return {"name": self.name, "sha256": self.sha256, "text": self.text}


@dataclass(frozen=True)
class ExtractionSettings:
    """What extraction reads besides the documents.

    Attributes
    ----------
    gazetteers:
        User gazetteer files added to the shipped gazetteer, in order (later wins).
    issues, events:
        The user's issue or event lexicon replacing the shipped one; ``None`` = shipped.
    """

    gazetteers: tuple[SettingsFile, ...] = ()
    issues: SettingsFile | None = None
    events: SettingsFile | None = None

    @property
    def digest(self) -> str:
        """A SHA-256 (hex) of the files' digests: equal settings, equal digest.

        File names are left out, so the same file under another name changes nothing.
        """
        payload = {
            "gazetteers": [f.sha256 for f in self.gazetteers],
            "issues": self.issues.sha256 if self.issues else None,
            "events": self.events.sha256 if self.events else None,
        }
        return text_digest(json.dumps(payload, sort_keys=True))

    def describe(self) -> str:
        """One line: ``gazetteer shipped + a.yaml (1a2b3c4d), issues shipped, events shipped``."""
        gazetteer = " + ".join(["shipped", *(f.label() for f in self.gazetteers)])
        issues = self.issues.label() if self.issues else "shipped"
        events = self.events.label() if self.events else "shipped"
        return f"gazetteer {gazetteer}, issues {issues}, events {events}"

    def changes_from(self, before: ExtractionSettings) -> list[str]:
        """What differs from ``before``, one phrase per setting (empty when the same)."""
        changes = []
        if [f.sha256 for f in self.gazetteers] != [f.sha256 for f in before.gazetteers]:
            changes.append(
                f"gazetteer {_files(self.gazetteers)} instead of {_files(before.gazetteers)}"
            )
        for what in ("issues", "events"):
            now, was = getattr(self, what), getattr(before, what)
            if (now and now.sha256) != (was and was.sha256):
                changes.append(f"{what} {_label(now)} instead of {_label(was)}")
        return changes

    def to_json(self) -> str:
        """The JSON value stored in ``zopa_meta``."""
        return json.dumps(
            {
                "version": 1,
                "gazetteers": [f.to_dict() for f in self.gazetteers],
                "issues": self.issues.to_dict() if self.issues else None,
                "events": self.events.to_dict() if self.events else None,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> ExtractionSettings:
        """Settings from their stored JSON (the digests are checked against the texts).

        Raises
        ------
        StoreError
            The value is not what :meth:`to_json` writes, or a text does not match its digest.
        """
        try:
            data = json.loads(text)
            return cls(
                gazetteers=tuple(_stored_file(f) for f in data["gazetteers"]),
                issues=_stored_file(data["issues"]) if data["issues"] else None,
                events=_stored_file(data["events"]) if data["events"] else None,
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(
                f"the store's extraction settings (zopa_meta key {SETTINGS_KEY!r}) are damaged "
                f"({exc}); run `zopa extract --shipped` or pass the files again to record them anew"
            ) from None


def _stored_file(data: dict[str, Any]) -> SettingsFile:
    name, file_text, sha256 = str(data["name"]), str(data["text"]), str(data["sha256"])
    if text_digest(file_text) != sha256:
        raise ValueError(f"the text of {name} does not match its digest")
    return SettingsFile(name, file_text, sha256)


def _label(file: SettingsFile | None) -> str:
    return file.label() if file else "shipped"


def _files(files: Sequence[SettingsFile]) -> str:
    return " + ".join(["shipped", *(f.label() for f in files)])


def read_settings(
    gazetteers: Sequence[str | Path] = (),
    issues: str | Path | None = None,
    events: str | Path | None = None,
) -> ExtractionSettings:
    """The settings made of the files at these paths (``None``: the shipped lexicon).

    Raises
    ------
    ExtractionError
        One line naming a file that cannot be read (its content is checked when
        the pipeline is built from it).
    """
    return ExtractionSettings(
        gazetteers=tuple(SettingsFile.read(p, "gazetteer file") for p in gazetteers),
        issues=SettingsFile.read(issues, "issue lexicon") if issues is not None else None,
        events=SettingsFile.read(events, "event lexicon") if events is not None else None,
    )


def choose_settings(
    remembered: ExtractionSettings | None,
    *,
    gazetteers: Sequence[str | Path] | None = None,
    issues: str | Path | None = None,
    events: str | Path | None = None,
    shipped: bool = False,
) -> ExtractionSettings:
    """The settings of a run: the remembered ones, with each setting given replaced.

    Parameters
    ----------
    remembered:
        The store's settings (``None`` for a store never extracted: shipped).
    gazetteers:
        Files replacing the remembered gazetteer files (``None``: keep them).
    issues, events:
        A file replacing the remembered lexicon (``None``: keep it).
    shipped:
        Start from the shipped settings instead of the remembered ones.
    """
    base = remembered if remembered is not None and not shipped else ExtractionSettings()
    given = read_settings(gazetteers or (), issues, events)
    return replace(
        base,
        gazetteers=given.gazetteers if gazetteers else base.gazetteers,
        issues=given.issues if issues is not None else base.issues,
        events=given.events if events is not None else base.events,
    )


@contextmanager
def settings_files(
    settings: ExtractionSettings,
) -> Iterator[tuple[list[Path], Path | None, Path | None]]:
    """Paths of the settings' files (gazetteers, issues, events) for the pipeline to read.

    A file read from disk in this run is given by its own path, so a message
    about its content names it; one from the store is written to a temporary
    folder, removed when the block ends. An :class:`ExtractionError` raised in
    the block about such a file (one a newer zopa no longer accepts) names it
    by its remembered name and says how to replace it.
    """
    with TemporaryDirectory(prefix="zopa-settings-") as folder:
        root = Path(folder)

        def path_of(file: SettingsFile, slot: str) -> Path:
            if file.path is not None:
                return file.path
            target = root / slot / Path(file.name).name
            target.parent.mkdir(parents=True)
            target.write_text(file.text, encoding="utf-8")
            return target

        try:
            yield (
                [path_of(f, f"gazetteer-{i}") for i, f in enumerate(settings.gazetteers)],
                path_of(settings.issues, "issues") if settings.issues else None,
                path_of(settings.events, "events") if settings.events else None,
            )
        except ExtractionError as exc:
            message = str(exc)
            if folder not in message:
                raise
            named = re.sub(re.escape(folder) + r"/[^/]+/", "", message)
            raise ExtractionError(
                f"{named} (a file the store remembers: pass a corrected one with --gazetteer, "
                "--issues or --events, or go back with --shipped)"
            ) from None


def remembered_settings(store: Store) -> ExtractionSettings | None:
    """The settings the store was last extracted with, or ``None`` if it never was."""
    from sqlalchemy import select

    from zopa.store import ZopaMeta

    with store.session() as session:
        value = session.scalar(select(ZopaMeta.value).where(ZopaMeta.key == SETTINGS_KEY))
    return ExtractionSettings.from_json(value) if value is not None else None


def remember_settings(store: Store, settings: ExtractionSettings) -> None:
    """Record ``settings`` as the store's extraction settings (replacing any before)."""
    from zopa.store import ZopaMeta

    with store.write() as session:
        session.merge(ZopaMeta(key=SETTINGS_KEY, value=settings.to_json()))
