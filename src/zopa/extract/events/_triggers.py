"""Trigger finding: the words of the lexicon that may name an event, with their entry.

Lemmas and lemma phrases of ``data/events.yaml`` are matched with spaCy's
:class:`~spacy.matcher.PhraseMatcher` on ``LEMMA`` and on ``LOWER`` (for forms the
lemmatizer leaves inflected); the trigger's syntactic head must have the entry's part of
speech, and the entry's conditions must hold: a preposition (``talk`` only as "talk with
X"), an object (``send`` is a CONSULT only when a delegation is sent), a doer of its own
("wants Beijing to lift"), no excluded modifier ("economic attack"). Per head word the
most specific entry wins; a multi-word trigger hides the one-word triggers inside it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from zopa.extract.events._lexicon import PARTS_OF_SPEECH, EventEntry, EventLexicon
from zopa.extract.events._words import WORDS

__all__ = ["Trigger", "TriggerFinder"]


@dataclass
class Trigger:
    entry: EventEntry
    root: Token
    tokens: tuple[int, int]  # token start, end
    frame: Trigger | None = None
    absorbed: bool = False


def _reciprocal(verb: Token) -> bool:
    """Whether a verb's subject names both sides ("X and Y talked", "the two men spoke"),
    and not what they spoke about ("both sides have spoken about it" is no meeting)."""
    if any(c.dep_ == "prep" and c.lower_ in ("about", "of", "on") for c in verb.children):
        return False
    return any(
        c.dep_ == "nsubj"
        and (
            bool(c.conjuncts)
            or any(
                (g.dep_ == "nummod" and g.lower_ == "two") or g.lower_ == "both" for g in c.children
            )
        )
        for c in verb.children
    )


def _people_doer(noun: Token) -> bool:
    """Whether a noun's doer — its possessor or its by/of phrase — is a common noun of
    people (``people_nouns``: "a strike by dock workers", "the lecturers' strike")."""
    doers = [c for c in noun.children if c.dep_ == "poss"]
    doers += [
        g
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ in ("by", "of")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return any(d.lemma_.lower() in WORDS.people_nouns for d in doers)


class TriggerFinder:
    """Finds the triggers of a document (see the module docstring)."""

    def __init__(self, nlp: Language, lexicon: EventLexicon) -> None:
        self.lexicon = lexicon
        # Phrase matchers over lemmas (and lower-cased forms, for words the lemmatizer
        # leaves inflected): hash look-ups, so the cost does not grow with the lexicon.
        self.matchers = (PhraseMatcher(nlp.vocab, attr="LEMMA"), PhraseMatcher(nlp.vocab, "LOWER"))
        nouns: set[str] = set()
        for entry_id, kind, lemmas in lexicon.phrases:
            words = [t.lower_ for t in nlp.make_doc(" ".join(lemmas))]
            if kind == "nouns":
                nouns.add(words[-1] if len(words) == 1 or "of" not in words else words[0])
            pattern = Doc(nlp.vocab, words=words, lemmas=words)
            for matcher in self.matchers:
                matcher.add(f"{entry_id}|{kind}", [pattern])
        #: the last (head) words of the noun triggers
        self.event_nouns = frozenset(nouns)
        #: words of hostile acts, whose "at" phrase names the target ("lashed out at")
        self.hostile_words = frozenset(
            lemmas[0]
            for entry_id, kind, lemmas in lexicon.phrases
            if kind == "verbs" and lexicon.entry(entry_id).type in WORDS.hostile_types
        )

    # ------------------------------------------------------------------ triggers
    def find(self, doc: Doc) -> list[Trigger]:
        by_root: dict[int, list[tuple[int, Trigger]]] = {}
        matches = {m for matcher in self.matchers for m in matcher(doc)}
        for match_id, start, end in sorted(matches, key=lambda m: (m[1], m[2])):
            entry_id, kind = doc.vocab.strings[match_id].split("|")
            entry = self.lexicon.entry(entry_id)
            span = doc[start:end]
            root = span.root
            if root.pos_ not in PARTS_OF_SPEECH[kind] or not self._fits(entry, root):
                continue
            specific = (
                entry.objects
                or entry.needs_prep
                or entry.needs_doer
                or entry.needs_amod
                or entry.people_doer
            )
            rank = (2 if specific else 0) + (end - start)
            by_root.setdefault(root.i, []).append((rank, Trigger(entry, root, (start, end))))
        chosen: list[Trigger] = []
        for options in by_root.values():
            # the most specific entry; on a tie, the longer phrase ("fire tear gas")
            options.sort(key=lambda pair: (-pair[0], pair[1].tokens[0] - pair[1].tokens[1]))
            chosen.append(options[0][1])
        covered = {i for t in chosen for i in range(*t.tokens) if t.tokens[1] - t.tokens[0] > 1}
        return sorted(
            (t for t in chosen if t.tokens[1] - t.tokens[0] > 1 or t.root.i not in covered),
            key=lambda t: t.root.i,
        )

    def _fits(self, entry: EventEntry, root: Token) -> bool:
        if root.lemma_.lower() in self.lexicon.partitive_nouns and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in root.children
        ):
            return False  # "a round of sanctions" stands for the sanctions
        if (
            entry.needs_prep
            and not any(c.dep_ == "prep" and c.lower_ in entry.needs_prep for c in root.children)
            and not (entry.symmetric and _reciprocal(root))
        ):
            return False
        if entry.needs_doer and not any(
            c.dep_ == "ccomp" and any(g.dep_ == "nsubj" for g in c.children) for c in root.children
        ):
            return False  # "wants Beijing to lift": a demand; "wants to meet": an intent
        if entry.needs_amod and not any(
            c.dep_ in ("amod", "compound") and c.lemma_.lower() in entry.needs_amod
            for c in root.children
        ):
            return False  # "exercises" alone name no cooperation; "joint exercises" do
        if entry.people_doer and not _people_doer(root):
            return False
        if entry.unless_amod and any(
            c.dep_ in ("amod", "compound") and c.lemma_.lower() in entry.unless_amod
            for c in root.children
        ):
            return False
        if (
            entry.unless_objects
            and root.pos_ == "VERB"
            and any(
                t.lemma_.lower() in entry.unless_objects
                for t in (
                    *self.object_words(root),
                    *(c for c in root.children if c.dep_ in ("prt", "advmod")),
                )
            )
        ):
            return False  # "fight forest fires", "hit a record", "struck down the law"
        if entry.objects and root.pos_ == "VERB":
            return any(
                t.lemma_.lower() in entry.objects
                or t.lower_ in entry.objects
                or t.ent_type_.lower() in entry.named_objects
                for t in self.object_words(root)
            )
        return True

    @staticmethod
    def object_words(root: Token) -> Iterator[Token]:
        """The words a verb acts on: its objects (with their compounds, modifiers and what
        a counting noun counts) and the nouns of its from/of/on/to/with phrases."""
        for child in root.children:
            if child.dep_ in ("dobj", "nsubjpass", "attr", "dative"):
                yield child
                yield from (c for c in child.children if c.dep_ in ("compound", "amod", "prep"))
                # "released hundreds of detainees", "signed the text of a peace agreement"
                counted = child.lemma_.lower() in WORDS.quantity_nouns | WORDS.part_nouns
                for of in (c for c in child.children if c.lower_ == "of" and counted):
                    for pobj in of.children:
                        yield pobj
                        yield from (c for c in pobj.children if c.dep_ == "compound")
            elif child.dep_ == "prep" and child.lower_ in ("out", "away"):
                # "walked out of the talks": the parser takes the particle for a preposition
                yield from (g for c in child.children if c.dep_ == "prep" for g in c.children)
            elif child.dep_ == "prep" and child.lower_ in ("from", "of", "on", "to", "with"):
                for pobj in child.children:
                    yield pobj
                    yield from (c for c in pobj.children if c.dep_ in ("compound", "amod"))
            elif child.dep_ == "prt":
                yield from (g for c in root.children if c.dep_ == "prep" for g in c.children)
        if root.dep_ in ("amod", "compound", "acl"):
            yield root.head  # "talks hosted by Qatar"
