"""Scoring an extractor against a labelled corpus (the format of ``../shared/eval/dev.jsonl``).

Only fields the label states are judged (null or [] means the text is silent); a case is an exact
match when every judged field is right:

- no_strategy: a no-strategy text must give "no strategy" (None); any other text must give a spec;
- indicators: the set of names equals the label's, and each labelled ``[name, params]`` is matched by a
  spec indicator of that name whose params include the labelled ones (an ATR stop counts as ``atr``);
- constants: each labelled constant appears as a constant in the spec's conditions (or ATR multiple);
- symbols: ``universe.symbols`` equals the labelled set;
- direction, frequency, rebalance (spec or ranking), stop_loss, take_profit, top_n, top_pct: equal.

>>> score_case(None, {"no_strategy": True})["exact"]
True
"""

from __future__ import annotations

import html
import json
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from foa.errors import FoaError, NoStrategyFound

__all__ = ["FIELDS", "EvalReport", "evaluate", "load_corpus", "score_case"]

FIELDS = ("no_strategy", "direction", "indicators", "constants", "symbols", "frequency", "rebalance",
          "stop_loss", "take_profit", "top_n", "top_pct")


def _eq(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool):
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    return a == b


def _spec_indicators(spec: Any) -> list[tuple[str, dict]]:
    from foa.spec.validate import iter_indicators

    out = [(i.name, dict(i.params)) for i in iter_indicators(spec)]
    if spec.risk.atr_stop is not None:
        out.append(("atr", {"window": spec.risk.atr_stop.window}))
    return out


def _spec_constants(spec: Any) -> list[float]:
    from foa.spec.model import ConstExpr
    from foa.spec.validate import iter_exprs

    vals = [e.value for e in iter_exprs(spec) if isinstance(e, ConstExpr)]
    if spec.risk.atr_stop is not None:
        vals.append(spec.risk.atr_stop.multiple)
    return vals


def _judged(gold: dict, name: str) -> bool:
    v = gold.get(name)
    if name == "no_strategy":
        return v is not None
    return v is not None and v != []


def score_case(spec: Any, gold: dict) -> dict:
    """Per-field 'right' / 'wrong' / 'unjudged' for one spec (None = "no strategy") against one label."""
    res: dict[str, Any] = {}
    no_strat = bool(gold.get("no_strategy"))
    for f in FIELDS:
        if not _judged(gold, f):
            res[f] = "unjudged"
            continue
        if f == "no_strategy":
            res[f] = "right" if (spec is None) == no_strat else "wrong"
            continue
        if spec is None:
            res[f] = "wrong"
            continue
        g = gold[f]
        if f == "indicators":
            have = _spec_indicators(spec)
            names_ok = {n for n, _ in have} == {n for n, _ in g}
            each_ok = all(
                any(n == hn and all(k in hp and _eq(hp[k], v) for k, v in (p or {}).items()) for hn, hp in have)
                for n, p in g
            )
            ok = names_ok and each_ok
        elif f == "constants":
            consts = _spec_constants(spec)
            ok = all(any(_eq(c, x) for x in consts) for c in g)
        elif f == "symbols":
            ok = {s.upper() for s in spec.universe.symbols} == {s.upper() for s in g}
        elif f == "rebalance":
            ok = spec.rebalance == g or getattr(spec.ranking, "rebalance", None) == g
        elif f in ("stop_loss", "take_profit"):
            ok = _eq(getattr(spec.risk, f), g) if getattr(spec.risk, f) is not None else False
        elif f in ("top_n", "top_pct"):
            v = getattr(spec.ranking, f, None) if spec.ranking is not None else None
            ok = v is not None and _eq(v, g)
        else:
            ok = getattr(spec, f) == g
        res[f] = "right" if ok else "wrong"
    res["exact"] = all(res[f] != "wrong" for f in FIELDS)
    return res


@dataclass
class EvalReport:
    """Per-field accuracy, the exact-match rate and the misses of one evaluation run."""

    corpus: str
    n: int
    exact: int
    field_right: dict[str, int]
    field_judged: dict[str, int]
    cases: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def exact_rate(self) -> float:
        """Share of cases matched on every judged field (0.0 for an empty report)."""
        return self.exact / self.n if self.n else 0.0

    @property
    def accuracy(self) -> dict[str, float]:
        """Per judged field: share of cases right (fields never judged are left out)."""
        return {f: self.field_right[f] / self.field_judged[f] for f in FIELDS if self.field_judged.get(f)}

    @property
    def misses(self) -> list[dict]:
        """Cases that are not exact matches: id, the wrong fields, and the error if extraction failed."""
        return [c for c in self.cases if not c["score"]["exact"]]

    @property
    def refused_right(self) -> tuple[int, int]:
        """(no-strategy texts refused, no-strategy texts)."""
        ns = [c for c in self.cases if c["gold"].get("no_strategy")]
        return sum(c["spec"] is None for c in ns), len(ns)

    def to_dict(self) -> dict:
        """JSON-ready summary (counts, per-field accuracy, misses): ``json.dumps(report.to_dict())``."""
        return {
            "corpus": self.corpus, "n": self.n, "exact": self.exact, "exact_rate": self.exact_rate,
            "accuracy": self.accuracy, "judged": {f: self.field_judged[f] for f in FIELDS},
            "no_strategy_refused": list(self.refused_right), "seconds": round(self.seconds, 3),
            "misses": [{"id": c["id"], "wrong": [f for f in FIELDS if c["score"][f] == "wrong"], "error": c.get("error")}
                       for c in self.misses],
        }

    def to_text(self) -> str:
        """The plain-text summary ``foa eval`` prints: ``print(report.to_text())``."""
        lines = [f"{self.corpus}: {self.exact}/{self.n} exact ({self.exact_rate:.1%})"]
        for f in FIELDS:
            j = self.field_judged.get(f, 0)
            if j:
                lines.append(f"  {f:<12} {self.field_right[f]:>3}/{j:<3} {self.field_right[f] / j:6.1%}")
        r, t = self.refused_right
        lines.append(f"  no-strategy texts refused: {r}/{t}")
        for c in self.misses:
            wrong = [f for f in FIELDS if c["score"][f] == "wrong"]
            lines.append(f"  miss {c['id']}: {', '.join(wrong)}" + (f" ({c['error']})" if c.get("error") else ""))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{f}</td><td>{self.field_right[f]}/{self.field_judged[f]}</td>"
            f"<td>{self.field_right[f] / self.field_judged[f]:.1%}</td></tr>"
            for f in FIELDS if self.field_judged.get(f)
        )
        misses = "".join(
            f"<li><b>{html.escape(str(c['id']))}</b>: {html.escape(', '.join(f for f in FIELDS if c['score'][f] == 'wrong'))}"
            + (f" <i>{html.escape(str(c['error']))}</i>" if c.get("error") else "") + "</li>"
            for c in self.misses
        )
        r, t = self.refused_right
        return (
            f"<div><b>{html.escape(self.corpus)}</b>: {self.exact}/{self.n} exact matches "
            f"(<b>{self.exact_rate:.1%}</b>), no-strategy texts refused {r}/{t}"
            f"<table><tr><th>field</th><th>right/judged</th><th>accuracy</th></tr>{rows}</table>"
            f"{'<p>misses:</p><ul>' + misses + '</ul>' if misses else ''}</div>"
        )


def load_corpus(path: str | os.PathLike) -> list[dict]:
    """Read a JSONL corpus: one ``{"id", "text", "gold"}`` object a line."""
    from foa.errors import DocumentError

    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise DocumentError(f"cannot read the corpus {p}: {err.strerror}; pass the path of a .jsonl file") from err
    except UnicodeDecodeError as err:
        raise DocumentError(f"the corpus {p} is not UTF-8 text (byte {err.start}); pass a .jsonl file, one JSON "
                            "object a line") from err
    cases = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as err:
            raise DocumentError(f"{p}, line {n}: not JSON ({err.msg}); each line must be one JSON object") from err
        if not isinstance(case, dict) or "text" not in case or "gold" not in case:
            raise DocumentError(f"{p}, line {n}: needs the keys 'text' and 'gold' (see ../shared/eval/README.md)")
        case.setdefault("id", f"line{n}")
        cases.append(case)
    if not cases:  # an empty corpus would score 0/0 and look like a pass
        raise DocumentError(f"the corpus {p} holds no cases; add one JSON object a line with the keys 'text' and 'gold'")
    return cases


def _as_pdf_document(text: str, name: str) -> Any:
    """Render text into a real PDF (pymupdf) and load it back through foa.load_document."""
    import pymupdf

    from foa.documents.load import load_document

    pdf = pymupdf.open()
    lines = text.splitlines() or [""]
    per_page = 48
    for start in range(0, len(lines), per_page):
        page = pdf.new_page()
        chunk = "\n".join(lines[start:start + per_page])
        rect = pymupdf.Rect(36, 36, page.rect.width - 36, page.rect.height - 36)
        page.insert_textbox(rect, chunk, fontsize=8, fontname="helv")
    data = pdf.tobytes()
    pdf.close()
    return load_document(data, name=f"{name}.pdf", progress=False)


def evaluate(corpus_path: str | os.PathLike, extractor: Callable[[Any], Any], *, pdf: bool = False,
             progress: bool = True) -> EvalReport:
    """Run ``extractor(Document)`` on every case of a corpus and score it.

    ``extractor`` returns a StrategySpec or raises NoStrategyFound; any other FoaError is recorded as
    a miss with its message. ``pdf=True`` renders each text to a real PDF and loads it first.

    >>> report = evaluate("../shared/eval/dev.jsonl", foa.extract.offline.extract_offline)  # doctest: +SKIP
    >>> report.exact_rate  # doctest: +SKIP
    """
    from foa.documents.model import Document

    cases = load_corpus(corpus_path)
    right = {f: 0 for f in FIELDS}
    judged = {f: 0 for f in FIELDS}
    out: list[dict] = []
    exact = 0
    t0 = time.perf_counter()
    it = cases
    if progress:
        from tqdm.auto import tqdm

        it = tqdm(cases, desc="evaluating", unit="doc", leave=False)
    for case in it:
        doc = _as_pdf_document(case["text"], str(case["id"])) if pdf else Document.from_text(case["text"], name=str(case["id"]))
        spec, error = None, None
        try:
            spec = extractor(doc)
        except NoStrategyFound:
            spec = None
        except FoaError as err:
            spec, error = None, f"{type(err).__name__}: {err}"
        score = score_case(spec, case["gold"])
        for f in FIELDS:
            if score[f] != "unjudged":
                judged[f] += 1
                right[f] += score[f] == "right"
        exact += score["exact"]
        out.append({"id": case["id"], "gold": case["gold"], "spec": spec, "score": score, "error": error})
    return EvalReport(str(corpus_path), len(cases), exact, right, judged, out, time.perf_counter() - t0)
