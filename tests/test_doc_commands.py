"""Every ``foa ...`` command line in README.md and docs/*.md (shell blocks: fenced or indented) runs as
written, offline, against a temp workspace; the few that need a network or an API key are listed in SKIP
with the reason.

Commands run in their page's order (``foa data import --bundled`` before ``foa data show ^GSPC``) in a
directory holding the files the pages name, as a reader's own: the sample documents (broker_note.pdf,
note.md = the markdown research note, my_note.pdf = the broker note), prices.csv, corpus.jsonl and
../shared/eval/dev.jsonl (two entries of the team's dev corpus), the repository's notebooks/ and tests/
(read only: the corpus files a page names).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
SHELL = {"", "bash", "sh", "shell", "console"}

# command line (as written, comment stripped) -> why it does not run here
SKIP = {
    "foa data fetch SPY QQQ --start 2015-01-01": "downloads from Yahoo Finance: needs a network",
    "foa extract note.md --model claude-opus-4-6 --workspace research.duckdb": "calls Claude: needs ANTHROPIC_API_KEY",
}


def command_lines(text: str) -> list[str]:
    """``foa ...`` lines from fenced shell blocks and 4-space indented blocks, comments stripped."""
    lines = []
    for m in FENCE.finditer(text):
        if m.group(1).strip().split()[:1] in ([], *[[s] for s in SHELL if s]):
            lines += m.group(2).splitlines()
    body = FENCE.sub("", text)
    lines += [ln[4:] for ln in body.splitlines() if ln.startswith("    ") and not ln.startswith("     ")]
    out = []
    for ln in lines:
        ln = ln.strip().removeprefix("$ ")
        if ln.startswith("foa "):
            out.append(re.split(r"\s+#\s", ln, maxsplit=1)[0].strip())
    return out


def _commands() -> list[tuple[str, list[str]]]:
    return [(p.name, command_lines(p.read_text(encoding="utf-8"))) for p in PAGES]


def test_command_parser() -> None:
    text = "x\n```bash\nfoa data list   # what is stored\nmake test\n```\n\n    foa extract a.pdf --json\n```python\nfoa = 1\n```\n"
    assert command_lines(text) == ["foa data list", "foa extract a.pdf --json"]


def test_skip_list_names_commands_that_exist() -> None:
    every = {c for _, cmds in _commands() for c in cmds}
    assert every, "no foa command lines found in README.md or docs/"
    assert set(SKIP) <= every, f"SKIP names commands no page has any more: {set(SKIP) - every}"


def _setup(tmp: Path) -> tuple[Path, dict[str, str]]:
    from foa.samples import sample_documents, sample_path

    cwd = tmp / "work"
    cwd.mkdir()
    for name in sample_documents():
        shutil.copy(sample_path(name), cwd / sample_path(name).name)
    shutil.copy(sample_path("rsi_research_note"), cwd / "note.md")
    shutil.copy(sample_path("broker_note"), cwd / "my_note.pdf")
    (cwd / "prices.csv").write_text("date,open,high,low,close,adj close,volume\n2020-01-02,10,10.6,9.8,10.4,10.3,1000\n"
                                    "2020-01-03,10.5,11,10,10.8,10.7,1200\n")
    shutil.copytree(ROOT / "notebooks", cwd / "notebooks", ignore=shutil.ignore_patterns("*.py", ".ipynb_checkpoints"))
    (cwd / "tests").symlink_to(ROOT / "tests", target_is_directory=True)  # pages that name the repo's corpus files
    dev = ROOT.parent / "shared" / "eval" / "dev.jsonl"
    corpus = "".join(dev.read_text(encoding="utf-8").splitlines(keepends=True)[:2]) if dev.exists() else ""
    (tmp / "shared" / "eval").mkdir(parents=True)
    (tmp / "shared" / "eval" / "dev.jsonl").write_text(corpus)
    (cwd / "corpus.jsonl").write_text(corpus)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANTHROPIC_")}
    env.update(FOA_WORKSPACE=str(tmp / "ws.duckdb"), PYTHONPATH=str(ROOT), HTTPS_PROXY="http://127.0.0.1:9",
               HTTP_PROXY="http://127.0.0.1:9", NO_PROXY="", CI=os.environ.get("CI", ""))
    return cwd, env


@pytest.mark.slow
@pytest.mark.parametrize("page", [name for name, cmds in _commands() if cmds])
def test_page_commands_run(page: str, tmp_path: Path) -> None:
    cmds = dict(_commands())[page]
    cwd, env = _setup(tmp_path)
    if not (tmp_path / "shared" / "eval" / "dev.jsonl").read_text() and any(" eval " in f" {c} " for c in cmds):
        pytest.skip("../shared/eval/dev.jsonl is not present: the eval commands have no corpus")
    ran = 0
    for cmd in cmds:
        if cmd in SKIP:
            continue
        argv = [sys.executable, "-m", "foa.cli", *shlex.split(cmd)[1:]]
        proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, f"{page}: `{cmd}` exited {proc.returncode}\n{proc.stdout[-1500:]}\n{proc.stderr[-1500:]}"
        assert "Traceback" not in proc.stderr, f"{page}: `{cmd}`\n{proc.stderr[-1500:]}"
        ran += 1
    assert ran or all(c in SKIP for c in cmds)
