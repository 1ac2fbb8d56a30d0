"""``foa eval --provider claude`` through the real SDK against a stand-in Messages API on 127.0.0.1
(tests/fake_anthropic.py: replies are the wire form of what the offline extractor reads), with the
per-document usage file the live test writes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/fake_anthropic.py

import fake_anthropic  # noqa: E402


def test_eval_provider_claude_scores_and_writes_usage(shared_eval, tmp_path, monkeypatch, capsys):
    from foa.cli import main
    from foa.extract.prompts import PROMPT_VERSION

    from foa.documents.model import Document
    from foa.extract.schema import parse_reply

    def clean(line: str) -> bool:  # the stand-in's reply validates with no check findings (no re-ask)
        row = json.loads(line)
        parsed = parse_reply(fake_anthropic._reply_text(Document.from_text(row["text"], name=row["id"]).text))
        return parsed.spec is not None and not parsed.findings

    lines = [line for line in shared_eval.read_text().splitlines() if clean(line)][:3]
    corpus = tmp_path / "three.jsonl"
    corpus.write_text("\n".join(lines) + "\n")
    usage = tmp_path / "usage.json"
    with fake_anthropic.fake_anthropic() as server:
        monkeypatch.setenv("ANTHROPIC_API_KEY", fake_anthropic.FAKE_KEY)
        monkeypatch.setenv("ANTHROPIC_BASE_URL", server.url)
        assert main(["eval", str(corpus), "--provider", "claude", "--model", "claude-sonnet-5-5",
                     "--usage", str(usage)]) == 0
        bodies = [r["json"] for r in server.requests if r["path"] == "/v1/messages"]
    out = capsys.readouterr().out
    assert "3/3 exact" in out
    assert len(bodies) == 3 and all("output_config" in b for b in bodies)  # constrained, no fallback
    data = json.loads(usage.read_text())
    assert data["provider"] == "claude" and data["n"] == 3 and data["exact"] == 3
    for d in data["documents"]:
        assert d["model"] == "claude-sonnet-5-5" and d["prompt_version"] == PROMPT_VERSION
        assert d["input_tokens"] > 0 and d["output_tokens"] == 600 and d["cost_usd"] > 0
    assert data["cost_usd"] == round(sum(d["cost_usd"] for d in data["documents"]), 6)
    assert fake_anthropic.FAKE_KEY not in usage.read_text()


def test_eval_usage_file_for_offline(shared_eval, tmp_path):
    from foa.cli import main

    usage = tmp_path / "usage.json"
    assert main(["eval", str(shared_eval), "--offline", "--usage", str(usage)]) == 0
    data = json.loads(usage.read_text())
    assert data["provider"] == "offline" and data["n"] == len(data["documents"]) >= 40
    assert data["cost_usd"] is None and all(d["input_tokens"] is None for d in data["documents"])
