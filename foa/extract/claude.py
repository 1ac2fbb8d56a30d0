"""The Claude provider: one document in, one validated StrategySpec out.

    spec = extract_claude(doc)                                   # ANTHROPIC_API_KEY from the environment
    spec = extract_claude(doc, client=anthropic.AnthropicBedrock(aws_region="eu-west-1"),
                          model="anthropic.claude-sonnet-5-5-v1:0")

What happens, in order:

1. the document is narrowed to its rule-like pages when long (``foa.extract.narrow``) and sent once:
   as a PDF ``document`` block when it is a PDF file that fits, else as a text ``document`` block with
   ``[page N]`` markers. ``cache_control`` on that block caches the stable prefix (system prompt +
   document), so a re-ask reads it from the cache at a tenth of the price;
2. the reply is constrained with structured outputs (``output_config.format``, the flat wire schema
   from ``foa.extract.schema``, rules as text in the rule grammar; Sonnet 5.5 rejects forced tool use)
   and validated by StrategySpec itself. Should the endpoint reject the schema (a 400 naming it) or fail
   on it (a 500, which is not retried with the same schema), the request is repeated once without it,
   asking for bare JSON, and that model is remembered for the rest of the process (logged once); 429 and
   529 are still retried by the SDK with the schema. Validation and the re-ask below keep the reply just
   as strict;
3. a reply that fails validation (a rule's parse error with its position, a field StrategySpec
   refuses), or whose spec has error findings from ``foa.spec.check``, gets one re-ask that shows the
   model the problems; a second invalid reply raises ExtractionError carrying both raw replies (a second
   reply with findings only is returned, the findings logged);
4. refusals, truncation, rate limits, overload, time-outs, bad or missing keys each raise an
   ExtractionError that says what to do, the SDK's error attached as ``__cause__``;
5. usage (input, output, cache tokens) and an estimated cost go into ``spec.provenance`` and every
   evidence quote is checked against the document (``foa.extract.evidence``).

Nothing in a reply is executed: it is JSON validated into pydantic models. The API key is read by the
SDK from the environment (or lives in the client the caller passes); foa never reads, stores or logs it.
"""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from foa.errors import ExtractionError, NoStrategyFound
from foa.extract.claude_client import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    api_message,
    with_options,
    api_errors,
    claude_available,
    make_client,
)
from foa.extract.narrow import NARROW_MAX_TOKENS, narrow
from foa.extract.pricing import DEFAULT_MODEL, estimate_cost
from foa.extract.prompts import INSTRUCTION, PROMPT_VERSION, reask_message, system_prompt

if TYPE_CHECKING:
    from foa.documents.model import Document
    from foa.spec.model import StrategySpec

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_MAX_TOKENS",
    "DEFAULT_TIMEOUT",
    "Usage",
    "api_errors",
    "build_request",
    "claude_available",
    "conclude",
    "estimate_request",
    "extract_claude",
    "make_client",
]

log = logging.getLogger("foa.extract")

DEFAULT_MAX_TOKENS = 8_192  # reply budget: a spec with evidence is 1-3k tokens
PDF_MAX_BYTES = 30_000_000  # the API's PDF limit is 32 MB per request
PDF_MAX_PAGES = 100
@dataclass
class Usage:
    """Tokens and estimated cost over every request of one extraction (first ask and re-ask)."""

    model: str
    input_tokens: int = 0  # uncached input, as the API reports it
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0
    cost_usd: float | None = 0.0
    requests: int = 0

    def add(self, usage: Any, *, batch: bool = False) -> None:
        fields = {
            "input_tokens": getattr(usage, "input_tokens", 0) or 0,
            "output_tokens": getattr(usage, "output_tokens", 0) or 0,
            "cache_read_tokens": getattr(usage, "cache_read_input_tokens", 0) or 0,
            "cache_write_tokens": getattr(usage, "cache_creation_input_tokens", 0) or 0,
        }
        for k, v in fields.items():
            setattr(self, k, getattr(self, k) + int(v))
        cost = estimate_cost(self.model, **fields, batch=batch)
        self.cost_usd = None if cost is None or self.cost_usd is None else round(self.cost_usd + cost, 6)
        self.requests += 1

    @property
    def total_input_tokens(self) -> int:
        """Every input token processed: uncached + cache writes + cache reads."""
        return self.input_tokens + self.cache_write_tokens + self.cache_read_tokens


# ------------------------------------------------------------------------------------ requests


def _pdf_bytes(doc: "Document") -> bytes | None:
    """The PDF file behind ``doc`` when it is still the same file, unencrypted and within limits."""
    from foa.documents.model import content_id

    source = doc.metadata.get("source")
    if doc.mime != "application/pdf" or not source or len(doc.pages) > PDF_MAX_PAGES:
        return None
    path = Path(source)
    try:
        if not path.is_file() or path.stat().st_size > PDF_MAX_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    # changed since it was loaded (the id is its hash), or encrypted (the API cannot open it): use text
    if content_id(data) != doc.id or b"/Encrypt" in data:
        return None
    return data


def build_request(
    doc: "Document",
    *,
    model: str = DEFAULT_MODEL,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    max_input_tokens: int = NARROW_MAX_TOKENS,
    pdf: bool | None = None,
    structured: bool = True,
) -> tuple[dict[str, Any], list[int]]:
    """The ``messages.create`` keyword arguments for ``doc`` and the pages they send.

    ``pdf``: None sends a PDF file as a PDF block when it needs no narrowing; True insists; False
    always sends the extracted text. ``structured=False`` leaves out the output schema and asks for
    bare JSON instead (for a model or platform that rejects the schema).

    >>> params, pages = build_request(Document.from_text("Buy SPY on a golden cross."))
    >>> params["output_config"]["format"]["type"], pages
    ('json_schema', [1])
    """
    from foa.extract.schema import wire_schema

    narrowed = narrow(doc, max_tokens=max_input_tokens)
    data = _pdf_bytes(doc) if pdf is not False and not narrowed.narrowed else None
    if pdf is True and data is None:
        raise ExtractionError(
            f"{doc.name}: cannot send it as a PDF (not a PDF file on disk, changed since loading, encrypted, "
            f"over {PDF_MAX_PAGES} pages or too long for one request). Use pdf=None to send its text."
        )
    cache = {"type": "ephemeral"}
    if data is not None:
        block: dict[str, Any] = {
            "type": "document",
            "source": {"type": "base64", "media_type": "application/pdf", "data": base64.b64encode(data).decode("ascii")},
            "title": doc.name,
            "cache_control": cache,
        }
        pages = [p.number for p in doc.pages]
    else:
        block = {
            "type": "document",
            "source": {"type": "text", "media_type": "text/plain", "data": narrowed.text},
            "title": doc.name,
            "context": (
                f"Pages {', '.join(map(str, narrowed.pages_sent))} of {len(doc.pages)}, chosen as the ones stating rules."
                if narrowed.narrowed
                else "The whole document; each page starts with a [page N] marker line."
            ),
            "cache_control": cache,
        }
        pages = narrowed.pages_sent
    params = {
        "model": model,
        "max_tokens": max_tokens,
        "system": [{"type": "text", "text": system_prompt()}],
        "messages": [{"role": "user", "content": [block, {"type": "text", "text": INSTRUCTION if structured else INSTRUCTION + JSON_ONLY}]}],
    }
    if structured:
        params["output_config"] = {"format": {"type": "json_schema", "schema": wire_schema()}}
    return params, pages


JSON_ONLY = " Reply with the JSON object only: no prose before or after it, no code fences."
# models whose endpoint rejected the output schema in this process: ask them for bare JSON straight away
_SCHEMA_REJECTED: set[str] = set()


def _schema_rejected(err: ExtractionError) -> bool:
    """A 400 naming the schema, or a 500 answering the constrained request: both mean "not with this schema"."""
    import anthropic

    cause = err.__cause__
    if isinstance(cause, anthropic.InternalServerError) and cause.status_code == 500:
        return True
    if not isinstance(cause, anthropic.BadRequestError):
        return False
    text = api_message(cause).lower()
    return any(w in text for w in ("schema", "output_config", "output_format", "json_schema", "grammar"))


def _no_retry_on_schema_500(request: Any, call_next: Any) -> Any:
    """SDK middleware: a 500 answering a request with an output schema is not retried with that schema.

    A grammar compilation that fails once fails again (minutes each); the caller falls back to bare JSON
    instead. 429 and 529 (rate limits, overload) keep the SDK's retries.
    """
    response = call_next(request)
    body = request.json
    if response.http_response.status_code == 500 and isinstance(body, dict) and "output_config" in body:
        response.http_response.headers["x-should-retry"] = "false"  # the SDK's own retry switch
    return response


def _constrained(client: Any) -> Any:
    """``client`` with ``_no_retry_on_schema_500`` (Anthropic, AnthropicBedrock and AnthropicVertex have
    ``with_middleware``; another object with ``.messages`` is used as it is)."""
    add = getattr(client, "with_middleware", None)
    return add(_no_retry_on_schema_500) if callable(add) else client


def _reask(params: dict[str, Any], raw: str, errors: list[str]) -> dict[str, Any]:
    """The same request plus the rejected reply and the validation errors (the cached prefix is unchanged)."""
    messages = [
        *params["messages"],
        {"role": "assistant", "content": raw.strip() or "{}"},
        {"role": "user", "content": reask_message(errors)},
    ]
    return {**params, "messages": messages}


# ------------------------------------------------------------------------------------ the call


def _call(client: Any, params: dict[str, Any], model: str) -> Any:
    """``client.messages.create(**params)``, every failure turned into an ExtractionError saying what to do."""
    with api_errors(client, model):
        message = client.messages.create(**params)
    # a proxy or a wrong ANTHROPIC_BASE_URL can answer 200 with HTML: the SDK then returns the bare text
    if not hasattr(message, "content") or not hasattr(message, "usage"):
        raise ExtractionError(
            f"the endpoint answered with something that is not a Messages API reply ({str(message)[:80]!r}): "
            "check ANTHROPIC_BASE_URL or the proxy in front of the API, or use provider='offline'."
        )
    return message


def _check_options(model: Any, client: Any, max_retries: Any, timeout: Any, max_tokens: Any,
                   max_input_tokens: Any) -> None:
    """Refuse bad arguments before any request (the SDK would fail with a bare TypeError/RuntimeError)."""
    def positive_int(v: Any) -> bool:
        return isinstance(v, int) and not isinstance(v, bool) and v > 0

    problems = []
    if not isinstance(model, str) or not model.strip():
        problems.append(f"model must be a model name such as {DEFAULT_MODEL!r}, got {model!r}")
    if client is not None and not hasattr(client, "messages"):
        problems.append(f"client must be an Anthropic SDK client (with .messages), got {type(client).__name__}")
    if max_retries is not None and not (isinstance(max_retries, int) and not isinstance(max_retries, bool)
                                        and max_retries >= 0):
        problems.append(f"max_retries must be a whole number >= 0, got {max_retries!r}")
    if timeout is not None and (isinstance(timeout, (str, bool)) or (isinstance(timeout, (int, float)) and not timeout > 0)):
        problems.append(f"timeout must be a number of seconds > 0, got {timeout!r}")
    if not positive_int(max_tokens):
        problems.append(f"max_tokens must be a whole number > 0, got {max_tokens!r}")
    if not positive_int(max_input_tokens):
        problems.append(f"max_input_tokens must be a whole number > 0, got {max_input_tokens!r}")
    if problems:
        raise ExtractionError("; ".join(problems) + ". Fix the argument (or leave it out for the default).")


def _reply_text(message: Any) -> str:
    return "".join(getattr(b, "text", "") for b in message.content if getattr(b, "type", None) == "text")


def _check_stop(message: Any, attempts: list[str], max_tokens: int) -> None:
    reason = getattr(message, "stop_reason", None)
    raw = _reply_text(message)
    if reason == "refusal":
        raise ExtractionError(
            "Claude declined to extract a strategy from this document (stop_reason 'refusal'). Check the "
            "document is the one you meant, or use provider='offline'.",
            attempts=[*attempts, raw],
            last_reply=raw or None,
        )
    if reason == "max_tokens":
        raise ExtractionError(
            f"the reply was cut off at max_tokens={max_tokens} before the spec was complete: raise max_tokens "
            f"(e.g. max_tokens={max_tokens * 2}).",
            attempts=[*attempts, raw],
            last_reply=raw or None,
        )
    if reason == "model_context_window_exceeded":
        raise ExtractionError(
            "the document does not fit the model's context window: lower max_input_tokens so fewer pages are sent.",
            attempts=[*attempts, raw],
            last_reply=raw or None,
        )


def conclude(
    client: Any,
    doc: "Document",
    params: dict[str, Any],
    message: Any,
    *,
    pages_sent: list[int],
    usage: Usage,
    batch: bool = False,
) -> "StrategySpec":
    """Validate ``message`` (re-asking once when invalid) and return the finished, verified spec.

    Shared by the one-at-a-time path and the Message Batches path (whose re-ask is a normal request).
    """
    from foa.extract.schema import parse_reply

    attempts: list[str] = []
    model = params["model"]
    for attempt in (1, 2):
        usage.add(message.usage, batch=batch and attempt == 1)
        _check_stop(message, attempts, params["max_tokens"])
        raw = _reply_text(message)
        attempts.append(raw)
        parsed = parse_reply(raw)
        if parsed.no_strategy is not None:
            err = NoStrategyFound(
                f"{doc.name}: Claude found no concrete, tradable rule ({parsed.no_strategy}). Nothing was invented.",
                attempts=attempts,
                last_reply=raw,
            )
            err.provenance = _provenance(doc, model, usage, pages_sent)  # type: ignore[attr-defined]
            raise err
        if parsed.spec is not None and (not parsed.findings or attempt == 2):
            if parsed.findings:
                log.warning("%s: the spec has check findings after the re-ask: %s", doc.name, "; ".join(parsed.findings[:3]))
            return _finish(parsed.spec, doc, model, usage, pages_sent)
        if parsed.spec is not None:  # valid, but the static checks found errors: worth the one re-ask
            parsed.errors = parsed.findings
        log.info("reply %d for %s failed validation: %s", attempt, doc.name, "; ".join(parsed.errors[:3]))
        if attempt == 2:
            raise ExtractionError(
                f"{doc.name}: Claude's reply failed validation twice ({'; '.join(parsed.errors[:3])}). The raw "
                "replies are in err.attempts; try again, another model (model=...), or provider='offline'.",
                attempts=attempts,
                last_reply=raw,
            )
        params = _reask(params, raw, parsed.errors)
        message = _call(client, params, model)
    raise AssertionError("unreachable")  # pragma: no cover


def _provenance(doc: "Document", model: str, usage: Usage, pages_sent: list[int]) -> Any:
    from foa.spec.model import Provenance

    return Provenance(
        document_id=doc.id,
        provider="claude",
        model=model,
        prompt_version=PROMPT_VERSION,
        input_tokens=usage.total_input_tokens,
        output_tokens=usage.output_tokens,
        cache_read_tokens=usage.cache_read_tokens,
        cost_usd=usage.cost_usd,
        pages_sent=list(pages_sent),
        created_at=datetime.now(timezone.utc),
    )


def _finish(spec: "StrategySpec", doc: "Document", model: str, usage: Usage, pages_sent: list[int]) -> "StrategySpec":
    from foa.extract.evidence import verify_evidence
    from foa.spec.ids import assign_ids

    spec = assign_ids(spec).model_copy(update={"provenance": _provenance(doc, model, usage, pages_sent)})
    return verify_evidence(spec, doc)


def extract_claude(
    doc: "Document",
    *,
    model: str = DEFAULT_MODEL,
    client: Any = None,
    max_retries: int | None = None,
    timeout: float | None = None,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    max_input_tokens: int = NARROW_MAX_TOKENS,
    pdf: bool | None = None,
    structured: bool | None = None,
) -> "StrategySpec":
    """Extract ``doc``'s strategy with Claude; raises NoStrategyFound or ExtractionError.

    ``client``: any Anthropic SDK client with ``.messages`` (``Anthropic``, ``AnthropicBedrock``,
    ``AnthropicVertex``); default ``anthropic.Anthropic()`` from the environment. ``max_retries`` and
    ``timeout`` apply to it (the SDK retries 429/5xx/529 with backoff). ``structured``: None uses
    structured outputs and falls back to bare JSON if the endpoint rejects the schema (400) or fails on
    it (500); True never falls back; False never sends the schema.

    >>> spec = extract_claude(foa.load_document("note.pdf")); spec.provenance.cost_usd
    0.0213
    """
    _check_options(model, client, max_retries, timeout, max_tokens, max_input_tokens)
    if client is None:
        client = make_client(max_retries=max_retries, timeout=timeout)
    else:
        client = with_options(client, max_retries, timeout)
    use_schema = structured if structured is not None else model not in _SCHEMA_REJECTED
    opts = {"model": model, "max_tokens": max_tokens, "max_input_tokens": max_input_tokens, "pdf": pdf}
    params, pages = build_request(doc, structured=use_schema, **opts)
    usage = Usage(model=model)
    try:
        message = _call(_constrained(client) if use_schema and structured is None else client, params, model)
    except ExtractionError as err:
        if structured is not None or not use_schema or not _schema_rejected(err):
            raise
        if model not in _SCHEMA_REJECTED:  # logged once per model and process
            log.warning("%s did not take the output schema (%s); asking for bare JSON for the rest of this process",
                        model, api_message(err.__cause__))
        _SCHEMA_REJECTED.add(model)
        params, pages = build_request(doc, structured=False, **opts)
        message = _call(client, params, model)
    return conclude(client, doc, params, message, pages_sent=pages, usage=usage)


def estimate_request(
    doc: "Document",
    *,
    model: str = DEFAULT_MODEL,
    client: Any = None,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    max_input_tokens: int = NARROW_MAX_TOKENS,
    pdf: bool | None = None,
) -> dict[str, Any]:
    """What extracting ``doc`` would send and cost, before paying: the API counts the input tokens
    (``messages.count_tokens``, free); the cost range runs from a typical reply to a full ``max_tokens``.

    >>> estimate_request(doc)["input_tokens"]
    4180
    """
    client = client if client is not None else make_client()
    params, pages = build_request(doc, model=model, max_tokens=max_tokens, max_input_tokens=max_input_tokens, pdf=pdf)
    counted = {k: v for k, v in params.items() if k != "max_tokens"}
    with api_errors(client, model):
        n = client.messages.count_tokens(**counted).input_tokens
    # the first request writes the cache: the document is billed at the cache-write price
    low = estimate_cost(model, cache_write_tokens=n, output_tokens=min(2_000, max_tokens))
    high = estimate_cost(model, cache_write_tokens=n, output_tokens=max_tokens)
    return {"model": model, "input_tokens": n, "pages_sent": pages, "cost_usd_low": low, "cost_usd_high": high}
