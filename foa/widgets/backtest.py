"""BacktestDashboard: pick a spec, symbols, dates, costs and a fill rule; run; read stats, charts and the
tear sheet (monthly returns, risk metrics, monthly heatmap, rolling Sharpe) in its own tab.

    from foa.widgets import BacktestDashboard
    dash = BacktestDashboard(ws=ws)            # or spec=my_spec
    dash                                       # shows it; click "Run backtest"
    dash.result.stats["sharpe"]                # the current result, in the next cell
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from foa.widgets import logic
from foa.widgets._base import Dashboard, field_layout

if TYPE_CHECKING:
    from foa.spec.model import StrategySpec
    from foa.workspace import Workspace

__all__ = ["BacktestDashboard"]

CURRENT = "(this dashboard's spec)"


def changes_html(document: "StrategySpec", used: "StrategySpec", result: Any) -> str:
    """The spec as run, then each control that overrode the document ("fees per side — document: 10 bp,
    used: 5 bp") and each assumption of the run ("SPY traded as ^GSPC: ...")."""
    import html

    from foa.spec.describe import overrides

    notes = [f"override: {n}" for n in overrides(document, used)] + [f"assumed: {a}" for a in result.assumptions]
    return logic.spec_html(used) + "".join(f"<p style='color:#9a6700'>{html.escape(n)}</p>" for n in notes)


class BacktestDashboard(Dashboard):
    """Controls + :func:`foa.widgets.logic.run_backtest`. ``dash.spec`` and ``dash.result`` hold the current values."""

    title = "Backtest"

    def __init__(self, spec: "StrategySpec | None" = None, ws: "Workspace | None" = None, *,
                 symbols: str | None = None, source: str | None = None, start: Any = None, end: Any = None) -> None:
        import ipywidgets as w

        from foa.spec.library import library

        super().__init__()
        self.ws = ws
        self._library = library()
        self._spec: StrategySpec | None = spec
        self.result: Any = None
        names = list(self._library)
        self.spec_picker = w.Dropdown(options=([CURRENT] if spec is not None else []) + names,
                                      value=CURRENT if spec is not None else "sma_crossover", description="Strategy",
                                      **field_layout("440px"))
        first = self.current_spec()
        default_syms = symbols or ", ".join(first.universe.symbols) or "^GSPC"
        self.symbols = w.Text(value=default_syms, description="Symbols", placeholder="^GSPC, ^IXIC", **field_layout("440px"))
        self.source = w.ToggleButtons(options=["workspace", "bundled"], value=source or ("workspace" if ws is not None else "bundled"),
                                      description="Prices", style={"description_width": "80px", "button_width": "100px"})
        self.start = w.Text(value=str(start or ""), description="Start", placeholder="YYYY-MM-DD", **field_layout("215px"))
        self.end = w.Text(value=str(end or ""), description="End", placeholder="YYYY-MM-DD", **field_layout("215px"))
        self.fees = w.BoundedFloatText(value=first.costs.fees * 1e4, min=0, max=1000, step=1, description="Fees (bp)",
                                       **field_layout("215px"))
        self.slippage = w.BoundedFloatText(value=first.costs.slippage * 1e4, min=0, max=1000, step=1, description="Slip (bp)",
                                           **field_layout("215px"))
        self.fill = w.Dropdown(options=list(logic.FILLS), value="next_open", description="Fill", **field_layout("215px"))
        self.run_button = w.Button(description="Run backtest", button_style="primary", icon="play",
                                   layout=w.Layout(width="auto", min_width="140px"))
        self.save_button = w.Button(description="Save to workspace", icon="save", disabled=True,
                                    layout=w.Layout(width="auto", min_width="170px"))
        self.spec_view = w.HTML(layout=w.Layout(flex="1 1 300px", min_width="260px", overflow="auto", max_height="360px"))
        self.stats = w.HTML(layout=w.Layout(min_width="300px", flex="0 0 auto"))
        self.charts = w.Output(layout=w.Layout(flex="1 1 auto", min_width="400px"))
        # the tear sheet (result.tearsheet()): monthly returns, risk metrics, monthly heatmap, rolling Sharpe
        self.tearsheet_tables = w.HTML(layout=w.Layout(overflow="auto"))
        self.tearsheet_charts = w.Output()
        self.run_button.on_click(self.guarded(lambda _b: self.run()))
        self.save_button.on_click(self.guarded(lambda _b: self.save()))
        self.spec_picker.observe(self.guarded(self._on_pick), names="value")
        # the description beside the controls is of the spec as it will run: it follows every input
        for control in (self.symbols, self.fees, self.slippage, self.fill):
            control.observe(self.guarded(lambda _c: self._show_spec()), names="value")
        self._show_spec()
        row = w.Layout(flex_flow="row wrap")
        controls = w.VBox([self.spec_picker, self.symbols, self.source, w.HBox([self.start, self.end], layout=row),
                           w.HBox([self.fees, self.slippage], layout=row), self.fill,
                           w.HBox([self.run_button, self.save_button, self.progress], layout=row), self.status, self.error],
                          layout=w.Layout(flex="0 0 460px", min_width="460px"))
        # stats beside the charts, so a reader sees the numbers and the curve together
        sheet = w.VBox([self.tearsheet_tables, self.tearsheet_charts])
        sheet.add_class("foa-tearsheet-tab")  # a handle for a browser test and a user's CSS
        self.tabs = w.Tab(children=[w.HBox([self.stats, self.charts], layout=w.Layout(flex_flow="row wrap")), sheet])
        for i, name in enumerate(("Backtest", "Tear sheet")):
            self.tabs.set_title(i, name)
        self.widget = w.VBox([self._header(), w.HBox([controls, self.spec_view], layout=w.Layout(flex_flow="row wrap")),
                              self.tabs])

    # ------------------------------------------------------------------------------------ values
    @property
    def spec(self) -> "StrategySpec":
        """The spec as it will run (symbols and costs from the controls applied)."""
        return logic.prepare_spec(self.current_spec(), self._symbol_list(), fees=self.fees.value / 1e4,
                                  slippage=self.slippage.value / 1e4)

    @spec.setter
    def spec(self, value: "StrategySpec") -> None:
        self.set_spec(value)

    def current_spec(self) -> "StrategySpec":
        if self.spec_picker.value == CURRENT and self._spec is not None:
            return self._spec
        return self._library[self.spec_picker.value]

    def set_spec(self, spec: "StrategySpec") -> None:
        """Use ``spec`` (e.g. sent from the extraction dashboard); its symbols and costs fill the controls."""
        self._spec = spec
        opts = list(self.spec_picker.options)
        if CURRENT not in opts:
            self.spec_picker.options = [CURRENT, *opts]
        if self.spec_picker.value == CURRENT:
            self._on_pick({"new": CURRENT})
        else:
            self.spec_picker.value = CURRENT  # fires _on_pick

    def _symbol_list(self) -> list[str]:
        return [s.strip() for s in self.symbols.value.replace(";", ",").split(",") if s.strip()]

    def _on_pick(self, _change: Any) -> None:
        spec = self.current_spec()
        if spec.universe.symbols:
            self.symbols.value = ", ".join(spec.universe.symbols)
        self.fees.value = spec.costs.fees * 1e4
        self.slippage.value = spec.costs.slippage * 1e4
        self._show_spec()

    def _show_spec(self) -> None:
        try:
            spec = self.spec  # symbols and costs from the controls
        except Exception:  # a half-typed input: describe the picked spec until it reads again
            spec = self.current_spec()
        self.spec_view.value = logic.spec_html(spec)

    # ------------------------------------------------------------------------------------ actions
    def clear_result(self) -> None:
        """No result: stats, charts and the save button blank (after a failed run)."""
        self.result = None
        self.stats.value = ""
        self.charts.outputs = ()
        self.tearsheet_tables.value = ""
        self.tearsheet_charts.outputs = ()
        self.save_button.disabled = True

    def run(self) -> Any:
        """Run the backtest with the current controls; updates stats and charts in place.

        A run that fails clears the previous result, so what is shown always belongs to the inputs.
        """
        return self.run_guarded(self._run)

    def _run(self) -> Any:
        self._start(4, "loading prices and running the backtest…")
        spec = self.spec
        result = logic.run_backtest(spec, None, start=self.start.value, end=self.end.value, fill=self.fill.value,
                                    source=self.source.value, ws=self.ws)
        self._step("drawing the charts…")
        self.result = result
        self.stats.value = logic.stats_html(result.stats)
        self.spec_view.value = changes_html(self.current_spec(), spec, result)  # what ran, not what was picked
        # one figure, three panels: equity vs benchmark, underwater drawdown, trades on price
        self._show_figures(self.charts, [result.plot()])
        self._step("building the tear sheet…")
        view = logic.tearsheet_view(result)
        self.tearsheet_tables.value = view["html"]
        self._show_figures(self.tearsheet_charts, view["figures"])
        self.save_button.disabled = self.ws is None
        self._done(f"done: {spec.name} on {', '.join(spec.universe.symbols)}, "
                   f"Sharpe {logic.format_stat('sharpe', result.stats['sharpe'])}")
        return result

    def save(self) -> str:
        """Save the current result to the workspace; returns its id."""
        if self.result is None:
            from foa.errors import FoaError

            raise FoaError("nothing to save yet: run the backtest first")
        if self.ws is None:
            from foa.errors import FoaError

            raise FoaError("no workspace: create the dashboard with BacktestDashboard(ws=foa.Workspace())")
        bid = self.result.save(self.ws)
        self._say(f"saved as backtest {bid}")
        return bid
