"""Who said it: the one speaker resolver of quotes, claims and estimates.

The quotes, claims and estimates components ask the same question of a parsed ``Doc``
whose actor mentions are set: which actor (or which unnamed source) does the word naming
the speaker of a reported item stand for? They all answer it here, so a quotation, the
claim read from it and the probability statement inside it get the same speaker.

API (everything else is private):

- :class:`KnownActors` ``.from_gazetteer(gazetteer)``: what the gazetteer tells about
  people (offices, parties), demonyms, seats of government and news outlets; built once
  per component.
- :meth:`Speakers.of` ``(doc, known)``: the resolver of one document (kept for the last
  document, so components called one after the other share it; nothing is parsed again).
- :meth:`Speakers.resolve` ``(head, qualified=False, previous=None)`` → ``Holder``:
  the speaker named by ``head``, the head word of the phrase that names a speaker (the
  subject of a speech verb, the object of "according to", a pronoun, "the statement").
  ``Holder.start``/``Holder.end`` are the character offsets of the words as written;
  ``Holder.actor`` is ``None`` for an unnamed source, whose words are kept.
  ``qualified=True`` is for callers whose holders are parties (claims): an unnamed
  official or body qualified by an actor ("a U.S. official", "Iranian officials",
  "officials in Kigali", "his government") holds for that actor, and outlets never hold;
  quotes and estimates keep such a speaker unnamed (the team's convention 5).
  ``previous`` is the speaker of the quotation just before (a pronoun's fallback).
- :meth:`Speakers.resolve_all`: the same for a subject and its conjuncts.
- :meth:`Speakers.statement_author` ``(noun)``: who a statement, letter or communiqué is by.
- :meth:`Speakers.key` ``(mention)``: the key a mention stands for (honorifics joined).
- :meth:`Speakers.names_someone` ``(holder)``: whether a holder is someone, not a thing.
- :func:`words_holder` ``(speakers, words, anchor)``: who says a span of words — the
  quotation's speaker, the reporting verb's subject, "according to X" or the writer
  (:mod:`._frames`; the holder of a probability statement).
- ``SPEAKER_WORDS``: the word lists (``data/speaker_words.yaml``).

The rules, in the order the resolver applies them, each in its own module (tested on its
own in ``tests/extract/speakers/``):

1. **Names** (:mod:`._people`, :mod:`._cast`): the actor mention that is the phrase's head
   or its apposition ("Kremlin spokesman Dmitry Peskov", "Brazil's adviser, Celso Amorim");
   a name the actor stage left unmarked ("Lund said") is the one person marked elsewhere
   whose name holds it, else someone named but unknown (a he/she for what follows);
   a person written with an honorific ("Mr. Gil") is the person named in full before; what
   the document says of each person (gender, offices, state).
2. **Statements** (:mod:`._statements`): a statement speaks for its author, not its host.
3. **Roles** (:mod:`._roles`): a definite office ("the Kremlin aide"), group ("the
   rebels"), outlet ("the agency"), body ("its government") or nationality ("Iranian
   officials", for parties).
4. **Pronouns** (:mod:`._pronouns`): he/she/it/they by position, number, kind and gender.
5. **Unnamed sources** keep their words ("a Western diplomat familiar with the talks",
   "two people with knowledge of the draft"); ``actor`` is ``None``.

Statement frames (:mod:`._frames`) find who says a span of words. The word lists are data
(``data/speaker_words.yaml``, :mod:`._words`). Nested attribution ("X told Reuters",
"according to the ministry, X said", "Reuters quoted X as saying") is the callers' part:
they pass the speaker's word, never the medium's or the "according to" source's of a clause
a named speaker says.
"""

from zopa.extract.speakers._frames import words_holder
from zopa.extract.speakers._known import KnownActors
from zopa.extract.speakers._resolver import Speakers
from zopa.extract.speakers._words import WORDS as SPEAKER_WORDS

__all__ = ["SPEAKER_WORDS", "KnownActors", "Speakers", "words_holder"]
