"""The Anthropic client foa uses and the translation of the SDK's errors into ExtractionErrors.

    with api_errors(client, model):
        message = client.messages.create(**params)   # a 429 becomes "rate limited ... wait a minute, ..."

Split from ``foa.extract.claude`` (which re-exports these names) so each reads in one sitting. The API key
is read by the SDK from the environment or lives in the client the caller passes: foa only checks that
one of the variables is set (``claude_available``), never reads, stores or logs its value.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

from foa.errors import ExtractionError
from foa.extract.pricing import DEFAULT_MODEL
from foa.secrets import scrub, scrub_exception

__all__ = ["DEFAULT_MAX_RETRIES", "DEFAULT_TIMEOUT", "api_errors", "api_message", "claude_available", "make_client", "with_options"]

DEFAULT_MAX_RETRIES = 2  # the SDK retries 408/409/429/5xx/529 and connection errors this many times
DEFAULT_TIMEOUT = 300.0  # seconds per request
_CREDENTIAL_VARS = ("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_PROFILE")
_NO_KEY = (
    "no Anthropic credentials: set ANTHROPIC_API_KEY in the environment (or pass "
    "client=anthropic.Anthropic(...), AnthropicBedrock(...) or AnthropicVertex(...)), "
    "or extract without a model with provider='offline'"
)


def claude_available(client: Any = None) -> bool:
    """True when a client is given or the environment names credentials the SDK will use."""
    return client is not None or any(os.environ.get(v) for v in _CREDENTIAL_VARS)


def make_client(*, max_retries: int | None = None, timeout: float | None = None) -> Any:
    """An ``anthropic.Anthropic`` client from the environment (the SDK reads the key, foa never does)."""
    import anthropic

    try:
        return anthropic.Anthropic(
            max_retries=DEFAULT_MAX_RETRIES if max_retries is None else max_retries,
            timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
        )
    except anthropic.AnthropicError as err:  # e.g. an unreadable credentials profile
        raise ExtractionError(f"could not set up the Anthropic client: {err}. {_NO_KEY}.") from err


def with_options(client: Any, max_retries: int | None, timeout: float | None) -> Any:
    opts: dict[str, Any] = {}
    if max_retries is not None:
        opts["max_retries"] = max_retries
    if timeout is not None:
        opts["timeout"] = timeout
    if opts and hasattr(client, "with_options"):
        return client.with_options(**opts)
    return client


@contextlib.contextmanager
def api_errors(client: Any, model: str) -> Iterator[None]:
    """Translate the SDK's errors (and its bare missing-key TypeError) into ExtractionErrors."""
    import anthropic

    retries = getattr(client, "max_retries", DEFAULT_MAX_RETRIES)
    try:
        try:
            yield
        except anthropic.AnthropicError as err:
            scrub_exception(err)  # the SDK's message quotes the response body, which may echo the key
            raise
    except TypeError as err:
        if "Could not resolve authentication method" in str(err):
            raise ExtractionError(f"{_NO_KEY}.") from err
        raise
    except anthropic.AuthenticationError as err:
        raise ExtractionError(
            "the Anthropic API rejected the credentials (401): check ANTHROPIC_API_KEY (a current key from "
            "console.anthropic.com) or the client you passed, or use provider='offline'."
        ) from err
    except anthropic.PermissionDeniedError as err:
        raise ExtractionError(
            f"the API key has no access to {model!r} (403): use a model your organisation may call (model=...)."
        ) from err
    except anthropic.NotFoundError as err:
        raise ExtractionError(
            f"model {model!r} was not found (404): check the model name (default {DEFAULT_MODEL!r}; Bedrock and "
            "Vertex spell model ids their own way)."
        ) from err
    except anthropic.RateLimitError as err:
        raise ExtractionError(
            f"rate limited by the Anthropic API (429) after {retries} retries: wait a minute, lower the "
            "concurrency (extract_strategies(..., max_workers=...)) or raise max_retries."
        ) from err
    except anthropic.InternalServerError as err:  # 500, 503, 529 overloaded
        raise ExtractionError(
            f"the Anthropic API is overloaded or failing ({err.status_code}) after {retries} retries: try again "
            "in a few minutes, raise max_retries, or use provider='offline'."
        ) from err
    except anthropic.APITimeoutError as err:
        raise ExtractionError(
            "the request to the Anthropic API timed out: raise timeout= (seconds), or lower max_input_tokens "
            "so less of the document is sent."
        ) from err
    except anthropic.APIConnectionError as err:
        raise ExtractionError(
            "could not reach the Anthropic API (network, proxy or ANTHROPIC_BASE_URL): check the connection, "
            "or use provider='offline'."
        ) from err
    except anthropic.BadRequestError as err:
        raise ExtractionError(
            f"the Anthropic API rejected the request (400): {api_message(err)}. If the document is too long, "
            "lower max_input_tokens; if the model does not support structured outputs, choose another model."
        ) from err
    except anthropic.APIStatusError as err:
        raise ExtractionError(
            f"the Anthropic API returned {err.status_code}: {api_message(err)}. Try again later, check the "
            "model= and client options, or use provider='offline'."
        ) from err
    except anthropic.AnthropicError as err:
        raise ExtractionError(f"the Anthropic SDK failed: {err}. {_NO_KEY}.") from err


def api_message(err: Any) -> str:
    body = getattr(err, "body", None)
    if isinstance(body, dict):
        inner = body.get("error")
        if isinstance(inner, dict) and inner.get("message"):
            return scrub(str(inner["message"]))[:300]
    return scrub(str(getattr(err, "message", err)).splitlines()[0])[:300]
