"""docs/indicators.md is generated from foa.indicators(): it lists every indicator of the table."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from foa.spec import indicators as table

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _generator():
    spec = importlib.util.spec_from_file_location("gen_indicator_reference", DOCS / "gen_indicator_reference.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_indicator_reference_is_generated_from_the_table():
    mod = _generator()
    assert mod.OUT.read_text(encoding="utf-8") == mod.render(), "run: python docs/gen_indicator_reference.py"


def test_every_indicator_has_a_row_and_the_index_links_the_page():
    text = (DOCS / "indicators.md").read_text(encoding="utf-8")
    for rec in table.table():
        assert f"| `{rec.name}` |" in text, rec.name
    assert "(indicators.md)" in (DOCS / "index.md").read_text(encoding="utf-8")
