"""Dask, shared by the parts of foa that run on a cluster (sweeps in foa.engine.cluster, batch extraction
in foa.extract.cluster): the one place that imports ``distributed`` and says how to install it.

    with open_client(True) as client:      # a LocalCluster of processes, closed on exit
        ...

``pip install foa[dask]`` brings dask and distributed; ``import foa`` imports neither.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from foa.errors import FoaError

__all__ = ["RETRIES", "distributed_module", "is_dask_client", "open_client"]

RETRIES = 2  # a task whose worker died is run again up to this many times


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


@contextmanager
def open_client(client: Any) -> Iterator[Any]:
    """``client`` itself, or for ``True`` a LocalCluster of processes started here and closed on exit."""
    distributed = distributed_module()
    if client is True:
        with distributed.LocalCluster(processes=True, dashboard_address=None) as cluster, \
                distributed.Client(cluster) as own:
            yield own
        return
    if not isinstance(client, distributed.Client):
        raise FoaError(f"client must be a distributed.Client or True, got {type(client).__name__}")
    yield client
