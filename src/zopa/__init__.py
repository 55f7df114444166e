"""zopa: turn news coverage of a negotiation into an evidence-linked model of the talks.

The pipeline runs one way — ingest → extract → scenario → models/simulate →
forecast → report/web — with one subpackage per stage. See ``docs/architecture.md``.
"""

from zopa.errors import ZopaError

__all__ = ["ZopaError", "__version__"]

__version__ = "0.1.0"
