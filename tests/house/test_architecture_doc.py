"""docs/architecture.md stays true: every folder and file it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"


def test_every_path_the_map_names_exists():
    text = DOC.read_text(encoding="utf-8")
    paths = set(re.findall(r"`((?:foa|tests|notebooks|benchmarks|docs)/[\w./-]*)`", text))
    assert len(paths) >= 15  # the map names its folders and key files
    missing = sorted(p for p in paths if not (ROOT / p.rstrip("/")).exists())
    assert missing == []


def test_the_one_way_rule_holds_for_spec_and_engine():
    import ast

    def foa_imports(folder: str) -> set[str]:
        out = set()
        for path in (ROOT / "foa" / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("foa."):
                    out.add(node.module.split(".")[1])
                elif isinstance(node, ast.Import):
                    out |= {a.name.split(".")[1] for a in node.names if a.name.startswith("foa.")}
        return out

    assert foa_imports("spec") <= {"spec", "errors", "lazy", "_version"}
    assert not foa_imports("engine") & {"extract", "documents", "widgets", "cli"}
