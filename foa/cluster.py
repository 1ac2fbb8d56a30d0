"""Dask, shared by the parts of foa that run on a cluster (sweeps in foa.engine.cluster, batch extraction
in foa.extract.cluster): the one place that imports ``distributed`` and says how to install it.

    with open_client(True) as client:      # a LocalCluster of processes, closed on exit
        ...
    client = local_client(n_workers=2)     # one to keep: client.dashboard_link, client.close()

``pip install foa[dask]`` brings dask and distributed; ``import foa`` imports neither.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from foa.errors import FoaError

__all__ = ["DASHBOARD_ADDRESS", "MMAP_THRESHOLD", "PRE_SPAWN_ENVIRON", "PROFILE_INTERVAL", "RETRIES", "TRIM_THRESHOLD",
           "distributed_module", "is_dask_client", "local_client", "open_client"]

RETRIES = 2  # a task whose worker died is run again up to this many times
# foa's own LocalCluster serves its dashboard on a free port of this machine only: a fixed :8787 may be
# taken by another cluster or notebook (Dask then warns and moves), and nothing outside needs to reach it
DASHBOARD_ADDRESS = "127.0.0.1:0"
# how often a worker of foa's own LocalCluster samples its running task for the dashboard's profile page:
# Dask's 10 ms walks the stack of the working thread so often that it costs a sweep ~10% of its CPU
PROFILE_INTERVAL = "100ms"
# glibc's allocator on foa's own workers: a sweep chunk's arrays (bars x symbols x combinations, hundreds of
# MB) are freed and allocated again chunk after chunk. By default glibc maps each such array afresh (arrays
# above its mmap threshold; in a worker's task thread, every array above the 64 MB of a thread's arena) and
# unmaps it when freed, so every chunk faults all its pages in again: a fifth to a third of a worker's CPU
# in the kernel. On the workers, arrays up to 1 GiB come from the heap of one arena (the task threads'
# arenas cannot hold them) and up to 4 GiB of free heap stays with the process: its pages are faulted in
# once per worker, not once per chunk or sweep, and a worker keeps the memory its largest sweep needed.
# This replaces the MALLOC_TRIM_THRESHOLD_=65536 Dask sets, which unmaps every array as it is freed.
MMAP_THRESHOLD = 2**30
TRIM_THRESHOLD = 2**32
PRE_SPAWN_ENVIRON = {"MALLOC_MMAP_THRESHOLD_": str(MMAP_THRESHOLD), "MALLOC_TRIM_THRESHOLD_": str(TRIM_THRESHOLD),
                     "MALLOC_ARENA_MAX": "1"}


def distributed_module() -> Any:
    """The ``distributed`` package, or a FoaError saying how to install it."""
    try:
        import distributed
    except ImportError as err:
        raise FoaError("client= needs Dask: pip install 'foa[dask]' (dask and distributed), then pass "
                       "client=distributed.Client() or client=True for a local cluster") from err
    return distributed


def is_dask_client(obj: Any) -> bool:
    """True for a ``distributed.Client`` (without importing distributed when it is not loaded)."""
    mod = sys.modules.get("distributed")
    return mod is not None and isinstance(obj, mod.Client)


def local_client(n_workers: int | None = None, *, threads_per_worker: int = 1, **kwargs: Any) -> Any:
    """A ``distributed.Client`` on a new LocalCluster of worker processes on this machine, which
    ``client.close()`` shuts down: one worker per core by default, one thread each (a sweep chunk holds
    the GIL in numba and pandas), its dashboard on a free local port (``client.dashboard_link``).
    ``kwargs`` go to ``distributed.LocalCluster`` (``memory_limit=``, ``dashboard_address=None`` for none).

    >>> client = local_client(2)                      # doctest: +SKIP
    >>> res = foa.sweep(spec, prices, grid, client=client); client.close()  # doctest: +SKIP
    """
    import dask

    distributed = distributed_module()
    kwargs.setdefault("dashboard_address", DASHBOARD_ADDRESS)
    kwargs.setdefault("processes", True)
    # the workers take the configuration in force when they start (the nanny hands it to each process,
    # and sets its environment before starting it)
    environ = {f"distributed.nanny.pre-spawn-environ.{k}": v for k, v in PRE_SPAWN_ENVIRON.items()}
    with dask.config.set({"distributed.worker.profile.interval": PROFILE_INTERVAL, **environ}), _own_environ():
        # a Client given cluster keywords starts the LocalCluster itself and closes it with itself
        try:
            return distributed.Client(n_workers=n_workers, threads_per_worker=threads_per_worker, **kwargs)
        except RuntimeError as err:  # "Nanny failed to start": a worker process died while starting
            raise FoaError(
                f"the Dask workers could not start ({str(err).rstrip('.')}). Each worker process imports this program's main "
                "module: in a plain script, start the cluster (client=True, local_client()) only under "
                "`if __name__ == \"__main__\":` (see docs/scaling.md); notebooks need no guard") from err


@contextmanager
def _own_environ() -> Iterator[None]:
    """While foa's workers start: the variables of PRE_SPAWN_ENVIRON out of this process's environment (Dask
    lets a variable already there override its configuration, and a Dask cluster of processes started here
    before left its own MALLOC_TRIM_THRESHOLD_ there); afterwards this process's own values again (Dask's
    nanny writes the workers' settings into the environment of the process that starts them)."""
    saved = {k: os.environ.pop(k, None) for k in PRE_SPAWN_ENVIRON}
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v

@contextmanager
def open_client(client: Any) -> Iterator[Any]:
    """``client`` itself, or for ``True`` a ``local_client()`` started here and closed on exit."""
    distributed = distributed_module()
    if client is True:
        own = local_client()
        try:
            yield own
        finally:
            own.close()
        return
    if not isinstance(client, distributed.Client):
        raise FoaError(f"client must be a distributed.Client or True, got {type(client).__name__}")
    yield client
