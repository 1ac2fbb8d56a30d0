"""A stand-in for the Anthropic Messages API on 127.0.0.1, for running documentation examples that talk to
Claude exactly as a reader would (``ANTHROPIC_API_KEY`` + ``ANTHROPIC_BASE_URL``), with no network.

It answers ``POST /v1/messages`` with the strategy foa's offline extractor reads from the document text in
the request (so replies are real, validated specs of that document), and ``/v1/messages/count_tokens``
with a word-count estimate. Unit tests of the Claude path use ``httpx2.MockTransport`` instead
(tests/extract/mock_claude.py); this server is for code that builds its own client from the environment.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

FAKE_KEY = "sk-ant-docs-0000-fake-key-never-real-0000"


def _request_text(body: dict[str, Any]) -> str:
    parts: list[str] = []
    for msg in body.get("messages", []):
        content = msg.get("content")
        if isinstance(content, str):
            parts.append(content)
            continue
        for block in content or []:
            if block.get("type") == "text":
                parts.append(block.get("text", ""))
            elif block.get("type") == "document":
                source = block.get("source", {})
                if source.get("type") == "text":
                    parts.append(source.get("data", ""))
                elif source.get("type") == "base64" and source.get("media_type") == "application/pdf":
                    import base64

                    from foa.documents.load import load_document

                    parts.append(load_document(base64.b64decode(source["data"]), name="request.pdf").text)
    return "\n".join(parts)


def _reply_text(text: str) -> str:
    from foa.documents.model import Document
    from foa.errors import NoStrategyFound
    from foa.extract.offline import extract_offline
    from foa.extract.schema import no_strategy_wire, spec_to_wire

    try:
        spec = extract_offline(Document.from_text(text, name="request"))
    except NoStrategyFound as err:
        return json.dumps(no_strategy_wire(str(err)))
    return json.dumps(spec_to_wire(spec, reason="the document states rules"))


class _Handler(BaseHTTPRequestHandler):
    requests: list[dict[str, Any]]

    def log_message(self, *args: Any) -> None:  # keep pytest output clean
        pass

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("content-length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        self.server.requests.append({"path": self.path, "headers": dict(self.headers), "json": body})  # type: ignore[attr-defined]
        text = _request_text(body)
        tokens = max(1, int(len(text.split()) * 1.3))
        if self.path.startswith("/v1/messages/count_tokens"):
            payload: dict[str, Any] = {"input_tokens": tokens}
        elif self.path.startswith("/v1/messages"):
            payload = {
                "id": "msg_docs", "type": "message", "role": "assistant", "model": body.get("model", "claude"),
                "content": [{"type": "text", "text": _reply_text(text)}],
                "stop_reason": "end_turn", "stop_sequence": None,
                "usage": {"input_tokens": tokens, "output_tokens": 600,
                          "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0},
            }
        else:
            self.send_error(404)
            return
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@contextmanager
def fake_anthropic() -> Iterator[ThreadingHTTPServer]:
    """Serve on a free loopback port; ``server.url`` is the base URL, ``server.requests`` what was asked."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.requests = []  # type: ignore[attr-defined]
    server.url = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
