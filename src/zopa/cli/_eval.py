"""``zopa eval``: measure extraction and models against gold data and recorded outcomes.

``eval models`` lives in :mod:`zopa.cli._eval_models`, ``eval extraction`` in
:mod:`zopa.cli._eval_extraction`; both add themselves to :data:`eval_app`.
"""

from __future__ import annotations

import typer

__all__ = ["eval_app", "register"]

eval_app = typer.Typer(
    help="Measure zopa against gold annotations and real outcomes.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add the ``eval`` group to ``app``."""
    from zopa.cli import _eval_extraction, _eval_models  # noqa: F401  (they register on eval_app)

    app.add_typer(eval_app, name="eval")
