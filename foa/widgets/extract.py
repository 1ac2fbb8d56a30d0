"""ExtractDashboard: upload a document or pick one, extract a StrategySpec, review and edit it, send it on.

    from foa.widgets import BacktestDashboard, ExtractDashboard
    bt = BacktestDashboard(ws=ws)
    ex = ExtractDashboard(ws=ws, backtest=bt)  # "Send to backtest" hands ex.spec to bt
    ex                                          # upload, pick provider, click "Extract"
    ex.spec                                     # the current spec, in the next cell

Two tabs. **Extract**: the document, the provider, the spec in plain English and as JSON (edit, Apply).
**Review**: the rules as a list, each with its quote, evidence state, check findings and the parts foa
cannot express; selecting a rule shows its page with the quote highlighted. A rule is edited as text in
the rule syntax (``foa.rule``), parameters in form fields; **Accept** stores the reviewed spec in the
workspace with the reviewer (OS user), the time and the fields changed by hand, and from then on the
reviewed spec is what **Send to backtest** sends (``ex.reviewed_id`` names its row in ``ws.strategies()``).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from foa.widgets import logic
from foa.widgets._base import Dashboard, field_layout

if TYPE_CHECKING:
    from foa.documents.model import Document
    from foa.spec.model import StrategySpec
    from foa.workspace import Workspace

__all__ = ["ExtractDashboard"]

UPLOADED = "(uploaded file)"


def _document_choices(ws: "Workspace | None") -> list[tuple[str, str]]:
    """(label, key) pairs: workspace documents as 'ws:<id>', bundled samples as 'sample:<name>'."""
    out: list[tuple[str, str]] = []
    if ws is not None:
        docs = ws.documents()
        for _, row in docs.iterrows():
            out.append((f"{row['name']} (workspace)", f"ws:{row['id']}"))
    from foa.samples import sample_documents

    out += [(f"{n} (sample)", f"sample:{n}") for n in sample_documents()]
    return out


class ExtractDashboard(Dashboard):
    """Controls + :func:`foa.widgets.logic.extract`. ``dash.document`` and ``dash.spec`` hold the current values."""

    title = "Extract a strategy"

    def __init__(self, ws: "Workspace | None" = None, *, backtest: Any = None, provider: str | None = None,
                 extract_kwargs: dict[str, Any] | None = None) -> None:
        import ipywidgets as w

        super().__init__()
        self.ws = ws
        self.backtest = backtest
        self.extract_kwargs = dict(extract_kwargs or {})
        self.document: Document | None = None
        self.spec: StrategySpec | None = None
        self.raw_spec: StrategySpec | None = None  # as extracted, before any edit: what a review is compared to
        self.raw_id: int | None = None  # its row in ws.strategies()
        self.reviewed_id: int | None = None  # the accepted review's row, None until Accept (and after a new edit)
        self.upload = w.FileUpload(accept=".pdf,.txt,.md,.markdown,.html,.htm", multiple=False, description="Upload")
        choices = _document_choices(ws)
        self.picker = w.Dropdown(options=choices, value=choices[0][1] if choices else None, description="Document")
        self.provider = w.ToggleButtons(options=list(logic.PROVIDERS), value=provider or logic.default_provider(),
                                        description="Provider")
        self.extract_button = w.Button(description="Extract", button_style="primary", icon="magic")
        self.view = w.HTML()
        self.json = w.Textarea(layout=w.Layout(width="100%", height="220px"), placeholder="the spec as JSON: edit, then Apply")
        self.apply_button = w.Button(description="Apply JSON", icon="check")
        self.send_button = w.Button(description="Send to backtest", icon="arrow-right", disabled=True)
        self.upload.observe(self.guarded(self._on_upload), names="value")
        self.extract_button.on_click(self.guarded(lambda _b: self.run()))
        self.apply_button.on_click(self.guarded(lambda _b: self.apply_json()))
        self.send_button.on_click(self.guarded(lambda _b: self.send()))
        extract_tab = w.VBox([
            w.HBox([self.upload, self.picker]), self.provider, w.HBox([self.extract_button]), self.view,
            w.HTML("<b>Spec JSON</b> (edit and apply; validation errors show above)"), self.json,
            w.HBox([self.apply_button]),
        ])
        self.tabs = w.Tab(children=[extract_tab, self._review_tab()])
        self.tabs.set_title(0, "Extract")
        self.tabs.set_title(1, "Review")
        self.widget = w.VBox([self._header(), self.tabs, w.HBox([self.send_button, self.progress]), self.status, self.error])

    # ------------------------------------------------------------------------------------ review tab
    def _review_tab(self) -> Any:
        import getpass

        import ipywidgets as w

        self.rule_list = w.Select(options=[], rows=9, layout=w.Layout(width="300px"))
        self.rule_detail = w.HTML(layout=w.Layout(width="300px"))
        self.page_image = w.Image(format="png", layout=w.Layout(max_width="600px", border="1px solid #ddd"))
        self.rule_text = w.Text(description="Rule", placeholder="sma(50) crosses_above sma(200)", **field_layout("520px"))
        self.apply_rule_button = w.Button(description="Apply rule", icon="check", layout=w.Layout(width="auto", min_width="120px"))
        self.param_box = w.VBox()
        self.param_fields: dict[str, Any] = {}
        self.apply_params_button = w.Button(description="Apply parameters", icon="sliders",
                                            layout=w.Layout(width="auto", min_width="160px"))
        self.accept_button = w.Button(description="Accept", button_style="success", icon="check-circle", disabled=True,
                                      layout=w.Layout(width="auto", min_width="120px"))
        self.review_note = w.HTML(f"<span class='foa-review-note'>reviewer: {getpass.getuser()}; nothing accepted yet</span>")
        self.rule_list.observe(self.guarded(lambda c: self.show_rule(c["new"])), names="value")
        self.apply_rule_button.on_click(self.guarded(lambda _b: self.apply_rule()))
        self.apply_params_button.on_click(self.guarded(lambda _b: self.apply_parameters()))
        self.accept_button.on_click(self.guarded(lambda _b: self.accept()))
        left = w.VBox([w.HTML("<b>Rules</b> (select one to see its page)"), self.rule_list, self.rule_detail],
                      layout=w.Layout(flex="0 0 310px"))
        edit = w.VBox([w.HBox([self.rule_text, self.apply_rule_button]),
                       w.HTML("<b>Parameters</b> (stops and costs as typed: % and bp)"), self.param_box,
                       w.HBox([self.apply_params_button, self.accept_button]), self.review_note])
        return w.VBox([w.HBox([left, self.page_image]), edit])

    def _refresh_review(self) -> None:
        from foa.widgets.review import STATE_WORDS, parameters, review_rules

        if self.spec is None:
            return
        self._rules = {r.key: r for r in review_rules(self.spec)}
        keep = self.rule_list.value
        self.rule_list.options = [(f"{r.label} · {STATE_WORDS[r.state]}", r.key) for r in self._rules.values()]
        self.rule_list.value = keep if keep in self._rules else next(iter(self._rules), None)
        self.show_rule(self.rule_list.value)
        self.param_fields = {p.key: self._param_field(p) for p in parameters(self.spec)}
        self.param_box.children = tuple(self.param_fields.values())
        self.accept_button.disabled = False

    @staticmethod
    def _param_field(p: Any) -> Any:
        import ipywidgets as w

        kw = {"description": p.field_label, **field_layout("520px")}
        kw["style"] = {"description_width": "240px"}
        if p.kind == "choice":
            return w.Dropdown(options=list(p.choices), value=p.value, **kw)
        if p.kind in ("percent", "bp"):
            scale = 100 if p.kind == "percent" else 1e4
            return w.Text(value="" if p.value is None else f"{p.value * scale:g}", placeholder="(none)", **kw)
        return w.Text(value="" if p.value is None else str(p.value), **kw)

    def show_rule(self, key: str | None) -> None:
        """Show rule ``key``: its quotes, state, findings, and its page with the quotes highlighted."""
        from foa.widgets.review import page_image, rule_html

        rule = getattr(self, "_rules", {}).get(key)
        if rule is None:
            self.rule_detail.value, self.page_image.value, self.rule_text.value = "", b"", ""
            return
        self.rule_text.value = rule.text
        self.rule_text.disabled = not rule.editable
        self.apply_rule_button.disabled = not rule.editable
        png, missing = (None, [])
        if rule.page is not None and self.document is not None:
            png, missing = page_image(self.document, rule.page, [e for e in rule.evidence if e.page == rule.page], 1.2)
        note = ("<p><b>Not found on the page</b>: " + "; ".join(html.escape(m) for m in missing) + "</p>") if missing else ""
        self.rule_detail.value = rule_html(rule) + note
        self.page_image.value = png or b""

    def apply_rule(self) -> "StrategySpec":
        """Replace the selected rule with the text typed (rule syntax); a parse error points at the token."""
        from foa.widgets.review import apply_rule_text

        spec = apply_rule_text(self._need_spec(), self.rule_list.value, self.rule_text.value)
        self._edited(spec, f"applied the {self.rule_list.value} rule")
        return spec

    def apply_parameters(self) -> "StrategySpec":
        """Rebuild the spec from the parameter fields (windows, thresholds, stops, symbols, frequency, costs)."""
        from foa.errors import SpecError
        from foa.widgets.review import parameters, set_parameters

        spec = self._need_spec()
        values: dict[str, Any] = {}
        for p in parameters(spec):
            box = self.param_fields.get(p.key)
            if box is None:
                continue
            raw = box.value
            if p.kind in ("percent", "bp", "int", "float"):
                text = str(raw).strip().rstrip("%")
                try:
                    value = None if text == "" else float(text)
                except ValueError as err:
                    raise SpecError(f"{p.label}: {raw!r} is not a number") from err
                if value is not None and p.kind in ("percent", "bp"):
                    value = value / (100 if p.kind == "percent" else 1e4)
                if value is None and p.kind in ("int", "float"):
                    raise SpecError(f"{p.label} needs a value")
                if p.kind == "bp" and value is None:
                    value = 0.0
            else:
                value = raw
            if value != p.value:
                values[p.key] = value
        if not values:
            self._say("no parameter changed")
            return spec
        spec = set_parameters(spec, values)
        self._edited(spec, f"applied {len(values)} parameter(s)")
        return spec

    def accept(self) -> int:
        """Store the current spec as reviewed (reviewer, time, fields changed by hand); returns the review id."""
        from foa.errors import FoaError
        from foa.extract.store import save_review
        from foa.widgets.review import changed_fields

        spec = self._need_spec()
        if self.ws is None:
            raise FoaError("no workspace to keep the review in: create the dashboard with ExtractDashboard(ws=foa.Workspace())")
        changed = changed_fields(self.raw_spec or spec, spec)
        self.reviewed_id = save_review(self.ws, spec, changed=changed, raw_id=self.raw_id, document=self.document)
        import getpass

        what = ", ".join(changed) or "nothing changed by hand"
        self.review_note.value = (f"<span class='foa-review-note' data-review-id='{self.reviewed_id}'>accepted as review "
                                  f"{self.reviewed_id} by {html.escape(getpass.getuser())}; changed: {html.escape(what)}</span>")
        self._say(f"accepted: review {self.reviewed_id} stored; Send to backtest sends it")
        return self.reviewed_id

    def _need_spec(self) -> "StrategySpec":
        from foa.errors import FoaError

        if self.spec is None:
            raise FoaError("no spec yet: click Extract (or paste JSON and Apply) first")
        return self.spec

    def _edited(self, spec: "StrategySpec", message: str) -> None:
        if self.document is not None and spec.evidence:
            from foa.extract.evidence import evidence_after_edit, verify_evidence

            # the quotes are checked again against the edited rules: a quote saying 8% no longer
            # "supports" a 5% stop, and one stating 50 and 200 no longer supports a 40/200 rule
            spec = evidence_after_edit(self.raw_spec or spec, verify_evidence(spec, self.document))
        self._set(spec, raw=False)
        self._say(f"{message}: not accepted yet")

    # ------------------------------------------------------------------------------------ inputs
    def _on_upload(self, change: Any) -> None:
        files = change["new"] or ()
        if not files:
            return
        f = files[0]
        self.document = logic.document_from_upload(f["name"], bytes(f["content"]))
        self._say(f"uploaded {self.document.name}: {len(self.document.pages)} page(s); click Extract")

    def chosen_document(self) -> "Document":
        """The uploaded document if there is one, else the picked workspace document or sample."""
        if self.document is not None and self.upload.value:
            return self.document
        key = self.picker.value
        if not key:
            from foa.errors import DocumentError

            raise DocumentError("no document: upload a PDF/TXT/MD file or pick one from the list")
        kind, _, ident = key.partition(":")
        if kind == "ws":
            return self.ws.document(ident)
        from foa.samples import load_sample

        return load_sample(ident)

    # ------------------------------------------------------------------------------------ actions
    def run(self) -> "StrategySpec":
        """Extract from the chosen document with the chosen provider; shows rules, evidence, assumptions."""
        self._start(2, "reading the document…")
        doc = self.chosen_document()
        self.document = doc
        self._step(f"extracting with the {self.provider.value} provider…")
        kwargs = dict(self.extract_kwargs)
        if self.ws is not None:
            kwargs.setdefault("workspace", self.ws)  # the raw extraction is recorded: a review points back to it
        spec = logic.extract(doc, self.provider.value, **kwargs)
        self.raw_id = self._raw_row(doc)
        self._set(spec)
        self._done(f"extracted {spec.name!r} from {doc.name} ({len(spec.evidence)} quotes)")
        return spec

    def apply_json(self) -> "StrategySpec":
        """Validate the edited JSON and make it the current spec."""
        from foa.spec.model import StrategySpec

        spec = StrategySpec.from_json(self.json.value)
        self._set(spec, raw=self.spec is None)
        self._say(f"applied: {spec.name!r} is valid" + ("" if self.raw_spec is spec else "; not accepted yet"))
        return spec

    def send(self) -> None:
        """Hand the current spec to the linked backtest dashboard."""
        from foa.errors import FoaError

        if self.spec is None:
            raise FoaError("no spec yet: click Extract (or paste JSON and Apply) first")
        if self.backtest is None:
            raise FoaError("no backtest dashboard linked: create this one with ExtractDashboard(backtest=BacktestDashboard(...))")
        self.backtest.set_spec(self.spec)
        which = f"review {self.reviewed_id}" if self.reviewed_id is not None else "not reviewed yet"
        self._say(f"sent {self.spec.name!r} ({which}) to the backtest dashboard")

    def _raw_row(self, doc: "Document") -> int | None:
        if self.ws is None:
            return None
        rows = self.ws.strategies()
        rows = rows[(rows["document_id"] == doc.id) & (rows["review"] == "raw")]
        return int(rows["id"].iloc[0]) if len(rows) else None

    def _set(self, spec: "StrategySpec", *, raw: bool = True) -> None:
        """Make ``spec`` current; ``raw=True`` for a fresh extraction (what a review is compared to)."""
        self.spec = spec
        if raw:
            self.raw_spec = spec
        self.reviewed_id = None  # a new or edited spec has not been accepted
        self.view.value = logic.spec_html(spec)
        self.json.value = spec.model_dump_json(indent=2, exclude_none=True)
        self.send_button.disabled = self.backtest is None
        self._refresh_review()
