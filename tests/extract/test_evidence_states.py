"""Evidence states as a table: (quote, field, spec) -> "supports" | "found" | "not_found".

The rows live in evidence_states.jsonl: most quote what the offline extractor produced on the dev corpus
(``"from": "dev dNN (offline extractor)"``), the rest are written for a case (a model's name taken for a
ticker, an invented quote). Each row's document is its quote (or ``doc`` when the quote must be missing).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foa.documents.model import Document
from foa.extract.evidence import FIELD_RULES, MARKS, check_evidence, field_rule, verify_evidence
from foa.spec.model import Evidence, StrategySpec

ROWS = [json.loads(line) for line in (Path(__file__).parent / "evidence_states.jsonl").read_text(encoding="utf-8").splitlines()]


def _doc(text: str) -> Document:
    return Document.from_text(text or "nothing here", name="t.txt")


def test_the_table_is_big_enough_and_mostly_real():
    assert len(ROWS) >= 30
    real = [r for r in ROWS if r["from"].startswith("dev ")]
    assert len(real) >= len(ROWS) / 2
    notes = " ".join(r["note"] for r in real)
    assert "take-profit backed by the stop-loss" in notes and "ticker not used as a ticker" in notes and "missing number" in notes
    assert {r["state"] for r in ROWS} == {"supports", "found", "not_found"}


@pytest.mark.parametrize("row", ROWS, ids=[f"{i}-{r['field']}-{r['state']}" for i, r in enumerate(ROWS)])
def test_state(row):
    spec = StrategySpec.model_validate(row["spec"]).model_copy(
        update={"evidence": [Evidence(field=row["field"], quote=row["quote"], page=1)]})
    doc = _doc(row.get("doc", row["quote"]))
    check = check_evidence(spec, doc)[0]
    assert check.state == row["state"], f"{row['note']}: {check.reason}"
    assert check.verified == (row["state"] == "supports")
    ev = verify_evidence(spec, doc).evidence[0]
    assert (ev.state, ev.verified) == (check.state, check.verified)


def test_report_counts_and_three_marks():
    by_state = {s: next(r for r in ROWS if r["state"] == s and "doc" not in r and r["quote"]) for s in ("supports", "found")}
    specs = []
    for s, row in by_state.items():
        specs.append((StrategySpec.model_validate(row["spec"]), Evidence(field=row["field"], quote=row["quote"], page=1)))
    spec, _ = specs[0]
    evidence = [e for _, e in specs] + [Evidence(field="entry", quote="an invented sentence about RSI", page=1)]
    # one document holding the two real quotes
    doc = _doc("\n".join(e.quote for e, _ in [(specs[0][1], 0), (specs[1][1], 0)]))
    spec = spec.model_copy(update={"evidence": evidence})
    report = check_evidence(spec, doc)
    assert sum(report.counts.values()) == 3 and report.counts["not_found"] == 1
    text = report.describe()
    assert MARKS["not_found"] in text and "not found" in text.splitlines()[-1]
    assert "✗ not found" in report._repr_html_()
    assert len(set(MARKS.values())) == 3


def test_state_depends_on_content_not_page():
    row = next(r for r in ROWS if r["field"] == "risk.stop_loss" and r["state"] == "supports")
    spec = StrategySpec.model_validate(row["spec"]).model_copy(
        update={"evidence": [Evidence(field=row["field"], quote=row["quote"], page=1)]})
    doc = Document.from_text("an unrelated first page\f" + row["quote"], name="t.txt")
    ev = verify_evidence(spec, doc).evidence[0]
    assert ev.state == "supports" and ev.page == 2


def test_field_rules_cover_the_numbered_fields():
    for field in ("risk.stop_loss", "stop_loss", "risk.take_profit", "entry", "exit.of[0]", "indicator.sma", "universe",
                  "ranking.top_n", "costs.fees", "frequency", "rebalance"):
        assert field_rule(field) is not None, field
    assert field_rule("direction") is None and field_rule("name") is None
    assert all(isinstance(desc, str) and callable(test) for desc, test in FIELD_RULES.values())


def test_state_never_enters_the_wire_schema():
    from foa.extract.schema import spec_to_wire, wire_schema

    assert set(wire_schema()["$defs"]["Evidence"]["properties"]) == {"field", "quote", "page"}
    spec = StrategySpec.model_validate(ROWS[0]["spec"]).model_copy(
        update={"evidence": [Evidence(field="entry", quote="q", state="supports", verified=True)]})
    assert "state" not in spec_to_wire(spec)["evidence"][0]
