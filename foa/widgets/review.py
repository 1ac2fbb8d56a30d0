"""The review desk's logic, as plain functions: a spec's rules beside their evidence, edited by hand, audited.

    rules = review_rules(spec)                          # entry, exit, risk, costs, ... with quote, state, findings
    spec2 = apply_rule_text(spec, "entry", "sma(40) crosses_above sma(200)")   # the rule syntax of foa.rule
    params = parameters(spec)                           # windows, thresholds, stops, symbols, frequency, costs
    spec3 = set_parameters(spec2, {params[0].key: 40})  # every occurrence of that value changes together
    changed_fields(spec, spec3)                         # ['entry', 'exit'] - what the audit row records
    evidence_view(doc, spec)                            # each rule beside its page, the quote highlighted

The Review tab of :class:`foa.widgets.ExtractDashboard` is controls over these functions.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from foa.errors import SpecError

if TYPE_CHECKING:
    from foa.documents.model import Document
    from foa.spec.model import StrategySpec

__all__ = [
    "RULE_FIELDS",
    "EvidenceView",
    "Parameter",
    "ReviewRule",
    "apply_rule_text",
    "changed_fields",
    "evidence_view",
    "page_image",
    "parameters",
    "review_rules",
    "rule_html",
    "set_parameters",
]

# The parts of a spec a reviewer reads, in reading order; the first five are conditions in rule syntax.
RULE_FIELDS = ("universe", "entry", "exit", "short_entry", "short_exit", "ranking", "risk", "sizing", "costs")
CONDITION_FIELDS = ("entry", "exit", "short_entry", "short_exit")
STATE_WORDS = {"supports": "supports the rule", "found": "found on the page", "not_found": "NOT found on the page",
               None: "no quote"}


@dataclass
class ReviewRule:
    """One rule as the review desk shows it."""

    key: str
    label: str
    text: str  # the rule syntax for conditions, a short plain form otherwise
    editable: bool  # True when ``text`` parses back with foa.rule (conditions)
    evidence: list[Any] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)

    @property
    def state(self) -> str | None:
        """The weakest evidence state among its quotes (not_found < found < supports), None without quotes."""
        from foa.documents.render import evidence_state

        states = [evidence_state(e) for e in self.evidence]
        for s in ("not_found", "found", "supports"):
            if s in states:
                return s
        return None

    @property
    def page(self) -> int | None:
        """The page of its first quote."""
        return next((e.page for e in self.evidence if e.page), None)


def _plain(spec: "StrategySpec", key: str) -> str:
    value = getattr(spec, key)
    if key == "universe":
        return ", ".join(value.symbols) or "(no symbols)"
    if key == "ranking":
        from foa.spec.rule import format_expr

        n = f"top {value.top_n}" if value.top_n else f"top {value.top_pct:.0%}" if value.top_pct else "all"
        return f"{n} by {format_expr(value.by)}" + (" (lowest first)" if value.ascending else "")
    data = value.model_dump(mode="json", exclude_none=True, exclude_defaults=key == "risk")
    return ", ".join(f"{k}={v}" for k, v in data.items()) or "(none)"


def review_rules(spec: "StrategySpec") -> list[ReviewRule]:
    """The spec's rules (those that are set) with their quotes, the check findings on them and the
    parts the extractor listed as unsupported.

    >>> [r.key for r in review_rules(foa.spec.library.get("sma_crossover"))]  # doctest: +SKIP
    ['universe', 'entry', 'exit', 'sizing', 'costs']
    """
    from foa.spec.check import check_spec
    from foa.spec.rule import format_rule

    findings = check_spec(spec).findings
    out: list[ReviewRule] = []
    for key in RULE_FIELDS:
        value = getattr(spec, key)
        if value is None or (key == "risk" and not value.model_dump(exclude_none=True, exclude_defaults=True)):
            continue
        if key in CONDITION_FIELDS:
            text, editable = format_rule(value), True
        else:
            text, editable = _plain(spec, key), False
        ev = [e for e in spec.evidence if e.field == key or e.field.startswith(key + ".")]
        if key == "entry":  # frequency and indicator quotes back the entry's words too
            ev += [e for e in spec.evidence if e.field == "frequency" or e.field.startswith("indicator")]
        unique: dict[tuple[str, int | None], Any] = {}
        for e in ev:  # one line per quote, however many fields it backs
            unique.setdefault((e.quote, e.page), e)
        ev = list(unique.values())
        mine = [f"{f.severity}: {f.message}" + (f" (fix: {f.fix})" if f.fix else "") for f in findings
                if f.field == key or f.field.startswith(key + ".") or f.field.startswith(key + "[")]
        out.append(ReviewRule(key, key.replace("_", " "), text, editable, ev, mine))
    unsupported = [f"{u.what}" + (f": \u201c{u.quote}\u201d" if u.quote else "") + (f" (page {u.page})" if u.page else "")
                   for u in getattr(spec, "unsupported", [])]
    if unsupported and out:
        # the extractor lists them for the whole document: shown with the entry, where a reader looks first
        target = next((r for r in out if r.key == "entry"), out[0])
        target.unsupported = unsupported
    other = [f"{f.severity}: {f.message}" for f in findings if not any(f.field.startswith(k) for k in RULE_FIELDS)]
    if other and out:
        out[0].findings += other
    return out


def apply_rule_text(spec: "StrategySpec", key: str, text: str) -> "StrategySpec":
    """``spec`` with the condition ``key`` replaced by ``text`` in rule syntax (SpecError pointing at the token).

    >>> apply_rule_text(spec, "entry", "rsi(2) < 10").entry  # doctest: +SKIP
    """
    from foa.spec.rule import rule

    if key not in CONDITION_FIELDS:
        raise SpecError(f"{key} is not a rule written in the rule syntax: edit it in the parameter fields or the JSON")
    text = (text or "").strip()
    condition = rule(text) if text else None
    return _rebuild(spec, {key: None if condition is None else condition.model_dump(mode="json")})


def _rebuild(spec: "StrategySpec", updates: Mapping[str, Any]) -> "StrategySpec":
    from pydantic import ValidationError

    from foa.spec.model import StrategySpec

    from foa.extract.evidence import evidence_after_edit

    data = spec.model_dump(mode="json")
    data.update(updates)
    try:
        edited = StrategySpec.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise SpecError(f"{where}: {first.get('msg')}") from err
    return evidence_after_edit(spec, edited)  # a quote backs the extracted numbers, not the reviewer's


# ---------------------------------------------------------------------------------------- parameters
@dataclass
class Parameter:
    """One editable number or word; ``paths`` are where it sits in the spec's JSON (all set together)."""

    key: str
    label: str
    value: Any
    kind: str  # "int", "float", "percent", "bp", "text", "choice"
    paths: list[tuple[Any, ...]] = field(default_factory=list)
    choices: tuple[str, ...] = ()

    @property
    def field_label(self) -> str:
        """The label the review desk shows: percent and bp fields are typed there in % and bp.

        ``value`` (and what :func:`set_parameters` takes) stays in the spec's own units, fractions.
        """
        unit = {"percent": " (%)", "bp": " (bp)"}.get(self.kind, "")
        return self.label + unit


def _walk(node: Any, path: tuple[Any, ...]):
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            yield from _walk(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, (*path, i))


def parameters(spec: "StrategySpec") -> list[Parameter]:
    """Every parameter a reviewer may correct: indicator windows and thresholds in the rules (one field per
    distinct value, so "50-day" in entry and exit changes together), stops, symbols, frequency and costs.

    Values are in the spec's own units: stops and costs are fractions (0.05 is 5%, 0.0005 is 5 bp), as
    :func:`set_parameters` takes them; the review desk shows them in % and bp (``Parameter.field_label``).

    >>> [p.label for p in parameters(foa.spec.library.get("sma_crossover"))][:2]  # doctest: +SKIP
    ['sma window (entry, exit)', 'sma window (entry, exit)']
    """
    data = spec.model_dump(mode="json")
    groups: dict[tuple[Any, ...], Parameter] = {}
    for key in (*CONDITION_FIELDS, "ranking"):
        for path, node in _walk(data.get(key), (key,)):
            if node.get("kind") == "indicator":
                for pname, pval in (node.get("params") or {}).items():
                    gkey = ("ind", node.get("name"), pname, pval)
                    groups.setdefault(gkey, Parameter(
                        f"{node.get('name')}.{pname}={pval}", f"{node.get('name')}({pval}) {pname}", pval,
                        "int" if isinstance(pval, int) else "float"))
                    groups[gkey].paths.append((*path, "params", pname))
            elif node.get("kind") == "const" and isinstance(node.get("value"), (int, float)):
                gkey = ("const", node.get("value"), path[0])
                groups.setdefault(gkey, Parameter(f"{path[0]}.threshold={node['value']}",
                                                  f"threshold {node['value']:g}", node["value"], "float"))
                groups[gkey].paths.append((*path, "value"))
    out = list(groups.values())
    for p in out:  # say where each one is used
        p.label += f" ({', '.join(sorted({str(path[0]) for path in p.paths}, key=RULE_FIELDS.index))})"
    out.append(Parameter("universe.symbols", "symbols", ", ".join(spec.universe.symbols), "text", [("universe", "symbols")]))
    out.append(Parameter("frequency", "frequency", spec.frequency, "choice", [("frequency",)],
                         ("daily", "weekly", "monthly")))
    for name in ("stop_loss", "take_profit", "trailing_stop"):
        out.append(Parameter(f"risk.{name}", name.replace("_", " "), getattr(spec.risk, name), "percent",
                             [("risk", name)]))
    out.append(Parameter("costs.fees", "fees per side", spec.costs.fees, "bp", [("costs", "fees")]))
    out.append(Parameter("costs.slippage", "slippage", spec.costs.slippage, "bp", [("costs", "slippage")]))
    return out


def set_parameters(spec: "StrategySpec", values: Mapping[str, Any]) -> "StrategySpec":
    """``spec`` with parameters (keys from :func:`parameters`) set to ``values``, validated again.

    Values are in the spec's own units (fractions for stops and costs); None clears an optional one.

    >>> key = parameters(spec)[0].key; set_parameters(spec, {key: 40})  # doctest: +SKIP
    """
    by_key = {p.key: p for p in parameters(spec)}
    data = spec.model_dump(mode="json")
    for key, value in values.items():
        if key not in by_key:
            raise SpecError(f"{key!r} is not a parameter of {spec.name}: choose one of {', '.join(by_key)}")
        p = by_key[key]
        if p.kind == "text" and key == "universe.symbols":
            value = [s.strip() for s in str(value).replace(";", ",").split(",") if s.strip()]
        elif p.kind == "int" and value is not None:
            if float(value) != int(float(value)):
                raise SpecError(f"{p.label} must be a whole number of bars, got {value!r}")
            value = int(float(value))
        for path in p.paths:
            node = data
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = value
    return _rebuild(spec, data)


def changed_fields(before: "StrategySpec", after: "StrategySpec") -> list[str]:
    """Top-level spec fields (and one level below for universe, risk, sizing, costs) that differ, sorted.

    Evidence, provenance and assumptions are not the reviewer's edits and are left out.

    >>> changed_fields(spec, set_parameters(spec, {"costs.fees": 0.002}))  # doctest: +SKIP
    ['costs.fees']
    """
    a, b = before.model_dump(mode="json"), after.model_dump(mode="json")
    out: list[str] = []
    for key in a:
        if key in ("evidence", "provenance", "assumptions") or a[key] == b.get(key):
            continue
        if isinstance(a[key], dict) and isinstance(b.get(key), dict) and key in ("universe", "risk", "sizing", "costs"):
            out += [f"{key}.{k}" for k in sorted(set(a[key]) | set(b[key])) if a[key].get(k) != b[key].get(k)]
        else:
            out.append(key)
    return sorted(out)


# ---------------------------------------------------------------------------------------- evidence view
def page_image(doc: "Document", page: int, quotes: list[Any], zoom: float) -> tuple[bytes | None, list[str]]:
    """PNG of the page with ``quotes`` highlighted, and the quotes not found on it (listed, not drawn)."""
    from foa.documents.render import locate_quotes
    from foa.errors import DocumentError

    try:
        placed = locate_quotes(doc, page, quotes)
        png = doc.render_page(page, highlight=quotes, zoom=zoom)
    except DocumentError as err:
        return None, [str(err)]
    return png, [q.quote for q in placed if not q.found]


def rule_html(rule: ReviewRule) -> str:
    """A rule with its quotes (coloured by state), check findings and unsupported parts, as escaped HTML."""
    from foa.documents.render import CSS_COLOURS, evidence_state

    items = []
    for e in rule.evidence:
        st = evidence_state(e)
        items.append(f"<li><span class='foa-state foa-{st}' style='background:{CSS_COLOURS[st]};padding:0 4px'>"
                     f"{html.escape(STATE_WORDS[st])}</span> <i>p.{e.page or '?'}</i> "
                     f"\u201c{html.escape(' '.join(e.quote.split()))}\u201d</li>")
    quotes = f"<ul style='margin:2px 0'>{''.join(items)}</ul>" if items else "<p><i>no quote backs this rule</i></p>"
    finds = "".join(f"<li>{html.escape(f)}</li>" for f in rule.findings)
    unsup = "".join(f"<li>{html.escape(u)}</li>" for u in rule.unsupported)
    return (f"<div class='foa-rule' data-rule='{html.escape(rule.key)}' style='line-height:1.4'><b>{html.escape(rule.label)}</b>: "
            f"<code style='white-space:pre-wrap'>{html.escape(rule.text)}</code>{quotes}"
            + (f"<b>Check findings</b><ul>{finds}</ul>" if finds else "")
            + (f"<b>Not expressible in foa</b><ul>{unsup}</ul>" if unsup else "") + "</div>")


class EvidenceView:
    """Each rule with its quote and state beside its page image, the quote highlighted.

    In a notebook it is a widget (pick a rule, see its page); in a report, HTML with the page images
    embedded as PNG data URIs. ``view.rules`` are the :class:`ReviewRule` rows.
    """

    def __init__(self, doc: "Document", spec: "StrategySpec", *, zoom: float = 1.2) -> None:
        self.doc = doc
        self.spec = spec
        self.zoom = zoom
        self.rules = review_rules(spec)
        self._widget: Any = None

    def page_png(self, rule: ReviewRule) -> tuple[bytes | None, list[str]]:
        """The rule's page with its quotes highlighted, and its quotes not found there."""
        if rule.page is None:
            return None, []
        return page_image(self.doc, rule.page, [e for e in rule.evidence if e.page == rule.page], self.zoom)

    def _repr_html_(self) -> str:
        from foa.documents.render import png_data_uri

        blocks = []
        pages_done: set[int] = set()
        for r in self.rules:
            img = ""
            if r.page is not None and r.page not in pages_done:
                # one image per page, with every quote on that page highlighted
                pages_done.add(r.page)
                quotes = [e for e in self.spec.evidence if e.page == r.page]
                png, missing = page_image(self.doc, r.page, quotes, self.zoom)
                if png is not None:
                    img = (f"<img class='foa-page' alt='{html.escape(self.doc.name)} page {r.page}' "
                           f"src='{png_data_uri(png)}' style='max-width:100%;border:1px solid #ddd'>")
                if missing:
                    img += "<p><b>Not found on this page</b>: " + "; ".join(html.escape(m) for m in missing) + "</p>"
            blocks.append(f"<div style='margin-bottom:10px'>{rule_html(r)}{img}</div>")
        return (f"<div class='foa-evidence-view'><h4>Evidence: {html.escape(self.spec.name)} "
                f"from {html.escape(self.doc.name)}</h4>{''.join(blocks)}</div>")

    @property
    def widget(self) -> Any:
        if self._widget is None:
            self._widget = self._build()
        return self._widget

    def _build(self) -> Any:
        import ipywidgets as w

        options = [(f"{r.label} · {STATE_WORDS[r.state]}", i) for i, r in enumerate(self.rules)]
        self.picker = w.Select(options=options, rows=min(10, max(3, len(options))), layout=w.Layout(width="340px"))
        self.detail = w.HTML(layout=w.Layout(width="340px"))
        self.image = w.Image(format="png", layout=w.Layout(max_width="640px"))
        self.picker.observe(lambda c: self.show(c["new"]), names="value")
        if options:
            self.show(0)
        return w.HBox([w.VBox([self.picker, self.detail]), self.image])

    def show(self, index: int) -> None:
        """Show rule ``index``: its quotes, state, findings, and its page with the quotes highlighted."""
        rule = self.rules[index]
        png, missing = self.page_png(rule)
        self.detail.value = rule_html(rule) + (
            "<p><b>Not found on the page</b>: " + "; ".join(html.escape(m) for m in missing) + "</p>" if missing else "")
        self.image.value = png or b""

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        bundle["text/html"] = self._repr_html_()
        return bundle


def evidence_view(doc: "Document", spec: "StrategySpec", *, zoom: float = 1.2) -> EvidenceView:
    """Each rule of ``spec`` with its quote and evidence state beside its page of ``doc``, the quote highlighted.

    >>> foa.evidence_view(doc, spec)  # doctest: +SKIP
    """
    return EvidenceView(doc, spec, zoom=zoom)

