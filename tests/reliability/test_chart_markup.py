"""A spec name (or symbol) holding markup stays text in plotly charts: plotly renders <a href> in titles
and legends as a live link and applies <span style>, so foa escapes what it puts there."""

from __future__ import annotations

import json
import re

import pytest

import foa
from foa.cli import main
from foa.engine.plots import escape_title
from foa.spec.library import get
from foa.spec.model import StrategySpec
from tests.engine.helpers import gspc

LINK = '<a href="https://evil.example/x">click</a>'
STYLE = '<span style="font-size:90px;color:red">big</span>'


@pytest.fixture(scope="module")
def evil_spec() -> StrategySpec:
    return StrategySpec.model_validate({**get("sma_crossover").model_dump(mode="json"), "name": f"{LINK} {STYLE}"})


def assert_inert(text: str) -> None:
    assert "<a " not in text and "<span" not in text and "</a>" not in text
    assert "&lt;a href=" in text and "&lt;span style=" in text  # shown as typed


def test_result_figure_title_is_text(evil_spec):
    fig = foa.backtest(evil_spec, gspc()).plot()
    assert_inert(fig.layout.title.text)


def test_sweep_heatmap_title_is_text(evil_spec):
    res = foa.sweep(evil_spec, gspc(), {"fast.window": [10, 20], "slow.window": [50, 100]}, progress=False)
    fig = res.heatmap("fast.window", "slow.window", "sharpe")
    assert_inert(fig.layout.title.text)


def test_symbol_markup_in_a_legend_is_text():
    assert escape_title("<b>X</b> close") == "&lt;b&gt;X&lt;/b&gt; close"


def test_backtest_html_file_has_no_live_link(evil_spec, tmp_path, capsys):
    spec_file = tmp_path / "evil.json"
    spec_file.write_text(evil_spec.to_json(), encoding="utf-8")
    out = tmp_path / "chart.html"
    assert main(["backtest", str(spec_file), "--symbol", "^GSPC", "--html", str(out), "--cdn"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "evil.example" in page  # the name is there, as text
    titles = [json.loads(f'"{t}"') for t in re.findall(r'"title":\{"text":"((?:[^"\\]|\\.)*)"', page)]
    assert titles and all(not re.search(r"<a |<span", t) for t in titles)
    assert any("&lt;a href=" in t for t in titles)


def test_a_key_in_a_spec_name_is_not_drawn(monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "plain-env-key-7Hq2ZxW9pL4mN8vR")
    spec = StrategySpec.model_validate({**get("sma_crossover").model_dump(mode="json"),
                                        "name": "SMA plain-env-key-7Hq2ZxW9pL4mN8vR"})
    fig = foa.backtest(spec, gspc()).plot()
    assert "plain-env-key" not in fig.to_json() and "[redacted]" in fig.layout.title.text
