"""The ``zopa_quotes`` component: direct quotations and reported speech with their speakers.

Direct quotes are the text between double quotation marks
(:mod:`zopa.extract._quote_marks`). A quotation is kept when a speech verb outside it
governs it in the parse ("…,” Greene said", "saying, “…”", "Peskov said that there is
“…”"), when a colon opens it after a clause whose subject names someone ("X was blunt:
“…”"), when it is a whole argument of a verb of saying, judging or rating whose subject
names someone ("X put the odds at “one in four”", "X accused them of “…”"), when its
sentence gives it as someone's view ("In her view, the walkout was “…”"), when it lies
inside reported speech (the reporter's words), when it directly follows an attributed
quotation (the second half of a split or multi-paragraph
quote), or when it is long enough to be speech rather than a scare-quoted phrase.

Reported speech (:mod:`zopa.extract._reported`) is the complement clause of a speech verb
("Peskov said that …") or the clause that an "according to X" phrase attributes.

The speaker is the subject of the speech verb (climbing from a participle, "…, saying …",
to the verb it modifies, or to the sentence's subject when a comma sets it off; "quoted X
as saying" is X). Who that subject is — a name, an office ("the Kremlin aide"), a pronoun,
a statement's author, an unnamed source kept as written — is decided by the shared
resolver of :mod:`zopa.extract.speakers`, the same for claims and estimates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from zopa.extract._actors import get_gazetteer
from zopa.extract._attribution import REPORTING_LEMMAS, Holder, subjects_of
from zopa.extract._doc import ACTORS, FIELDS, QUOTES
from zopa.extract._quote_marks import (
    EITHER,
    OPEN,
    after_quotation,
    quotations,
    whole_paragraph,
)
from zopa.extract._reported import (
    SPEECH_VERBS,
    clause_in_medium,
    has_clause,
    host_clause,
    parenthetical,
    reported_clause,
    reports,
    same_paragraph,
    says_more,
    strip,
)
from zopa.extract.speakers import SPEAKER_WORDS, KnownActors, Speakers
from zopa.registry import extractors

__all__ = ["QuoteFinder"]


_PRONOUNS = {"he", "she", "him", "her", "they", "it", "them"}
_FIRST_PERSON = {"i", "we", "us", "'s", "me"}
_MIN_UNATTRIBUTED_TOKENS = 8  # shorter unattributed quotations are scare quotes, not speech
_MIN_REPORTED_TOKENS = 3
_INHERIT_SENTENCES = 2
#: How a quotation hangs on the clause whose subject says it ("put the odds at “…”").
_ARGUMENT_DEPS = frozenset(
    {"dobj", "pobj", "prep", "pcomp", "attr", "oprd", "dative", "xcomp", "acl"}
)
_ARGUMENT_STEPS = 6
#: Verbs a short quotation is the subject's words under (saying, reporting, judging, rating).
_QUOTING_VERBS = SPEECH_VERBS | REPORTING_LEMMAS | SPEAKER_WORDS.judging_verbs
#: Verbs whose object complement a quotation can be: "X called it “…”" is X's words.
_NAMING_VERBS = frozenset({"call", "describe", "term", "dub", "label"})


@dataclass(frozen=True)
class _Speaker:
    actor: str | None
    start: int | None
    end: int | None
    text: str | None
    cue: str | None

    @classmethod
    def of(cls, fields: dict[str, Any]) -> _Speaker:
        """The speaker a stored quote's fields name."""
        return cls(
            fields["speaker_actor"],
            fields["speaker_start"],
            fields["speaker_end"],
            fields["speaker_text"],
            fields["cue"],
        )


_NO_SPEAKER = _Speaker(None, None, None, None, None)


class QuoteFinder:
    """Writes ``doc.spans["zopa_quotes"]``, each quote's fields in ``span._.zopa_fields``."""

    version = "6"  # 2: one speaker resolver; 3: colons, quoted arguments, reported spans;
    # 4: state organs speak for their owner, hyphenated offices, a person in apposition to
    # an office written as a name, a reported clause ends before the speaker's next act,
    # a surname alone is the person named in full before; 5: a quotation inside reported
    # speech is the reporter's, a split quoted answer, "in her view", "on behalf of";
    # 6: unowned government organs speak for the state, names the recogniser missed stop
    # pronouns, datelines cut

    def __init__(self, name: str, known: KnownActors | None = None) -> None:
        self.name = name
        self.known = known if known is not None else KnownActors()

    def __call__(self, doc: Doc) -> Doc:
        # Speakers and the antecedents of pronouns are named outside quotations.
        marks = [
            doc.char_span(m.start, m.end, alignment_mode="expand") for m in quotations(doc.text)
        ]
        inside = frozenset(t.i for span in marks if span is not None for t in span)
        actors = {
            t: span
            for span in doc.spans.get(ACTORS, [])
            if span.start not in inside
            for t in range(span.start, span.end)
        }
        self.speakers = Speakers(doc, self.known, quoted=inside)
        direct, phrases = self._direct(doc, actors)
        covered = [(s.start, s.end) for s in [*direct, *phrases]]
        indirect = self._indirect(doc, actors, covered, direct)
        quotes = self._reported_phrases(direct, phrases, indirect) + indirect
        quotes.sort(key=lambda span: (span.start_char, span.end_char))
        doc.spans[QUOTES] = quotes
        return doc

    def _reported_phrases(
        self, direct: list[Span], phrases: list[Span], indirect: list[Span]
    ) -> list[Span]:
        """A quotation inside reported speech with no attribution of its own is the words of
        the reported clause's speaker ("The strike, Ruiz said, had been “a last resort”"),
        also a short one that alone would be a scare quote; one the text attributes keeps
        its speaker."""
        kept: list[Span] = []
        for span in sorted([*direct, *phrases], key=lambda s: s.start):
            fields = span._.get(FIELDS) if span in direct else None
            own = fields is not None and fields["cue"] is not None
            host = next((r for r in indirect if r.start <= span.start and span.end <= r.end), None)
            if own or host is None:
                if fields is not None:
                    kept.append(span)
                continue
            kept.append(self._item(span, "direct", _Speaker.of(host._.get(FIELDS))))
        return kept

    # --- direct quotations ------------------------------------------------------------------

    def _direct(self, doc: Doc, actors: dict[int, Span]) -> tuple[list[Span], list[Span]]:
        """Quotations kept as speech, and short unattributed ones (a scare quote unless
        reported speech holds them: :meth:`_reported_phrases`)."""
        spans: list[Span] = []
        phrases: list[Span] = []
        previous: tuple[Span, _Speaker] | None = None
        pending: list[Span] = []  # paragraphs of a quotation continued in the next paragraph
        for mark in quotations(doc.text):
            span = doc.char_span(mark.start, mark.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            if mark.continued:
                pending.append(span)
                continue
            speaker = self._direct_speaker(doc, span, actors, previous)
            if speaker is _NO_SPEAKER:
                between = doc.text[previous[0].end_char : span.start_char] if previous else ""
                continues = previous is not None and (
                    "\n" not in between
                    # a paragraph that is one quotation, right after the previous one's
                    or (whole_paragraph(doc.text, span) and between.count("\n\n") <= 1)
                )
                if len(span) < _MIN_UNATTRIBUTED_TOKENS and not pending and not continues:
                    phrases.append(span)  # a scare-quoted phrase, unless reported speech
                    continue
                speaker = self._context_speaker(doc, span, actors, previous)
            for part in [*pending, span]:
                spans.append(self._item(part, "direct", speaker))
            pending = []
            previous = (span, speaker)
        return spans, phrases

    @staticmethod
    def _close(before: Span, after: Span) -> bool:
        sentences = [s for s in after.doc.sents if before.end <= s.start < after.start]
        return len(sentences) <= _INHERIT_SENTENCES

    def _direct_speaker(
        self,
        doc: Doc,
        quote: Span,
        actors: dict[int, Span],
        previous: tuple[Span, _Speaker] | None,
    ) -> _Speaker:
        """The speaker named by a speech verb or "according to" around the quotation."""
        first, last = quote[0].sent, quote[-1].sent
        inside = set(range(quote.start, quote.end))
        verbs = [t for t in doc[first.start : last.end] if reports(t) and t.i not in inside]
        after = [t for t in doc[quote.end : last.end] if not (t.is_punct or t.is_space)]
        # "“…,” Olga Oliker, program director at …, told RFE/RL.": the name right after.
        named = actors.get(after[0].i) if after else None
        if named is not None and named.label_ == "person" and any(v.i > quote.end for v in verbs):
            verb = next(v for v in verbs if v.i > quote.end)
            return self._mention_speaker(named, verb.text)
        governing = [v for v in verbs if any(t.i in inside for t in v.subtree)]
        # "X called the deal “the reform we promised”": the quotation names a thing
        named_by = quote.root.head
        if named_by.lower_ == "as" and named_by.dep_ == "prep":
            named_by = named_by.head  # "described the talks as “…”"
        naming = [
            t
            for t in doc[first.start : quote.start]
            if t.lemma_ in _NAMING_VERBS and t.pos_ == "VERB" and named_by.i == t.i
        ]
        for verb in naming:
            speaker = self._speaker_of(verb, actors, previous)
            if speaker is not None:
                return speaker
        # Attribution after the quotation first, then before it; then adjacent verbs the
        # parser did not attach ("…,” said one source.").
        ordered = sorted(governing, key=lambda v: (v.i < quote.start, abs(v.i - quote.end)))
        ordered += [t for t in after[:6] if t in verbs]
        # "Zelenskyy, Oliker said, “…”": the verb just before the opening mark.
        before = [t for t in doc[first.start : quote.start] if not (t.is_punct or t.is_space)]
        ordered += [t for t in before[-2:] if t in verbs]
        for verb in ordered:
            speaker = self._speaker_of(verb, actors, previous)
            if speaker is not None:
                return speaker
        speaker = self._colon_speaker(quote, previous)
        if speaker is None:
            speaker = self._argument_speaker(quote, previous)
        if speaker is not None:
            return speaker
        according = next(
            (
                t
                for t in doc[first.start : last.end]
                if t.lower_ == "according" and t.i not in inside
            ),
            None,
        )
        if according is not None:
            return self._according(according, actors)[1]
        holder = _view_holder(doc[first.start : quote.start])
        if holder is not None:  # "In her view, the walkout was “pure theatre”"
            return self._name(holder, actors, previous, cue="in the view of")
        return _NO_SPEAKER

    def _colon_speaker(
        self, quote: Span, previous: tuple[Span, _Speaker] | None
    ) -> _Speaker | None:
        """A quotation a colon opens is said by the subject of the clause before the colon
        when it names someone ("Chile's negotiator, Rosa Medina, was blunt: “…”")."""
        doc = quote.doc
        i = quote.start - 1
        while i >= 0 and (doc[i].is_space or doc[i].text in (OPEN, EITHER)):
            i -= 1
        if i < 1 or doc[i].text != ":":
            return None
        clause = doc[i - 1]
        while clause.dep_ not in ("ROOT", "ccomp", "conj") and clause.head.i != clause.i:
            clause = clause.head
        subject = next(iter(subjects_of(clause, ("nsubj", "nsubjpass"))), None)
        if subject is None or subject.lower_ in _FIRST_PERSON:
            return None
        return self._someone(subject, previous, clause.text)

    def _someone(
        self, subject: Token, previous: tuple[Span, _Speaker] | None, cue: str
    ) -> _Speaker | None:
        """The speaker ``subject`` names, if it names someone (not a thing)."""
        before = None
        if previous is not None and previous[1].actor is not None:
            before = Holder(previous[1].actor, previous[1].text)
        holder = self.speakers.resolve(subject, previous=before)
        if not self.speakers.names_someone(holder):
            return None
        return _Speaker(holder.actor, holder.start, holder.end, holder.text, cue)

    def _argument_speaker(
        self, quote: Span, previous: tuple[Span, _Speaker] | None
    ) -> _Speaker | None:
        """A quotation that is a whole argument of a clause of saying, reporting or judging
        whose subject names someone: the subject's words ("X put the odds at “one in four”",
        "X gave the truce “a 30% chance”", "X accused them of “…”"). A quoted word inside a
        phrase that goes on outside the marks ("its “special operation”"), or under a verb of
        another kind ("tried to rewrite it by “emergency decrees”"), is a scare quote.
        A quotation the parser splits ("put the chance at “one in six, and that is kind”",
        its second clause hung on "put") is read by each of its parts that hangs outside it."""
        roots = [
            t
            for t in quote
            if not (t.is_punct or t.is_space) and not quote.start <= t.head.i < quote.end
        ]
        for root in roots:
            speaker = self._argument_of(quote, root, previous)
            if speaker is not None:
                return speaker
        return None

    def _argument_of(
        self, quote: Span, root: Token, previous: tuple[Span, _Speaker] | None
    ) -> _Speaker | None:
        """The speaker of a quotation whose part headed by ``root`` is an argument of a
        clause of saying or judging (:meth:`_argument_speaker`)."""
        words = [t.i for t in root.subtree if not (t.is_punct or t.is_space)]
        if not words or min(words) < quote.start or max(words) >= quote.end:
            return None
        node = root
        for _ in range(_ARGUMENT_STEPS):
            # up through the phrases the quotation is an argument of, and through
            # participles without a subject ("the odds of the deadline slipping at “…”")
            if node.dep_ not in _ARGUMENT_DEPS or node.head.i == node.i:
                return None
            node = node.head
            if node.pos_ == "VERB" and subjects_of(node, ("nsubj",)):
                break
        else:
            return None
        if node.lemma_ not in _QUOTING_VERBS:
            return None  # "tried to rewrite the treaty by “emergency decrees”": a scare quote
        subject = subjects_of(node, ("nsubj",))[0]
        if quote.start <= node.i < quote.end or subject.lower_ in _FIRST_PERSON:
            return None
        return self._someone(subject, previous, node.text)

    def _context_speaker(
        self,
        doc: Doc,
        quote: Span,
        actors: dict[int, Span],
        previous: tuple[Span, _Speaker] | None,
    ) -> _Speaker:
        """An unattributed quotation's speaker: whom the sentence before is about, or the last."""
        start = quote[0].sent.start
        if start > 0:
            before = doc[start - 1].sent
            subject = next((t for t in before.root.children if t.dep_ == "nsubj"), None)
            if subject is not None and subject.i not in self.speakers.quoted:
                holder = self.speakers.resolve(subject)
                if holder.actor is not None and self.speakers.kinds.get(holder.actor) == "person":
                    return _Speaker(holder.actor, holder.start, holder.end, holder.text, None)
        if previous is not None and self._close(previous[0], quote):
            return previous[1]
        return _NO_SPEAKER

    # --- reported speech --------------------------------------------------------------------

    def _indirect(
        self,
        doc: Doc,
        actors: dict[int, Span],
        covered: list[tuple[int, int]],
        direct: list[Span],
    ) -> list[Span]:
        spans: list[Span] = []
        reported: list[tuple[int, int]] = []
        inside = {i for s, e in covered for i in range(s, e)}
        for token in doc:
            if token.i in inside:
                continue
            content: Span | None = None
            speaker: _Speaker | None = None
            if reports(token):
                clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
                clause = clause if clause is not None else clause_in_medium(token)
                nested = clause is not None and reports(clause) and has_clause(clause)
                if clause is not None and not nested:
                    content = reported_clause(token, clause)
                elif clause is None and parenthetical(token):
                    content = host_clause(token)
                if content is not None:
                    previous = _previous_quote(direct + spans, token)
                    speaker = self._speaker_of(token, actors, previous)
            elif token.lower_ == "according" and token.dep_ == "prep":
                content, speaker = self._according(token, actors)
            if content is not None:
                content = same_paragraph(content, token)
            if content is None or speaker is None or len(content) < _MIN_REPORTED_TOKENS:
                continue
            # Reported speech that is mostly a quotation and says nothing of its own outside
            # it ("said they were “…”") is that quotation; one with a short quoted phrase
            # inside, or naming outside the marks what the quotation is about ("said the West
            # “would never …”"), is reported speech too.
            quoted = sum(max(0, min(e, content.end) - max(s, content.start)) for s, e in covered)
            if (quoted * 2 >= len(content) and not says_more(content, inside)) or any(
                s <= content.start and content.end <= e for s, e in reported
            ):
                continue
            spans.append(self._item(content, "indirect", speaker))
            reported.append((content.start, content.end))
        return spans

    def _according(self, token: Token, actors: dict[int, Span]) -> tuple[Span | None, _Speaker]:
        doc, sent = token.doc, token.sent
        verb = token.head
        if reports(verb) and subjects_of(verb, ("nsubj",)) and verb.i != token.i:
            # "According to the ministry, X told them that ...": X says it; the ministry is
            # only the source of the report.
            return None, _NO_SPEAKER
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if source is None:
            return None, _NO_SPEAKER
        phrase = token.subtree
        left, right = token.left_edge.i, max(t.i for t in phrase) + 1
        before = strip(doc[sent.start : left])
        after = strip(doc[right : sent.end])
        content = before if len(before) >= len(after) else after
        speaker = self._name(source, actors, None, cue="according to")
        return content, speaker

    # --- speakers -----------------------------------------------------------------------------

    def _speaker_of(
        self, verb: Token, actors: dict[int, Span], previous: tuple[Span, _Speaker] | None
    ) -> _Speaker | None:
        # Split attribution the parser mis-attaches: "Zelenskyy, Oliker said, “…”" (but not
        # "an aide to Aliyev said", where the name is inside the subject).
        mention = actors.get(verb.i - 1)
        own = next(iter(subjects_of(verb, ("nsubj",))), None)
        inside = own is not None and own.left_edge.i <= verb.i - 1 <= own.right_edge.i
        if mention is not None and mention.label_ == "person" and not inside:
            return self._mention_speaker(mention, verb.text)
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            # "her spokeswoman read a statement from the president saying ...": the author
            author = self.speakers.statement_author(verb.head)
            if author is not None:
                return _Speaker(author.actor, author.start, author.end, author.text, verb.text)
        # A participle ("…, saying …") speaks for the clause it hangs on: climb, and
        # prefer the nearest subject that names an actor or is a pronoun. One set off by a
        # comma at the end of a sentence is said by the sentence's subject, wherever the
        # parser hangs it ("He rejected the demand that the two men sign …, saying …").
        subjects: list[Token] = []
        current = verb
        root = verb.sent.root
        if (
            verb.tag_ == "VBG"
            and verb.dep_ in ("advcl", "xcomp")
            and verb.i > 0
            and verb.doc[verb.i - 1].text == ","
            and root.i < verb.i
            and subjects_of(root, ("nsubj",))
        ):
            current = root
        for _ in range(4):
            if current.lemma_ == "quote" and current is not verb:
                # "Reuters quoted X as saying", "X was quoted as saying": X, not the medium
                quoted = [c for c in current.children if c.dep_ in ("dobj", "nsubjpass")]
                if quoted:
                    subjects = quoted[:1]
                    break
            subject = next(iter(subjects_of(current, ("nsubj",))), None)
            if subject is not None:
                subjects.append(subject)
                if current is verb and verb.tag_ != "VBG":
                    break
            if current.dep_ not in {"advcl", "xcomp", "conj", "pcomp", "acl", "ccomp"}:
                break
            current = current.head
            if current.lower_ == "as" and current.dep_ == "prep":
                current = current.head  # "quoted X as saying": to the verb of "as"
        if not subjects and after_quotation(verb):
            # "…,” added a former senior Kremlin official.": parsed as the verb's object.
            subjects = [c for c in verb.rights if c.dep_ in {"dobj", "attr"}][:1]
        named = [s for s in subjects if s.i in actors or s.lower_ in _PRONOUNS]
        candidates = named or subjects
        chosen = candidates[0] if candidates else None
        if chosen is None or chosen.lower_ in _FIRST_PERSON:
            return None
        return self._name(chosen, actors, previous, cue=verb.text)

    def _name(
        self,
        head: Token,
        actors: dict[int, Span],
        previous: tuple[Span, _Speaker] | None,
        cue: str,
    ) -> _Speaker:
        before = None
        if previous is not None and previous[1].actor is not None:
            before = Holder(previous[1].actor, previous[1].text)
        holder = self.speakers.resolve(head, previous=before)
        if holder.actor is None and holder.start is None:
            return _Speaker(None, head.idx, head.idx + len(head), head.text, cue)
        return _Speaker(holder.actor, holder.start, holder.end, holder.text, cue)

    def _mention_speaker(self, mention: Span, cue: str | None) -> _Speaker:
        text = " ".join(mention.text.split())
        key = self.speakers.key(mention)
        return _Speaker(key, mention.start_char, mention.end_char, text, cue)

    @staticmethod
    def _item(span: Span, kind: str, speaker: _Speaker) -> Span:
        item = Span(span.doc, span.start, span.end, label=kind)
        item._.set(
            FIELDS,
            {
                "kind": kind,
                "speaker_actor": speaker.actor,
                "speaker_text": speaker.text,
                "speaker_start": speaker.start,
                "speaker_end": speaker.end,
                "cue": speaker.cue,
            },
        )
        return item


def _view_holder(words: Span) -> Token | None:
    """Whose view the words before a quotation give it as ("in her view", "in the view of
    X", "in Y's view"): the holder's head, or None."""
    for word in words:
        if word.lemma_ != "view" or word.head.lower_ != "in":
            continue
        owner = next((c for c in word.children if c.dep_ == "poss"), None)
        if owner is None:
            of = next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if owner is not None and owner.lower_ not in _FIRST_PERSON | {"my", "our"}:
            return owner
    return None


def _previous_quote(spans: list[Span], verb: Token) -> tuple[Span, _Speaker] | None:
    before = [s for s in spans if s.end <= verb.i]
    if not before:
        return None
    last = max(before, key=lambda s: s.end)
    speaker = _Speaker.of(last._.get(FIELDS))
    return (last, speaker) if QuoteFinder._close(last, verb.doc[verb.i : verb.i + 1]) else None


@Language.factory("zopa_quotes", assigns=["doc.spans"], requires=["token.dep", "token.lemma"])
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    """spaCy factory of :class:`QuoteFinder` (with what the pipeline's gazetteer says of
    people's offices, demonyms and outlets)."""
    return QuoteFinder(name, KnownActors.from_gazetteer(get_gazetteer(nlp)))


extractors.register("zopa.quotes.v1")("zopa_quotes")
