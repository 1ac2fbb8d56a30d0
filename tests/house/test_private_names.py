"""No private name crosses a file in foa/: a helper another module needs is public in the module whose job
it is. A private module (``engine/_nb.py``) may be used by its own package only; ``foa._version`` is the one
private module every part reads."""

from __future__ import annotations

import ast
from pathlib import Path

FOA = Path(__file__).resolve().parents[2] / "foa"
SHARED_PRIVATE_MODULES = {"foa._version"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(FOA.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _is_module(dotted: str) -> bool:
    rel = Path(*dotted.split("."))
    return (FOA.parent / rel).with_suffix(".py").is_file() or (FOA.parent / rel / "__init__.py").is_file()


def _package(dotted: str) -> str:
    return dotted.rpartition(".")[0]


def _violations(path: Path) -> list[str]:
    me = _module_name(path)
    my_package = me if path.name == "__init__.py" else _package(me)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    foa_modules: set[str] = set()  # local names bound to foa modules

    def check_module(dotted: str, line: int) -> None:
        parts = dotted.split(".")
        for i, part in enumerate(parts):
            if _is_private(part):
                owner = ".".join(parts[: i + 1])
                if owner in SHARED_PRIVATE_MODULES:
                    continue
                if not (my_package == _package(owner) or my_package.startswith(_package(owner) + ".")):
                    found.append(f"{path.relative_to(FOA.parent)}:{line} imports private module {owner}")

    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "foa":
            check_module(node.module, node.lineno)
            for alias in node.names:
                target = f"{node.module}.{alias.name}"
                if _is_module(target):
                    check_module(target, node.lineno)
                    foa_modules.add(alias.asname or alias.name)
                elif _is_private(alias.name) and node.module != me:
                    found.append(f"{path.relative_to(FOA.parent)}:{node.lineno} imports {alias.name} from {node.module}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "foa":
                    check_module(alias.name, node.lineno)
                    if alias.asname:
                        foa_modules.add(alias.asname)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in foa_modules
                and _is_private(node.attr)):
            found.append(f"{path.relative_to(FOA.parent)}:{node.lineno} uses {node.value.id}.{node.attr}")
    return found


def test_no_private_name_crosses_a_file():
    found = [v for path in sorted(FOA.rglob("*.py")) for v in _violations(path)]
    assert found == []


def test_the_scan_catches_each_kind_of_crossing(tmp_path, monkeypatch):
    # the scanner itself must be able to fail: three crossings written for it
    pkg = tmp_path / "foa"
    (pkg / "a").mkdir(parents=True)
    (pkg / "b").mkdir()
    for d in (pkg, pkg / "a", pkg / "b"):
        (d / "__init__.py").write_text("")
    (pkg / "a" / "_inner.py").write_text("x = 1\n")
    (pkg / "a" / "helpers.py").write_text("def _hidden():\n    return 1\n")
    (pkg / "b" / "user.py").write_text(
        "from foa.a.helpers import _hidden\n"
        "from foa.a import _inner\n"
        "from foa.a import helpers\n"
        "helpers._hidden()\n"
    )
    (pkg / "a" / "sibling.py").write_text("from foa.a import _inner\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["FOA"]), "FOA", pkg)
    bad = _violations(pkg / "b" / "user.py")
    assert len(bad) == 3, bad
    assert _violations(pkg / "a" / "sibling.py") == []
