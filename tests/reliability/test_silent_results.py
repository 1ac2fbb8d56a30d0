"""Inputs that used to run to a wrong answer without a word: NaN/inf constants, a cash rate given in
percent, a negative row count, a spec file saved with a UTF-8 byte-order mark."""

from __future__ import annotations

import json
import math

import pytest

import foa
from foa.cli import main
from foa.errors import SpecError
from foa.spec import close, const
from foa.spec.library import get
from foa.spec.validate import parse_spec
from tests.engine.helpers import gspc


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_constant_is_refused_by_the_builder(value):
    with pytest.raises(SpecError, match="finite"):
        const(value)


@pytest.mark.parametrize("value", [math.nan, math.inf])
def test_non_finite_constant_is_refused_in_json(value):
    data = get("sma_crossover").model_dump(mode="json")
    data["entry"] = (close() > const(30)).model_dump(mode="json")
    data["entry"]["right"]["value"] = value
    with pytest.raises(SpecError, match="finite"):
        parse_spec(json.dumps(data))  # Python's json writes NaN / Infinity; the parser used to take them


@pytest.mark.parametrize("rate", [5.0, 1.5, -1.0, math.nan, "0.05"])
def test_cash_rate_outside_a_fraction_is_refused(rate):
    with pytest.raises(SpecError, match="0.05 for 5%"):
        foa.backtest(get("sma_crossover"), gspc(), cash_rate=rate)


def test_cash_rate_as_a_fraction_runs():
    plain = foa.backtest(get("sma_crossover"), gspc())
    paid = foa.backtest(get("sma_crossover"), gspc(), cash_rate=0.05)
    assert paid.stats["total_return"] > plain.stats["total_return"]  # idle cash earns interest
    assert paid.stats["total_return"] < plain.stats["total_return"] + 5  # not a percent read as a fraction


def test_negative_rows_are_a_usage_error(ws, capsys):
    ws.prices.load_bundled(["^VIX"])
    with pytest.raises(SystemExit) as info:
        main(["data", "show", "^VIX", "--rows", "-3", "--workspace", str(ws.path)])
    assert info.value.code == 64
    assert "--rows takes a whole number >= 0" in capsys.readouterr().err
    assert main(["data", "show", "^VIX", "--rows", "0", "--workspace", str(ws.path)]) == 0


def test_spec_file_with_a_utf8_bom_loads(tmp_path, capsys):
    spec = get("sma_crossover")
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + spec.to_json().encode())
    assert parse_spec(path.read_bytes()) == spec
    assert parse_spec(path.read_text(encoding="utf-8")) == spec  # str with U+FEFF
    assert main(["backtest", str(path), "--symbol", "^GSPC", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)
