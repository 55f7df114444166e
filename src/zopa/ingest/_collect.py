"""Finding the article files under the paths a user names, without leaving their trees.

A folder is walked with :func:`os.scandir`, links resolved one by one:

* a regular file whose name has a reader's suffix is collected; other names are
  ignored, whatever they are;
* a symbolic link inside the folder's tree (its real path) is fine: a link to a
  file is read; a link to a folder is not walked twice (its files are reached
  through the folder itself), and one leading back to a folder that encloses it
  is reported as a loop;
* a symbolic link out of the tree is refused — ``/etc/shadow`` linked into a
  corpus must not be stored — unless ``follow_links`` is set;
* a named pipe, device or socket, a link loop or a broken link with an article
  suffix is reported as what it is and never opened (opening a pipe waits for a
  writer, for ever);
* a folder that cannot be listed (permissions) is reported; the rest goes on.

A path named on the command line is the user's own choice: a link there is
followed wherever it points, and a folder's tree is its real path.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from zopa.files import display_path, explain_os_error, not_regular

__all__ = ["Problem", "collect_paths"]


class Problem(NamedTuple):
    """A path that cannot be read and why, in one line."""

    path: Path
    reason: str


class _Folder(NamedTuple):
    """A folder still to list, with the real paths of the folders enclosing it (for loops)."""

    path: Path
    enclosing: tuple[str, ...]


_NOT_REGULAR = "{kind}, not a regular file; not read"


def _inside(path: str, tree: str) -> bool:
    return path == tree or path.startswith(tree.rstrip(os.sep) + os.sep)


@dataclass
class _Walk:
    """One folder's walk: its tree, the rules, and the outside folders already walked."""

    root: Path
    suffixes: frozenset[str]
    follow_links: bool
    tree: str = ""
    visited: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.tree = os.path.realpath(self.root)

    def files(self) -> Iterator[Path | Problem]:
        """Files to read (depth first, by name) and the problems met on the way."""
        stack = [_Folder(self.root, (self.tree,))]
        while stack:
            folder, enclosing = stack.pop()
            try:
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=lambda entry: entry.name)
            except OSError as exc:
                reason = (
                    "permission denied" if isinstance(exc, PermissionError) else exc.strerror or exc
                )
                yield Problem(folder, f"cannot list the folder: {reason}; its files were not read")
                continue
            subfolders: list[_Folder] = []
            for entry in entries:
                for item in self._entry(entry, enclosing):
                    if isinstance(item, _Folder):
                        subfolders.append(item)
                    else:
                        yield item
            stack.extend(reversed(subfolders))

    def _entry(
        self, entry: os.DirEntry[str], enclosing: tuple[str, ...]
    ) -> Iterator[Path | Problem | _Folder]:
        path = Path(entry.path)
        is_article = os.path.splitext(entry.name)[1].lower() in self.suffixes
        try:
            if entry.is_symlink():
                yield from self._link(path, is_article, enclosing)
            elif entry.is_dir(follow_symlinks=False):
                yield _Folder(path, (*enclosing, os.path.realpath(path)))
            elif is_article:
                kind = not_regular(entry.stat(follow_symlinks=False).st_mode)
                yield path if kind is None else Problem(path, _NOT_REGULAR.format(kind=kind))
        except OSError as exc:  # vanished or changed while being walked
            if is_article:
                yield Problem(path, explain_os_error(path, exc))

    def _link(
        self, path: Path, is_article: bool, enclosing: tuple[str, ...]
    ) -> Iterator[Path | Problem | _Folder]:
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:  # a loop or a broken link
            if is_article:
                yield Problem(path, explain_os_error(path, exc))
            return
        target = os.path.realpath(path)
        inside = _inside(target, self.tree)
        outside = (
            f"a symbolic link to {display_path(target)}, outside {display_path(self.root)}; "
            "not read (pass --follow-links to read it)"
        )
        if stat.S_ISDIR(mode):
            if target in enclosing:
                loop = f"a symbolic link loop (leads back to {display_path(target)}); not followed"
                yield Problem(path, loop)
            elif inside or target in self.visited:
                return
            elif self.follow_links:
                self.visited.add(target)
                yield _Folder(path, (*enclosing, target))
            else:
                yield Problem(path, outside)
        elif is_article:
            kind = not_regular(mode)
            if kind is not None:
                yield Problem(path, _NOT_REGULAR.format(kind=kind))
            else:
                yield path if inside or self.follow_links else Problem(path, outside)


def collect_paths(
    paths: Iterable[Path], suffixes: Iterable[str], *, follow_links: bool = False
) -> tuple[list[Path], list[Problem]]:
    """The files to read under ``paths`` (sorted per folder) and what cannot be read.

    Folders are searched recursively for names ending in one of ``suffixes``; a
    file named explicitly is kept whatever its suffix (its reader says why it
    fails). Problems are (path, one-line reason) pairs, in the order found.
    """
    wanted = frozenset(s.lower() for s in suffixes)
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            problems.append(Problem(path, explain_os_error(path, exc, "file or folder")))
            continue
        if stat.S_ISDIR(mode):
            found: list[Path] = []
            for item in _Walk(path, wanted, follow_links).files():
                if isinstance(item, Path):
                    found.append(item)
                else:
                    problems.append(item)
            files.extend(sorted(found))
        elif (kind := not_regular(mode)) is not None:
            problems.append(Problem(path, _NOT_REGULAR.format(kind=kind)))
        else:
            files.append(path)
    return files, problems
