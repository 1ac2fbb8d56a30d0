"""The scorer, the evaluation report, the ``foa eval`` command and the corpus scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foa.cli import main
from foa.errors import ExtractionError, NoStrategyFound
from foa.extract.evaluate import EvalReport, evaluate, score_case
from foa.extract.offline import extract_offline
from foa.spec.builders import atr, close, rsi, sma
from foa.spec.model import AtrStop, Ranking, Risk, StrategySpec, Universe

OWN = Path(__file__).parent / "offline" / "floors" / "own.jsonl"  # the offline extractor's own held-out set
CASES = [json.loads(line) for line in OWN.read_text(encoding="utf-8").splitlines() if line.strip()]


def _gold(**kw):
    g = {"no_strategy": False, "direction": None, "indicators": [], "constants": [], "symbols": [], "frequency": None,
         "rebalance": None, "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": None}
    g.update(kw)
    return g


def _spec(**kw):
    base = dict(name="t", entry=rsi(2) < 10, exit=close() > sma(5))
    base.update(kw)
    return StrategySpec(**base)


def test_only_stated_fields_are_judged():
    r = score_case(_spec(), _gold(direction="long_only"))
    assert r["direction"] == "right" and r["symbols"] == "unjudged" and r["indicators"] == "unjudged"
    assert r["exact"] is True


def test_indicator_names_must_match_and_labelled_params_included():
    gold = _gold(indicators=[["rsi", {"window": 2}], ["sma", {}]])
    assert score_case(_spec(), gold)["indicators"] == "right"
    assert score_case(_spec(), _gold(indicators=[["rsi", {"window": 3}], ["sma", {}]]))["indicators"] == "wrong"
    # an extra indicator name breaks set equality
    assert score_case(_spec(), _gold(indicators=[["rsi", {}]]))["indicators"] == "wrong"


def test_atr_stop_counts_as_atr_and_its_multiple_as_a_constant():
    s = _spec(entry=close() > sma(20), exit=None, risk=Risk(atr_stop=AtrStop(window=14, multiple=2.5)))
    r = score_case(s, _gold(indicators=[["sma", {"window": 20}], ["atr", {}]], constants=[2.5]))
    assert r["indicators"] == "right" and r["constants"] == "right"


def test_constants_symbols_risk_ranking():
    s = _spec(universe=Universe(symbols=["spy", "QQQ"]), risk=Risk(stop_loss=0.05), rebalance="monthly",
              ranking=Ranking(by=atr(10), top_n=3))
    r = score_case(s, _gold(constants=[10], symbols=["SPY", "QQQ"], stop_loss=0.05, top_n=3, rebalance="monthly",
                            take_profit=0.1))
    assert r["constants"] == r["symbols"] == r["stop_loss"] == r["top_n"] == r["rebalance"] == "right"
    assert r["take_profit"] == "wrong" and r["exact"] is False
    assert score_case(s, _gold(constants=[11]))["constants"] == "wrong"


def test_no_strategy_both_ways():
    assert score_case(None, _gold(no_strategy=True))["exact"] is True
    assert score_case(_spec(), _gold(no_strategy=True))["no_strategy"] == "wrong"
    r = score_case(None, _gold(direction="long_only"))
    assert r["no_strategy"] == "wrong" and r["direction"] == "wrong"


def _corpus(tmp_path: Path, cases: list[dict]) -> Path:
    p = tmp_path / "c.jsonl"
    p.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    return p


def test_evaluate_counts_misses_and_errors(tmp_path):
    cases = [
        {"id": "a", "text": "Buy when RSI(2) < 10, sell when close > 5-day SMA.", "gold": _gold(direction="long_only")},
        {"id": "b", "text": "market chatter", "gold": _gold(no_strategy=True)},
        {"id": "c", "text": "boom", "gold": _gold(direction="long_only")},
    ]

    def extractor(doc):
        if "chatter" in doc.text:
            raise NoStrategyFound("nothing")
        if "boom" in doc.text:
            raise ExtractionError("model unreachable: retry later")
        return extract_offline(doc)

    rep = evaluate(_corpus(tmp_path, cases), extractor, progress=False)
    assert isinstance(rep, EvalReport)
    assert (rep.n, rep.exact) == (3, 2)
    assert rep.refused_right == (1, 1)
    assert [m["id"] for m in rep.misses] == ["c"] and "model unreachable" in rep.misses[0]["error"]
    assert rep.accuracy["direction"] == pytest.approx(0.5)
    html = rep._repr_html_()
    assert "<table>" in html and "66.7%" in html
    assert json.loads(json.dumps(rep.to_dict()))["exact"] == 2


def test_own_heldout_corpus_scores():
    rep = evaluate(OWN, extract_offline, progress=False)
    assert rep.n >= 25
    assert rep.refused_right[0] == rep.refused_right[1] >= 4
    exact, cases = rep.expressible
    assert exact / cases >= 0.9, rep.to_text()


def test_dev_corpus_target(shared_eval):
    rep = evaluate(shared_eval, extract_offline, progress=False)
    assert rep.refused_right[0] == rep.refused_right[1] == 5, rep.to_text()
    assert rep.exact_rate >= 0.9, rep.to_text()


def test_cli_text_and_json(tmp_path, capsys):
    corpus = OWN
    assert main(["eval", str(corpus), "--offline"]) == 0
    out = capsys.readouterr().out
    assert "exact" in out and "no-strategy texts refused" in out
    assert main(["eval", str(corpus), "--offline", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["n"] == len(CASES) and set(data["accuracy"]) >= {"no_strategy", "direction", "indicators"}


def test_cli_pdf_path_renders_real_pdfs(tmp_path, capsys):
    corpus = _corpus(tmp_path, [c for c in CASES if c["id"] in ("h02", "h05", "h10")])
    assert main(["eval", str(corpus), "--offline", "--pdf", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["n"] == 3 and data["no_strategy_refused"] == [1, 1]
    assert data["exact"] == 3, data


def test_cli_bad_corpus(tmp_path, capsys):
    assert main(["eval", str(tmp_path / "missing.jsonl"), "--offline"]) == 2
    assert "cannot read the corpus" in capsys.readouterr().err
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x"}\n', encoding="utf-8")
    assert main(["eval", str(bad), "--offline"]) == 2
    assert "'gold'" in capsys.readouterr().err
