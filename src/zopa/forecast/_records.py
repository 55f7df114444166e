"""A forecast as plain data: what a source said about a question as of a date, and how.

:class:`NewForecast` is a forecast about to be stored; :class:`ForecastRecord` one
read back, with its row id and the time it was stored. :meth:`NewForecast.public`
is the documented JSON layout (``docs/forecasts.md``) every command prints.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

import zopa
from zopa.forecast._distribution import check_predictive

__all__ = ["SOURCE_KINDS", "ForecastRecord", "NewForecast", "SourceKind", "digest_of"]

SourceKind = Literal["model", "simulator", "experts", "combined", "price"]
SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
"""Kinds of forecast source: zopa's static models, its simulator, the experts in the press,
zopa's combination of its own sources, and imported crowd or market prices."""


def digest_of(data: Any) -> str:
    """SHA-256 of ``data`` as canonical JSON (sorted keys; dates as ISO strings)."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class NewForecast(BaseModel):
    """One forecast of one question by one source, as of one date.

    An event question's forecast is a ``probability`` in [0, 1]; a value question's a
    ``value`` on the issue's 0–100 scale; exactly one of the two is given. ``low`` and
    ``high`` bound the point (a Monte Carlo interval, the experts' spread), when known.
    A value forecast may store its predictive distribution in ``parameters`` as a
    ``sample`` or ``quantiles`` (:mod:`zopa.forecast._distribution`), checked here.
    ``method``, ``parameters`` and ``inputs_digest`` say how it was made, so any
    stored number can be traced and reproduced.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    scenario: str = Field(min_length=1, max_length=64, description="the scenario id")
    question: str = Field(min_length=1, max_length=64, description="the question id")
    source: str = Field(min_length=1, max_length=200, description="the source's name")
    source_kind: SourceKind
    as_of: date = Field(description="the date the forecast speaks for")
    probability: float | None = Field(None, ge=0, le=1)
    value: float | None = Field(None, ge=0, le=100)
    low: float | None = None
    high: float | None = None
    method: str = Field(min_length=1, max_length=200, description="model, simulator or tool")
    parameters: dict[str, Any] = Field(default_factory=dict)
    inputs_digest: str | None = Field(None, max_length=64, description="sha256 of the inputs")
    zopa_version: str = Field(zopa.__version__, max_length=40)

    @model_validator(mode="after")
    def _one_point_inside_its_bounds(self) -> NewForecast:
        if (self.probability is None) == (self.value is None):
            raise ValueError("a forecast has exactly one of probability (event) or value (value)")
        point = self.probability if self.probability is not None else self.value
        assert point is not None
        if self.low is not None and self.low > point:
            raise ValueError(f"low {self.low:g} is above the forecast {point:g}")
        if self.high is not None and self.high < point:
            raise ValueError(f"high {self.high:g} is below the forecast {point:g}")
        if self.value is not None:
            check_predictive(self.parameters)
        return self

    def public(self) -> dict[str, Any]:
        """The public JSON layout of a forecast (``docs/forecasts.md``)."""
        return {
            "question": self.question,
            "source": self.source,
            "source_kind": self.source_kind,
            "as_of": self.as_of.isoformat(),
            "probability": self.probability,
            "low": self.low,
            "high": self.high,
            "value": self.value,
            "method": self.method,
            "parameters": self.parameters,
            "inputs_digest": self.inputs_digest,
            "zopa_version": self.zopa_version,
        }


class ForecastRecord(NewForecast):
    """A stored forecast: its row id and when it was stored."""

    id: int
    created_at: datetime

    def public(self) -> dict[str, Any]:
        """The public layout plus ``id`` and ``created_at``."""
        return {**super().public(), "id": self.id, "created_at": self.created_at.isoformat()}
