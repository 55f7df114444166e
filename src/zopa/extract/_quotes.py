"""The ``zopa_quotes`` component: direct quotations and reported speech with their speakers.

Direct quotes are the text between double quotation marks (curly or straight,
mixed as copy often mixes them). A quotation is kept when a speech verb outside
it governs it in the parse ("…,” Greene said", "saying, "…"", "Peskov said
that there is “…”"), or when it directly follows an attributed quotation (the
second half of a split or multi-paragraph quote), or when it is long enough to
be speech rather than a scare-quoted phrase. A quote mark that never closes
ends at the paragraph (or at a line that opens a new quotation) and is dropped
unless the next paragraph continues it, so it can never swallow the document.

Reported speech is the complement clause of a speech verb ("Peskov said that
…") or the clause that an "according to X" phrase attributes.

The speaker is the subject of the speech verb (climbing from a participle,
"…, saying …", to the verb it modifies; "quoted X as saying" is X). Who that subject
is — a name, an office ("the Kremlin aide"), a pronoun, a statement's author, an unnamed
source kept as written — is decided by the shared resolver of
:mod:`zopa.extract.speakers`, the same for claims and estimates.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from zopa.extract._actors import get_gazetteer
from zopa.extract._attribution import REPORTING_LEMMAS, Holder, subjects_of
from zopa.extract._doc import ACTORS, FIELDS, QUOTES
from zopa.extract.speakers import SPEAKER_WORDS, KnownActors, Speakers
from zopa.registry import extractors

__all__ = ["SPEECH_VERBS", "QuoteFinder"]

SPEECH_VERBS = frozenset(
    {
        "say", "tell", "add", "argue", "note", "stress", "warn", "explain", "conclude",
        "suggest", "insist", "claim", "state", "announce", "report", "write", "confirm",
        "deny", "acknowledge", "admit", "reply", "respond", "declare", "assert", "maintain",
        "emphasize", "emphasise", "predict", "recall", "comment", "reiterate", "caution",
        "remark", "observe", "complain", "tweet", "post", "quip", "concede", "contend",
        "hint", "propose", "demand", "promise", "pledge", "vow", "assure",
    }
)  # fmt: skip
"""Lemmas of verbs that report speech."""

_OPEN, _CLOSE, _EITHER = "\u201c", "\u201d", '"'
_PRONOUNS = {"he", "she", "him", "her", "they", "it", "them"}
_FIRST_PERSON = {"i", "we", "us", "'s", "me"}
_MODALS = {"would", "could", "might", "may", "should", "will", "can", "must", "to"}
_MIN_UNATTRIBUTED_TOKENS = 8  # shorter unattributed quotations are scare quotes, not speech
_MIN_REPORTED_TOKENS = 3
_CONJUNCTIONS = frozenset({"and", "but", "or"})
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
class _Mark:
    start: int  # first character of the content
    end: int  # one past the last character of the content
    continued: bool = False  # ends at a paragraph break, continued in the next paragraph


def _quotations(text: str) -> list[_Mark]:
    """Content spans between double quotation marks, robust to marks that never close."""
    marks = [i for i, ch in enumerate(text) if ch in (_OPEN, _CLOSE, _EITHER)]
    found: list[_Mark] = []
    open_at: int | None = None
    for i in marks:
        ch = text[i]
        if open_at is not None:
            gap = text[open_at:i]
            broken = _paragraph_break(gap)
            if broken is not None:
                # The quotation did not close before a paragraph (or a line opening a
                # new quotation): keep it only when the next paragraph continues it.
                if text[open_at + broken :].lstrip().startswith((_OPEN, _EITHER)):
                    found.append(_Mark(open_at, open_at + broken, continued=True))
                open_at = None
        if open_at is None:
            if ch in (_OPEN, _EITHER):
                open_at = i + 1
        elif ch in (_CLOSE, _EITHER):
            found.append(_Mark(open_at, i))
            open_at = None
        else:  # an opening mark inside an open quotation: the first one never closed
            open_at = i + 1
    return [_trimmed(text, m) for m in found if text[m.start : m.end].strip()]


def _paragraph_break(gap: str) -> int | None:
    """Offset in ``gap`` where an open quotation must stop, or None."""
    blank = gap.find("\n\n")
    candidates = [blank] if blank >= 0 else []
    position = gap.find("\n")
    while position >= 0:
        if gap[position + 1 :].lstrip(" \t").startswith((_OPEN, _EITHER)):
            candidates.append(position)
            break
        position = gap.find("\n", position + 1)
    return min(candidates) if candidates else None


def _trimmed(text: str, mark: _Mark) -> _Mark:
    start, end = mark.start, mark.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return _Mark(start, end, mark.continued)


@dataclass(frozen=True)
class _Speaker:
    actor: str | None
    start: int | None
    end: int | None
    text: str | None
    cue: str | None


_NO_SPEAKER = _Speaker(None, None, None, None, None)


class QuoteFinder:
    """Writes ``doc.spans["zopa_quotes"]``, each quote's fields in ``span._.zopa_fields``."""

    version = "3"  # 2: one speaker resolver; 3: colons, quoted arguments, reported spans

    def __init__(self, name: str, known: KnownActors | None = None) -> None:
        self.name = name
        self.known = known if known is not None else KnownActors()

    def __call__(self, doc: Doc) -> Doc:
        # Speakers and the antecedents of pronouns are named outside quotations.
        marks = [
            doc.char_span(m.start, m.end, alignment_mode="expand") for m in _quotations(doc.text)
        ]
        inside = frozenset(t.i for span in marks if span is not None for t in span)
        actors = {
            t: span
            for span in doc.spans.get(ACTORS, [])
            if span.start not in inside
            for t in range(span.start, span.end)
        }
        self.speakers = Speakers(doc, self.known, quoted=inside)
        direct = self._direct(doc, actors)
        covered = [(s.start, s.end) for s in direct]
        quotes = direct + self._indirect(doc, actors, covered, direct)
        quotes.sort(key=lambda span: (span.start_char, span.end_char))
        doc.spans[QUOTES] = quotes
        return doc

    # --- direct quotations ------------------------------------------------------------------

    def _direct(self, doc: Doc, actors: dict[int, Span]) -> list[Span]:
        spans: list[Span] = []
        previous: tuple[Span, _Speaker] | None = None
        pending: list[Span] = []  # paragraphs of a quotation continued in the next paragraph
        for mark in _quotations(doc.text):
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
                    or (_whole_paragraph(doc.text, span) and between.count("\n\n") <= 1)
                )
                if len(span) < _MIN_UNATTRIBUTED_TOKENS and not pending and not continues:
                    continue  # a scare-quoted phrase, not speech
                speaker = self._context_speaker(doc, span, actors, previous)
            for part in [*pending, span]:
                spans.append(self._item(part, "direct", speaker))
            pending = []
            previous = (span, speaker)
        return spans

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
        verbs = [t for t in doc[first.start : last.end] if _reports(t) and t.i not in inside]
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
        return _NO_SPEAKER

    def _colon_speaker(
        self, quote: Span, previous: tuple[Span, _Speaker] | None
    ) -> _Speaker | None:
        """A quotation a colon opens is said by the subject of the clause before the colon
        when it names someone ("Chile's negotiator, Rosa Medina, was blunt: “…”")."""
        doc = quote.doc
        i = quote.start - 1
        while i >= 0 and (doc[i].is_space or doc[i].text in (_OPEN, _EITHER)):
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
        another kind ("tried to rewrite it by “emergency decrees”"), is a scare quote."""
        root = quote.root
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
            if _reports(token):
                clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
                clause = clause if clause is not None else _clause_in_medium(token)
                nested = clause is not None and _reports(clause) and _has_clause(clause)
                if clause is not None and not nested:
                    content = _clause(token, clause)
                elif clause is None and _parenthetical(token):
                    content = _host_clause(token)
                if content is not None:
                    previous = _previous_quote(direct + spans, token)
                    speaker = self._speaker_of(token, actors, previous)
            elif token.lower_ == "according" and token.dep_ == "prep":
                content, speaker = self._according(token, actors)
            if content is not None:
                content = _same_paragraph(content, token)
            if content is None or speaker is None or len(content) < _MIN_REPORTED_TOKENS:
                continue
            # Reported speech that is mostly a quotation and says nothing of its own outside
            # it ("said they were “…”") is that quotation; one with a short quoted phrase
            # inside, or naming outside the marks what the quotation is about ("said the West
            # “would never …”"), is reported speech too.
            quoted = sum(max(0, min(e, content.end) - max(s, content.start)) for s, e in covered)
            if (quoted * 2 >= len(content) and not _says_more(content, inside)) or any(
                s <= content.start and content.end <= e for s, e in reported
            ):
                continue
            spans.append(self._item(content, "indirect", speaker))
            reported.append((content.start, content.end))
        return spans

    def _according(self, token: Token, actors: dict[int, Span]) -> tuple[Span | None, _Speaker]:
        doc, sent = token.doc, token.sent
        verb = token.head
        if _reports(verb) and subjects_of(verb, ("nsubj",)) and verb.i != token.i:
            # "According to the ministry, X told them that ...": X says it; the ministry is
            # only the source of the report.
            return None, _NO_SPEAKER
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if source is None:
            return None, _NO_SPEAKER
        phrase = token.subtree
        left, right = token.left_edge.i, max(t.i for t in phrase) + 1
        before = _strip(doc[sent.start : left])
        after = _strip(doc[right : sent.end])
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
        if not subjects and _after_quotation(verb):
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


def _another_report(word: Token, clause: Token) -> bool:
    """Whether ``word``, inside the reported ``clause``, opens a report of its own: a verb of
    saying or reporting with its own subject joined to the clause or describing a word of it
    ("…, and the ministry said …", "…, which he said …"), or a speech participle set off by
    a comma ("…, saying “…”")."""
    if word.lemma_ not in SPEECH_VERBS and word.lemma_ not in REPORTING_LEMMAS:
        return False
    if word.pos_ not in ("VERB", "AUX"):
        return False
    if word.dep_ in ("conj", "relcl") and subjects_of(word):
        return True
    before = word.doc[word.i - 1] if word.i > clause.i else None
    return (
        word.tag_ == "VBG"
        and word.dep_ in ("advcl", "xcomp")
        and before is not None
        and before.text == ","
    )


def _says_more(content: Span, quoted: set[int]) -> bool:
    """Whether reported speech names outside its quotations what it is about: the subject
    of a clause of it, other than a pronoun ("said the West “would never …”", "said that
    while Moscow welcomes talks, “…”"; not "said they were “…”" or "said that aside from
    X, “my instinct is …”")."""
    return any(
        t.i not in quoted and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")
        for t in content
    )


def _whole_paragraph(text: str, span: Span) -> bool:
    """Whether the quotation is all its paragraph holds (marks and punctuation aside)."""
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.end_char)
    end = len(text) if end < 0 else end
    outside = text[start : span.start_char] + text[span.end_char : end]
    return not outside.strip(' \t"“”.,!?')


def _reports(token: Token) -> bool:
    """A speech verb that reports speech: not negated, not an infinitive or a modal's."""
    if token.lemma_ not in SPEECH_VERBS or token.pos_ not in {"VERB", "AUX"}:
        return False
    return not any(
        c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _MODALS) for c in token.children
    )


def _clause_in_medium(verb: Token) -> Token | None:
    """The that-clause the parser hangs on the medium: "said in a statement that …",
    "wrote in a post that …" (a clause of the noun opened by "that" with its own subject)."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "on", "during"):
            continue
        for medium in (c for c in prep.children if c.dep_ == "pobj"):
            for clause in medium.children:
                if (
                    clause.dep_ == "acl"
                    and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
                    and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
                ):
                    return clause
    return None


def _has_clause(verb: Token) -> bool:
    return any(c.dep_ == "ccomp" for c in verb.children)


def _after_quotation(verb: Token) -> bool:
    """The verb directly follows a closing quotation mark (punctuation aside)."""
    i = verb.i - 1
    while i >= 0 and (verb.doc[i].is_space or verb.doc[i].text in {",", "."}):
        i -= 1
    return i >= 0 and verb.doc[i].text in {_CLOSE, _EITHER}


def _parenthetical(verb: Token) -> bool:
    """ "…, Chesnakov said, it would …" / "…, The New York Times reports, …": a verb set off
    inside or after the clause it reports, with its own subject."""
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    if verb.dep_ == "parataxis":
        return True
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return True  # "…, as The Moscow Times has previously reported."
    left = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
    return verb.dep_ == "conj" and left is not None and left.text == ","


def _host_clause(verb: Token) -> Span:
    host = verb.head
    doc = verb.doc
    left, right = host.left_edge.i, host.right_edge.i + 1
    inner_left, inner_right = verb.left_edge.i, verb.right_edge.i + 1
    # Keep the longer side of the attribution ("If Putin appeared, Chesnakov said, it would …").
    if inner_left - left >= right - inner_right:
        right = inner_left
    else:
        left = inner_right
    return _strip(doc[left:right])


def _same_paragraph(content: Span, verb: Token) -> Span:
    """``content`` cut at paragraph breaks, to the part on the verb's side."""
    doc = content.doc
    breaks = [t.i for t in content if t.is_space and "\n\n" in t.text]
    if not breaks:
        return content
    before = [i for i in breaks if i < verb.i]
    after = [i for i in breaks if i > verb.i]
    start = max(before) + 1 if before else content.start
    end = min(after) if after else content.end
    return _strip(doc[start:end])


def _strip(span: Span, *, conjunction: bool = False) -> Span:
    """``span`` without punctuation and spaces at either end (and, with ``conjunction``, a
    conjunction at its end: "…, and" before a report cut off), keeping the quotation marks
    of a quoted phrase it holds (“real progress” had been made; would stay closed “until
    further notice”)."""
    doc, start, end = span.doc, span.start, span.end
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (
        doc[end - 1].is_punct
        or doc[end - 1].is_space
        or (conjunction and doc[end - 1].dep_ == "cc" and doc[end - 1].lower_ in _CONJUNCTIONS)
    ):
        end -= 1
    if start < end:
        marks = [t.text for t in doc[start:end] if t.text in (_OPEN, _CLOSE, _EITHER)]
        if start > 0 and doc[start - 1].text in (_OPEN, _EITHER) and _unopened(marks):
            start -= 1
        if end < len(doc) and doc[end].text in (_CLOSE, _EITHER) and _unclosed(marks):
            end += 1
    return doc[start:end]


def _unopened(marks: list[str]) -> bool:
    """Whether quotation marks read left to right close one more than they open."""
    if _EITHER in marks:
        return len(marks) % 2 == 1 and marks[0] == _EITHER
    return marks.count(_CLOSE) > marks.count(_OPEN)


def _unclosed(marks: list[str]) -> bool:
    """Whether quotation marks read left to right open one more than they close."""
    if _EITHER in marks:
        return len(marks) % 2 == 1 and marks[-1] == _EITHER
    return marks.count(_OPEN) > marks.count(_CLOSE)


def _clause(verb: Token, clause: Token) -> Span:
    """The reported clause on the verb's side, without a leading "that" or punctuation."""
    doc = verb.doc
    left, right = clause.left_edge.i, clause.right_edge.i + 1
    if clause.i > verb.i:
        left = max(left, verb.i + 1)
    else:
        right = min(right, verb.i)
    for word in clause.subtree:
        # "X said A, and Y said B", "… goals, which he said …", "…, saying “…”": another
        # report (with its own subject, or the speaker's participle) is not part of this one
        if word.i > clause.i and word.i < right and _another_report(word, clause):
            right = min(right, word.left_edge.i)
    span = _strip(doc[left:right], conjunction=True)
    if span and span[0].tag_ == "IN" and span[0].lower_ in {"that", "whether", "if"}:
        span = _strip(doc[span.start + 1 : span.end])
    return span


def _previous_quote(spans: list[Span], verb: Token) -> tuple[Span, _Speaker] | None:
    before = [s for s in spans if s.end <= verb.i]
    if not before:
        return None
    last = max(before, key=lambda s: s.end)
    fields = last._.get(FIELDS)
    speaker = _Speaker(
        fields["speaker_actor"],
        fields["speaker_start"],
        fields["speaker_end"],
        fields["speaker_text"],
        fields["cue"],
    )
    return (last, speaker) if QuoteFinder._close(last, verb.doc[verb.i : verb.i + 1]) else None


@Language.factory("zopa_quotes", assigns=["doc.spans"], requires=["token.dep", "token.lemma"])
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    """spaCy factory of :class:`QuoteFinder` (with what the pipeline's gazetteer says of
    people's offices, demonyms and outlets)."""
    return QuoteFinder(name, KnownActors.from_gazetteer(get_gazetteer(nlp)))


extractors.register("zopa.quotes.v1")("zopa_quotes")
