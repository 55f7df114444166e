"""Statement frames: who says the words of a span of text.

The speaker of the quotation holding the words, else the subject of the nearest reporting or
believing verb above them ("X said …", "X thinks …", "X told Reuters that …") or set beside
their clause ("…, X said"), else the source of "according to X", else the writer (a holder
with neither actor nor words). The subject is resolved by the speaker rules
(:class:`zopa.extract.speakers.Speakers`) as a quotation's speaker is: an unnamed person
stays unnamed with the words describing them, whatever the affiliation ("a U.S. official",
"a senior Thai negotiator"), and an institution speaking as such ("the foreign ministry")
is the state or organisation it belongs to (the team's conventions, ``tests/gold/README.md``).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span, Token

from zopa.extract._attribution import REPORTING_LEMMAS, Holder, quote_of
from zopa.extract._doc import FIELDS
from zopa.extract.speakers._resolver import Speakers
from zopa.extract.speakers._words import is_pronoun

__all__ = ["words_holder"]

_CLIMB = 12  # heads climbed from the words to a reporting verb, at most
#: Verbs whose subject holds the words below them: reporting and believing, and agreeing
#: ("X agreed that a vote was unlikely" is X's own judgement).
_HOLDING = REPORTING_LEMMAS | {"agree"}


def words_holder(speakers: Speakers, words: Span, anchor: Token) -> Holder:
    """Who says ``words`` (see the module docstring); ``anchor`` is their head word, from
    which the reporting verb above is sought. A holder named by a pronoun ("she said") is
    shown by the name the document gives it ("Ana Ortiz"), not by the pronoun."""
    holder = _words_holder(speakers, words, anchor)
    if holder.actor is not None and holder.text is not None and is_pronoun(holder.text.lower()):
        name = speakers.cast.name_of(holder.actor)
        if name is not None:
            return Holder(holder.actor, name, holder.token)
    return holder


def _words_holder(speakers: Speakers, words: Span, anchor: Token) -> Holder:
    doc = speakers.doc
    quote = quote_of(doc, words.start, words.end)
    if quote is not None:
        fields: dict[str, Any] = quote._.get(FIELDS) or {}
        actor = fields.get("speaker_actor")
        text = fields.get("speaker_text")
        if actor is not None or text:
            return Holder(actor, text)
    node = anchor
    for _ in range(_CLIMB):
        if node.lemma_ in _HOLDING and not _crosses_sentence_end(node, anchor):
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                return speakers.resolve(subjects[0])
        if node.head.i == node.i:
            break
        node = node.head
    sentence = anchor.sent
    for token in sentence:
        if (
            token.lemma_ in REPORTING_LEMMAS
            and token.dep_ in ("conj", "parataxis")
            and token.head.i == sentence.root.i
            and token.i > anchor.i
        ):
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                return speakers.resolve(subjects[0])
    according = _according_to(sentence, speakers)
    return according if according is not None else Holder(None, None)


def _crosses_sentence_end(first: Token, second: Token) -> bool:
    """Whether a sentence-final mark lies between two tokens (a missed sentence break)."""
    low, high = sorted((first.i, second.i))
    doc = first.doc
    return any(
        doc[i].text in (".", "!", "?") and doc[i + 1].is_title
        for i in range(low, high)
        if i + 1 < len(doc)
    ) or any(
        doc[i].text in (".", "!", "?") and doc[i + 1].text in ('"', "”") for i in range(low, high)
    )


def _according_to(sentence: Span, speakers: Speakers) -> Holder | None:
    for token in sentence:
        if token.lower_ == "according" and token.i + 2 < sentence.end:
            to = token.doc[token.i + 1]
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if to.lower_ == "to" and objects:
                return speakers.resolve(objects[0])
    return None
