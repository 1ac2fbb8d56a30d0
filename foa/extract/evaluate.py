"""Scoring an extractor against a labelled corpus (the format of ``../shared/eval/dev.jsonl``).

Only fields the label states are judged (null or [] means the text is silent); a case is an exact
match when every judged field is right:

- no_strategy: a no-strategy text must give "no strategy" (None); any other text must give a spec;
- indicators: the set of names equals the label's, and each labelled ``[name, params]`` is matched by a
  spec indicator of that name whose params include the labelled ones (an ATR stop counts as ``atr``; IBS's
  ratio ``(close - low) / (high - low)`` as ``ibs`` and Ichimoku's midprice lines as ``ichimoku``, the
  formulas the offline reader writes for them);
- constants: each labelled constant appears as a constant in the spec's conditions (or ATR multiple);
- symbols: ``universe.symbols`` equals the labelled set;
- direction, frequency, rebalance (spec or ranking), stop_loss, take_profit, top_n, top_pct: equal.

A corpus is a JSONL file or a directory of them (``tests/extract/corpus/test``). A label may also list
``unsupported`` parts and indicators outside foa's table: such a case needs something foa cannot
express, is reported apart, and is exact only when every judged field is right. ``evaluate_multipage``
scores documents whose strategy page sits among commentary pages (``multipage.jsonl``).

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

__all__ = ["FIELDS", "EvalReport", "MultipageReport", "evaluate", "evaluate_multipage", "load_corpus",
           "load_multipage", "needs_unsupported", "score_case"]

FIELDS = ("no_strategy", "direction", "indicators", "constants", "symbols", "frequency", "rebalance",
          "stop_loss", "take_profit", "top_n", "top_pct")


def _eq(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool):
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    return a == b


def _spec_indicators(spec: Any) -> list[tuple[str, dict]]:
    from foa.spec.validate import iter_indicators

    from foa.spec.indicators import get

    # a label names a TA-Lib row's bar count "window" (``../shared/eval/README.md``): ADX's timeperiod is its window
    out = []
    for i in iter_indicators(spec):
        params = dict(i.params)
        rec = get(i.name)
        if rec.source == "talib" and "window" not in rec.param_names and rec.windows and rec.windows[0] in params:
            params.setdefault("window", params[rec.windows[0]])
        out.append((i.name, params))
    if spec.risk.atr_stop is not None:
        out.append(("atr", {"window": spec.risk.atr_stop.window}))
    # a label's IBS or Ichimoku is held as a formula on the price fields: named as the label names it
    from foa.extract.offline.bars import formula_indicators
    from foa.spec.validate import iter_exprs

    formulas = formula_indicators(list(iter_exprs(spec)))
    if any(n == "ichimoku" for n, _ in formulas):
        out = [(n, p) for n, p in out if n != "midprice"]
    return out + formulas


def _spec_constants(spec: Any) -> list[float]:
    from foa.spec.model import ConstExpr
    from foa.spec.validate import iter_exprs

    vals = [e.value for e in iter_exprs(spec) if isinstance(e, ConstExpr)]
    if spec.risk.atr_stop is not None:
        vals.append(spec.risk.atr_stop.multiple)
    return vals


def needs_unsupported(gold: dict) -> list[str]:
    """What a label uses that foa's DSL cannot hold: its ``unsupported`` parts and indicators outside foa's table.

    >>> needs_unsupported({"indicators": [["adx", {"window": 14}], ["sma", {}]], "unsupported": ["pairs"]})
    ['adx', 'pairs']
    """
    from foa.spec.indicators import names

    known = set(names())
    out = [n for n, _ in gold.get("indicators") or [] if n not in known]
    out += [u for u in gold.get("unsupported") or [] if u not in out]
    return list(dict.fromkeys(out))


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

    def _exact_of(self, cases: list[dict]) -> tuple[int, int]:
        return sum(c["score"]["exact"] for c in cases), len(cases)

    @property
    def expressible(self) -> tuple[int, int]:
        """(exact, cases) over the cases whose label foa's DSL can hold."""
        return self._exact_of([c for c in self.cases if not needs_unsupported(c["gold"])])

    @property
    def apart(self) -> tuple[int, int]:
        """(exact, cases) over the cases whose label needs something foa cannot express (reported apart)."""
        return self._exact_of([c for c in self.cases if needs_unsupported(c["gold"])])

    @property
    def invented(self) -> tuple[int, int]:
        """(no-strategy texts given a spec, no-strategy texts): a strategy made up where the text has none."""
        ns = [c for c in self.cases if c["gold"].get("no_strategy")]
        return sum(c["spec"] is not None for c in ns), len(ns)

    @property
    def refused_strategies(self) -> tuple[int, int]:
        """(strategy texts given no spec, strategy texts): a stated rule the extractor missed or refused."""
        st = [c for c in self.cases if not c["gold"].get("no_strategy")]
        return sum(c["spec"] is None for c in st), len(st)

    @property
    def unsupported_listed(self) -> tuple[int, int, int]:
        """Over the strategy cases needing what foa cannot express: (cases where foa said so, refused, cases).

        foa said so when the spec lists ``unsupported`` parts, or when the refusal (NoStrategyFound)
        names one of the label's unsupported parts.
        """
        ap = [c for c in self.cases if needs_unsupported(c["gold"]) and not c["gold"].get("no_strategy")]

        def said(c: dict) -> bool:
            if c["spec"] is not None:
                return bool(getattr(c["spec"], "unsupported", None))
            msg = (c.get("refusal") or "").lower()
            return any(part.lower() in msg for part in needs_unsupported(c["gold"]))

        return sum(said(c) for c in ap), sum(c["spec"] is None for c in ap), len(ap)

    @property
    def by_file(self) -> dict[str, tuple[int, int]]:
        """(exact, cases) per corpus file (``web.jsonl``, ``code.jsonl``, ...)."""
        files = sorted({c.get("file", "") for c in self.cases})
        return {f: self._exact_of([c for c in self.cases if c.get("file", "") == f]) for f in files}

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
            "no_strategy_refused": list(self.refused_right), "invented": list(self.invented),
            "strategies_refused": list(self.refused_strategies), "expressible_exact": list(self.expressible),
            "unsupported_exact": list(self.apart), "unsupported_listed": list(self.unsupported_listed),
            "by_file": {f: list(v) for f, v in self.by_file.items()}, "seconds": round(self.seconds, 3),
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
        if t:
            lines.append(f"  strategies invented for no-strategy texts: {self.invented[0]}/{t}")
        rs, ts = self.refused_strategies
        lines.append(f"  strategy texts refused: {rs}/{ts}")
        e, n = self.expressible
        ae, an = self.apart
        lines.append(f"  exact where foa can express the label: {e}/{n}" + (f" ({e / n:.1%})" if n else ""))
        if an:
            listed, refused, cases = self.unsupported_listed
            lines.append(f"  apart, label needs what foa cannot express: {ae}/{an} exact; "
                         f"foa names what it cannot express {listed}/{cases}, refused {refused}/{cases}")
        if len(self.by_file) > 1:
            lines.append("  by file: " + ", ".join(f"{f} {x}/{m}" for f, (x, m) in self.by_file.items()))
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
    """Read a JSONL corpus (one ``{"id", "text", "gold"}`` object a line), or every ``*.jsonl`` of a directory.

    Each case gets ``file``: the name of the file it came from.
    """
    from foa.errors import DocumentError

    p = Path(path)
    if p.is_dir():
        files = sorted(p.glob("*.jsonl"))
        if not files:
            raise DocumentError(f"the directory {p} holds no .jsonl corpus files; pass a .jsonl file or a "
                                "directory of them")
        cases = [c for f in files for c in load_corpus(f)]
        ids = [c["id"] for c in cases]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise DocumentError(f"{p}: the case ids {dup[:5]} occur more than once; give every case its own id")
        return cases
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
        case["file"] = p.name
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


def _run(extractor: Callable[[Any], Any], doc: Any) -> tuple[Any, str | None, str | None]:
    """(spec or None, error or None, the NoStrategyFound message or None)."""
    try:
        return extractor(doc), None, None
    except NoStrategyFound as err:
        return None, None, str(err)
    except FoaError as err:
        return None, f"{type(err).__name__}: {err}", None
    except Exception as err:  # an extractor bug is a finding of the run, recorded as a miss, not a crash of it
        return None, f"crashed with {type(err).__name__}: {err}", None


def _tally(name: str, rows: list[dict], seconds: float, cls: type[EvalReport] | None = None) -> Any:
    right = {f: 0 for f in FIELDS}
    judged = {f: 0 for f in FIELDS}
    for row in rows:
        for f in FIELDS:
            if row["score"][f] != "unjudged":
                judged[f] += 1
                right[f] += row["score"][f] == "right"
    exact = sum(row["score"]["exact"] for row in rows)
    return (cls or EvalReport)(name, len(rows), exact, right, judged, rows, seconds)


def _progress(items: list, progress: bool, desc: str) -> Any:
    if not progress:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, desc=desc, unit="doc", leave=False)


def evaluate(corpus_path: str | os.PathLike, extractor: Callable[[Any], Any], *, pdf: bool = False,
             progress: bool = True) -> EvalReport:
    """Run ``extractor(Document)`` on every case of a corpus and score it.

    ``corpus_path``: a JSONL file or a directory of them. ``extractor`` returns a StrategySpec or raises
    NoStrategyFound; any other error (a FoaError, or a crash of the extractor) is recorded as a miss with
    its message. ``pdf=True`` renders each
    text to a real PDF and loads it first.

    >>> report = evaluate("tests/extract/corpus/dev", foa.extract.offline.extract_offline)  # doctest: +SKIP
    >>> report.exact_rate, report.invented  # doctest: +SKIP
    """
    from foa.documents.model import Document

    cases = load_corpus(corpus_path)
    rows: list[dict] = []
    t0 = time.perf_counter()
    for case in _progress(cases, progress, "evaluating"):
        name = str(case["id"])
        doc = _as_pdf_document(case["text"], name) if pdf else Document.from_text(case["text"], name=name)
        spec, error, refusal = _run(extractor, doc)
        rows.append({"id": case["id"], "file": case.get("file", ""), "gold": case["gold"], "spec": spec,
                     "score": score_case(spec, case["gold"]), "error": error, "refusal": refusal})
    return _tally(str(corpus_path), rows, time.perf_counter() - t0)


# --- multi-page documents: a strategy page among commentary, disclaimer and table pages -------------


def load_multipage(path: str | os.PathLike, corpus: str | os.PathLike | None = None) -> list[dict]:
    """Read ``multipage.jsonl`` and attach each document's strategy record from the corpus beside it.

    A line: ``{"id", "strategy_id", "strategy_page", "pages"}``; ``pages`` lists one object a page,
    ``{"strategy": true}`` on the strategy page and ``{"text", "source", "source_group", "licence",
    "kind", "tickers"}`` on the others (``tickers``: the symbols that page names). ``corpus`` is the
    directory whose ``*/*.jsonl`` hold the strategy records (default: the file's directory). Each case
    gets ``strategy`` (the record), ``split`` (its directory name) and ``texts`` (one text a page).
    """
    from foa.errors import DocumentError

    p = Path(path)
    root = Path(corpus) if corpus is not None else p.parent
    records: dict[str, tuple[str, dict]] = {}
    for f in sorted(root.glob("*/*.jsonl")):
        for c in load_corpus(f):
            records[str(c["id"])] = (f.parent.name, c)
    docs = load_corpus_lines(p)
    for n, d in enumerate(docs, 1):
        missing = {"id", "strategy_id", "strategy_page", "pages"} - set(d)
        if missing:
            raise DocumentError(f"{p}, document {n}: needs the keys {sorted(missing)}")
        if str(d["strategy_id"]) not in records:
            raise DocumentError(f"{p}, document {d['id']}: no corpus record {d['strategy_id']!r} under {root}; "
                                "strategy_id must name a case of the corpus")
        k = d["strategy_page"]
        pages = d["pages"]
        if not (isinstance(k, int) and 1 <= k <= len(pages)) or not (pages[k - 1] or {}).get("strategy"):
            raise DocumentError(f"{p}, document {d['id']}: strategy_page {k} must point at the page "
                                "marked {\"strategy\": true}")
        split, rec = records[str(d["strategy_id"])]
        d["strategy"], d["split"] = rec, split
        d["texts"] = [rec["text"] if pg.get("strategy") else pg["text"] for pg in pages]
    return docs


def load_corpus_lines(p: Path) -> list[dict]:
    """The JSON objects of a JSONL file (no label checks), with errors that say which line is wrong."""
    from foa.errors import DocumentError

    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise DocumentError(f"cannot read {p}: {err.strerror}; pass the path of a .jsonl file") from err
    out = []
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise DocumentError(f"{p}, line {n}: not JSON ({err.msg}); each line must be one JSON object") from err
    if not out:
        raise DocumentError(f"{p} holds no documents; add one JSON object a line")
    return out


def _pages_pdf(texts: list[str], name: str) -> Any:
    """A real PDF with one text a page (the font shrinks until the text fits), loaded through load_document."""
    import pymupdf

    from foa.documents.load import load_document

    pdf = pymupdf.open()
    for text in texts:
        page = pdf.new_page()
        rect = pymupdf.Rect(36, 36, page.rect.width - 36, page.rect.height - 36)
        size = 10.0
        while page.insert_textbox(rect, text, fontsize=size, fontname="helv") < 0 and size > 4:
            pdf.delete_page(-1)  # the text overflowed: lay the page out again, smaller
            page = pdf.new_page()
            size -= 0.5
    data = pdf.tobytes()
    pdf.close()
    return load_document(data, name=f"{name}.pdf", progress=False)


@dataclass
class MultipageReport(EvalReport):
    """Field scores on multi-page PDFs, plus whether the universe and the evidence stayed on the strategy page."""

    def _mp(self, split: str | None = None) -> list[dict]:
        return [c for c in self.cases if split is None or c["split"] == split]

    @property
    def splits(self) -> list[str]:
        """The corpus splits the documents' strategy texts come from."""
        return sorted({c["split"] for c in self.cases})

    def universe_right(self, split: str | None = None) -> tuple[int, int]:
        """(documents whose universe is right, documents): the labelled symbols when the text names some,
        else no ticker named only on the other pages."""
        rows = self._mp(split)
        return sum(c["universe_right"] for c in rows), len(rows)

    def evidence_right(self, split: str | None = None) -> tuple[int, int]:
        """(documents whose evidence all cites the strategy page, documents given a spec with evidence pages)."""
        rows = [c for c in self._mp(split) if c["evidence_pages"]]
        return sum(c["evidence_right"] for c in rows), len(rows)

    def exact_of(self, split: str | None = None) -> tuple[int, int]:
        """(exact, documents) for one split or all."""
        return self._exact_of(self._mp(split))

    def to_dict(self) -> dict:
        """JSON-ready summary, per split: exact, universe right, evidence on the strategy page."""
        d = super().to_dict()
        d["per_split"] = {s: {"exact": list(self.exact_of(s)), "universe_right": list(self.universe_right(s)),
                              "evidence_right": list(self.evidence_right(s))} for s in self.splits}
        d["leaks"] = [{"id": c["id"], "leaked": c["leaked"]} for c in self.cases if c["leaked"]]
        d["evidence_off_page"] = [{"id": c["id"], "pages": c["evidence_pages"], "strategy_page": c["strategy_page"]}
                                  for c in self.cases if c["evidence_pages"] and not c["evidence_right"]]
        return d

    def to_text(self) -> str:
        """The text mode summary plus, per split, universe and evidence-page results and the leaks."""
        lines = [super().to_text()]
        for s in self.splits:
            x, n = self.exact_of(s)
            u, un = self.universe_right(s)
            e, en = self.evidence_right(s)
            lines.append(f"  [{s}] exact {x}/{n}, universe right {u}/{un}, evidence on the strategy page {e}/{en}")
        for c in self.cases:
            if c["leaked"]:
                lines.append(f"  leak {c['id']}: {', '.join(c['leaked'])} from the other pages")
        return "\n".join(lines)


def evaluate_multipage(path: str | os.PathLike, extractor: Callable[[Any], Any], *,
                       corpus: str | os.PathLike | None = None, split: str | None = None,
                       progress: bool = True) -> MultipageReport:
    """Build a real PDF per document (one text a page), load it, extract, and score it.

    Scores the strategy record's label as text mode does, and per document: the universe (the labelled
    symbols when the text names some; never a ticker named only on the commentary pages) and the
    evidence pages (every quote with a page cites the strategy page). ``split`` keeps the documents
    whose strategy text is in that corpus split.

    >>> rep = evaluate_multipage("tests/extract/corpus/multipage.jsonl", extract_offline)  # doctest: +SKIP
    >>> rep.universe_right("test"), rep.evidence_right("test")  # doctest: +SKIP
    """
    docs = [d for d in load_multipage(path, corpus) if split is None or d["split"] == split]
    rows: list[dict] = []
    t0 = time.perf_counter()
    for d in _progress(docs, progress, "evaluating pdfs"):
        gold = d["strategy"]["gold"]
        spec, error, refusal = _run(extractor, _pages_pdf(d["texts"], str(d["id"])))
        k = d["strategy_page"]
        other = {t.upper() for pg in d["pages"] if not pg.get("strategy") for t in pg.get("tickers", [])}
        labelled = {s.upper() for s in gold.get("symbols") or []}
        got = {s.upper() for s in spec.universe.symbols} if spec is not None else set()
        leaked = sorted((got & other) - labelled)
        universe_right = spec is not None and (got == labelled if labelled else not leaked)
        pages = sorted({e.page for e in spec.evidence if e.page is not None}) if spec is not None else []
        rows.append({"id": d["id"], "file": d["split"], "split": d["split"], "strategy_id": d["strategy_id"],
                     "strategy_page": k, "gold": gold, "spec": spec, "score": score_case(spec, gold),
                     "error": error, "refusal": refusal, "leaked": leaked, "universe_right": universe_right,
                     "evidence_pages": pages, "evidence_right": bool(pages) and pages == [k]})
    return _tally(str(path), rows, time.perf_counter() - t0, MultipageReport)
