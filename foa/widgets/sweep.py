"""SweepDashboard: two parameters and their ranges -> heatmap, best combinations, robustness warnings.

    from foa.widgets import SweepDashboard
    dash = SweepDashboard(foa.spec.library.get("sma_crossover"), ws=ws)
    dash                                    # pick parameters and ranges, click "Run sweep"
    dash.result.best(n=5); dash.spec        # the SweepResult and the best combination's spec
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from foa.errors import SpecError
from foa.widgets import logic
from foa.widgets._base import Dashboard, field_layout

if TYPE_CHECKING:
    from foa.spec.model import StrategySpec
    from foa.workspace import Workspace

__all__ = ["SweepDashboard"]


def _default_range(value: float) -> str:
    """A grid around the current value: half to double it, about six steps."""
    v = int(value) if float(value).is_integer() else value
    if isinstance(v, int):
        lo, hi = max(1, v // 2), max(v * 2, v + 5)
        step = max(1, (hi - lo) // 5)
        return f"{lo}:{hi}:{step}"
    return f"{v / 2:g}:{v * 2:g}:{v / 4:g}"


class SweepDashboard(Dashboard):
    """Controls + :func:`foa.widgets.logic.run_sweep`. ``dash.result`` is the SweepResult, ``dash.spec`` the best spec."""

    title = "Parameter sweep"

    def __init__(self, spec: "StrategySpec", ws: "Workspace | None" = None, *, prices: Any = None,
                 source: str | None = None, start: Any = None, end: Any = None) -> None:
        import ipywidgets as w

        super().__init__()
        self.base_spec = spec
        self.ws = ws
        self.prices = prices
        self.result: Any = None
        self.start_date, self.end_date = start, end
        params = logic.sweep_parameters(spec)
        names = list(params)
        self.x = w.Dropdown(options=names, value=names[0] if names else None, description="x", **field_layout("260px"))
        self.y = w.Dropdown(options=names, value=names[1] if len(names) > 1 else None, description="y", **field_layout("260px"))
        self.x_range = w.Text(value=_default_range(params[names[0]]) if names else "", description="x range",
                              placeholder="10:50:10 or 10, 20", **field_layout("260px"))
        self.y_range = w.Text(value=_default_range(params[names[1]]) if len(names) > 1 else "", description="y range",
                              placeholder="10:50:10 or 10, 20", **field_layout("260px"))
        self.metric = w.Dropdown(options=list(logic.METRICS), value="sharpe", description="Metric", **field_layout("260px"))
        self.source = w.ToggleButtons(options=["workspace", "bundled"], value=source or ("workspace" if ws is not None else "bundled"),
                                      description="Prices", style={"description_width": "80px", "button_width": "100px"})
        self.run_button = w.Button(description="Run sweep", button_style="primary", icon="th",
                                   layout=w.Layout(width="auto", min_width="140px"))
        self.summary = w.HTML()
        self.heatmap = w.Output()
        self.x.observe(self.guarded(lambda c: self._default_for(c, self.x_range)), names="value")
        self.y.observe(self.guarded(lambda c: self._default_for(c, self.y_range)), names="value")
        self.run_button.on_click(self.guarded(lambda _b: self.run()))
        if len(names) < 2:
            self.error.value = logic.error_html(SpecError(
                f"{spec.name} has {len(names)} sweepable parameter(s): give two indicators an id, e.g. sma(50, id='fast')"))
            self.run_button.disabled = True
        row = w.Layout(flex_flow="row wrap")
        self.widget = w.VBox([
            self._header(), w.HBox([self.x, self.x_range], layout=row), w.HBox([self.y, self.y_range], layout=row),
            self.metric, self.source, w.HBox([self.run_button, self.progress], layout=row), self.status, self.error,
            self.heatmap, self.summary,
        ])

    def _default_for(self, change: Any, box: Any) -> None:
        params = logic.sweep_parameters(self.base_spec)
        if change["new"] in params:
            box.value = _default_range(params[change["new"]])

    @property
    def spec(self) -> "StrategySpec | None":
        """The best combination's spec (None before a sweep)."""
        return None if self.result is None else self.result.best_spec()

    def _prices(self) -> Any:
        if self.prices is not None:
            return self.prices
        symbols = list(self.base_spec.universe.symbols) or ["^GSPC"]
        return logic.load_prices(symbols, self.source.value, self.ws)

    def clear_result(self) -> None:
        """No result: heatmap and summary blank (after a failed sweep)."""
        self.result = None
        self.heatmap.outputs = ()
        self.summary.value = ""

    def run(self) -> Any:
        """Run the sweep; shows the heatmap, the best combinations and the robustness numbers.

        A sweep that fails clears the previous one, so what is shown always belongs to the inputs.
        """
        return self.run_guarded(self._run)

    def _run(self) -> Any:
        xs, ys = logic.parse_grid(self.x_range.value), logic.parse_grid(self.y_range.value)
        self._start(3, f"loading prices for {len(xs) * len(ys)} combinations…")
        prices = self._prices()
        self._step(f"sweeping {self.x.value} x {self.y.value} ({len(xs) * len(ys)} combinations)…")
        metric = self.metric.value
        dates = {k: v for k, v in (("start", self.start_date), ("end", self.end_date)) if v is not None}
        with self.heatmap:
            self.heatmap.clear_output(wait=True)  # the sweep's own progress bar shows here while it runs
            result = logic.run_sweep(self.base_spec, prices, self.x.value, xs, self.y.value, ys, metric=metric, **dates)
        self._show_figures(self.heatmap, [result.heatmap(self.x.value, self.y.value, metric)])
        self.result = result
        info = logic.sweep_summary(result, metric)
        warn = f"<p style='color:#a60'><b>Warning:</b> {html.escape(info['warning'])}</p>" if info["warning"] else ""
        self.summary.value = (
            f"{warn}<p class='foa-sweep-summary'>{html.escape(info['sentence'])}</p>"
            f"<b>Best by {html.escape(metric)}</b>{info['best'].to_html()}"
        )
        self._done(f"done: {info['combinations']} combinations")
        return result
