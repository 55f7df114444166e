"""Status of an event: hypothetical, refused, planned or happened.

Read from the trigger's clause path (the trigger and the heads above it up to a
reporting verb): a condition (if/unless/whether, "in the event of"), a negation, a modal,
a word of possibility, a future or a verb of intent. The rules, first that applies, are
listed in docs/extraction-events.md ("Status rule").
"""

from __future__ import annotations

from itertools import islice, pairwise

from spacy.tokens import Token

from zopa.extract.events._context import WINDOW
from zopa.extract.events._lexicon import EventLexicon
from zopa.extract.events._triggers import Trigger
from zopa.extract.events._words import WORDS

__all__ = ["CONDITIONS", "StatusReader"]

_CLIMB = frozenset(
    {
        "xcomp",
        "dobj",
        "pobj",
        "prep",
        "pcomp",
        "acomp",
        "attr",
        "oprd",
        "conj",
        "nsubj",
        "nsubjpass",
        "compound",
        "appos",
        "dative",
        "agent",
        "acl",
        "ccomp",
        "aux",
        "auxpass",
    }
)

_MODALS = frozenset({"would", "could", "might", "may", "should", "can", "must"})

_FUTURE = frozenset({"will", "shall", "'ll"})

CONDITIONS = frozenset({"if", "unless", "whether"})


def _pending(path: list[Token]) -> bool:
    """Whether the event is still to come: "has yet to withdraw", "are yet to begin" (an
    infinitive under "yet"), "Israel is to withdraw" (an infinitive under "be")."""
    for below, above in pairwise(path):
        if below.dep_ != "xcomp":
            continue
        if above.lemma_ == "be" or any(
            c.dep_ == "advmod" and c.lower_ == "yet" for c in (*above.children, *below.children)
        ):
            return True
    # "talks ... are yet to commence": the event noun is the subject of "be yet to"
    return any(
        t.lemma_ == "be"
        and any(c.dep_ == "xcomp" or c.lower_ == "to" for c in t.children)
        and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in t.children)
        for t in path[1:]
    )


class StatusReader:
    """Reads negation, modality and tense on an event's clause path."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lexicon = lexicon

    # ------------------------------------------------------------------ status
    def _path(self, token: Token, nominal: bool = False) -> tuple[list[Token], Token | None]:
        """``token`` and the heads above it within its clause; and the reporting verb met.

        ``nominal``: the token is an event noun with its own source ("Zelensky's offer"); the
        verb above it says something about the event only when the noun is its subject
        ("the meeting did not take place"), not when it is its object ("never planned to
        accept Zelensky's offer").
        """
        path = [token]
        current = token
        if nominal and token.dep_ not in ("nsubj", "nsubjpass", "conj"):
            return path, None
        while current.dep_ in _CLIMB and current.head is not current:
            head = current.head
            if abs(head.i - token.i) > WINDOW:
                break
            if head.lemma_.lower() in self.lexicon.reporting_verbs and current.dep_ == "ccomp":
                return path, head
            path.append(head)
            current = head
        if current.dep_ == "ccomp" and current.head.lemma_.lower() in self.lexicon.reporting_verbs:
            return path, current.head
        return path, None

    @staticmethod
    def _negated_path(path: list[Token]) -> bool:
        verbs_seen = 0
        for index, tok in enumerate(path):
            if tok.pos_ in ("VERB", "AUX"):
                verbs_seen += 1
            if verbs_seen > 3 or (index > 0 and path[index - 1].dep_ == "conj"):
                break
            for child in tok.children:
                if child.dep_ == "neg" or (
                    child.dep_ == "det" and child.lower_ == "no" and tok.pos_ == "NOUN"
                ):
                    return True
                if child.dep_ == "advmod" and child.lower_ == "never":
                    return True
        return False

    def negated(self, token: Token) -> bool:
        return self._negated_path(self._path(token)[0])

    def status(
        self,
        trigger: Trigger,
        anchor: Token,
        etype: str,
        cameo: str,
        negated_frame: bool,
        nominal: bool,
    ) -> str | None:
        """hypothetical, refused, planned or happened (rules in docs/extraction-events.md)."""
        path, reporter = self._path(anchor, nominal and anchor is trigger.root)
        if anchor is not trigger.root:
            inner, _ = self._path(trigger.root, nominal)
            path = [t for t in inner if t.i < anchor.i or t not in path] + path
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for t in path for c in t.children):
            return "hypothetical"  # the event sits inside an if/unless clause
        if any(
            a.lemma_.lower() in ("event", "case") and a.head.lower_ == "in"
            for a in islice(trigger.root.ancestors, 4)
        ):
            return "hypothetical"  # "in the event of his capitulation", "in case of failure"
        if etype != "THREATEN" and any(
            c.dep_ == "advcl" and any(m.lower_ in CONDITIONS for m in c.children)
            for t in path
            for c in t.children
        ):
            return "hypothetical"  # an if-clause hangs on it (a conditional threat is a threat)
        negated = self._negated_path(path) and not negated_frame
        if negated and etype == "REJECT":
            return None  # "could not refuse": no rejection took place
        if negated:
            return "refused"
        auxes = {c.lower_ for t in path for c in t.children if c.dep_ in ("aux", "auxpass")}
        reported_past = reporter is not None and reporter.tag_ in ("VBD", "VBN")
        if auxes & _MODALS and not (reported_past and auxes & _MODALS <= {"would"}):
            return "hypothetical"
        lemmas = {t.lemma_.lower() for t in path} | {
            c.lemma_.lower()
            for t in path
            for c in t.children
            if c.dep_ in ("acomp", "advmod", "dobj", "attr")
        }
        if lemmas & self.lexicon.hypothetical_words:
            return "hypothetical"
        verbs_above = {t.lemma_.lower() for t in path[1:]}
        if verbs_above & self.lexicon.refusal_verbs:
            return "refused"  # "refused to sign", "failed to agree": it did not take place
        if _pending(path):
            return "planned"  # "has yet to withdraw", "talks are yet to begin", "is to release"
        # "agreed to meet in May": the act agreed on is still to come; the agreement (the
        # frame verb itself) was reached
        agreed_on = any(t.lemma_.lower() in WORDS.agreement_verbs for t in path[1:] if t != anchor)
        if (
            auxes & _FUTURE
            or "would" in auxes
            or {t.lemma_.lower() for t in path[1:]} & self.lexicon.intent_verbs
            or agreed_on
            or (
                etype == "AGREE"
                and cameo.startswith("03")
                and anchor.lemma_.lower() not in WORDS.agreement_verbs
            )
        ):
            return "planned"
        return "happened"
