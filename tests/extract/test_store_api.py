"""extract_strategy's dispatch, the strategies table and its cache (real DuckDB workspaces)."""

from __future__ import annotations

import subprocess
import sys

import pytest

try:
    from . import mock_claude as mc
    from .test_claude import TEXT, good_strategy
except ImportError:  # tests/extract is not a package
    import mock_claude as mc
    from test_claude import TEXT, good_strategy

import foa
from foa.errors import DocumentError, ExtractionError, NoStrategyFound


def _offline_ready() -> bool:
    try:
        from foa.extract.offline import extract_offline  # noqa: F401
    except ImportError:
        return False
    return True


needs_offline = pytest.mark.skipif(not _offline_ready(), reason="the offline extractor has not landed yet")


# ------------------------------------------------------------------------------------ sources


def test_load_source_accepts_documents_paths_and_text(tmp_path):
    from foa.documents.model import Document
    from foa.extract.api import load_source

    d = Document.from_text(TEXT)
    assert load_source(d) is d
    assert load_source(TEXT).page(1).text == TEXT
    path = tmp_path / "note.md"
    path.write_text(TEXT, encoding="utf-8")
    assert load_source(str(path)).page(1).text.strip() == TEXT
    assert load_source(path).id == load_source(str(path)).id
    with pytest.raises(DocumentError, match="no such file"):
        load_source("missing_note.pdf")


def test_public_names_resolve_lazily_and_import_nothing_heavy():
    assert foa.extract_strategy.__module__ == "foa.extract.api"
    assert foa.extract_strategies.__module__ == "foa.extract.batch"
    code = (
        "import sys, foa.extract.api, foa.extract.batch, foa.cli.extract, foa.extract.store, foa.extract.evidence;"
        "heavy = [m for m in ('anthropic', 'llama_index', 'duckdb', 'pymupdf', 'vectorbt', 'httpx2') if m in sys.modules];"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ---------------------------------------------------------------------------------- providers


def test_auto_uses_claude_with_a_client_and_says_so_once(capsys):
    from foa.extract import api

    api._announced = None
    script = mc.Script(mc.message(mc.reply(good_strategy())), mc.message(mc.reply(good_strategy())))
    client = mc.client(script)
    foa.extract_strategy(TEXT, client=client)
    foa.extract_strategy(TEXT, client=client)
    err = capsys.readouterr().err
    assert err.count("extracting with Claude") == 1
    assert len(script.requests) == 2


def test_auto_without_key_or_client_is_offline(monkeypatch, capsys):
    from foa.extract import api

    api._announced = None
    assert api.resolve_provider("auto") == "offline"
    assert api.resolve_provider("auto") == "offline"
    assert capsys.readouterr().err.count("extracting offline") == 1
    monkeypatch.setenv("ANTHROPIC_API_KEY", mc.FAKE_KEY)
    assert api.resolve_provider("auto") == "claude"
    err = capsys.readouterr().err
    assert "extracting with Claude" in err and mc.FAKE_KEY not in err


def test_unknown_provider():
    with pytest.raises(ExtractionError, match="provider must be one of"):
        foa.extract_strategy(TEXT, provider="gpt")


@needs_offline
def test_offline_provider_fills_provenance_and_verifies_evidence():
    spec = foa.extract_strategy(TEXT, provider="offline")
    p = spec.provenance
    assert p.provider == "offline" and p.cost_usd == 0.0 and p.prompt_version.startswith("offline-")
    assert spec.evidence and all(e.verified is not None for e in spec.evidence)


# ------------------------------------------------------------------------------------- store


def test_result_recorded_with_tokens_cost_and_user(ws):
    from foa.extract.store import get_strategy

    script = mc.Script(mc.message(mc.reply(good_strategy())))
    spec = foa.extract_strategy(TEXT, provider="claude", client=mc.client(script), workspace=ws)
    table = ws.strategies()
    assert len(table) == 1
    row = table.iloc[0]
    assert row["name"] == spec.name and row["provider"] == "claude" and row["model"] == "claude-sonnet-5-5"
    assert row["status"] == "ok" and row["input_tokens"] == 3120 and row["output_tokens"] == 400
    assert row["cost_usd"] == pytest.approx(spec.provenance.cost_usd) and row["os_user"]
    assert row["evidence_verified"] == 3 and row["evidence_total"] == 3
    assert get_strategy(ws, int(row["id"])) == spec
    assert ws.audit_log()["action"].tolist()[0] == "extract_strategy"
    assert len(ws.documents()) == 1  # the document is stored beside its strategy


def test_rerun_is_answered_from_the_cache_without_paying(ws):
    script = mc.Script(mc.message(mc.reply(good_strategy())), mc.message(mc.reply(good_strategy())))
    client = mc.client(script)
    first = foa.extract_strategy(TEXT, client=client, workspace=ws)
    again = foa.extract_strategy(TEXT, client=client, workspace=ws)
    assert again == first and len(script.requests) == 1
    # another model, or cache=False, asks again
    foa.extract_strategy(TEXT, client=client, workspace=ws, cache=False)
    assert len(script.requests) == 2
    assert len(ws.strategies()) == 2


def test_cache_key_includes_model_and_prompt_version(ws, monkeypatch):
    from foa.extract import record
    from foa.extract.prompts import PROMPT_VERSION

    script = mc.Script(*[mc.message(mc.reply(good_strategy()))] * 3)
    client = mc.client(script)
    foa.extract_strategy(TEXT, client=client, workspace=ws)
    foa.extract_strategy(TEXT, client=client, workspace=ws, model="claude-opus-4-6")
    monkeypatch.setattr(record, "PROMPT_VERSION", "extract-next")
    foa.extract_strategy(TEXT, client=client, workspace=ws)
    assert len(script.requests) == 3
    assert set(ws.strategies()["prompt_version"]) == {PROMPT_VERSION, "extract-next"}
    assert set(ws.strategies()["model"]) == {"claude-sonnet-5-5", "claude-opus-4-6"}


def test_no_strategy_answer_is_cached_too(ws):
    script = mc.Script(mc.message(mc.reply(None, status="no_strategy", reason="commentary")))
    client = mc.client(script)
    with pytest.raises(NoStrategyFound):
        foa.extract_strategy("Stocks rose; we remain constructive.", client=client, workspace=ws)
    with pytest.raises(NoStrategyFound, match="earlier run"):
        foa.extract_strategy("Stocks rose; we remain constructive.", client=client, workspace=ws)
    assert len(script.requests) == 1
    row = ws.strategies().iloc[0]
    assert row["status"] == "no_strategy" and row["cost_usd"] > 0


def test_failed_extraction_writes_nothing(ws):
    script = mc.Script(mc.message("", stop_reason="refusal"))
    with pytest.raises(ExtractionError):
        foa.extract_strategy(TEXT, client=mc.client(script), workspace=ws)
    assert len(ws.strategies()) == 0


def test_workspace_path_is_accepted(workspace_path):
    script = mc.Script(mc.message(mc.reply(good_strategy())))
    foa.extract_strategy(TEXT, client=mc.client(script), workspace=str(workspace_path))
    assert len(foa.Workspace(workspace_path).strategies()) == 1


def test_a_file_name_typo_is_a_missing_file_not_a_strategy_text(tmp_path, monkeypatch):
    from foa.errors import DocumentError
    from foa.extract.api import load_source

    monkeypatch.chdir(tmp_path)
    with pytest.raises(DocumentError, match=r"overlay\.pfd: no such file \(did you mean overlay\.pdf\?"):
        load_source("overlay.pfd")
    with pytest.raises(DocumentError, match="no such file"):
        foa.extract_strategy("notes/strategy.md", provider="offline")
    assert load_source("Buy SPY when RSI(2) < 10.").page(1).text.startswith("Buy SPY")  # a text stays a text
