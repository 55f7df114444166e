"""The issue lexicon: what a negotiation is about, as editable YAML.

The shipped lexicon is ``zopa/extract/data/issues.yaml``; a user replaces it with
their own file (``zopa extract --issues FILE``) to describe another negotiation.
Format::

    version: 1
    issues:
      - id: territory                     # lower-case identifier used in claims
        label: Territory and borders      # for people
        terms: [territory, border, "size of * military"]

Terms match whole words, case-insensitively, on the word as written or on its
lemma; ``*`` inside a term stands for up to two arbitrary words. Where a term lies
inside a longer term of another issue, only the longer one counts ("border checks"
is trade, not territory).
:class:`IssueMatcher` compiles a lexicon once for a vocabulary and finds every
term in a ``Doc`` in one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.attrs import LEMMA
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from zopa.errors import ExtractionError
from zopa.files import MAX_DATA_FILE_BYTES, read_text

__all__ = [
    "Issue",
    "IssueHit",
    "IssueLexicon",
    "IssueMatcher",
    "load_issue_lexicon",
    "shipped_issues_path",
]

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Issue:
    """One issue: identifier, human label and the words that signal it."""

    id: str
    label: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class IssueLexicon:
    """The issues of a lexicon file, in file order, and where they came from."""

    issues: tuple[Issue, ...]
    source: str

    def ids(self) -> list[str]:
        """Issue identifiers in file order."""
        return [issue.id for issue in self.issues]


def shipped_issues_path() -> Path:
    """Path of the lexicon shipped with zopa."""
    return Path(str(resources.files("zopa.extract") / "data" / "issues.yaml"))


def _line_of(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 1


def _mapping_value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if getattr(key_node, "value", None) == key and isinstance(value_node, yaml.Node):
                return value_node
    return None


def load_issue_lexicon(path: str | Path | None = None) -> IssueLexicon:
    """Read and validate an issue lexicon (the shipped one when ``path`` is None).

    Raises
    ------
    ExtractionError
        One line naming the file and line, what is wrong and how to fix it:
        unreadable file, YAML syntax error, missing or malformed ``issues``,
        ``id``, ``label`` or ``terms``, or a repeated id.
    """
    source = Path(path) if path is not None else shipped_issues_path()
    text = read_text(
        source, max_bytes=MAX_DATA_FILE_BYTES, error=ExtractionError, what="issue lexicon"
    )
    try:
        data: Any = yaml.safe_load(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ExtractionError(
            f"{source}:{line}: YAML syntax error ({problem}); fix the issue lexicon's syntax"
        ) from None
    issues_node = _mapping_value(root, "issues")
    if not isinstance(data, dict) or not isinstance(data.get("issues"), list):
        raise ExtractionError(
            f"{source}:{_line_of(root)}: an issue lexicon needs a top-level 'issues:' list "
            "of {id, label, terms}"
        )
    nodes = issues_node.value if isinstance(issues_node, yaml.SequenceNode) else []
    issues: list[Issue] = []
    seen: set[str] = set()
    for index, entry in enumerate(data["issues"]):
        node = nodes[index] if index < len(nodes) else issues_node
        where = f"{source}:{_line_of(node)}"
        if not isinstance(entry, dict):
            raise ExtractionError(f"{where}: each issue must be a mapping with id, label, terms")
        issue_id = entry.get("id")
        if not isinstance(issue_id, str) or not _ID.match(issue_id):
            raise ExtractionError(
                f"{where}: issue id {issue_id!r} must be lower-case letters, digits and _"
            )
        if issue_id in seen:
            raise ExtractionError(f"{where}: issue id {issue_id!r} is repeated; ids must be unique")
        seen.add(issue_id)
        terms = entry.get("terms")
        if (
            not isinstance(terms, list)
            or not terms
            or not all(isinstance(term, str | int | float) and str(term).strip() for term in terms)
        ):
            raise ExtractionError(
                f"{where}: issue {issue_id!r} needs 'terms:' as a non-empty list of words "
                "or phrases"
            )
        label = entry.get("label", issue_id)
        issues.append(
            Issue(
                id=issue_id,
                label=str(label),
                terms=tuple(str(term).strip() for term in terms),
            )
        )
    if not issues:
        raise ExtractionError(f"{source}:{_line_of(root)}: the issue lexicon lists no issues")
    return IssueLexicon(issues=tuple(issues), source=str(source))


@dataclass(frozen=True)
class IssueHit:
    """Tokens ``start``–``end`` (exclusive) of a ``Doc`` are a term of ``issue``."""

    issue: str
    start: int
    end: int


#: Stands for every lemma that is no term word; no term word is whitespace.
_NO_TERM = " "


class IssueMatcher:
    """The terms of a lexicon compiled once for a vocabulary.

    A term matches a run of tokens either word by word on the lower-case form, or
    word by word on the lemma written in lower case, capitalised or in capitals
    ("NATO" has the lemma "NATO"). Literal terms are looked up by two
    ``PhraseMatcher`` tables (hash lookups, whatever the size of the lexicon); only
    terms with a ``*`` need a token ``Matcher``. Lemmas are compared through a
    second, throwaway ``Doc`` whose words are the term word each token's lemma
    stands for, so a lemma pattern is one phrase instead of one per casing.
    """

    def __init__(self, vocab: Vocab, lexicon: IssueLexicon) -> None:
        self.by_lower = PhraseMatcher(vocab, attr="LOWER")
        self.by_lemma = PhraseMatcher(vocab)
        self.gapped_by_lower = Matcher(vocab)
        self.gapped_by_lemma = Matcher(vocab)
        self.term_word_of: dict[int, str] = {}
        for issue in lexicon.issues:
            literal: list[Doc] = []
            gapped: list[list[str]] = []
            for term in issue.terms:
                words = term.lower().replace("-", " - ").split()
                for word in (word for word in words if word != "*"):
                    for form in (word, word.capitalize(), word.upper()):
                        self.term_word_of.setdefault(vocab.strings.add(form), word)
                if "*" in words:
                    gapped.append(words)
                else:
                    literal.append(Doc(vocab, words=words))
            if literal:
                self.by_lower.add(issue.id, literal)
                self.by_lemma.add(issue.id, literal)
            if gapped:
                self.gapped_by_lower.add(issue.id, [_gapped(words, "LOWER") for words in gapped])
                self.gapped_by_lemma.add(issue.id, [_gapped(words, "ORTH") for words in gapped])

    def __call__(self, doc: Doc) -> list[IssueHit]:
        """Every term of the lexicon in ``doc``, in text order (start, end, issue)."""
        lemmas = Doc(
            doc.vocab,
            words=[self.term_word_of.get(h, _NO_TERM) for h in doc.to_array(LEMMA).tolist()],
        )
        runs = (
            (self.by_lower, doc),
            (self.gapped_by_lower, doc),
            (self.by_lemma, lemmas),
            (self.gapped_by_lemma, lemmas),
        )
        found = {
            (doc.vocab.strings[match_id], start, end)
            for matcher, target in runs
            if len(matcher)  # an empty matcher would warn on every document
            for match_id, start, end in matcher(target)
        }
        return [
            IssueHit(issue, start, end)
            for issue, start, end in sorted(found, key=lambda hit: (hit[1], hit[2], hit[0]))
            if not _inside_other(issue, start, end, found)
        ]


def _inside_other(issue: str, start: int, end: int, found: set[tuple[str, int, int]]) -> bool:
    """Whether a longer term of another issue covers tokens ``start``–``end`` ("border
    checks" is trade, so its "border" is no territory term)."""
    return any(
        other != issue and s <= start and end <= e and e - s > end - start for other, s, e in found
    )


def _gapped(words: list[str], attr: str) -> list[dict[str, Any]]:
    """Matcher pattern of a term with ``*`` (up to two arbitrary words) on ``attr``."""
    pattern: list[dict[str, Any]] = []
    for word in words:
        pattern.extend([{"OP": "?"}, {"OP": "?"}] if word == "*" else [{attr: word}])
    return pattern
