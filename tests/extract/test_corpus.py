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


def test_no_corpus_text_inside_the_package():
    corpus = set()
    for s in SPLITS:
        for _, _, r in ALL[s]:
            corpus |= _shingles(r["text"])
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
