"""The API key never shows: not in an error an API echoes it into, not in a stored model reply, not in a
log line, not on the command line's output. The real anthropic SDK, its HTTP served by httpx2.MockTransport;
the keys here deliberately do not look like Anthropic keys, so only the configured value can find them."""

from __future__ import annotations

import json
import logging

import pytest

import foa
from foa.cli import main
from foa.errors import ExtractionError
from foa.secrets import REDACTED, scrub, scrub_exception
from tests.extract import mock_claude as mc
from tests.extract.test_claude import TEXT, good_strategy

ENV_KEY = "plain-env-key-7Hq2ZxW9pL4mN8vR"  # configured in the environment
CLIENT_KEY = "client-only-key-3Jd8Kq1Wz5Yx0Tb"  # passed to the client, in no environment variable


@pytest.fixture(autouse=True)
def fresh_fallback_memory(monkeypatch):
    """A 500 makes foa remember, for the process, that the model refuses the output schema: not past this file."""
    from foa.extract import claude

    monkeypatch.setattr(claude, "_SCHEMA_REJECTED", set())


def echo(status: int):
    """A gateway that answers ``status`` with a JSON body echoing the request's credential headers."""
    import httpx2

    def handler(request):
        seen = {k: v for k, v in request.headers.items() if k in ("authorization", "x-api-key")}
        return httpx2.Response(status, json={"type": "error", "error": {
            "type": "invalid_request_error", "message": f"rejected request with headers {seen}"}})
    return handler


def raw_echo(request):
    import httpx2

    return httpx2.Response(502, text=f"<html>bad gateway; Authorization: {request.headers.get('authorization')}</html>")


def extract(steps, *, api_key=CLIENT_KEY, **kw):
    doc = foa.Document.from_text(TEXT, name="trend.txt")
    return foa.extract_strategy(doc, provider="claude", client=mc.client(mc.Script(*steps), api_key=api_key), **kw)


def chain_text(err: BaseException) -> str:
    out = []
    while err is not None:
        out += [str(err), repr(err), repr(getattr(err, "body", None))]
        err = err.__cause__ or err.__context__
    return "\n".join(out)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422, 500])
def test_key_echoed_in_an_error_body_never_reaches_the_message_or_its_cause(status, caplog):
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ExtractionError) as info:
        extract([echo(status)] * 3)
    text = chain_text(info.value) + caplog.text
    assert CLIENT_KEY not in text
    if status in (400, 422, 500):  # these messages quote the API's message
        assert "rejected request with headers" in str(info.value) or status == 500


def test_key_in_a_non_json_error_body_is_scrubbed():
    with pytest.raises(ExtractionError) as info:
        extract([raw_echo] * 3)
    assert CLIENT_KEY not in chain_text(info.value)


def test_environment_key_echoed_on_the_cli_is_scrubbed(monkeypatch, tmp_path, capsys, caplog):
    from foa.extract import claude as claude_mod

    monkeypatch.setenv("ANTHROPIC_API_KEY", ENV_KEY)

    def make_client(*, max_retries=None, timeout=None):
        import anthropic
        import httpx2

        # the SDK reads ANTHROPIC_API_KEY itself, as in real use
        return anthropic.Anthropic(http_client=httpx2.Client(transport=httpx2.MockTransport(echo(400))), max_retries=0)

    monkeypatch.setattr(claude_mod, "make_client", make_client)
    note = tmp_path / "trend.txt"
    note.write_text(TEXT, encoding="utf-8")
    caplog.set_level(logging.DEBUG)
    code = main(["extract", str(note), "--workspace", str(tmp_path / "ws.duckdb")])
    out, err = capsys.readouterr()
    assert code == 1 and "400" in err and "rejected request" in err
    assert ENV_KEY not in out + err + caplog.text
    assert REDACTED in err


def test_key_in_a_model_reply_is_not_stored(ws, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", ENV_KEY)
    strategy = good_strategy(name=f"SMA cross {ENV_KEY}", summary=f"Authorization: Bearer {CLIENT_KEY}",
                             assumptions=[f"the key is {ENV_KEY}"])
    spec = extract([mc.message(mc.reply(strategy))], workspace=ws)
    assert spec.name  # the extraction itself succeeds
    with ws.read() as con:
        stored = con.execute("SELECT name, spec, reason FROM strategies").fetchall()
        audit = con.execute("SELECT detail FROM audit").fetchall()
    blob = json.dumps([stored, audit], default=str)
    assert ENV_KEY not in blob and CLIENT_KEY not in blob and REDACTED in blob
    assert ENV_KEY not in ws.strategies().to_string()
    from foa.extract.store import get_strategy

    assert get_strategy(ws, 1).name == f"SMA cross {REDACTED}"  # the stored JSON still reads as a spec


def test_key_in_an_invalid_reply_is_scrubbed_from_the_error(monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", ENV_KEY)
    bad = f"not json at all, but here is {ENV_KEY}"
    with pytest.raises(ExtractionError) as info:
        extract([mc.message(bad)] * 3)
    err = info.value
    assert ENV_KEY not in str(err) + repr(err.attempts) + str(err.last_reply)


def test_foa_log_records_are_scrubbed(monkeypatch, caplog):
    monkeypatch.setenv("ANTHROPIC_API_KEY", ENV_KEY)
    caplog.set_level(logging.INFO)
    logging.getLogger("foa.extract").warning("reply was %s", f"x-api-key: {CLIENT_KEY} and {ENV_KEY}")
    assert CLIENT_KEY not in caplog.text and ENV_KEY not in caplog.text and REDACTED in caplog.text


@pytest.mark.parametrize("text", [
    "Authorization: Bearer abcdefgh12345678",
    "{'x-api-key': 'abcdefgh12345678'}",
    '{"authorization": "Basic dXNlcjpwYXNzd29yZA=="}',
    "key sk-ant-api03-abcdefghijkl in the body",
    "MY_SERVICE_TOKEN=abcdefgh12345678",
])
def test_scrub_blanks_credential_shaped_values(text):
    out = scrub(text)
    assert REDACTED in out
    assert "abcdefgh12345678" not in out and "dXNlcjpwYXNzd29yZA" not in out and "api03" not in out


def test_scrub_leaves_ordinary_text_alone():
    text = "Buy SPY when the 50-day SMA crosses above the 200-day SMA; the authorization step failed."
    assert scrub(text) == text


def test_scrub_exception_uses_the_credentials_the_request_carried():
    import httpx2

    request = httpx2.Request("POST", "https://api.example/v1", headers={"x-api-key": CLIENT_KEY})
    err = RuntimeError(f"echo {CLIENT_KEY}")
    err.request = request
    err.body = {"error": {"message": f"you sent {CLIENT_KEY}"}}
    scrub_exception(err)
    assert CLIENT_KEY not in str(err) + repr(err.body)
