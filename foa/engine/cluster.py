"""Sweeps on a Dask cluster: the same chunks a local sweep runs, sent to workers.

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

import warnings

from typing import Any

from foa.cluster import RETRIES, distributed_module, open_client

__all__ = ["PER_SLOT", "run_chunks", "spread"]


# chunks per worker thread: each chunk computes its own indicators, so fewer and larger chunks cost less
# CPU; a whole number per thread keeps the workers equally busy
PER_SLOT = 1


def _same(value: Any) -> Any:
    return value


def spread(parts: list[tuple[list, list | None]], slots: int, per_slot: int = PER_SLOT) -> list[tuple[list, list | None]]:
    """The same combinations, in order, in a whole number of even chunks per worker thread (``slots``):
    ``per_slot`` each at the least, and never larger than the largest of ``parts`` (the memory plan's
    bound holds). The results do not depend on where a chunk ends.

    >>> [len(s) for s, _ in spread([(list(range(10)), None)], 3)]
    [4, 3, 3]
    """
    specs = [x for sp, _ in parts for x in sp]
    ovs = None if parts[0][1] is None else [x for _, ov in parts for x in ov]
    want = min(len(specs), slots * max(per_slot, -(-len(parts) // slots)))
    bounds = _even(len(specs), max(want, 1))
    return [(specs[a:b], None if ovs is None else ovs[a:b]) for a, b in zip(bounds, bounds[1:])]


def _even(n: int, pieces: int) -> list[int]:
    """Bounds of ``pieces`` runs of ``n`` items, the longer ones first: [0, 4, 7, 10] for 10 in 3."""
    base, extra = divmod(n, pieces)
    bounds = [0]
    for i in range(pieces):
        bounds.append(bounds[-1] + base + (1 if i < extra else 0))
    return bounds


def run_chunks(client: Any, p: Any, parts: list[tuple[list, list | None]], *, metric: str, pbo_blocks: int,
               progress: Any = None, symbols: int | None = None) -> list[Any]:
    """Run every (specs, overrides) chunk of a prepared sweep ``p`` on the cluster; results in chunk order."""
    from foa.engine.sweep import run_chunk

    distributed = distributed_module()
    with open_client(client) as c:
        parts = spread(parts, max(1, sum(c.nthreads().values())))
        # the prepared prices as a task result, not scattered data: a worker that dies with them is
        # recomputed from the task (scattered data would be lost with it); each worker fetches them once
        with warnings.catch_warnings():
            # the prices travel in the graph on purpose (once per worker, recomputable): Dask's advice to
            # load them with Dask instead does not apply to this one submission
            warnings.filterwarnings("ignore", message="Sending large graph", category=UserWarning)
            shared = c.submit(_same, p, pure=False, key=f"foa-sweep-prices-{id(parts)}")
        # a copy on every worker before the chunks: otherwise the scheduler keeps every chunk beside the
        # one worker that holds the prices, and the others only get work by stealing it
        distributed.wait(shared)
        c.replicate([shared])
        futures = [c.submit(run_chunk, shared, specs, ovs, metric=metric, pbo_blocks=pbo_blocks, symbols=symbols, pure=False,
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

