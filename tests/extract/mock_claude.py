"""A real ``anthropic.Anthropic`` client whose HTTP goes to a scripted handler (httpx2.MockTransport).

Each scripted step is a reply dict (a Message), an ``httpx2.Response``, or an exception to raise;
every request the SDK sends is recorded (method, path, headers, JSON body) for assertions.
"""

from __future__ import annotations

import json
from typing import Any

FAKE_KEY = "sk-ant-test-00000000-fake-key-never-real-0000"


def message(text: str, *, stop_reason: str = "end_turn", input_tokens: int = 120, output_tokens: int = 400,
            cache_write: int = 3000, cache_read: int = 0, model: str = "claude-sonnet-5-5") -> dict[str, Any]:
    return {
        "id": "msg_test",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": [{"type": "text", "text": text}] if text is not None else [],
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": {
            "input_tokens": input_tokens,
            "output_tokens": output_tokens,
            "cache_creation_input_tokens": cache_write,
            "cache_read_input_tokens": cache_read,
        },
    }


def reply(strategy: dict[str, Any] | None, *, status: str = "strategy", reason: str = "states rules") -> str:
    return json.dumps({"status": status, "reason": reason, "strategy": strategy})


def error_response(status: int, kind: str, msg: str = "try later") -> Any:
    import httpx2

    return httpx2.Response(
        status,
        json={"type": "error", "error": {"type": kind, "message": msg}},
        headers={"retry-after-ms": "1"},  # the SDK waits this long (0 would fall back to 0.5 s backoff)
    )


class Script:
    """Serves scripted responses in order and records each request."""

    def __init__(self, *steps: Any):
        self.steps = list(steps)
        self.requests: list[dict[str, Any]] = []

    def __call__(self, request: Any) -> Any:
        import httpx2

        body = json.loads(request.content) if request.content else None
        self.requests.append({"method": request.method, "path": request.url.path, "url": str(request.url),
                              "headers": dict(request.headers), "json": body})
        if not self.steps:
            raise AssertionError(f"unexpected extra request to {request.url.path}")
        step = self.steps.pop(0)
        if callable(step) and not isinstance(step, (dict, httpx2.Response)):
            step = step(request)
        if isinstance(step, BaseException):
            raise step
        if isinstance(step, httpx2.Response):
            return step
        return httpx2.Response(200, json=step)

    @property
    def bodies(self) -> list[dict[str, Any]]:
        return [r["json"] for r in self.requests if r["json"] is not None]


def client(script: Script, *, max_retries: int = 0, api_key: str | None = FAKE_KEY) -> Any:
    import anthropic
    import httpx2

    kwargs: dict[str, Any] = {} if api_key is None else {"api_key": api_key}
    return anthropic.Anthropic(
        http_client=httpx2.Client(transport=httpx2.MockTransport(script)),
        max_retries=max_retries,
        **kwargs,
    )
