"""Sweeps (and batch extraction) on a Dask cluster: the same chunks a local sweep runs, sent to workers.

    from distributed import Client
    client = Client()                                   # a LocalCluster; or Client("tcp://scheduler:8786")
    res = foa.sweep(spec, ws, grid, client=client)      # equal to the local run, number for number

The prepared prices go to each worker once (a task result every chunk depends on); each chunk computes
its indicators once and sends back its stats, its best combination's daily returns and its per-block sums.
A worker that dies mid-sweep has its chunks run again elsewhere (Dask's own retry); interrupting the cell
cancels what is still queued. Workers never write the workspace: results come back to this process.
``pip install foa[dask]`` brings dask and distributed; ``import foa`` imports neither.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from foa.errors import FoaError

__all__ = ["RETRIES", "extract_on_cluster", "is_dask_client", "open_client", "run_chunks"]

RETRIES = 2  # a chunk whose worker died is run again up to this many times


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as err:
        raise FoaError("client= needs Dask: pip install 'foa[dask]' (dask and distributed), then pass "
                       "client=distributed.Client() or client=True for a local cluster") from err
    return distributed


@contextmanager
def open_client(client: Any) -> Iterator[Any]:
    """``client`` itself, or for ``True`` a LocalCluster of processes started here and closed on exit."""
    distributed = _distributed()
    if client is True:
        with distributed.LocalCluster(processes=True, dashboard_address=None) as cluster, \
                distributed.Client(cluster) as own:
            yield own
        return
    if not isinstance(client, distributed.Client):
        raise FoaError(f"client must be a distributed.Client or True, got {type(client).__name__}")
    yield client


def _same(value: Any) -> Any:
    return value


def run_chunks(client: Any, p: Any, parts: list[tuple[list, list | None]], *, metric: str, pbo_blocks: int,
               progress: Any = None) -> list[Any]:
    """Run every (specs, overrides) chunk of a prepared sweep ``p`` on the cluster; results in chunk order."""
    from foa.engine.sweep import run_chunk

    distributed = _distributed()
    with open_client(client) as c:
        # the prepared prices as a task result, not scattered data: a worker that dies with them is
        # recomputed from the task (scattered data would be lost with it); each worker fetches them once
        shared = c.submit(_same, p, pure=False, key=f"foa-sweep-prices-{id(parts)}")
        futures = [c.submit(run_chunk, shared, specs, ovs, metric=metric, pbo_blocks=pbo_blocks, pure=False,
                            retries=RETRIES, key=f"foa-sweep-chunk-{i}-{id(parts)}")
                   for i, (specs, ovs) in enumerate(parts)]
        size = {f.key: len(specs) for f, (specs, _) in zip(futures, parts)}
        try:
            for fut in distributed.as_completed(futures):
                if progress is not None:
                    progress.update(size[fut.key])
            return c.gather(futures)
        except BaseException:
            c.cancel(futures)
            raise


def is_dask_client(obj: Any) -> bool:
    """True for a ``distributed.Client`` (without importing distributed when it is not loaded)."""
    import sys

    mod = sys.modules.get("distributed")
    return mod is not None and isinstance(obj, mod.Client)


def _extract_one(doc: Any, provider: str, model: str, options: dict[str, Any], lock: str | None,
                 leases: int) -> tuple[Any, BaseException | None]:
    """On a worker: one document's spec, or the error it ended in (collected, never raised)."""
    from foa.extract.api import extract_strategy

    try:
        if lock is None:
            return extract_strategy(doc, provider=provider, model=model, cache=False, **options), None
        from distributed import Semaphore

        with Semaphore(max_leases=leases, name=lock):  # Claude's rate limit holds across every worker
            return extract_strategy(doc, provider=provider, model=model, cache=False, **options), None
    except Exception as err:  # noqa: BLE001 - per-document errors come back with their document
        return None, err


def extract_on_cluster(client: Any, documents: list[Any], *, provider: str, model: str, max_concurrent: int,
                       options: dict[str, Any], progress: Any = None) -> list[tuple[Any, BaseException | None]]:
    """Extract each document on the cluster; (spec, error) per document, in order. Claude calls share one
    cluster-wide semaphore of ``max_concurrent`` leases."""
    distributed = _distributed()
    lock = f"foa-claude-{model}" if provider == "claude" else None
    futures = [client.submit(_extract_one, doc, provider, model, dict(options), lock, max_concurrent, pure=False,
                             retries=RETRIES) for doc in documents]
    try:
        for _ in distributed.as_completed(futures):
            if progress is not None:
                progress.update(1)
        return client.gather(futures)
    except BaseException:
        client.cancel(futures)
        raise
