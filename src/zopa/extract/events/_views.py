"""What the type classifier reads of a sentence: its lemmas and its main predicate.

A sentence is shown to the classifier (:mod:`~zopa.extract.events._classifier`) as a list
of words: the lower-case lemmas of its words (punctuation left out), then a few words
naming its **main predicate** and the words attached to it: ``rootis<lemma>`` (with a
particle: ``rootisstep_down``), ``objis<lemma>`` for its object, ``prepis<lemma>_<prep>``
for each preposition on it. Lemmas let a small corpus cover every inflection ("signed",
"signs", "signing"); the predicate words tell the act a sentence reports from the
background around it ("..., ending a six-week closure" is not the news). The view is
built from the parse the pipeline already made, at training and at run time alike.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from zopa.extract.events._lexicon import EventLexicon

__all__ = ["main_predicate", "sentence_view"]

_OBJECTS = frozenset({"dobj", "attr", "oprd", "nsubjpass"})


def main_predicate(sent: Span, lexicon: EventLexicon) -> Token:
    """The sentence's root verb; under a reporting verb, the verb of what it reports
    ("officials said troops had withdrawn" -> withdrawn); under a verb of refusal or
    intent, the verb refused or intended ("refused to free", "plans to withdraw")."""
    root = sent.root
    for _ in range(3):
        lemma = root.lemma_.lower()
        deps: tuple[str, ...] = ()
        if lemma in lexicon.reporting_verbs:
            deps += ("ccomp",)
        if lemma in lexicon.refusal_verbs | lexicon.intent_verbs:
            deps += ("xcomp",)  # "is expected to brief": both
        inner = [c for c in root.children if c.dep_ in deps and c.pos_ in ("VERB", "AUX")]
        if not inner:
            break
        root = inner[0]
    return root


def sentence_view(sent: Span, predicate: Token) -> list[str]:
    """The words the classifier reads for ``sent`` whose main predicate is ``predicate``."""
    words = [t.lemma_.lower() for t in sent if not (t.is_punct or t.is_space)]
    lemma = predicate.lemma_.lower()
    words.append(f"rootis{lemma}")
    for child in predicate.children:
        if child.dep_ in _OBJECTS:
            words.append(f"objis{child.lemma_.lower()}")
        elif child.dep_ == "prep":
            words.append(f"prepis{lemma}_{child.lower_}")
        elif child.dep_ == "prt":
            words.append(f"rootis{lemma}_{child.lower_}")
    return words
