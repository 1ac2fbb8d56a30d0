"""One place that blanks API keys and other secrets out of text foa shows, logs, stores or writes.

    scrub("Error code: 400 - {'authorization': 'Bearer sk-ant-api03-...'}")   # '... Bearer [redacted]'

What is blanked: the values of secret-looking environment variables (``ANTHROPIC_API_KEY``,
``ANTHROPIC_AUTH_TOKEN``, ``*_API_KEY``, ``*_TOKEN``, ``*_SECRET``, ...; read at call time, never kept),
well-known key formats (``sk-ant-...``, ``sk-...``, AWS key ids), ``Bearer`` and ``Basic`` credentials,
``x-api-key`` / ``Authorization`` header values, and ``NAME_API_KEY=value`` assignments.

Where it is applied: every FoaError's message (and an ExtractionError's stored replies), the text of the
Anthropic SDK's errors before foa reports them, foa's own log records, every stored extraction
(``strategies`` rows) and every HTML report.
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any

__all__ = ["REDACTED", "scrub", "scrub_exception"]

REDACTED = "[redacted]"

_SECRET_NAME = r"[A-Z][A-Z0-9_]*(?:API_KEY|APIKEY|_KEY|_SECRET|_TOKEN|PASSWORD|_PASSWD|ACCESS_KEY_ID)"
_SECRET_PATTERNS = [
    re.compile(r"sk-ant-[A-Za-z0-9_\-]{8,}"),  # Anthropic keys and tokens
    re.compile(r"\bsk-[A-Za-z0-9]{20,}"),  # OpenAI-style keys
    re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),  # AWS access key ids
    re.compile(r"(?<=\bBearer )[A-Za-z0-9._~+/=\-]{8,}", re.IGNORECASE),
    re.compile(r"(?<=\bBasic )[A-Za-z0-9+/=]{8,}", re.IGNORECASE),
]
# header: value, in JSON ("x-api-key": "v"), Python reprs ('x-api-key': 'v') and raw HTTP (x-api-key: v)
_HEADER = re.compile(
    r"""((?:x-api-key|api[-_]key|authorization|proxy-authorization)['"]?\s*[:=]\s*['"]?\s*"""
    r"""(?:(?:Bearer|Basic)\s+)?)((?!\[redacted\]|(?:Bearer|Basic)\s)[^\s'"<>,;}\]]{4,})""",
    re.IGNORECASE,
)
# FOO_API_KEY=value / "FOO_TOKEN": "value": keep the name so the reader sees what was there.
_ASSIGNMENT = re.compile(rf"(\b{_SECRET_NAME}\b['\"]?\s*[=:]\s*['\"]?)([^\s'\"<>,;]{{4,}})")
_ENV_NAME = re.compile(rf"^{_SECRET_NAME}[A-Z0-9_]*$|^(?:[A-Z0-9_]*_)?(?:TOKEN|SECRET|PASSWORD)$")


def _secret_env_values() -> list[str]:
    """Values of environment variables whose names look secret (longest first, so overlaps go whole)."""
    vals = {v for k, v in os.environ.items() if _ENV_NAME.match(k.upper()) and len(v) >= 8}
    return sorted(vals, key=len, reverse=True)


def scrub(text: str, *, extra: list[str] | tuple[str, ...] | None = None) -> str:
    """``text`` with API keys and other secrets replaced by ``[redacted]``; ``extra``: more exact values.

    Example::

        scrub("x-api-key: sk-ant-api03-abcdefghijkl")   # 'x-api-key: [redacted]'
    """
    if not isinstance(text, str) or not text:
        return text
    for value in [*(v for v in (extra or ()) if isinstance(v, str) and len(v) >= 8), *_secret_env_values()]:
        text = text.replace(value, REDACTED)
    for pat in _SECRET_PATTERNS:
        text = pat.sub(REDACTED, text)
    text = _HEADER.sub(lambda m: m.group(1) + REDACTED, text)
    return _ASSIGNMENT.sub(lambda m: m.group(1) + REDACTED, text)


def _scrub_value(value: Any, extra: list[str]) -> Any:
    if isinstance(value, str):
        return scrub(value, extra=extra)
    if isinstance(value, dict):
        return {k: _scrub_value(v, extra) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_value(v, extra) for v in value]
    return value


def _request_credentials(err: BaseException) -> list[str]:
    """The credentials the failed request carried (a key passed to the client, not only the environment's)."""
    headers = getattr(getattr(err, "request", None), "headers", None)
    if headers is None:
        return []
    out = []
    for name in ("x-api-key", "authorization", "proxy-authorization"):
        value = headers.get(name)
        if value:
            out.append(value)
            out.append(value.split(" ", 1)[-1])  # the token without its 'Bearer ' scheme
    return out


def scrub_exception(err: BaseException) -> BaseException:
    """Scrub a dependency's exception in place (``args``, ``message``, ``body``) and return it, so a
    chained traceback (``raise FoaError(...) from err``) does not print what an API echoed back.

    Example::

        raise ExtractionError("the API failed") from scrub_exception(err)
    """
    extra = _request_credentials(err)
    try:
        err.args = tuple(_scrub_value(a, extra) for a in err.args)
        for attr in ("message", "body", "api_message"):
            if isinstance(getattr(err, attr, None), (str, dict, list)):
                setattr(err, attr, _scrub_value(getattr(err, attr), extra))
    except (AttributeError, TypeError):  # a read-only attribute: the message is still scrubbed where foa shows it
        pass
    return err


class _ScrubFilter(logging.Filter):
    """Formats the record and scrubs the result, so neither the message nor its arguments carry a key."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to logging's own error report
            return True
        record.msg, record.args = scrub(message), None
        return True


# Filters on a logger see only the records it creates (not its children's), so each foa logger gets one.
_FILTER = _ScrubFilter()
_LOGGERS = ("foa", "foa.extract", "foa.data.sources", "foa.documents", "foa.engine", "foa.report")
for _name in _LOGGERS:
    if _FILTER not in logging.getLogger(_name).filters:
        logging.getLogger(_name).addFilter(_FILTER)
