"""Every ```python block in docs/*.md runs: each page's blocks in order, in one namespace, in a temp dir.

A block fenced as ```python no-run is skipped; keep that for what cannot run here (a cloud account's
credentials). Pages about Claude run against a stand-in API on 127.0.0.1 (tests/fake_anthropic.py),
reached the way a reader's code reaches Claude: ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL. The temp dir holds the bundled sample documents under their file names (broker_note.pdf,
rsi_research_note.md, ...; the same in notes/), so an example may open them as a reader opens their own file. Pages are our
own files: executing them is what a reader would do by pasting them.
"""

from __future__ import annotations

import contextlib
import re
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/fake_anthropic.py
FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
PAGES = sorted(p.name for p in DOCS.glob("*.md"))
# pages whose examples call Claude (with a key set, provider="auto" means Claude)
CLAUDE_PAGES = {"extraction.md"}


def python_blocks(text: str) -> list[tuple[int, str]]:
    """(line number, code) of each ```python block that should run."""
    out = []
    for m in FENCE.finditer(text):
        info = m.group(1).strip().split()
        if info[:1] == ["python"] and "no-run" not in info[1:]:
            out.append((text.count("\n", 0, m.start()) + 1, m.group(2)))
    return out


def _sample_files(folder: Path) -> None:
    """The bundled sample documents under their file names (broker_note.pdf, ...), also in notes/: the
    files a page's example opens, standing in for the reader's own."""
    import shutil

    from foa.samples import sample_documents, sample_path

    (folder / "notes").mkdir()  # "a folder of your notes" in batch-loading examples
    for name in sample_documents():
        shutil.copy(sample_path(name), folder / sample_path(name).name)
        shutil.copy(sample_path(name), folder / "notes" / sample_path(name).name)


def test_fence_parser() -> None:
    text = "x\n```python\na = 1\n```\n```python no-run\nb = 2\n```\n```bash\nls\n```\n```python\nc = a\n```\n"
    assert [code for _, code in python_blocks(text)] == ["a = 1\n", "c = a\n"]


def _pages_with_code() -> list[str]:
    return [p for p in PAGES if python_blocks((DOCS / p).read_text(encoding="utf-8"))]


@pytest.mark.parametrize("page", _pages_with_code())
def test_page_examples_run(page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = python_blocks((DOCS / page).read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FOA_WORKSPACE", str(tmp_path / "docs.duckdb"))
    _sample_files(tmp_path)
    with contextlib.ExitStack() as stack:
        if page in CLAUDE_PAGES:
            import fake_anthropic

            server = stack.enter_context(fake_anthropic.fake_anthropic())
            monkeypatch.setenv("ANTHROPIC_API_KEY", fake_anthropic.FAKE_KEY)
            monkeypatch.setenv("ANTHROPIC_BASE_URL", server.url)
        _run_blocks(page, blocks)
        if page in CLAUDE_PAGES:
            assert server.requests, f"{page} says it calls Claude but sent no request"


def _run_blocks(page: str, blocks: list[tuple[int, str]]) -> None:
    namespace: dict[str, object] = {"__name__": f"docs_{page[:-3].replace('-', '_')}"}
    for line, code in blocks:
        try:
            exec(compile(code, f"docs/{page}:{line}", "exec"), namespace)  # our own documentation's examples
        except Exception as err:
            pytest.fail(f"docs/{page}, block at line {line} raised {type(err).__name__}: {err}")


def test_index_links_every_page() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([^)#]+\.md)\)", index))
    missing_links = sorted(set(PAGES) - {"index.md"} - linked)
    assert not missing_links, f"docs/index.md does not link {missing_links}"
    broken = sorted(p for p in linked if not (DOCS / p).exists())
    assert not broken, f"docs/index.md links pages that do not exist: {broken}"
