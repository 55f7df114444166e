"""Values a server keeps between requests, keyed on what they are computed from."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from fastapi import Request

__all__ = ["MEMO_KEEP", "memo"]

T = TypeVar("T")

MEMO_KEEP = 64
"""Values :func:`memo` keeps per kind (the least recently used go first)."""
_MEMO_LOCK = threading.Lock()


def memo(request: Request, kind: str, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, kept on the application under (``kind``, ``key``) for later requests.

    Keys name an immutable input (a stored scenario's SHA-256, the store's evidence
    version), so nothing kept goes stale; the last :data:`MEMO_KEEP` of each kind are kept.
    """
    caches: dict[str, OrderedDict[Hashable, Any]] = request.app.state.__dict__.setdefault(
        "memo", {}
    )
    with _MEMO_LOCK:
        cache = caches.setdefault(kind, OrderedDict())
        if key in cache:
            cache.move_to_end(key)
            found: T = cache[key]
            return found
    value = compute()
    with _MEMO_LOCK:
        cache[key] = value
        while len(cache) > MEMO_KEEP:
            cache.popitem(last=False)
    return value
