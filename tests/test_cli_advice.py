"""The CLI's error messages name commands, not the Python calls the library's messages suggest."""

from __future__ import annotations

import pytest

from foa.cli import main
from foa.cli.advice import for_shell


@pytest.mark.parametrize("python_form, command", [
    ("See ws.prices.symbols(); add data with ws.prices.load_bundled(), ws.prices.fetch(...) or "
     "ws.prices.import_file(...)",
     "See foa data list; add data with foa data import --bundled, foa data fetch SYMBOL or "
     "foa data import FILE --symbol SYMBOL"),
    ("download them: foa.backtest(spec, ws, fetch=True) (Yahoo Finance, needs a network)",
     "download them: foa data fetch SYMBOL (Yahoo Finance, needs a network)"),
    ("trade a bundled stand-in: proxies=True (SPY -> ^GSPC) or your own map, proxies={'SYMBOL': '^GSPC'}",
     "trade a bundled stand-in: --proxies (SPY -> ^GSPC)"),
    ("would change an open position's terms mid-trade: sweep them with foa.sweep instead",
     "would change an open position's terms mid-trade: sweep them with foa sweep instead"),
    ("Check the document's wording or extract with provider='claude'.",
     "Check the document's wording or extract with Claude (set ANTHROPIC_API_KEY; --model picks the model)."),
])
def test_python_advice_becomes_commands(python_form, command):
    assert for_shell(python_form) == command


def test_text_without_python_advice_is_unchanged():
    text = "prices for 'SPY' end on 2020-01-31; foa.sweep(spec, ws, grid) is the call"  # a call, not advice
    assert for_shell(text) == text


def test_data_show_of_an_unknown_symbol_advises_commands(tmp_path, capsys):
    from foa.workspace import Workspace

    path = tmp_path / "ws.duckdb"
    ws = Workspace(path)
    ws.prices.load_bundled(["^GSPC"])
    code = main(["data", "show", "^GSCP", "--workspace", str(path)])
    err = capsys.readouterr().err
    assert code == 1 and "'^GSCP'" in err
    assert "foa data list" in err and "foa data import --bundled" in err and "ws.prices" not in err


def test_walk_forward_over_a_risk_parameter_advises_foa_sweep(capsys):
    code = main(["walk-forward", "sma_crossover", "--grid", "risk.stop_loss=0.05,0.1", "--train", "6Y",
                 "--test", "3Y"])
    err = capsys.readouterr().err
    assert code == 1 and "sweep them with foa sweep instead" in err and "foa.sweep" not in err
