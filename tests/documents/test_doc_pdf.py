"""PDF loading on real files written by PyMuPDF: text, metadata, markdown mode and every bad-input case."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import tracemalloc

import pytest

import foa
from foa.documents.pdf import _pdf_date, quiet
from foa.errors import DocumentError

from .conftest import PARA, write_pdf


def test_text_pdf_pages_and_metadata(make_pdf):
    path = make_pdf()
    doc = foa.load_document(path)
    assert doc.mime == "application/pdf" and doc.name == "note.pdf"
    assert [p.number for p in doc.pages] == [1, 2]
    assert doc.page(1).text.startswith("Page one: buy SPY.")
    assert "Page two: sell SPY." in doc.page(2).text and "Page one" not in doc.page(2).text
    assert doc.page(1).markdown is None
    assert doc.metadata["title"] == "Test note" and doc.metadata["author"] == "Tester"
    assert doc.metadata["created"] == "2024-01-02T03:04:05Z"
    assert doc.metadata["page_count"] == 2 and doc.metadata["source"] == str(path.resolve())
    assert "[page 2]\nPage two" in doc.text
    # the id is the content hash, whichever way the bytes arrive
    assert foa.load_document(path.read_bytes(), name="x.pdf").id == doc.id


def test_pages_without_text_are_listed(tmp_path):
    path = write_pdf(tmp_path / "gap.pdf", ["Buy SPY.", "", "Sell SPY."])
    doc = foa.load_document(path)
    assert doc.metadata["pages_without_text"] == [2]
    assert doc.page(3).text.strip() == "Sell SPY."


def test_random_bytes_named_pdf(tmp_path):
    path = tmp_path / "random.pdf"
    path.write_bytes(os.urandom(4096))
    with pytest.raises(DocumentError, match=r"random\.pdf is not a PDF.*export it as PDF") as info:
        foa.load_document(path)
    assert info.value.__cause__ is not None  # PyMuPDF's error stays attached


def test_truncated_small_pdf(make_pdf, tmp_path):
    data = make_pdf().read_bytes()
    path = tmp_path / "half.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DocumentError, match=r"half\.pdf .*(cut short|truncated).*again"):
        foa.load_document(path)


def test_truncated_pdf_that_mupdf_can_repair_is_still_refused(tmp_path):
    # A larger compressed file cut in half: MuPDF repairs it and would silently return about half the text.
    full = write_pdf(tmp_path / "full.pdf", [f"Section {i}. " + PARA * 5 for i in range(80)], garbage=3, deflate=True)
    data = full.read_bytes()
    path = tmp_path / "half_big.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DocumentError, match=r"half_big\.pdf .*(cut short|truncated).*again"):
        foa.load_document(path)


def test_password_protected_pdf(tmp_path):
    import pymupdf

    plain = write_pdf(tmp_path / "plain.pdf", ["Confidential: buy SPY on the golden cross."])
    src = pymupdf.open(plain)
    path = tmp_path / "locked.pdf"
    src.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="s3cret", owner_pw="owner")
    src.close()
    with pytest.raises(DocumentError, match=r"locked\.pdf is password-protected.*password="):
        foa.load_document(path)
    with pytest.raises(DocumentError, match="password given does not open it"):
        foa.load_document(path, password="wrong")
    doc = foa.load_document(path, password="s3cret")
    assert "buy SPY on the golden cross" in doc.page(1).text


def test_image_only_pdf_needs_ocr(image_only_pdf):
    with pytest.raises(DocumentError, match=r"scan\.pdf: none of its 1 page\(s\) has a text layer.*OCR"):
        foa.load_document(image_only_pdf)


def test_500_page_pdf_loads_with_bounded_memory(tmp_path):
    import psutil

    path = write_pdf(tmp_path / "long.pdf", [f"Page {i}. " + PARA * 6 for i in range(500)])
    foa.load_document(write_pdf(tmp_path / "warm.pdf", ["warm up the libraries"]))
    gc.collect()
    rss0 = psutil.Process().memory_info().rss
    tracemalloc.start()
    try:
        doc = foa.load_document(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    growth = psutil.Process().memory_info().rss - rss0
    assert len(doc.pages) == 500 and doc.page(500).text.startswith("Page 499.")
    text_bytes = sum(len(p.text) for p in doc.pages)
    # Python-side memory is the extracted text plus a small constant: pages are not kept alive.
    assert peak < 4 * text_bytes + 4_000_000, (peak, text_bytes)
    # and the process does not grow by anything like 500 rendered pages (~6 MB each at 150 dpi)
    assert growth < 150_000_000, growth


def test_markdown_mode_tables_and_same_text(make_pdf, capfd):
    path = make_pdf(table=True)
    text_doc = foa.load_document(path)
    md_doc = foa.load_document(path, mode="markdown", progress=False)
    assert [p.text for p in md_doc.pages] == [p.text for p in text_doc.pages]
    assert md_doc.id == text_doc.id and md_doc.metadata["mode"] == "markdown"
    md = md_doc.page(1).markdown
    assert md is not None
    cells = md.replace("**", "")  # header cells may be bold
    assert "|Fast SMA|50 days|" in cells and "|Stop loss|8%|" in cells and "|---|---|" in cells
    out, err = capfd.readouterr()
    assert out == "" and err == ""  # pymupdf4llm's prints never reach the notebook


def test_markdown_failure_becomes_document_error(make_pdf, monkeypatch):
    import pymupdf4llm

    def boom(*args, **kwargs):
        raise IndexError("layout exploded")

    monkeypatch.setattr(pymupdf4llm, "to_markdown", boom)
    with pytest.raises(DocumentError, match=r"markdown conversion failed on page 1.*mode='text'") as info:
        foa.load_document(make_pdf(), mode="markdown", progress=False)
    assert isinstance(info.value.__cause__, IndexError)


def test_quiet_swallows_python_and_fd_level_output(capfd):
    with quiet():
        print("Successfully imported LlamaIndex")
        os.write(1, b"C-level stdout\n")
        os.write(2, b"C-level stderr\n")
        sys.stderr.write("python stderr\n")
    print("after")
    out, err = capfd.readouterr()
    assert out == "after\n" and err == ""


@pytest.mark.parametrize(
    ("raw", "iso"),
    [("D:20240314090000Z", "2024-03-14T09:00:00Z"), ("D:20230102101112+01'00'", "2023-01-02T10:11:12+01:00"),
     ("D:2021", "2021-01-01"), ("", None), (None, None)],
)
def test_pdf_dates(raw, iso):
    assert _pdf_date(raw) == iso


def test_importing_foa_documents_stays_light():
    code = (
        "import sys, foa, foa.documents, foa.documents.load, foa.documents.pdf, foa.documents.store, "
        "foa.documents.chunking, foa.samples.documents\n"
        "heavy = ['pymupdf', 'fitz', 'pymupdf4llm', 'llama_index', 'duckdb', 'tqdm', 'onnxruntime']\n"
        "print([m for m in heavy if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
