"""foa.check end to end: the extractors' output on real texts (the dev corpus in ../shared/eval) and the
`foa extract` command printing findings on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foa.cli import main

DEV = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "dev.jsonl"


def test_cli_extract_prints_findings_on_stderr_and_json_stays_clean(tmp_path, capsys):
    note = tmp_path / "note.md"
    # no ticker in the text: the spec trades whatever frame it is given (an info finding)
    note.write_text("Buy when the 50-day simple moving average crosses above the 200-day simple moving average; "
                    "sell when it crosses below.\n")
    assert main(["extract", str(note), "--offline", "--json"]) == 0
    out, err = capsys.readouterr()
    spec = json.loads(out)  # stdout is the spec JSON only
    assert spec["universe"]["symbols"] == []
    assert "Checks (foa.check):" in err and "[no_symbols]" in err
    assert main(["extract", str(note), "--offline"]) == 0
    out, err = capsys.readouterr()
    assert "[no_symbols]" in err and "[no_symbols]" not in out


# ------------------------------------------------------------------ every extracted spec checks and sweeps

BUNDLED = ("^GSPC", "^IXIC")


def _texts() -> list[tuple[str, object]]:
    """(id, document) of every sample and, when ../shared is present, every dev-corpus text."""
    from foa.extract.api import load_source
    from foa.samples import load_sample, sample_documents

    out = [(name, load_sample(name)) for name in sample_documents()]
    if DEV.exists():
        for line in DEV.read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            out.append((case["id"], load_source(case["text"], name=case["id"])))
    return out


def _on_bundled(spec):
    """The spec trading the bundled indices: one for single-asset rules, both for a ranking."""
    from foa.engine.prices import symbols_needed
    from foa.spec.model import Universe

    n = 2 if spec.ranking is not None or len(spec.universe.symbols) > 1 else 1
    text = spec.model_copy(update={"universe": Universe(symbols=list(BUNDLED[:n]))}).to_json()
    for s in symbols_needed(spec):  # a rule reading another symbol reads the other index
        if s not in BUNDLED:
            text = text.replace(json.dumps(s), json.dumps(BUNDLED[-1]))
    from foa.spec.model import StrategySpec

    return StrategySpec.from_json(text)


def _grid(keys: dict) -> dict:
    """Two values per key, for at most two keys: windows +25%, levels and risk fractions x1.1 / x1.5."""
    grid = {}
    for k, v in list(keys.items())[:2]:
        if k.startswith("risk."):
            grid[k] = [v, min(v * 1.5, 0.9)]
        elif k.endswith(".value") or k.endswith(".std"):
            grid[k] = [v, v * 1.1]
        else:
            grid[k] = [int(v), max(int(v) + 1, int(v * 1.25))]
    return grid


@pytest.fixture(scope="module")
def bundled():
    from foa.samples import market_data

    return {s: market_data(s) for s in BUNDLED}


def test_every_extracted_spec_checks_and_sweeps(bundled):
    import warnings

    import foa
    from foa.errors import FoaError, NoStrategyFound
    from foa.spec.ids import sweep_keys

    ran, swept, idle = 0, 0, 0
    for cid, doc in _texts():
        try:
            spec = foa.extract_strategy(doc, provider="offline")
        except NoStrategyFound:
            continue
        spec = _on_bundled(spec)
        report = foa.check(spec, bundled)  # never raises: what stops a run is an error finding
        ran += 1
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = foa.backtest(spec, bundled)
            except FoaError:
                assert not report.ok, f"{cid}: the backtest refused a spec foa.check passed"
                continue
        if result.stats["trades"] == 0:
            idle += 1
            assert any(f.code == "entry_never_fires" for f in result.warnings), cid
            assert any("entry_never_fires" in str(w.message) for w in caught), cid
            assert "nan" not in repr(result), cid
        keys = sweep_keys(spec)
        if not keys:
            continue
        res = foa.sweep(spec, bundled, _grid(keys), progress=False)
        swept += 1
        assert len(res.table) >= 2 and set(res.params) == set(_grid(keys)), cid
        if (res.table["trades"] == 0).any():
            assert any("made no trade" in n for n in res.notes), cid
    assert ran >= 3 and swept >= ran - 4  # buy-and-hold style specs have nothing to sweep


@pytest.mark.skipif(not DEV.exists(), reason="the dev corpus lives in ../shared/eval")
def test_no_false_alarm_on_dev_texts_extracted_right(bundled):
    """A dev text whose offline extraction matches its gold label: no error, no warning, statically and on
    the bundled prices, except on the extractions listed in WRONG_BUT_MATCHED (each one really wrong)."""
    import foa
    from foa.errors import NoStrategyFound
    from foa.extract.api import load_source
    from foa.extract.evaluate import score_case

    matched, seen = 0, {}
    for line in DEV.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        try:
            spec = foa.extract_strategy(load_source(case["text"], name=case["id"]), provider="offline")
        except NoStrategyFound:
            continue
        if not score_case(spec, case["gold"])["exact"]:
            continue
        matched += 1
        static = foa.check(spec)
        priced = foa.check(_on_bundled(spec), bundled)
        found = {f.code for f in [*static.errors, *static.warnings, *priced.errors, *priced.warnings]}
        seen[case["id"]] = found
    assert matched >= 20
    alarms = {k: v for k, v in seen.items() if v}
    assert set(alarms) <= set(WRONG_BUT_MATCHED), (
        f"{alarms}: a finding on an extraction that matches its label; if the extraction is really wrong, "
        "list it in WRONG_BUT_MATCHED with why, else the check raised a false alarm")


# Extractions that match their gold label on every scored field and are still wrong in a way the label does
# not score: the findings on them are true alarms, not false ones (what the checks are for).
WRONG_BUT_MATCHED = {
    "d03": "a golden cross read as 'the 50-day SMA crosses below the 200-day' to buy: positions open on a few bars",
    "d08": "the entry needs the 12-day EMA to cross below the 26-day while above the 50-day: positions on few bars",
    "d05": "the entry holds the exit's cross (close above the 50-week EMA and the 10-week crossing below it): 0 trades",
    "d15": "'between MA10 and MA20' read as above the 10-day and below the 20-day SMA, with RSI(2) < 10: 0 trades",
    "d26": "the exit is 'close below the 20-day high' and the short side compares the channel's two edges",
}


@pytest.mark.parametrize("text,code", [
    ("Buy WTI crude oil (CL=F) when the close breaks above the 20-day high; sell when the close falls below the "
     "10-day low.", "close_only_symbol"),
    ("Buy SPY when the 12-month return is above 5; sell when it is below 0.", "return_as_percent"),
    ("Buy when the 50-day SMA crosses above the 200-day SMA; sell on the cross below.", "no_symbols"),
])
def test_findings_on_the_extraction_of_texts_that_trigger_them(text, code):
    import foa

    spec = foa.extract_strategy(text, provider="offline")
    assert code in foa.check(spec).codes


@pytest.mark.skipif(not DEV.exists(), reason="the dev corpus lives in ../shared/eval")
def test_entry_that_never_fires_on_a_real_text(bundled):
    """d05's extraction puts the exit's cross into the entry: 0 trades on the bundled index, and it says so."""
    import foa
    from foa.extract.api import load_source

    case = next(json.loads(x) for x in DEV.read_text(encoding="utf-8").splitlines() if json.loads(x)["id"] == "d05")
    spec = foa.extract_strategy(load_source(case["text"], name="d05"), provider="offline")
    report = foa.check(_on_bundled(spec), bundled)
    if "entry_never_fires" not in report.codes:  # the extractor reads it right now: then it trades
        assert foa.backtest(_on_bundled(spec), bundled).stats["trades"] > 0
    else:
        assert report.ok and report.warnings[0].field == "entry"
