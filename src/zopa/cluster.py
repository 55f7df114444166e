"""Ray, the optional engine that spreads extraction and forecasts over a cluster.

``--ray local`` starts a Ray cluster on this machine for the length of one command
(its CPUs: ``--workers`` or all of the machine's); ``--ray ADDRESS`` joins a running
one (``ray start --head`` on the head node, see ``docs/cluster.md``). Ray is an
optional extra, ``pip install 'zopa[ray]'``: without it, asking for it is one
:class:`ClusterError` saying so. Where the calling process is already connected to
Ray (a notebook, a test), that connection is used and left open.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

from sqlalchemy.engine import make_url

from zopa.errors import ClusterError, quoted

__all__ = ["INSTALL_RAY", "LOCAL", "ray_cluster", "require_ray", "shared_store_url"]

INSTALL_RAY = "pip install 'zopa[ray]'"
LOCAL = "local"
"""The ``--ray`` value that starts a cluster on this machine."""

_ONE_MACHINE = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"
"""Read by Ray when imported: ``0`` keeps every address it uses on loopback."""

LOCAL_OBJECT_STORE_BYTES = 256 * 1024**2
"""Object store of a local cluster: batches of documents and forecasts, never large."""


def require_ray() -> ModuleType:
    """The ``ray`` module; a :class:`ClusterError` naming the install command without it."""
    try:
        import ray
    except ImportError:
        raise ClusterError(
            f"--ray needs Ray, an optional extra of zopa that is not installed; "
            f"install it with: {INSTALL_RAY}"
        ) from None
    return ray


@contextmanager
def ray_cluster(address: str, *, num_cpus: int | None = None) -> Iterator[ModuleType]:
    """Connected to the Ray cluster at ``address`` (``local``: a new one on this machine).

    The cluster a ``local`` run starts has ``num_cpus`` CPUs (default: the
    machine's), listens on the loopback address only and stops at the end of the
    block; joining ``address`` leaves that cluster running.

    Raises
    ------
    ClusterError
        Ray is not installed, or the cluster cannot be started or joined.
    """
    if address == LOCAL or _on_this_machine(address):
        # Ray's switch for clusters kept to one machine: with it off, Ray never swaps a
        # loopback address for the machine's network address, so nothing leaves loopback.
        os.environ.setdefault(_ONE_MACHINE, "0")
    ray = require_ray()
    if ray.is_initialized():
        yield ray
        return
    options: dict[str, object] = {
        "include_dashboard": False,
        "log_to_driver": False,
        "logging_level": "error",
    }
    if address != LOCAL:
        _answering(address)
    else:
        options |= {
            "num_cpus": num_cpus or os.cpu_count() or 1,
            "object_store_memory": LOCAL_OBJECT_STORE_BYTES,
            "_node_ip_address": "127.0.0.1",
        }
    try:
        ray.init(address=address, **options)
    except (ConnectionError, ValueError, RuntimeError, TimeoutError) as exc:
        raise ClusterError(
            f"--ray {quoted(address)}: cannot {'start' if address == LOCAL else 'join'} "
            f"a Ray cluster ({' '.join(str(exc).split())[:200]}); give 'local' or the "
            "address of a running head node (HOST:6379)"
        ) from None
    try:
        yield ray
    finally:
        ray.shutdown()


def _on_this_machine(address: str) -> bool:
    host = address.rpartition(":")[0].strip("[]")
    return host in ("127.0.0.1", "localhost", "::1")


def _answering(address: str, timeout: float = 5.0) -> None:
    """A :class:`ClusterError` at once if nothing listens at ``HOST:PORT`` (Ray's own
    attempts to join take minutes to give up)."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or "://" in address:
        return  # another form Ray reads itself ("auto", "ray://...")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as exc:
        raise ClusterError(
            f"--ray {quoted(address)}: no Ray head node answers there ({exc.strerror or exc}); "
            "start one with `ray start --head --port=6379` on that host, or give 'local'"
        ) from None


def shared_store_url(url: str) -> str:
    """``url`` as a process started elsewhere opens it: a SQLite path made absolute.

    Tasks on Ray's workers open the store themselves; a relative SQLite path would
    be read from their own working folder.
    """
    parsed = make_url(url)
    database = parsed.database
    if parsed.drivername.startswith("sqlite") and database not in (None, "", ":memory:"):
        absolute = os.path.abspath(os.path.expanduser(str(database)))
        return parsed.set(database=absolute).render_as_string(hide_password=False)
    return url
