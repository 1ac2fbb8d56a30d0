"""Many documents at once: ``foa.extract_strategies``.

    res = foa.extract_strategies(["a.pdf", "b.md", "c.txt"], workspace=ws, max_workers=4)
    res.table                  # one row per input, in input order: status, name, cost, error
    res.specs                  # the StrategySpecs found
    res.errors                 # the inputs that failed, each with its FoaError

Every input gets a row: a document that cannot be read, a "no strategy" answer and a failed request
are collected, never raised, so one bad file does not lose the others. With a workspace, answers are
cached (a re-run pays only for new documents) and recorded, written from the calling thread only.

``use_batch_api=True`` sends the Claude requests through the Message Batches API at half price;
results arrive within 24 hours (usually minutes), polled every ``poll_interval`` seconds. A reply that
fails validation gets its one re-ask as a normal request.
"""

from __future__ import annotations

import glob
import html
import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from foa.errors import ExtractionError, FoaError, NoStrategyFound
from foa.extract.pricing import DEFAULT_MODEL

if TYPE_CHECKING:
    import pandas as pd

    from foa.documents.model import Document
    from foa.spec.model import StrategySpec

__all__ = ["BatchItem", "BatchResult", "DEFAULT_WORKERS", "extract_strategies"]

log = logging.getLogger("foa.extract")

DEFAULT_WORKERS = 4  # concurrent requests: high enough to hide latency, low enough for most rate limits
POLL_INTERVAL = 30.0


@dataclass
class BatchItem:
    """One input's outcome: ``status`` is "ok", "no_strategy" or "error"."""

    source: str
    document: "Document | None" = None
    spec: "StrategySpec | None" = None
    error: BaseException | None = None
    cached: bool = False

    @property
    def status(self) -> str:
        """``"ok"`` (a spec), ``"no_strategy"`` (the document states none) or ``"error"`` (see ``.error``)."""
        if self.spec is not None:
            return "ok"
        return "no_strategy" if isinstance(self.error, NoStrategyFound) else "error"


class BatchResult(list):
    """BatchItems in input order, with ``specs``, ``errors``, ``table`` and a notebook view."""

    @property
    def specs(self) -> list["StrategySpec"]:
        """The strategies found, in input order: ``[foa.backtest(s, ws) for s in batch.specs]``."""
        return [i.spec for i in self if i.spec is not None]

    @property
    def errors(self) -> list[BatchItem]:
        """Items that failed (not those without a strategy): ``[(i.source, i.error) for i in batch.errors]``."""
        return [i for i in self if i.status == "error"]

    @property
    def cost_usd(self) -> float:
        """Estimated Claude cost of this run in USD (answers from the workspace cache cost nothing)."""
        return round(sum((i.spec.provenance.cost_usd or 0.0) for i in self if i.spec is not None and i.spec.provenance
                         and not i.cached), 6)

    @property
    def table(self) -> "pd.DataFrame":
        """One row per source: status, name, provider, cached, cost, verified quotes, error: ``batch.table``."""
        import pandas as pd

        rows = []
        for i in self:
            prov = i.spec.provenance if i.spec is not None else None
            rows.append({
                "source": i.source,
                "status": i.status,
                "name": i.spec.name if i.spec is not None else None,
                "provider": getattr(prov, "provider", None),
                "cached": i.cached,
                "cost_usd": getattr(prov, "cost_usd", None),
                "evidence_verified": (f"{sum(bool(e.verified) for e in i.spec.evidence)}/{len(i.spec.evidence)}"
                                      if i.spec is not None else None),
                "error": str(i.error) if i.error is not None else None,
                "document_id": i.document.id if i.document is not None else None,
            })
        return pd.DataFrame(rows)

    def _repr_html_(self) -> str:
        counts = {s: sum(1 for i in self if i.status == s) for s in ("ok", "no_strategy", "error")}
        head = html.escape(f"{len(self)} documents: {counts['ok']} strategies, {counts['no_strategy']} without a "
                           f"strategy, {counts['error']} errors; ${self.cost_usd:.4f} spent")
        return f"<div><strong>{head}</strong>{self.table.to_html(index=False, na_rep='')}</div>"


def _label(source: Any) -> str:
    name = getattr(source, "name", None)
    if isinstance(name, str):
        return name
    text = str(source)
    return text if len(text) <= 60 else text[:57] + "..."


def _progress(total: int, desc: str, enabled: bool) -> Any:
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, disable=not enabled, unit="doc")


def extract_strategies(
    sources: Iterable[Any],
    *,
    provider: str = "auto",
    model: str = DEFAULT_MODEL,
    client: Any = None,
    workspace: Any = None,
    cache: bool = True,
    max_workers: int = DEFAULT_WORKERS,
    progress: bool = True,
    use_batch_api: bool = False,
    poll_interval: float = POLL_INTERVAL,
    **options: Any,
) -> BatchResult:
    """Extract a strategy from each source (Documents, paths or texts), collecting per-document errors.

    ``max_workers`` bounds concurrent requests (threads; on a cluster, Claude calls across all workers).
    ``client``: an Anthropic SDK client, or a ``distributed.Client`` to extract on a Dask cluster's workers
    (each worker makes its own SDK client from its environment; results are recorded here, by this
    process only). ``options`` go to ``extract_strategy``
    (``max_retries``, ``timeout``, ``max_tokens``, ``max_input_tokens``, ``pdf``).

    >>> res = foa.extract_strategies(["a.pdf", "b.md"], provider="offline"); res.table[["source", "status"]]
    """
    from foa.extract import api
    from foa.extract.record import cache_key, cached_hit, open_workspace, record

    if max_workers < 1:
        raise ExtractionError(f"max_workers must be at least 1, got {max_workers}.")
    from foa.cluster import is_dask_client

    # a Dask client distributes the documents; any other client is the Anthropic SDK client
    cluster, client = (client, None) if is_dask_client(client) else (None, client)
    if isinstance(sources, (str, os.PathLike)):
        # one string is a folder or glob to expand, else one path or text: never its characters one by one
        from foa.documents.load import expand_sources

        raw = os.fspath(sources)
        is_many = isinstance(raw, str) and "\n" not in raw and len(raw) < 4096 and (
            glob.has_magic(raw) or Path(raw).expanduser().is_dir())
        sources = expand_sources(raw) if is_many else [sources]
    sources = list(sources)
    items = BatchResult(BatchItem(_label(s)) for s in sources)
    chosen = api.resolve_provider(provider, client)
    ws = open_workspace(workspace)
    if chosen == "claude" and client is None:  # one client, one connection pool, shared by the threads
        from foa.extract.claude import make_client

        client = make_client(max_retries=options.pop("max_retries", None), timeout=options.pop("timeout", None))

    # 1. read every document (in threads: PDFs take a moment); a failure stays with its item
    with ThreadPoolExecutor(max_workers=max_workers) as pool, _progress(len(items), "reading", progress) as bar:
        futures = {pool.submit(api.load_source, src): i for i, src in enumerate(sources)}
        for fut in as_completed(futures):
            item = items[futures[fut]]
            try:
                item.document = fut.result()
            except Exception as err:  # noqa: BLE001 - collected per document, never lost
                item.error = err
            bar.update(1)

    # 2. answers already in the workspace (Claude only; offline answers follow the code)
    todo: list[int] = []
    for idx, item in enumerate(items):
        if item.document is None:
            continue
        if ws is not None and cache and chosen == "claude":
            try:
                hit = cached_hit(ws, item.document, model=model, version=cache_key("claude", model)[1])
            except NoStrategyFound as err:
                item.error, item.cached = err, True
                continue
            if hit is not None:
                item.spec, item.cached = hit, True
                continue
        todo.append(idx)

    # 3. extract what is left
    if cluster is not None and todo:
        from foa.extract.cluster import extract_on_cluster

        with _progress(len(todo), "extracting", progress) as bar:
            docs = [items[idx].document for idx in todo]
            for idx, (spec, err) in zip(todo, extract_on_cluster(cluster, docs, provider=chosen, model=model,
                                                                 max_concurrent=max_workers, options=options,
                                                                 progress=bar)):
                items[idx].spec, items[idx].error = spec, err
    elif use_batch_api and chosen == "claude" and todo:
        _run_message_batch(items, todo, client=client, model=model, poll_interval=poll_interval,
                           progress=progress, options=options)
    else:
        with ThreadPoolExecutor(max_workers=max_workers) as pool, _progress(len(todo), "extracting", progress) as bar:
            futures = {
                pool.submit(api.extract_strategy, items[idx].document, provider=chosen, model=model,
                            client=client, cache=False, **options): idx
                for idx in todo
            }
            for fut in as_completed(futures):
                item = items[futures[fut]]
                try:
                    item.spec = fut.result()
                except Exception as err:  # noqa: BLE001 - collected per document, never lost
                    item.error = err
                bar.update(1)

    # 4. record (from this thread only: one writer at a time)
    if ws is not None:
        key_model, version = cache_key(chosen, model)
        for idx in todo:
            item = items[idx]
            if item.document is None:
                continue
            if item.spec is not None:
                record(ws, item.document, item.spec, chosen, key_model, version)
            elif isinstance(item.error, NoStrategyFound):
                record(ws, item.document, None, chosen, key_model, version, reason=str(item.error),
                            provenance=getattr(item.error, "provenance", None))
    failed = [i for i in items if i.status == "error"]
    if failed:
        log.warning("%d of %d documents failed; see result.errors", len(failed), len(items))
    return items


def _run_message_batch(items: BatchResult, todo: list[int], *, client: Any, model: str, poll_interval: float,
                       progress: bool, options: dict[str, Any]) -> None:
    """Send ``todo`` through the Message Batches API (half price) and fill in each item."""
    from foa.extract.claude import Usage, api_errors, build_request, conclude

    batches = getattr(getattr(client, "messages", None), "batches", None)
    if batches is None:
        raise ExtractionError(
            "this client has no Message Batches API (Bedrock and Vertex have their own batch services): "
            "use use_batch_api=False."
        )
    build_opts = {k: options[k] for k in ("max_tokens", "max_input_tokens", "pdf") if k in options}
    requests, sent = [], {}
    for idx in todo:
        try:
            params, pages = build_request(items[idx].document, model=model, **build_opts)
        except FoaError as err:
            items[idx].error = err
            continue
        sent[f"doc-{idx}"] = (idx, params, pages)
        requests.append({"custom_id": f"doc-{idx}", "params": params})
    if not requests:
        return
    with api_errors(client, model):
        batch = batches.create(requests=requests)
    with _progress(len(requests), "batch", progress) as bar:
        while batch.processing_status != "ended":
            time.sleep(poll_interval)
            with api_errors(client, model):
                batch = batches.retrieve(batch.id)
            counts = batch.request_counts
            done = counts.succeeded + counts.errored + counts.canceled + counts.expired
            bar.update(done - bar.n)
        bar.update(len(requests) - bar.n)
        with api_errors(client, model):
            results = list(batches.results(batch.id))
    seen = set()
    for r in results:
        if r.custom_id not in sent:
            continue
        idx, params, pages = sent[r.custom_id]
        seen.add(r.custom_id)
        item = items[idx]
        outcome = r.result
        if outcome.type != "succeeded":
            detail = getattr(getattr(getattr(outcome, "error", None), "error", None), "message", None)
            item.error = ExtractionError(
                f"{item.source}: the batch request {outcome.type}{f' ({detail})' if detail else ''}: run it "
                "again (without use_batch_api for a quick answer)."
            )
            continue
        try:
            item.spec = conclude(client, item.document, params, outcome.message, pages_sent=pages,
                                 usage=Usage(model=model), batch=True)
        except Exception as err:  # noqa: BLE001 - collected per document, never lost
            item.error = err
    for cid, (idx, _, _) in sent.items():
        if cid not in seen:
            items[idx].error = ExtractionError(f"{items[idx].source}: the batch returned no result for it; run it again.")
