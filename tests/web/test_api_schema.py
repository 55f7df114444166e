"""Schemathesis against the OpenAPI schema: no server error, no answer outside the schema.

Every operation, read and write, gets a bounded number of generated requests
(:data:`EXAMPLES`), valid and invalid ones, through the in-process ASGI
transport, over a copy of the demo store (the writes land there).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from zopa.store import open_store
from zopa.web import ServeConfig, create_app

EXAMPLES = 25
"""Generated requests per operation and phase (bounded so the run stays short)."""
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
"""No 5xx; every status, media type, header and body as documented; invalid input refused."""


@pytest.fixture(scope="module")
def fuzzed_app(demo_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """The application over a copy of the demo store made for this module."""
    source = Path(demo_db.removeprefix("sqlite:///"))
    target = tmp_path_factory.mktemp("fuzz") / "demo.db"
    shutil.copyfile(source, target)
    store = open_store(f"sqlite:///{target}")
    yield create_app(ServeConfig(f"sqlite:///{target}"), store=store)
    store.close()


@pytest.fixture(scope="module")
def api_schema(fuzzed_app: FastAPI) -> schemathesis.schemas.BaseSchema:
    """The application's OpenAPI schema, loaded by schemathesis over ASGI."""
    return schemathesis.openapi.from_asgi("/openapi.json", fuzzed_app)


@pytest.mark.slow
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_answers_within_its_schema(
    api_schema: schemathesis.schemas.BaseSchema, mode: GenerationMode
) -> None:
    """Every operation: generated requests (valid or not) get a documented, conforming answer."""
    failures: dict[str, str] = {}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 15

    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def answers(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=CHECKS)

        try:
            answers()
        except BaseException as exc:  # every operation is run; all failures reported at once
            if isinstance(exc, KeyboardInterrupt):
                raise
            failures[operation.label] = " ".join(str(exc).split())[:800]
    assert failures == {}, "\n".join(f"{k}: {v}" for k, v in failures.items())
