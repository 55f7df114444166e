"""Where the views point: fragments inside one report file, or the dashboard's paths.

The report is one file, so every link is a fragment (``#claim-12``) of an
element in it; the dashboard spreads the same views over pages, so a link to a
span goes to its article's page (``/documents/5#claim-12``). A view model takes
a :class:`Links` and stores finished ``href`` strings, so templates and chart
specs never build a URL themselves, and no text from outside ever becomes one.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

__all__ = ["Links", "span_anchor"]


def span_anchor(kind: str, item_id: int) -> str:
    """The element id of an extracted span in an article view: ``claim-12``."""
    return f"{kind}-{item_id}"


@dataclass(frozen=True)
class Links:
    """Links of the standalone report (``standalone=True``) or of the dashboard.

    ``scenario`` is the stored scenario's name the dashboard's links carry.
    """

    standalone: bool
    scenario: str | None = None

    def document(self, document_id: int) -> str:
        """The article view of a document."""
        return f"#doc-{document_id}" if self.standalone else f"/documents/{document_id}"

    def span(self, kind: str, item_id: int, document_id: int) -> str:
        """The highlighted span of an extracted item in its article view."""
        anchor = span_anchor(kind, item_id)
        return f"#{anchor}" if self.standalone else f"/documents/{document_id}#{anchor}"

    def cell(self, actor: str, issue: str) -> str:
        """The evidence behind one cell of the actor × issue map."""
        fragment = f"#cell-{actor}-{issue}"
        if self.standalone or self.scenario is None:
            return fragment
        return f"/map?scenario={quote(self.scenario, safe='')}{fragment}"

    def question(self, question: str) -> str:
        """A question's forecasts, history and evidence."""
        if self.standalone or self.scenario is None:
            return f"#q-{question}"
        return f"/questions/{quote(question, safe='')}?scenario={quote(self.scenario, safe='')}"
