"""ExtractDashboard: upload a document or pick one, extract a StrategySpec, review and edit it, send it on.

    from foa.widgets import BacktestDashboard, ExtractDashboard
    bt = BacktestDashboard(ws=ws)
    ex = ExtractDashboard(ws=ws, backtest=bt)  # "Send to backtest" hands ex.spec to bt
    ex                                          # upload, pick provider, click "Extract"
    ex.spec                                     # the current spec, in the next cell
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from foa.widgets import logic
from foa.widgets._base import Dashboard

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
        self.widget = w.VBox([
            self._header(), w.HBox([self.upload, self.picker]), self.provider,
            w.HBox([self.extract_button, self.progress]), self.status, self.error, self.view,
            w.HTML("<b>Spec JSON</b> (edit and apply; validation errors show above)"), self.json,
            w.HBox([self.apply_button, self.send_button]),
        ])

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
        spec = logic.extract(doc, self.provider.value, **self.extract_kwargs)
        self._set(spec)
        self._done(f"extracted {spec.name!r} from {doc.name} ({len(spec.evidence)} quotes)")
        return spec

    def apply_json(self) -> "StrategySpec":
        """Validate the edited JSON and make it the current spec."""
        from foa.spec.model import StrategySpec

        spec = StrategySpec.from_json(self.json.value)
        self._set(spec)
        self._say(f"applied: {spec.name!r} is valid")
        return spec

    def send(self) -> None:
        """Hand the current spec to the linked backtest dashboard."""
        from foa.errors import FoaError

        if self.spec is None:
            raise FoaError("no spec yet: click Extract (or paste JSON and Apply) first")
        if self.backtest is None:
            raise FoaError("no backtest dashboard linked: create this one with ExtractDashboard(backtest=BacktestDashboard(...))")
        self.backtest.set_spec(self.spec)
        self._say(f"sent {self.spec.name!r} to the backtest dashboard")

    def _set(self, spec: "StrategySpec") -> None:
        self.spec = spec
        self.view.value = logic.spec_html(spec)
        self.json.value = spec.model_dump_json(indent=2, exclude_none=True)
        self.send_button.disabled = self.backtest is None
