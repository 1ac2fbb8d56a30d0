"""The real-text corpus (tests/extract/corpus/): its files, labels and split, and that it stays test data.

Reads the labels and sources only; no test here asserts anything about a text's wording.
"""

from __future__ import annotations

import json
import re
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "extract" / "corpus"
SPLITS = ("dev", "test")
FOA_INDICATORS = {"sma", "ema", "rsi", "bbands", "macd", "roc", "atr", "highest", "lowest", "stdev"}
GOLD_KEYS = {"no_strategy", "direction", "indicators", "constants", "symbols", "frequency", "rebalance",
             "stop_loss", "take_profit", "top_n", "top_pct", "family", "unsupported"}
RECORD_KEYS = {"id", "source", "source_group", "licence", "text", "gold"}


def _records(split: str) -> list[tuple[str, int, dict]]:
    out = []
    for path in sorted((CORPUS / split).glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                out.append((f"{path.relative_to(CORPUS)}:{n}", n, json.loads(line)))
    return out


ALL = {s: _records(s) for s in SPLITS}


def test_both_splits_have_web_and_code_files():
    for split in SPLITS:
        names = {p.name for p in (CORPUS / split).glob("*.jsonl")}
        assert "web.jsonl" in names, split
        assert ALL[split], f"{split} is empty"


@pytest.mark.parametrize("split", SPLITS)
def test_records_have_source_group_and_text(split):
    for where, _, r in ALL[split]:
        assert set(r) == RECORD_KEYS, (where, set(r) ^ RECORD_KEYS)
        assert isinstance(r["id"], str) and r["id"], where
        assert re.match(r"https?://\S+$", r["source"]), where
        assert isinstance(r["source_group"], str) and r["source_group"] and " " not in r["source_group"], where
        assert r["licence"] is None or (isinstance(r["licence"], str) and r["licence"]), where
        assert isinstance(r["text"], str) and len(r["text"].split()) >= 8, where


def test_web_texts_are_not_from_github():
    web = [(where, r) for s in SPLITS for where, _, r in ALL[s] if where.split(":")[0].endswith("web.jsonl")]
    assert web
    for where, r in web:
        assert "github.com" not in r["source"] and not r["source_group"].startswith("github:"), where


def _check_gold(where: str, g: dict) -> None:
    assert set(g) == GOLD_KEYS, (where, set(g) ^ GOLD_KEYS)
    assert isinstance(g["no_strategy"], bool), where
    if g["no_strategy"]:
        judged = [k for k in GOLD_KEYS - {"no_strategy", "family", "unsupported"} if g[k] not in (None, [])]
        assert not judged, f"{where}: a no-strategy label judges {judged}"
        return
    assert g["direction"] in (None, "long_only", "short_only", "long_short"), where
    assert g["frequency"] in (None, "daily", "weekly", "monthly"), where
    assert g["rebalance"] in (None, "daily", "weekly", "monthly", "quarterly"), where
    assert isinstance(g["indicators"], list), where
    for item in g["indicators"]:
        assert isinstance(item, list) and len(item) == 2, where
        name, params = item
        assert isinstance(name, str) and re.fullmatch(r"[a-z][a-z0-9_]*", name), (where, name)
        assert isinstance(params, dict), where
        assert all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in params.values()), where
        if name in FOA_INDICATORS:
            allowed = {"bbands": {"window", "std"}, "macd": {"fast", "slow", "signal"}}.get(name, {"window"})
            assert set(params) <= allowed, (where, name, params)
    assert all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in g["constants"]), where
    assert all(isinstance(s, str) and s == s.strip() and s for s in g["symbols"]), where
    assert g["stop_loss"] is None or 0 < g["stop_loss"] <= 1, where  # fractions: 5% -> 0.05
    assert g["take_profit"] is None or 0 < g["take_profit"] <= 10, where
    assert g["top_n"] is None or (isinstance(g["top_n"], int) and g["top_n"] >= 1), where
    assert g["top_pct"] is None or 0 < g["top_pct"] <= 1, where
    assert isinstance(g["unsupported"], list) and all(isinstance(u, str) and u for u in g["unsupported"]), where


@pytest.mark.parametrize("split", SPLITS)
def test_gold_labels_are_valid(split):
    for where, _, r in ALL[split]:
        _check_gold(where, r["gold"])


def test_ids_unique_across_the_corpus():
    ids = [r["id"] for s in SPLITS for _, _, r in ALL[s]]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_splits_are_disjoint_by_source_group():
    groups = {s: {r["source_group"] for _, _, r in ALL[s]} for s in SPLITS}
    assert not groups["dev"] & groups["test"], sorted(groups["dev"] & groups["test"])


def test_no_text_in_both_splits():
    texts = {s: {" ".join(r["text"].split()) for _, _, r in ALL[s]} for s in SPLITS}
    assert not texts["dev"] & texts["test"]


@pytest.mark.parametrize("split", SPLITS)
def test_a_quarter_of_each_split_has_no_strategy(split):
    recs = [r for _, _, r in ALL[split]]
    share = sum(r["gold"]["no_strategy"] for r in recs) / len(recs)
    assert share >= 0.25, f"{split}: {share:.0%} no-strategy texts"


_WORD = re.compile(r"[a-z0-9]+")


def _shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


# Ordinary finance phrasing that foa's own comments used before a corpus text with the same words was
# gathered; a phrase goes here only with that history, never to let a quote through.
COMMON_PHRASES = ("on the last trading day of each month",)


def test_no_corpus_text_inside_the_package():
    corpus = set()
    for s in SPLITS:
        for _, _, r in ALL[s]:
            corpus |= _shingles(r["text"])
    for phrase in COMMON_PHRASES:
        corpus -= _shingles(phrase)
    hits = []
    for path in sorted((ROOT / "foa").rglob("*")):
        if path.is_file() and path.suffix in (".py", ".md", ".txt", ".json", ".jsonl", ".html", ".csv", ".yaml"):
            common = _shingles(path.read_text(encoding="utf-8", errors="replace")) & corpus
            if common:
                hits.append((str(path.relative_to(ROOT)), " ".join(sorted(common)[0])))
    assert not hits, f"corpus wording found in foa/: {hits[:5]}"


def test_the_shingle_check_can_fail(tmp_path):
    text = ALL["dev"][0][2]["text"]
    words = _WORD.findall(text.lower())[:12]
    planted = "# " + " ".join(words) + "\n"
    assert _shingles(planted) & _shingles(text)


def _copy_project(dst: Path, manifest: str) -> None:
    dst.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, dst / name)
    (dst / "MANIFEST.in").write_text(manifest, encoding="utf-8")
    shutil.copytree(ROOT / "foa", dst / "foa", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(CORPUS, dst / "tests" / "extract" / "corpus")


def _built_names(src: Path, monkeypatch, *, wheel: bool) -> list[str]:
    from setuptools import build_meta

    out = src.parent / (src.name + "-dist")
    out.mkdir()
    monkeypatch.chdir(src)
    sdist = out / build_meta.build_sdist(str(out))
    with tarfile.open(sdist) as tf:
        names = tf.getnames()
    if wheel:
        with zipfile.ZipFile(out / build_meta.build_wheel(str(out))) as zf:
            names += zf.namelist()
    return names


def _corpus_files(names: list[str]) -> list[str]:
    return [n for n in names if "/tests/extract/corpus/" in "/" + n]


def test_corpus_stays_out_of_the_sdist_and_the_wheel(tmp_path, monkeypatch):
    manifest = (ROOT / "MANIFEST.in").read_text(encoding="utf-8")
    assert "prune tests/extract/corpus" in manifest
    # the project as it is, and as it would be if someone shipped tests/ in the sdist
    # (a graft placed before the prune, the way MANIFEST.in orders its commands)
    for n, text in enumerate((manifest, "graft tests\n" + manifest)):
        src = tmp_path / f"p{n}"
        _copy_project(src, text)
        names = _built_names(src, monkeypatch, wheel=n == 0)
        assert any(x.endswith("foa/__init__.py") for x in names)
        assert not _corpus_files(names), _corpus_files(names)[:5]
    # the check sees the corpus when nothing prunes it
    src = tmp_path / "control"
    _copy_project(src, "graft tests\n")
    assert _corpus_files(_built_names(src, monkeypatch, wheel=False))


# --- multipage.jsonl ------------------------------------------------------------------------------

MULTIPAGE = CORPUS / "multipage.jsonl"


def test_multipage_documents_are_valid():
    from foa.extract.evaluate import load_multipage

    docs = load_multipage(MULTIPAGE)
    assert len(docs) >= 30
    assert {d["split"] for d in docs} == set(SPLITS)
    for d in docs:
        assert 3 <= len(d["pages"]) <= 4, d["id"]
        assert sum(bool(p.get("strategy")) for p in d["pages"]) == 1, d["id"]
        assert not d["strategy"]["gold"]["no_strategy"], d["id"]
        for p in d["pages"]:
            if not p.get("strategy"):
                assert p["kind"] in ("commentary", "disclaimer", "table"), d["id"]
                assert re.match(r"https?://\S+$", p["source"]) and p["source_group"], d["id"]
                assert isinstance(p["tickers"], list) and len(p["text"].split()) >= 30, d["id"]
    kinds = {p["kind"] for d in docs for p in d["pages"] if not p.get("strategy")}
    assert kinds == {"commentary", "disclaimer", "table"}
    assert {d["strategy_page"] for d in docs} >= {1, 2, 3}
    # every document has another page naming tickers, so a leak into the universe can be seen
    assert all(any(p.get("tickers") for p in d["pages"]) for d in docs)


def test_multipage_other_pages_name_their_tickers():
    from foa.extract.evaluate import load_multipage

    for d in load_multipage(MULTIPAGE):
        for p in d["pages"]:
            for t in p.get("tickers", []):
                assert re.search(rf"(?<![A-Za-z]){re.escape(t)}(?![A-Za-z])", p["text"]), (d["id"], t)


# --- the harness, on hand-made records ----------------------------------------------------------


def _gold(**kw):
    g = {"no_strategy": False, "direction": None, "indicators": [], "constants": [], "symbols": [], "frequency": None,
         "rebalance": None, "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": None,
         "family": None, "unsupported": []}
    g.update(kw)
    return g


def _spec(**kw):
    from foa.spec.builders import close, rsi, sma
    from foa.spec.model import StrategySpec

    base = dict(name="t", entry=rsi(2) < 10, exit=close() > sma(5))
    base.update(kw)
    return StrategySpec(**base)


def test_score_fields_on_hand_made_records():
    from foa.extract.evaluate import score_case
    from foa.spec.model import Risk, Universe

    spec = _spec(universe=Universe(symbols=["SPY"]), risk=Risk(stop_loss=0.05))
    r = score_case(spec, _gold(direction="long_only", indicators=[["rsi", {"window": 2}], ["sma", {"window": 5}]],
                               constants=[10], symbols=["spy"], stop_loss=0.05))
    assert [r[f] for f in ("direction", "indicators", "constants", "symbols", "stop_loss")] == ["right"] * 5
    assert r["take_profit"] == "unjudged" and r["exact"] is True
    # one wrong field breaks exactness; an indicator foa lacks can never be matched
    assert score_case(spec, _gold(constants=[30]))["exact"] is False
    r = score_case(spec, _gold(indicators=[["rsi", {}], ["sma", {}], ["adx", {"window": 14}]]))
    assert r["indicators"] == "wrong" and r["exact"] is False


def test_needs_unsupported_reads_indicators_and_parts():
    from foa.extract.evaluate import needs_unsupported

    assert needs_unsupported(_gold(indicators=[["sma", {}]])) == []
    assert needs_unsupported(_gold(indicators=[["willr", {}]], unsupported=["willr", "pairs"])) == ["willr", "pairs"]


def _write(path: Path, cases: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    return path


def test_directory_report_counts_invented_refused_and_apart(tmp_path):
    from foa.errors import NoStrategyFound
    from foa.extract.evaluate import evaluate

    d = tmp_path / "test"
    _write(d / "web.jsonl", [
        {"id": "a", "text": "rule a", "gold": _gold(direction="long_only")},
        {"id": "b", "text": "chatter b", "gold": _gold(no_strategy=True)},
        {"id": "c", "text": "chatter c", "gold": _gold(no_strategy=True)},
    ])
    _write(d / "code.jsonl", [
        {"id": "d", "text": "rule d", "gold": _gold(indicators=[["sar", {}]], unsupported=["sar"])},
        {"id": "e", "text": "rule e refused", "gold": _gold(direction="long_only")},
    ])

    def extractor(doc):
        if "refused" in doc.text or "chatter b" in doc.text:
            raise NoStrategyFound("nothing")
        return _spec()

    rep = evaluate(d, extractor, progress=False)
    assert rep.n == 5 and rep.exact == 2  # a, b
    assert rep.invented == (1, 2) and rep.refused_right == (1, 2)
    assert rep.refused_strategies == (1, 3)
    assert rep.apart == (0, 1) and rep.expressible == (2, 4)
    assert rep.by_file == {"code.jsonl": (0, 2), "web.jsonl": (2, 3)}
    text = rep.to_text()
    assert "strategies invented for no-strategy texts: 1/2" in text and "apart" in text
    data = json.loads(json.dumps(rep.to_dict()))
    assert data["invented"] == [1, 2] and data["unsupported_exact"] == [0, 1]


def test_an_extractor_crash_is_a_miss_not_a_crash_of_the_run(tmp_path):
    from foa.extract.evaluate import evaluate

    path = _write(tmp_path / "c.jsonl", [{"id": "x", "text": "boom", "gold": _gold(direction="long_only")}])

    def extractor(doc):
        raise RuntimeError("bug in a builder")

    rep = evaluate(path, extractor, progress=False)
    assert rep.exact == 0 and "crashed with RuntimeError: bug in a builder" in rep.misses[0]["error"]


def test_duplicate_ids_in_a_directory_are_refused(tmp_path):
    from foa.errors import DocumentError
    from foa.extract.evaluate import load_corpus

    _write(tmp_path / "a.jsonl", [{"id": "x", "text": "t", "gold": _gold()}])
    _write(tmp_path / "b.jsonl", [{"id": "x", "text": "t", "gold": _gold()}])
    with pytest.raises(DocumentError, match="more than once"):
        load_corpus(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DocumentError, match="no .jsonl"):
        load_corpus(empty)


def test_multipage_scoring_sees_leaks_and_evidence_pages(tmp_path):
    from foa.extract.evaluate import evaluate_multipage
    from foa.spec.model import Evidence, Universe

    strat = "Buy SPY when RSI(2) < 10 and sell when the close is above the 5-day SMA."
    _write(tmp_path / "test" / "web.jsonl", [
        {"id": "s1", "text": strat, "gold": _gold(symbols=["SPY"], direction="long_only")},
        {"id": "s2", "text": strat, "gold": _gold(direction="long_only")},
    ])
    filler = {"source": "https://example.org/news", "source_group": "example.org", "licence": None,
              "kind": "commentary", "tickers": ["NVDA"],
              "text": "NVIDIA (NASDAQ:NVDA) fell 10% on Friday as chip stocks slid; the Nasdaq closed lower. " * 3}
    mp = _write(tmp_path / "multipage.jsonl", [
        {"id": "m1", "strategy_id": "s1", "strategy_page": 2, "pages": [filler, {"strategy": True}, filler]},
        {"id": "m2", "strategy_id": "s2", "strategy_page": 1, "pages": [{"strategy": True}, filler, filler]},
    ])
    seen_pages = []

    def extractor(doc):
        seen_pages.append(len(doc.pages))
        on = next(p.number for p in doc.pages if "RSI(2)" in p.text)
        if doc.name.startswith("m1"):
            return _spec(universe=Universe(symbols=["SPY"]),
                         evidence=[Evidence(field="entry", quote="RSI(2) < 10", page=on)])
        return _spec(universe=Universe(symbols=["NVDA"]),
                     evidence=[Evidence(field="entry", quote="RSI(2) < 10", page=on),
                               Evidence(field="universe", quote="NVDA", page=2)])

    rep = evaluate_multipage(mp, extractor, progress=False)
    assert seen_pages == [3, 3]  # real PDFs, one text a page
    assert rep.universe_right("test") == (1, 2) and rep.evidence_right("test") == (1, 2)
    assert [c["leaked"] for c in rep.cases] == [[], ["NVDA"]]
    assert "leak m2: NVDA" in rep.to_text()
    assert json.loads(json.dumps(rep.to_dict()))["per_split"]["test"]["universe_right"] == [1, 2]


def test_multipage_rejects_unknown_strategy_ids(tmp_path):
    from foa.errors import DocumentError
    from foa.extract.evaluate import load_multipage

    _write(tmp_path / "dev" / "web.jsonl", [{"id": "s1", "text": "x", "gold": _gold()}])
    mp = _write(tmp_path / "multipage.jsonl", [{"id": "m", "strategy_id": "nope", "strategy_page": 1,
                                               "pages": [{"strategy": True}]}])
    with pytest.raises(DocumentError, match="no corpus record 'nope'"):
        load_multipage(mp)


def test_cli_scores_a_directory_and_multipage(tmp_path, capsys):
    from foa.cli import main

    strat = "Buy SPY when RSI(2) < 10 and sell when the close is above the 5-day SMA."
    _write(tmp_path / "test" / "web.jsonl", [
        {"id": "s1", "text": strat, "gold": _gold(direction="long_only")},
        {"id": "n1", "text": "Stocks rose this week as investors cheered earnings; the RSI sits near 60.",
         "gold": _gold(no_strategy=True)},
    ])
    filler = {"source": "https://example.org/a", "source_group": "example.org", "licence": None, "kind": "disclaimer",
              "tickers": [], "text": "Past performance is not indicative of future results and trading involves risk. " * 3}
    _write(tmp_path / "multipage.jsonl", [
        {"id": "m1", "strategy_id": "s1", "strategy_page": 2, "pages": [filler, {"strategy": True}, filler]}])
    assert main(["eval", str(tmp_path / "test"), "--offline", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["n"] == 2 and data["by_file"] == {"web.jsonl": data["by_file"]["web.jsonl"]}
    assert set(data) >= {"invented", "strategies_refused", "unsupported_exact", "expressible_exact"}
    assert main(["eval", str(tmp_path / "multipage.jsonl"), "--multipage", "--offline", "--split", "test"]) == 0
    out = capsys.readouterr().out
    assert "[test] exact" in out and "universe right" in out and "evidence on the strategy page" in out
