"""Sweeps on a Dask cluster: the same chunks a local sweep runs, sent to workers.

    from distributed import Client
    client = Client()                                   # a LocalCluster; or Client("tcp://scheduler:8786")
    res = foa.sweep(spec, ws, grid, client=client)      # equal to the local run, number for number
    res = foa.sweep(spec, "s3://bucket/prices", grid, client=client)   # workers read the Parquet themselves

Each worker prepares a sweep once and its chunks share that preparation (the price matrices, and the
indicator cache of ``Prepared.shared_evaluator``). The chunks travel as a few tasks (two per worker
thread), each running its chunks one after the other. Given prices in memory (frames, a Workspace), the
prepared prices go to each worker once, as a task result every task depends on; given a Parquet dataset
(a folder or URL written by ``ws.prices.export_parquet``), each worker reads its symbols from there and
nothing but the spec travels (a local folder's prices are kept on the worker for the next sweeps on it
while its files stay as they were). Each chunk sends back its stats, its best combination's daily returns and
its per-block sums. A worker that dies mid-sweep has its chunks run again elsewhere (Dask's own retry);
interrupting the cell cancels what is still queued. Workers never write the workspace: results come back
to this process. ``pip install foa[dask]`` brings dask and distributed; ``import foa`` imports neither.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import uuid
import warnings
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any

from foa.cluster import RETRIES, distributed_module, open_client
from foa.engine.custom import registrations

__all__ = ["KEEP", "PER_SLOT", "SNAP", "ParquetSource", "cancel", "cuts", "parquet_reads", "prefetch", "run_chunks",
           "spread"]


# tasks per worker thread: two, so that a worker slowed by something else on its machine hands work to
# the other (Dask balances by stealing queued tasks); each task runs its chunks one after the other, and
# every chunk on a worker shares that worker's indicator cache
PER_SLOT = 2
# prices a worker keeps prepared from Parquet (the newest), and sweeps it keeps running on them
KEEP = 2

_kept: OrderedDict[tuple, Any] = OrderedDict()  # (dataset, its files' stamp, spec, options) -> Prepared
_prepared: OrderedDict[str, Any] = OrderedDict()  # sweep token -> its own Prepared on kept prices
_lock = threading.Lock()
_reads: deque[str] = deque(maxlen=64)


@dataclass(frozen=True)
class ParquetSource:
    """How a worker prepares a sweep from a Parquet dataset by itself: ``prepare(spec, path, **options)``,
    what the client ran on the same dataset (so the prepared prices are the same, number for number)."""

    path: str
    spec: Any
    options: dict[str, Any] = field(default_factory=dict)
    token: str | None = None  # the sweep's name on the workers, when ``prefetch`` started them reading

    def prepare(self) -> Any:
        from foa.engine.backtest import prepare

        return prepare(self.spec, self.path, progress=False, **self.options)

    def key(self) -> tuple | None:
        """What the prepared prices depend on: the dataset's files as they are now (their names, sizes and
        modification times), the spec and the options; None for a URL (read again for every sweep)."""
        from foa.data.parquet import dataset_stamp

        stamp = dataset_stamp(self.path)
        try:  # options of plain values (dates, a benchmark symbol); a frame given as benchmark: no key
            options = json.dumps(self.options, sort_keys=True, default=_date)
        except TypeError:
            return None
        return None if stamp is None else (self.path, stamp, self.spec.model_dump_json(), options)


def _date(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):  # pd.Timestamp too
        return value.isoformat()
    raise TypeError(type(value).__name__)


def parquet_reads() -> list[str]:
    """The Parquet datasets this process prepared sweeps from, oldest first (the last 64): run on the
    workers (``client.run(parquet_reads)``) it shows that they read their prices themselves.

    >>> client.run(parquet_reads)  # doctest: +SKIP
    {'tcp://127.0.0.1:40111': ['/data/prices'], 'tcp://127.0.0.1:40112': ['/data/prices']}
    """
    return list(_reads)


def _prepared_for(token: str, source: ParquetSource) -> Any:
    """The sweep ``token`` prepared on this worker (one thread prepares, the others wait for it: they need
    the same prices). The prices read from a local dataset are kept for the next sweeps on it, with the
    same spec and options, while its files stay as they were: a sweep run again, or on another grid, reads
    nothing. Each sweep gets its own price matrices and indicator cache (the memory budget holds per sweep)."""
    from dataclasses import replace

    with _lock:
        p = _prepared.get(token)
        if p is None:
            key = source.key()
            base = _kept.get(key) if key is not None else None
            if base is None:
                base = source.prepare()
                _reads.append(source.path)
                if key is not None:
                    _kept[key] = base
                    while len(_kept) > KEEP:
                        _kept.popitem(last=False)
            else:
                _kept.move_to_end(key)
            p = _prepared[token] = replace(base)  # the same prices, a memo of its own
            while len(_prepared) > KEEP:
                _prepared.popitem(last=False)
        return p


def _forget(token: str) -> None:
    with _lock:
        _prepared.pop(token, None)


def _read(token: str, source: ParquetSource, customs: tuple) -> None:
    """Prepare the sweep on this worker now (``prefetch``); its chunks find it ready."""
    from foa.engine.custom import adopt

    adopt(customs)  # the spec may name the client's own indicators
    _prepared_for(token, source)


# the futures of each prefetch that no chunk has used yet (a sweep refused after its prefetch leaves its
# own here: the oldest beyond KEEP are let go, as the workers let go of their copies)
_early: OrderedDict[str, list] = OrderedDict()


def prefetch(client: Any, path: str, spec: Any, options: dict[str, Any]) -> ParquetSource | None:
    """Start every worker of ``client`` preparing a sweep from the Parquet dataset ``path`` now, while this
    process prepares its own copy to validate the spec and plan the chunks: the reads overlap instead of
    following each other. Returns the source to give ``run_chunks``, or None for ``client=True`` (its
    cluster starts in ``run_chunks``). ``cancel(source)`` when this process's own preparation fails.

    >>> source = prefetch(client, "/data/prices", spec, {"start": "2010-01-01"})  # doctest: +SKIP
    """
    distributed = distributed_module()
    if not isinstance(client, distributed.Client):
        return None
    token = f"foa-sweep-{uuid.uuid4().hex}"
    source = ParquetSource(path, spec, options, token)
    customs = registrations()
    _early[token] = [client.submit(_read, token, source, customs, workers=[w], allow_other_workers=False, pure=False,
                                   key=f"{token}-read-{i}") for i, w in enumerate(client.nthreads())]
    while len(_early) > KEEP:
        _early.popitem(last=False)
    return source


def cancel(source: ParquetSource | None) -> None:
    """Stop what ``prefetch`` started: its reads, and the workers' copies of the prepared prices."""
    if source is None or source.token is None:
        return
    futures = _early.pop(source.token, [])
    if futures:
        try:
            futures[0].client.cancel(futures)
            futures[0].client.run(_forget, source.token)
        except Exception:  # noqa: BLE001 - a worker gone or the client closing: KEEP bounds the copies anyway
            pass


def _chunks(token: str, source: Any, parts: list[tuple[list, list | None]], *, customs: tuple = (),
            **kw: Any) -> list[Any]:
    """One task on a worker: its chunks, one after the other (each within the sweep's memory budget), on the
    prices shipped (a Prepared) or read here from Parquet. ``customs``: the client's custom indicators
    (``foa.register_indicator`` lasts for one process), registered here first."""
    from foa.engine.custom import adopt
    from foa.engine.sweep import run_chunk

    adopt(customs)
    p = _prepared_for(token, source) if isinstance(source, ParquetSource) else source
    return [run_chunk(p, specs, overrides, **kw) for specs, overrides in parts]


def _same(value: Any) -> Any:
    return value


def spread(parts: list[tuple[list, list | None]], slots: int, per_slot: int = PER_SLOT,
           keys: list[tuple] | None = None) -> list[list[tuple[list, list | None]]]:
    """The same combinations, in order, as ``per_slot`` tasks per worker thread (``slots``), each task a
    list of chunks it runs one after the other, none larger than the largest of ``parts`` (the memory
    plan's bound holds). Few large tasks: each costs the scheduler a round trip, which a loaded machine
    makes slow, and two per thread still let a worker slowed by something else hand one over. The results
    do not depend on where a task or a chunk ends.

    ``keys``: each combination's grid values, in grid order (the first key varies slowest). A cut near
    where a slow key changes value moves there (``cuts``), so that a task's combinations share their
    indicators and a worker computes fewer of them twice.

    >>> [[len(s) for s, _ in task] for task in spread([(list(range(10)), None)] * 2, 2, 1)]
    [[10], [10]]
    >>> [[len(s) for s, _ in task] for task in spread([(list(range(4)), None)] * 4, 1, 2)]
    [[4, 4], [4, 4]]
    """
    specs = [x for sp, _ in parts for x in sp]
    ovs = None if parts[0][1] is None else [x for _, ov in parts for x in ov]
    limit = max(len(sp) for sp, _ in parts)
    n = len(specs)
    tasks = cuts(n, max(1, min(n, slots * per_slot)), n, keys)
    out = []
    for a, b in zip(tasks, tasks[1:]):
        inner = cuts(b - a, -(-(b - a) // limit), limit, None if keys is None else keys[a:b])
        out.append([(specs[a + i:a + j], None if ovs is None else ovs[a + i:a + j]) for i, j in zip(inner, inner[1:])])
    return out


# how far a cut may move towards a change of a slow key, as a share of the even chunk: a chunk up to this
# much larger than another costs its worker little (chunks are queued and stolen), an indicator computed
# twice over the whole universe may cost more
SNAP = 0.125


def cuts(n: int, pieces: int, limit: int, keys: list[tuple] | None = None) -> list[int]:
    """Bounds of ``pieces`` chunks of ``n`` combinations, each at most ``limit`` long: even, except that a
    cut within ``SNAP`` of a chunk from a change of a slow grid key moves there (the slowest key first).

    >>> cuts(42, 4, 42, [(a, b) for a in range(6) for b in range(7)])  # 22 moves to 21, where ``a`` changes
    [0, 11, 21, 32, 42]
    >>> cuts(10, 3, 10)
    [0, 4, 7, 10]
    """
    bounds = _even(n, pieces)
    if not keys or len(keys) != n or len(keys[0]) < 2 or pieces < 2:
        return bounds
    width = len(keys[0])
    tol = int(n / pieces * SNAP)
    out = [0]
    for x in bounds[1:-1]:
        best: tuple[int, int, int] | None = None  # (level, distance, position)
        for i in range(max(out[-1] + 1, x - tol), min(n - 1, x + tol) + 1):
            # the first key whose value changes at i: 0 for the slowest; the fastest alone is no boundary
            level = next((j for j in range(width) if keys[i][j] != keys[i - 1][j]), width)
            if level < width - 1 and (best is None or (level, abs(i - x)) < best[:2]):
                best = (level, abs(i - x), i)
        out.append(x if best is None else best[2])
    out.append(n)
    if any(b - a > limit or b <= a for a, b in zip(out, out[1:])):
        return bounds  # a moved cut would break the memory bound or empty a chunk: the even cuts
    return out


def _even(n: int, pieces: int) -> list[int]:
    """Bounds of ``pieces`` runs of ``n`` items, the longer ones first: [0, 4, 7, 10] for 10 in 3."""
    base, extra = divmod(n, pieces)
    bounds = [0]
    for i in range(pieces):
        bounds.append(bounds[-1] + base + (1 if i < extra else 0))
    return bounds


def run_chunks(client: Any, p: Any, parts: list[tuple[list, list | None]], *, metric: str, pbo_blocks: int,
               progress: Any = None, symbols: int | None = None, source: ParquetSource | None = None,
               keys: list[tuple] | None = None) -> list[Any]:
    """Run every (specs, overrides) chunk of a prepared sweep ``p`` on the cluster; results in chunk order.

    ``source``: the workers prepare the sweep from this Parquet dataset instead of receiving ``p`` (already
    under way when it came from ``prefetch``).
    ``keys``: each combination's grid values (``spread``), so that chunks end where a slow key changes.
    """
    distributed = distributed_module()
    token = source.token if source is not None and source.token else f"foa-sweep-{uuid.uuid4().hex}"
    with open_client(client) as c:
        tasks = spread(parts, max(1, sum(c.nthreads().values())), keys=keys)
        if source is None:
            # the prepared prices as a task result, not scattered data: a worker that dies with them is
            # recomputed from the task (scattered data would be lost with it); each worker fetches them once
            with warnings.catch_warnings():
                # the prices travel in the graph on purpose (once per worker, recomputable): Dask's advice to
                # load them with Dask instead does not apply to this one submission
                warnings.filterwarnings("ignore", message="Sending large graph", category=UserWarning)
                shared = c.submit(_same, p, pure=False, key=f"{token}-prices")
            # a copy on every worker before the chunks: otherwise the scheduler keeps every chunk beside the
            # one worker that holds the prices, and the others only get work by stealing it
            distributed.wait(shared)
            c.replicate([shared])
        else:
            shared = source  # a few kilobytes: the spec and the dataset's address, carried by every chunk
        customs = registrations()  # the client's own indicators, defined in its notebook: the workers need them
        futures = [c.submit(_chunks, token, shared, task, metric=metric, pbo_blocks=pbo_blocks, symbols=symbols,
                            customs=customs, pure=False, retries=RETRIES, key=f"{token}-chunks-{i}")
                   for i, task in enumerate(tasks)]
        size = {f.key: sum(len(specs) for specs, _ in task) for f, task in zip(futures, tasks)}
        try:
            for fut in distributed.as_completed(futures):
                if progress is not None:
                    progress.update(size[fut.key])
            return [stats for done in c.gather(futures) for stats in done]
        except BaseException:
            c.cancel(futures)
            raise
        finally:
            _early.pop(token, None)  # the prefetch's reads are done: their futures can go
            if source is not None:
                try:  # free the workers' copies now rather than when newer sweeps push them out
                    c.run(_forget, token)
                except Exception:  # noqa: BLE001 - a worker gone or the client closing: KEEP bounds them anyway
                    pass
