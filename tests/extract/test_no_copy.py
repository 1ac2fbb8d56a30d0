"""The dev corpus belongs to its authors: no 8-word sequence of a dev text may appear in any file under foa/.

Words are compared lower-cased with punctuation ignored, so a copied sentence cannot hide behind
different quotes or line breaks. Skips when ../shared (the corpus) is absent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

N = 8
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
ROOT = Path(__file__).resolve().parents[2]


def _grams(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i:i + N]) for i in range(len(words) - N + 1)}


def test_no_dev_text_in_foa(shared_eval):
    dev: dict[tuple[str, ...], str] = {}
    for line in shared_eval.read_text(encoding="utf-8").splitlines():
        if line.strip():
            case = json.loads(line)
            for g in _grams(case["text"]):
                dev.setdefault(g, case["id"])
    assert dev, "the dev corpus yielded no 8-word sequences"
    hits = []
    for path in sorted((ROOT / "foa").rglob("*")):
        if not path.is_file() or path.suffix in (".pyc", ".so", ".pdf", ".png", ".duckdb", ".parquet", ".gz"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for g in _grams(text) & dev.keys():
            hits.append(f"{path.relative_to(ROOT)}: '{' '.join(g)}' (from {dev[g]})")
    assert not hits, "dev corpus text copied into foa/:\n" + "\n".join(hits[:20])


def test_the_check_can_fail(tmp_path):
    text = "one two three four five six seven eight nine"
    assert _grams(text) & _grams("x " + text.upper() + " y")
    assert not _grams("one two three four five six seven")
