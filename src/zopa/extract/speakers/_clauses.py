"""Parse helpers of the speaker rules: which verb reports, and who reports a clause."""

from __future__ import annotations

from spacy.tokens import Token

from zopa.extract._attribution import REPORTING_LEMMAS, SPEECH_VERBS, subjects_of

__all__ = ["kind_of", "reporting_subject", "reports"]


def reports(verb: Token) -> bool:
    """Whether ``verb`` is a verb of saying or believing ("said", "told", "thinks")."""
    return verb.lemma_ in SPEECH_VERBS or verb.lemma_ in REPORTING_LEMMAS


def reporting_subject(word: Token) -> Token | None:
    """Subject of the reporting verb whose that-clause ``word`` is the subject or possessor
    of ("the president has stated that he supports ...", "X said his side ...")."""
    node = word
    if word.dep_ == "poss":
        node = word.head
        if node.dep_ not in ("nsubj", "nsubjpass"):
            return None
    elif word.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = node.head
    if clause.dep_ != "ccomp" or not reports(clause.head):
        return None
    subjects = subjects_of(clause.head)
    return subjects[0] if subjects else None


def kind_of(key: str) -> str:
    """An actor's kind from its key, for an actor not mentioned in the document."""
    if key.startswith("person:"):
        return "person"
    if key.startswith(("org:", "group:")):
        return "organisation" if key.startswith("org:") else "group"
    return "state" if key.isupper() else "unknown"
