"""Batch extraction on a Dask cluster: each document extracted on a worker, results back to this process
(which alone writes the workspace); Claude calls share one cluster-wide semaphore.

    res = foa.extract_strategies(paths, client=distributed.Client())
"""

from __future__ import annotations

from typing import Any

from foa.cluster import RETRIES, distributed_module

__all__ = ["extract_on_cluster"]


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
    distributed = distributed_module()
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
