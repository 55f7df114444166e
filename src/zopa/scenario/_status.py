"""Where a forecast question stands on a date: upcoming, open, due or resolved."""

from __future__ import annotations

from datetime import date
from typing import Literal

from zopa.scenario._schema import Question

__all__ = ["QuestionStatus", "question_status"]

QuestionStatus = Literal["upcoming", "open", "due", "resolved"]


def question_status(question: Question, as_of: date) -> QuestionStatus:
    """Where ``question`` stands on ``as_of``.

    ``resolved``: its outcome was known by then (``resolved_on`` ≤ ``as_of``);
    ``due``: its resolution date has passed without a known outcome;
    ``upcoming``: it opens later; ``open``: otherwise.
    """
    if question.resolved_on is not None and question.resolved_on <= as_of:
        return "resolved"
    if question.resolution_date < as_of:
        return "due"
    if question.opens is not None and as_of < question.opens:
        return "upcoming"
    return "open"
