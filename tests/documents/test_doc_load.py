"""load_document sources and bad input, load_documents batches."""

from __future__ import annotations

import io

import pytest

import foa
from foa.documents.load import LoadResult
from foa.errors import DocumentError


def test_sources_path_str_bytes_fileobj_memoryview_and_upload_agree(tmp_path):
    path = tmp_path / "rule.md"
    path.write_text("# Rule\n\nBuy ^GSPC above its 10-month SMA.", encoding="utf-8")
    data = path.read_bytes()
    docs = [
        foa.load_document(path),
        foa.load_document(str(path)),
        foa.load_document(data, name="rule.md"),
        foa.load_document(io.BytesIO(data), name="rule.md"),
        foa.load_document(memoryview(data), name="rule.md"),
        # what ipywidgets.FileUpload (8.x) puts in .value
        foa.load_document({"name": "rule.md", "type": "text/markdown", "size": len(data), "content": memoryview(data)}),
    ]
    assert {d.id for d in docs} == {docs[0].id}
    assert {d.name for d in docs} == {"rule.md"}
    assert {d.mime for d in docs} == {"text/markdown"}
    assert docs[0].metadata["source"] == str(path.resolve())
    assert docs[2].metadata["source"] is None


def test_named_file_object_gives_its_name(tmp_path):
    path = tmp_path / "post.txt"
    path.write_text("Buy on RSI(2) below 10.")
    with open(path, "rb") as f:
        assert foa.load_document(f).name == "post.txt"


def test_unnamed_bytes_are_sniffed(make_pdf):
    pdf = make_pdf().read_bytes()
    assert foa.load_document(pdf).mime == "application/pdf"
    assert foa.load_document(b"<!DOCTYPE html><p>Buy SPY</p>").mime == "text/html"
    assert foa.load_document(b"plain words").mime == "text/plain"


def test_text_mode_file_object_is_refused(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x")
    with open(path) as f, pytest.raises(DocumentError, match="'rb'"):
        foa.load_document(f)


def test_string_of_text_points_to_from_text():
    with pytest.raises(DocumentError, match="Document.from_text"):
        foa.load_document("Buy SPY when the 50-day SMA crosses above the 200-day.\nSell on the cross below.")


def test_missing_path(tmp_path):
    with pytest.raises(DocumentError, match=r"nope\.pdf: no such file.*Check the path"):
        foa.load_document(tmp_path / "nope.pdf")


def test_directory(tmp_path):
    with pytest.raises(DocumentError, match="is a directory.*load_documents"):
        foa.load_document(tmp_path)


def test_zero_byte_file(tmp_path):
    path = tmp_path / "empty.pdf"
    path.touch()
    with pytest.raises(DocumentError, match=r"empty\.pdf is empty \(0 bytes\)"):
        foa.load_document(path)


def test_unsupported_extension_names_supported_types(tmp_path):
    path = tmp_path / "note.docx"
    path.write_bytes(b"PK\x03\x04 not really a docx")
    with pytest.raises(DocumentError, match=r"note\.docx: unsupported file type '\.docx'.*\.html.*\.md.*\.pdf.*\.txt"):
        foa.load_document(path)


def test_bad_mode_and_bad_source_type():
    with pytest.raises(DocumentError, match="mode must be one of"):
        foa.load_document(b"x", mode="ocr")  # type: ignore[arg-type]
    with pytest.raises(DocumentError, match="cannot load a int"):
        foa.load_document(42)  # type: ignore[arg-type]
    with pytest.raises(DocumentError, match="'content'"):
        foa.load_document({"name": "a.txt"})


def test_load_documents_folder_keeps_going_past_bad_files(tmp_path, make_pdf):
    make_pdf("a_note.pdf")
    (tmp_path / "b_post.txt").write_text("Buy QQQ when RSI(2) < 10.")
    (tmp_path / "c_broken.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    (tmp_path / "d_sheet.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".hidden.txt").write_text("skip me")
    result = foa.load_documents(tmp_path, progress=False)
    assert isinstance(result, LoadResult)
    assert sorted(d.name for d in result.loaded) == ["a_note.pdf", "b_post.txt"]
    assert sorted(p.rsplit("/", 1)[-1] for p in result.failed) == ["c_broken.pdf", "d_sheet.xlsx"]
    assert "damaged or cut short" in result.failed[str(tmp_path / "c_broken.pdf")]
    html = result._repr_html_()
    assert "2 loaded, 2 failed" in html and "c_broken.pdf" in html and "unsupported file type" in html
    assert len(result) == 2 and [d.name for d in result] == sorted(d.name for d in result.loaded)


def test_load_documents_glob_and_list(tmp_path, make_pdf):
    make_pdf("x.pdf")
    (tmp_path / "y.txt").write_text("text")
    assert [d.name for d in foa.load_documents(str(tmp_path / "*.pdf"), progress=False)] == ["x.pdf"]
    got = foa.load_documents([tmp_path / "y.txt", tmp_path / "missing.txt"], progress=False)
    assert [d.name for d in got.loaded] == ["y.txt"] and len(got.failed) == 1


def test_load_documents_nothing_matches(tmp_path):
    with pytest.raises(DocumentError, match="neither a folder"):
        foa.load_documents(tmp_path / "nothing-here")


def test_load_documents_shows_progress_bar(tmp_path, capsys):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"note {i}")
    foa.load_documents(tmp_path)
    assert "loading documents" in capsys.readouterr().err


PINE = """//@version=5
strategy("SMA cross", overlay=true)
fast = ta.sma(close, 20)
slow = ta.sma(close, 100)
if ta.crossover(fast, slow)
    strategy.entry("L", strategy.long)
if ta.crossunder(fast, slow)
    strategy.close("L")
"""

BACKTRADER = '''import backtrader as bt


class RsiDip(bt.Strategy):
    """Buy when the 14-day RSI falls below 25; sell when it rises above 60."""

    def __init__(self):
        self.rsi = bt.ind.RSI(self.data.close, period=14)

    def next(self):
        if not self.position and self.rsi < 25:
            self.buy()
        elif self.position and self.rsi > 60:
            self.close()
'''


@pytest.mark.parametrize("name, code", [("cross.pine", PINE), ("rsi_dip.py", BACKTRADER), ("ea.mq4", PINE),
                                        ("system.el", PINE), ("study.ts", PINE), ("bot.js", PINE)])
def test_strategy_code_files_load_as_text(tmp_path, name, code):
    path = tmp_path / name
    path.write_text(code)
    doc = foa.load_document(path)
    assert doc.mime == "text/plain" and len(doc.pages) == 1
    assert doc.pages[0].text.strip() == code.strip()


def test_code_files_reach_the_offline_extractor(tmp_path):
    from foa.extract.offline import extract_offline

    (tmp_path / "cross.pine").write_text(PINE)
    (tmp_path / "rsi_dip.py").write_text(BACKTRADER)
    pine = extract_offline(foa.load_document(tmp_path / "cross.pine"))
    bt_spec = extract_offline(foa.load_document(tmp_path / "rsi_dip.py"))
    assert "sma(20)" in pine.describe() and "sma(100)" in pine.describe()
    assert "rule: sma(20) crosses_above sma(100)" in pine.describe()
    assert "rsi(14)" in bt_spec.describe() and "25" in bt_spec.describe() and "rsi(14) > 60" in bt_spec.describe()


def test_binary_renamed_as_code_is_refused(tmp_path):
    path = tmp_path / "model.py"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(DocumentError, match=r"model\.py is not a text file"):
        foa.load_document(path)


def test_unknown_name_suggests_the_public_one():
    with pytest.raises(AttributeError, match=r"no attribute 'load'; did you mean foa\.load_document or foa\.load_documents\?"):
        foa.load  # noqa: B018
    with pytest.raises(AttributeError, match=r"no attribute 'extract_spec'; did you mean foa\.extract_strategy"):
        foa.extract_spec  # noqa: B018
    with pytest.raises(AttributeError, match=r"no attribute 'zzz'$"):
        foa.zzz  # noqa: B018
    assert not hasattr(foa, "load")
