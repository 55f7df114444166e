"""``zopa eval``: measure extraction and models against gold data and recorded outcomes.

``eval models`` lives in :mod:`zopa.cli._eval_models`, ``eval extraction`` in
:mod:`zopa.cli._eval_extraction`, ``eval events`` in :mod:`zopa.cli._eval_events`,
``eval draft`` in :mod:`zopa.cli._eval_draft`; each adds itself to :data:`eval_app`.
"""

from __future__ import annotations

import typer

__all__ = ["eval_app", "register"]

eval_app = typer.Typer(
    help="Measure zopa against gold annotations and real outcomes.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add the ``eval`` group to ``app``."""
    from zopa.cli import (  # noqa: F401  (they register on eval_app)
        _eval_draft,
        _eval_events,
        _eval_extraction,
        _eval_models,
    )

    app.add_typer(eval_app, name="eval")
