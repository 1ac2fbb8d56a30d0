"""Adversarial QA through foa's public surface: bad input ends in a clear FoaError subclass (what happened
and how to fix it), never a raw dependency error, and never leaves a half-written workspace row.

Cases the rooms' own tests do not list (weird paths, European CSVs, malformed grids, ...). Engine cases
that still escape are strict xfails with the exact escaping error, for the engine room.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import foa
from foa.errors import DataError, DocumentError, ExtractionError, FoaError, NoStrategyFound, SpecError, WorkspaceError

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "extract"))
import mock_claude  # noqa: E402  (the Anthropic SDK through httpx2.MockTransport)


def _fix_hint(err: BaseException) -> str:
    """The message, checked to be more than a bare dependency string: it must say what to do."""
    msg = str(err)
    assert len(msg) > 30, msg
    assert "Traceback" not in msg
    return msg


# ---------------------------------------------------------------- documents


def test_tilde_path_is_expanded_in_the_message(tmp_path):
    with pytest.raises(DocumentError) as e:
        foa.load_document("~/surely_not_here_foa_qa.pdf")
    assert str(Path.home()) in str(e.value) and "Check the path" in str(e.value)


def test_file_name_too_long_is_a_document_error(tmp_path):
    with pytest.raises(DocumentError) as e:
        foa.load_document(tmp_path / ("a" * 300 + ".txt"))
    assert isinstance(e.value.__cause__, OSError)
    assert "shorter name" in _fix_hint(e.value)


def test_symlink_loop_says_loop_not_missing(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    with pytest.raises(DocumentError) as e:
        foa.load_document(tmp_path / "a.txt")
    assert "symbolic links" in str(e.value) and "symlink loop" in str(e.value)


def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "note.txt"
    os.mkfifo(fifo)
    # if foa ever opened the pipe it would block: a writer unblocks it after 5 s so the test cannot hang
    unblock = threading.Timer(5, lambda: os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)))
    unblock.start()
    try:
        with pytest.raises(DocumentError, match="not a regular file"):
            foa.load_document(fifo)
    finally:
        unblock.cancel()


def test_dev_null_is_not_a_document():
    with pytest.raises(DocumentError, match="not a regular file"):
        foa.load_document("/dev/null")


def test_non_utf8_file_name_loads(tmp_path):
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw, "wb") as fh:
        fh.write(b"Buy SPY when the close is above the 50-day SMA.")
    doc = foa.load_document(os.fsdecode(raw))
    assert "50-day SMA" in doc.text


def test_pdf_that_is_really_html_reads_its_text(tmp_path):
    p = tmp_path / "note.pdf"
    p.write_text("<html><body><p>Buy SPY on a golden cross</p></body></html>")
    doc = foa.load_document(p)
    assert "golden cross" in doc.text


def test_huge_single_line_text(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("buy SPY " * 500_000)
    doc = foa.load_document(p)
    assert len(doc.pages) == 1 and doc.text.count("SPY") == 500_000


def test_docx_renamed_txt(tmp_path):
    p = tmp_path / "note.txt"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(DocumentError, match="binary data") as e:
        foa.load_document(p)
    assert "note.txt" in _fix_hint(e.value)


@pytest.mark.parametrize("content, match", [("", "empty"), ("  \n\n \t", "only whitespace")])
def test_empty_markdown(tmp_path, content, match):
    p = tmp_path / "note.md"
    p.write_text(content)
    with pytest.raises(DocumentError, match=match):
        foa.load_document(p)


def test_html_with_only_scripts(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("<html><head><script>var a = 1;</script><style>p{}</style></head><body><script>go()</script></body></html>")
    with pytest.raises(DocumentError, match="no visible text"):
        foa.load_document(p)


def test_empty_string_path_names_the_directory():
    with pytest.raises(DocumentError, match="directory"):
        foa.load_document("")


def test_password_that_is_not_a_string(tmp_path):
    import pymupdf

    d = pymupdf.open()
    d.new_page().insert_text((72, 72), "Buy SPY when RSI(14) < 30")
    d.save(tmp_path / "enc.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o", user_pw="1234")
    with pytest.raises(DocumentError, match="password must be a str"):
        foa.load_document(tmp_path / "enc.pdf", password=1234)
    assert "RSI(14)" in foa.load_document(tmp_path / "enc.pdf", password="1234").text


# ---------------------------------------------------------------- extraction


@pytest.mark.parametrize("text", ["", "   \n\t ", "buy", "\x00\x01\xff"])
def test_extract_offline_degenerate_text(text):
    with pytest.raises(NoStrategyFound) as e:
        foa.extract_strategy(text, provider="offline")
    assert "state" in _fix_hint(e.value)


def test_extract_binary_bytes_is_a_document_error():
    with pytest.raises(DocumentError, match="binary data"):
        foa.extract_strategy(b"\x00\x01\xff" * 50, provider="offline")


def test_extract_document_with_zero_pages():
    from foa.documents.model import Document

    doc = Document(id="0" * 64, name="empty", mime="text/plain", pages=[], metadata={})
    with pytest.raises(NoStrategyFound):
        foa.extract_strategy(doc, provider="offline")


def test_extract_bogus_provider():
    with pytest.raises(ExtractionError, match="provider must be one of"):
        foa.extract_strategy("Buy SPY when the 50-day SMA crosses above the 200-day SMA.", provider="bogus")


@pytest.mark.parametrize("source", [None, 42, 3.5])
def test_extract_not_a_document(source):
    with pytest.raises(DocumentError, match="cannot load a"):
        foa.extract_strategy(source, provider="offline")


def test_extract_bogus_model_with_mock_client():
    script = mock_claude.Script(mock_claude.error_response(404, "not_found_error", "model: bogus"))
    with pytest.raises(ExtractionError) as e:
        foa.extract_strategy("Buy SPY when the 50-day SMA crosses above the 200-day SMA.", provider="claude",
                             model="bogus", client=mock_claude.client(script), cache=False)
    assert "bogus" in _fix_hint(e.value)
    assert script.requests and script.requests[0]["json"]["model"] == "bogus"


def test_extract_reply_that_is_not_json_with_mock_client():
    bad = mock_claude.message("I think you should buy low and sell high.")
    script = mock_claude.Script(bad, bad, bad, bad)
    with pytest.raises(ExtractionError) as e:
        foa.extract_strategy("Buy SPY when the 50-day SMA crosses above the 200-day SMA.", provider="claude",
                             client=mock_claude.client(script), cache=False)
    assert not isinstance(e.value, NoStrategyFound)
    assert e.value.attempts and e.value.last_reply is not None
    _fix_hint(e.value)


RULE = "Buy SPY when the 50-day SMA crosses above the 200-day SMA. Sell when it crosses below."


def test_extract_proxy_answering_200_with_html():
    import httpx2

    script = mock_claude.Script(httpx2.Response(200, text="<html>corporate proxy login</html>"))
    with pytest.raises(ExtractionError, match="not a Messages API reply") as e:
        foa.extract_strategy(RULE, provider="claude", client=mock_claude.client(script), cache=False)
    assert "ANTHROPIC_BASE_URL" in str(e.value)


@pytest.mark.parametrize("kw, match", [
    ({"model": None}, "model must be a model name"), ({"model": "  "}, "model must be a model name"),
    ({"max_retries": -1}, "max_retries must be"), ({"timeout": "soon"}, "timeout must be"),
    ({"timeout": 0}, "timeout must be"), ({"max_tokens": -1}, "max_tokens must be"),
    ({"max_input_tokens": 0}, "max_input_tokens must be"),
])
def test_extract_bad_options_refused_before_any_request(kw, match):
    script = mock_claude.Script()  # any request would fail the test ("unexpected extra request")
    with pytest.raises(ExtractionError, match=match):
        foa.extract_strategy(RULE, provider="claude", client=mock_claude.client(script), cache=False, **kw)
    assert script.requests == []


def test_extract_client_that_is_not_a_client(ws):
    with pytest.raises(ExtractionError, match="Anthropic SDK client"):
        foa.extract_strategy(RULE, provider="claude", client=object(), workspace=ws)
    assert ws.strategies().empty  # nothing half-recorded


# ---------------------------------------------------------------- backtest / sweep


@pytest.fixture(scope="module")
def px() -> pd.DataFrame:
    from foa.samples import market_data

    return market_data("^GSPC").loc["2015":"2018"]


@pytest.fixture(scope="module")
def sma():
    from foa.spec.library import get

    return get("sma_crossover")


def test_backtest_empty_frame(sma, px):
    with pytest.raises(DataError, match="empty"):
        foa.backtest(sma, px.iloc[:0])


def test_backtest_all_nan_closes(sma, px):
    with pytest.raises(DataError, match="empty"):
        foa.backtest(sma, px.assign(Close=np.nan, **{"Adj Close": np.nan}))


def test_backtest_tolerates_messy_but_valid_frames(sma, px):
    """Unsorted, duplicated, string-dated, lower-case frames give the clean frame's result (not an error)."""
    clean = foa.backtest(sma, px).stats["total_return"]
    messy = pd.concat([px, px.iloc[10:20]]).iloc[::-1].rename(columns=str.lower)
    messy.index = messy.index.strftime("%Y-%m-%d")
    assert foa.backtest(sma, messy).stats["total_return"] == pytest.approx(clean)


def test_backtest_without_any_close(sma, px):
    with pytest.raises(DataError, match="no Close column"):
        foa.backtest(sma, px.drop(columns=["Close", "Adj Close"]))


def test_backtest_dict_with_unknown_symbol(sma, px):
    with pytest.raises(SpecError, match="not in the price data"):
        foa.backtest(sma, {"NOPE": px})


@pytest.mark.parametrize("start, end, match", [
    ("2018-01-01", "2016-01-01", "start 2018-01-01 is after end 2016-01-01: swap them"),
    ("2030-01-01", None, r"between 2030-01-01 and \d{4}-\d\d-\d\d: the data run .*widen start/end"),
])
def test_backtest_range_without_data(sma, px, start, end, match):
    with pytest.raises(DataError, match=match):
        foa.backtest(sma, px, start=start, end=end)


def test_backtest_garbage_date(sma, px):
    with pytest.raises(DataError, match="must be dates"):
        foa.backtest(sma, px, start="not a date")


@pytest.mark.parametrize("prices", [None, "prices.csv", "no/such/dataset", np.ones(10)])
def test_backtest_prices_of_the_wrong_type(sma, prices):
    with pytest.raises(DataError, match="prices must be a DataFrame") as err:
        foa.backtest(sma, prices)
    if isinstance(prices, str) and prices == "prices.csv":  # a CSV's name: import it first
        assert "import_file('prices.csv'" in str(err.value) and "foa data import prices.csv" in str(err.value)
    if isinstance(prices, str) and prices == "no/such/dataset":
        assert "no folder or file here" in str(err.value)


@pytest.mark.parametrize("spec, match", [(None, "expected a StrategySpec"), ("garbage", "Invalid JSON"),
                                         ('{"name": "x",,}', "Invalid JSON")])
def test_backtest_bad_spec(px, spec, match):
    with pytest.raises(SpecError, match=match):
        foa.backtest(spec, px)


def test_spec_json_with_extra_fields(px, sma):
    data = json.loads(sma.model_dump_json())
    data["leverage_please"] = 10
    with pytest.raises(SpecError, match="leverage_please"):
        foa.backtest(json.dumps(data), px)


def test_window_longer_than_the_data(sma, px):
    with pytest.raises(SpecError, match="longer than the data"):
        foa.backtest(sma, px.iloc[:50])


@pytest.mark.parametrize("kw, match", [({"fill": "bogus"}, "fill must be"), ({"init_cash": -5}, "positive"),
                                       ({"init_cash": "lots"}, "positive"), ({"benchmark": "NOPE"}, "benchmark")])
def test_backtest_bad_options(sma, px, kw, match):
    with pytest.raises(SpecError, match=match):
        foa.backtest(sma, px, **kw)


def test_backtest_negative_prices(sma, px):
    with pytest.raises(DataError):
        foa.backtest(sma, px * -1)


@pytest.mark.parametrize("grid, match", [({}, "give a grid"), (None, "give a grid"),
                                         ({"fast.window": []}, "has no values"),
                                         ({"nope.window": [5, 10]}, "names no id"),
                                         ({"fast": [5, 10]}, "<id>.<param>")])
def test_sweep_bad_grid(sma, px, grid, match):
    with pytest.raises(SpecError, match=match):
        foa.sweep(sma, px, grid=grid, progress=False)


def test_sweep_unknown_metric(sma, px):
    with pytest.raises(SpecError, match="unknown metric"):
        foa.sweep(sma, px, grid={"fast.window": [5, 10]}, metric="bogus", progress=False)


def test_sweep_grid_param_the_indicator_lacks(sma, px):
    with pytest.raises(SpecError):
        foa.sweep(sma, px, grid={"fast.nope": [5, 10]}, progress=False)


@pytest.mark.parametrize("values", [[5.5, 10.2], [-5, 0]])
def test_sweep_grid_invalid_window_values(sma, px, values):
    with pytest.raises(SpecError):
        foa.sweep(sma, px, grid={"fast.window": values}, progress=False)


def test_sweep_grid_values_of_the_wrong_type(sma, px):
    with pytest.raises(SpecError):
        foa.sweep(sma, px, grid={"fast.window": ["a", "b"]}, progress=False)


def test_sweep_grid_scalar_value(sma, px):
    with pytest.raises(SpecError):
        foa.sweep(sma, px, grid={"fast.window": 5}, progress=False)


HUGE_GRID = """
import resource
import foa
from foa.samples import market_data
from foa.spec.library import get
px, spec = market_data("^GSPC"), get("sma_crossover")
vm = int([ln for ln in open("/proc/self/status") if ln.startswith("VmSize")][0].split()[1]) * 1024
resource.setrlimit(resource.RLIMIT_AS, (vm + 1_500_000_000, resource.getrlimit(resource.RLIMIT_AS)[1]))
try:
    foa.sweep(spec, px, grid={"fast.window": range(2, 3002), "slow.window": range(2, 3002)}, progress=False)
    print("RESULT ran")
except foa.errors.FoaError as e:
    print("RESULT", type(e).__name__, e)
except MemoryError:
    print("RESULT MemoryError")
"""


def test_huge_grid_is_refused_up_front_with_a_memory_message(tmp_path):
    import subprocess

    r = subprocess.run([sys.executable, "-c", HUGE_GRID], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    line = [ln for ln in r.stdout.splitlines() if ln.startswith("RESULT")]
    assert line and line[0].startswith("RESULT SpecError") and "combinations" in line[0], (r.stdout, r.stderr[-500:])


def test_spec_from_json_syntax_error():
    from foa.spec.model import StrategySpec

    with pytest.raises(SpecError, match="Invalid JSON"):
        StrategySpec.from_json("{")


def test_result_save_to_something_that_is_not_a_workspace(sma, px):
    res = foa.backtest(sma, px)
    with pytest.raises(FoaError):
        res.save("not a ws")


@pytest.mark.parametrize("build, match", [
    (lambda b: b.sma("x"), r"sma\(window='x'\): params.window"),
    (lambda b: b.sma(None), r"sma\(window=None\)"),
    (lambda b: b.price("bogus"), r"price\('bogus'\): field"),
    (lambda b: b.const("ten"), "must be a number"),
    (lambda b: b.sma(5) > "abc", "cannot use 'abc'"),
    (lambda b: b.close() * [2], "cannot use"),
    (lambda b: (b.rsi(2) < 10) & 5, "cannot combine a rule with 5"),
    (lambda b: (b.rsi(2) < 10) | "x", "cannot combine a rule"),
])
def test_rule_builders_with_bad_arguments(build, match):
    """Builders raised pydantic's ValidationError ('valid dictionary or object') for a wrong argument."""
    from foa.spec import builders

    with pytest.raises(SpecError, match=match):
        build(builders)


def test_rule_builders_accept_numpy_numbers():
    from foa.spec import builders as b

    assert (b.sma(5) > np.int64(3)).right.value == 3.0 and b.const(np.float32(2.5)).value == 2.5


def test_heatmap_with_unknown_axes(sma, px):
    res = foa.sweep(sma, px, grid={"fast.window": [5, 10], "slow.window": [100, 200]}, progress=False)
    with pytest.raises(SpecError):
        res.heatmap("x", "y")


def test_heatmap_with_the_same_axis_twice(sma, px):
    res = foa.sweep(sma, px, grid={"fast.window": [5, 10], "slow.window": [100, 200]}, progress=False)
    with pytest.raises(SpecError):
        res.heatmap("fast.window", "fast.window")


# ---------------------------------------------------------------- workspace


def test_workspace_path_is_a_directory(tmp_path):
    with pytest.raises(WorkspaceError, match="is a directory"):
        foa.Workspace(tmp_path).summary()


def test_workspace_text_file_named_duckdb(tmp_path):
    p = tmp_path / "ws.duckdb"
    p.write_text("hello, I am text")
    with pytest.raises(WorkspaceError, match="not a DuckDB workspace"):
        foa.Workspace(p).summary()
    assert p.read_text() == "hello, I am text"  # nothing overwritten


def test_workspace_truncated_file(tmp_path):
    good = tmp_path / "good.duckdb"
    foa.Workspace(good).summary()
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(good.read_bytes()[:5000])
    with pytest.raises(WorkspaceError, match="is damaged") as e:
        foa.Workspace(bad).summary()
    assert "backup" in str(e.value)


def test_workspace_under_a_file(tmp_path):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(WorkspaceError, match="writable location"):
        foa.Workspace(tmp_path / "afile" / "ws.duckdb").summary()


def test_workspace_in_an_unwritable_place():
    with pytest.raises(WorkspaceError, match="writable location"):
        foa.Workspace("/proc/foa-qa.duckdb").summary()


# ---------------------------------------------------------------- price import

OK_CSV = "Date,Open,High,Low,Close,Volume\n2020-01-02,1,2,0.5,1.5,100\n2020-01-03,1.5,2,1,1.8,100\n"


def _import(ws, tmp_path, name, content, **kw):
    p = tmp_path / name
    p.write_bytes(content if isinstance(content, bytes) else content.encode())
    return ws.prices.import_file(p, **kw)


def test_import_semicolon_csv(ws, tmp_path):
    _import(ws, tmp_path, "semi.csv", OK_CSV.replace(",", ";"))
    assert ws.prices.ohlcv("SEMI")["Close"].tolist() == [1.5, 1.8]


def test_import_european_decimals(ws, tmp_path):
    text = "Date;Open;High;Low;Close;Volume\n2020-01-02;1,0;2,0;0,5;1,75;100\n2020-01-03;1,5;2,0;1,0;1,8;100\n"
    _import(ws, tmp_path, "euro.csv", text)
    assert ws.prices.ohlcv("EURO")["Close"].tolist() == [1.75, 1.8]


def test_import_european_thousands(ws, tmp_path):
    text = "Date;Close\n2020-01-02;1.234,5\n2020-01-03;1.240,25\n"
    _import(ws, tmp_path, "eurk.csv", text)
    assert ws.prices.ohlcv("EURK")["Close"].tolist() == [1234.5, 1240.25]


def test_import_european_dotted_dates_are_day_first(ws, tmp_path):
    _import(ws, tmp_path, "eud.csv", "Date;Close\n02.01.2020;1,5\n03.01.2020;1,8\n")
    got = ws.prices.ohlcv("EUD")
    assert [d.strftime("%Y-%m-%d") for d in got.index] == ["2020-01-02", "2020-01-03"]  # not 1 Feb / 1 Mar
    assert got["Close"].tolist() == [1.5, 1.8]


def test_import_tab_separated_file_named_csv(ws, tmp_path):
    _import(ws, tmp_path, "tabs.csv", "Date\tClose\n2020-01-02\t1\n2020-01-03\t2\n")
    assert ws.prices.ohlcv("TABS")["Close"].tolist() == [1.0, 2.0]


@pytest.mark.parametrize("rows, want", [("10/01/2020,1\n13/01/2020,2", ["2020-01-10", "2020-01-13"]),
                                        ("01/10/2020,1\n01/13/2020,2", ["2020-01-10", "2020-01-13"])])
def test_import_slash_dates_one_order_per_file(ws, tmp_path, rows, want):
    """pandas' 'mixed' parsing read 10/01 month-first and 13/01 day-first in the same file."""
    _import(ws, tmp_path, "sl.csv", f"Date,Close\n{rows}\n")
    assert [d.strftime("%Y-%m-%d") for d in ws.prices.ohlcv("SL").index] == want


@pytest.mark.parametrize("rows, match", [("02/01/2020,1\n03/01/2020,2", "could be day-first or month-first"),
                                         ("13/01/2020,1\n01/14/2020,2", "month-first but other rows are day-first")])
def test_import_ambiguous_or_inconsistent_dates_refused(ws, tmp_path, rows, match):
    with pytest.raises(DataError, match=match) as e:
        _import(ws, tmp_path, "amb.csv", f"Date,Close\n{rows}\n")
    assert "ISO dates" in str(e.value)
    assert ws.prices.symbols().empty


def test_import_bom(ws, tmp_path):
    _import(ws, tmp_path, "bom.csv", b"\xef\xbb\xbf" + OK_CSV.encode())
    assert ws.prices.ohlcv("BOM")["Close"].tolist() == [1.5, 1.8]


@pytest.mark.parametrize("content, match", [("", "cannot be read as CSV"),
                                            ("Date,Open,High,Low,Close,Volume\n", "no rows"),
                                            (b"PK\x03\x04" + os.urandom(200), "spreadsheet workbook"),
                                            ("Date,Close\n2020-01-02,inf\n2020-01-03,1\n", "not finite")])
def test_import_bad_files_store_nothing(ws, tmp_path, content, match):
    with pytest.raises(DataError, match=match):
        _import(ws, tmp_path, "bad.csv", content)
    assert ws.prices.symbols().empty
    with ws.read() as con:
        assert con.execute("select count(*) from audit").fetchone()[0] == 0


def test_import_xlsx_suffix(ws, tmp_path):
    with pytest.raises(DataError, match="Save the sheet as CSV"):
        _import(ws, tmp_path, "prices.xlsx", b"PK\x03\x04junk")


def test_import_a_directory(ws, tmp_path):
    with pytest.raises(DataError, match="is a directory"):
        ws.prices.import_file(tmp_path)


@pytest.mark.parametrize("kw, match", [({"symbol": ["A", "B"]}, "one non-empty ticker"),
                                       ({"symbol": 123}, "one non-empty ticker")])
def test_import_symbol_that_is_not_one_ticker(ws, tmp_path, kw, match):
    """A list was stored as the one symbol "['A', 'B']"."""
    with pytest.raises(DataError, match=match):
        _import(ws, tmp_path, "a.csv", OK_CSV, **kw)
    assert ws.prices.symbols().empty


def test_import_path_none(ws):
    with pytest.raises(DataError, match="needs the path"):
        ws.prices.import_file(None)


def test_fetch_symbols_none(ws):
    with pytest.raises(DataError, match="symbols must be a str or a list"):
        ws.prices.fetch(None, progress=False)


def test_workspace_path_of_the_wrong_type():
    with pytest.raises(WorkspaceError, match="str or pathlib.Path"):
        foa.Workspace(123)


@pytest.mark.parametrize("limit", [-1, "x"])
def test_audit_log_bad_limit(ws, limit):
    with pytest.raises(WorkspaceError, match="whole number"):
        ws.audit_log(limit=limit)


def test_load_documents_glob_matching_nothing(tmp_path):
    with pytest.raises(DocumentError, match="no file matches"):
        foa.load_documents(str(tmp_path / "notes" / "*.pdf"))


def test_extract_strategies_given_one_glob_string(tmp_path):
    """A str was iterated character by character: 'notes/*.md' gave one junk item per letter."""
    (tmp_path / "a.md").write_text("Buy SPY when the 50-day SMA crosses above the 200-day SMA; sell on the cross below.")
    (tmp_path / "b.md").write_text("Markets were choppy; we stay cautious.")
    res = foa.extract_strategies(str(tmp_path / "*.md"), provider="offline", progress=False)
    assert len(res) == 2
    assert [it.spec is not None for it in res] == [True, False]
    with pytest.raises(DocumentError, match="no file matches"):
        foa.extract_strategies(str(tmp_path / "*.pdf"), provider="offline", progress=False)


def test_extract_strategies_given_one_text():
    res = foa.extract_strategies("Buy SPY when RSI(14) < 30, sell when RSI(14) > 70.", provider="offline",
                                 progress=False)
    assert len(res) == 1 and res[0].spec is not None


# ---------------------------------------------------------------- report


def test_report_missing_notebook(tmp_path):
    from foa.report import execute_notebook

    with pytest.raises(DocumentError, match="does not exist"):
        execute_notebook(tmp_path / "missing.ipynb")


@pytest.mark.parametrize("content", ['{"hello": 1}', "{{{ not json"])
def test_report_not_a_notebook(tmp_path, content):
    from foa.report import execute_notebook

    p = tmp_path / "x.ipynb"
    p.write_text(content)
    with pytest.raises(DocumentError, match="not a readable Jupyter notebook"):
        execute_notebook(p)


def test_report_cell_raising_names_the_cell_and_writes_nothing(tmp_path):
    import nbformat

    from foa.report import execute_notebook

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("ratio = x / 0")]
    nbformat.write(nb, tmp_path / "r.ipynb")
    out = tmp_path / "r.html"
    with pytest.raises(FoaError) as e:
        execute_notebook(tmp_path / "r.ipynb", out_html=out)
    # named by its own first line: an execution count would count foa's hidden setup cell too
    assert "the cell starting 'ratio = x / 0' raised ZeroDivisionError" in str(e.value)
    assert "run it top to bottom" in str(e.value)
    assert not out.exists()


# ---------------------------------------------------------------- widgets logic


@pytest.mark.parametrize("text", ["", "abc", "10:5:1", "1:10:0", "1:2", "x, y"])
def test_widgets_parse_grid_garbage(text):
    from foa.widgets.logic import parse_grid

    with pytest.raises(SpecError, match="start:stop:step"):
        parse_grid(text)


@pytest.mark.parametrize("typed, want", [("SPY", ["SPY"]), ("SPY, QQQ", ["SPY", "QQQ"]), ("^GSPC;^IXIC", ["^GSPC", "^IXIC"])])
def test_widgets_symbols_typed_as_one_string(sma, typed, want):
    """A str is what a text box gives: it is tickers, not a list of letters."""
    from foa.widgets.logic import prepare_spec

    assert prepare_spec(sma, typed).universe.symbols == want


@pytest.mark.parametrize("fees", ["abc", -1, 5])
def test_widgets_bad_fees(sma, fees):
    from foa.widgets.logic import prepare_spec

    with pytest.raises(SpecError, match="Fees and slippage are fractions"):
        prepare_spec(sma, fees=fees)


def test_widgets_backtest_dates_reversed(sma):
    from foa.widgets.logic import run_backtest

    with pytest.raises(DataError, match="not before end"):
        run_backtest(sma, ["^GSPC"], source="bundled", start="2010-01-01", end="2005-01-01")


def test_widgets_document_from_upload_binary():
    from foa.widgets.logic import document_from_upload

    with pytest.raises(DocumentError):
        document_from_upload("note.txt", b"\x00\x01\x02" * 100)


def test_widgets_error_html_escapes_the_message():
    from foa.widgets.logic import error_html

    html = error_html(DataError("<script>alert(1)</script> bad"))
    assert "<script>" not in html and "&lt;script&gt;" in html


# ---------------------------------------------------------------- CLI in-process


@pytest.mark.parametrize("argv, code, needle", [
    (["backtest", "missing.json"], 1, "no such spec file"),
    (["sweep", "sma_crossover", "--grid", "nonsense"], 1, "KEY=START:STOP:STEP"),
    (["sweep", "sma_crossover", "--grid", "fast.window=a,b"], 1, "values must be numbers"),
    (["extract", "/dev/null"], 2, "not a regular file"),
    (["data", "show", "NOPE"], 1, "unknown symbol"),
    (["report", "missing.ipynb"], 2, "does not exist"),
    (["eval", "missing.jsonl"], 2, "cannot read the corpus"),
    (["eval", "empty.jsonl"], 2, "holds no cases"),
    (["eval", "binary.jsonl"], 2, "not UTF-8 text"),
    (["data", "import", "."], 1, "is a directory"),
    (["sweep", "sma_crossover", "--grid", "fast.window=50:5:5"], 1, "gives no values"),
    (["data", "show", "^GSPC", "--field", "bogus"], 1, "unknown price field"),
    (["sweep", "sma_crossover", "--grid", "fast.nope=5,10"], 1, "nope"),
    (["backtest", "sma_crossover", "--html", "/proc/nope/x.html"], 1, "writable"),
])
def test_cli_bad_arguments(argv, code, needle, tmp_path, capsys, monkeypatch):
    from foa.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FOA_WORKSPACE", str(tmp_path / "ws.duckdb"))
    (tmp_path / "empty.jsonl").write_text("\n\n")
    (tmp_path / "binary.jsonl").write_bytes(b"\x94\xff\x00" * 50)
    assert main(argv) == code
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err


def test_cli_spec_with_syntax_error(tmp_path, capsys):
    from foa.cli import main

    p = tmp_path / "spec.json"
    p.write_text('{"name": "x",,}')
    assert main(["backtest", str(p), "--workspace", str(tmp_path / "ws.duckdb")]) == 1
    assert "Invalid JSON" in capsys.readouterr().err


@pytest.mark.parametrize("name, text", [
    ("note.md", "Buy SPY when RSI(2) is below 10; sell when it rises above 70."),
    ("note", "Buy SPY when RSI(2) is below 10."),
])
def test_cli_backtest_of_a_document_says_extract_first(tmp_path, capsys, name, text):
    from foa.cli import main

    p = tmp_path / name
    p.write_text(text)
    assert main(["backtest", str(p), "--workspace", str(tmp_path / "ws.duckdb")]) == 1
    err = capsys.readouterr().err
    assert "is a document, not a StrategySpec" in err and "foa extract" in err and "Traceback" not in err
    assert not (tmp_path / "ws.duckdb").exists() or foa.Workspace(tmp_path / "ws.duckdb").prices.symbols().empty


def test_cli_backtest_reads_a_spec_saved_with_a_bom(tmp_path, capsys):
    from foa.cli import main

    p = tmp_path / "spec"
    p.write_bytes(b"\xef\xbb\xbf" + b'{"name": "x",,}')
    assert main(["backtest", str(p), "--workspace", str(tmp_path / "ws.duckdb")]) == 1
    assert "Invalid JSON" in capsys.readouterr().err  # read as a spec (and refused as one), not as a document


def test_cli_import_bad_csv_stores_nothing(tmp_path, capsys):
    from foa.cli import main

    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Close\n2020-01-02,1\n2020-01-03,-4\n")
    ws = tmp_path / "ws.duckdb"
    assert main(["data", "import", str(bad), "--workspace", str(ws)]) == 1
    assert "not positive" in capsys.readouterr().err
    assert foa.Workspace(ws).prices.symbols().empty


def test_any_foa_error_is_catchable_as_one_family():
    assert all(issubclass(c, FoaError) for c in (DataError, DocumentError, ExtractionError, SpecError, WorkspaceError))
