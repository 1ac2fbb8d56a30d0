"""SweepDashboard: two parameters and their ranges -> heatmap, best combinations, robustness (deflated
Sharpe and the probability of backtest overfitting), and a Walk-forward tab over the same grid.

    from foa.widgets import SweepDashboard
    dash = SweepDashboard(foa.spec.library.get("sma_crossover"), ws=ws)
    dash                                    # pick parameters and ranges, click "Run sweep"
    dash.result.best(n=5); dash.spec        # the SweepResult and the best combination's spec
    dash.walk_forward_result.windows        # after "Run walk-forward" in the Walk-forward tab
    SweepDashboard(spec, ws=ws, client=distributed.Client())   # the "Dask cluster" toggle on, its link shown
    dash.cluster.value = True               # without a client: starts a local cluster of processes, shows its link
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
    """Controls + :func:`foa.widgets.logic.run_sweep` and :func:`~foa.widgets.logic.run_walk_forward`.

    ``dash.result`` is the SweepResult, ``dash.spec`` the best spec, ``dash.walk_forward_result`` the
    WalkForwardResult. ``client``: a ``distributed.Client`` for the "Dask cluster" toggle (on when given).
    Switched on without one, the toggle starts a LocalCluster of worker processes (``foa.cluster.local_client``)
    and shows its dashboard link; switched off, it closes that cluster (never a client it was given).
    ``train``/``test``: the walk-forward spans.
    """

    title = "Parameter sweep"

    def __init__(self, spec: "StrategySpec", ws: "Workspace | None" = None, *, prices: Any = None,
                 source: str | None = None, start: Any = None, end: Any = None, client: Any = None,
                 train: str = "5Y", test: str = "1Y") -> None:
        import ipywidgets as w

        super().__init__()
        self.base_spec = spec
        self.ws = ws
        self.prices = prices
        self.client = client  # a distributed.Client for the cluster toggle (None: started when switched on)
        self._own_client: Any = None  # the LocalCluster's client this dashboard started (and closes)
        self.result: Any = None
        self.walk_forward_result: Any = None
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
        self.cluster = w.ToggleButton(value=client is not None, description="Dask cluster", icon="server",
                                      tooltip="run the sweep's chunks on a Dask cluster (foa.sweep(client=...))",
                                      layout=w.Layout(width="auto", min_width="140px"))
        self.cluster_info = w.HTML(logic.cluster_html(self.cluster.value, client))
        self.summary = w.HTML()
        self.heatmap = w.Output()
        # walk-forward over the same grid: choose on each training window, trade the next test window
        self.train = w.Text(value=str(train), description="Train", placeholder="5Y, 18M, 26W, 90D or bars",
                            **field_layout("200px"))
        self.test = w.Text(value=str(test), description="Test", placeholder="1Y, 6M or bars", **field_layout("200px"))
        self.anchored = w.Checkbox(value=False, description="anchored (expanding training window)", indent=False,
                                   layout=w.Layout(width="auto"))
        self.wf_button = w.Button(description="Run walk-forward", button_style="primary", icon="forward",
                                  layout=w.Layout(width="auto", min_width="160px"))
        self.wf_summary = w.HTML()
        self.wf_chart = w.Output()
        self.cluster.observe(self.guarded(lambda c: self._show_cluster()), names="value")
        self.wf_button.on_click(self.guarded(lambda _b: self.run_walk_forward()))
        self.x.observe(self.guarded(lambda c: self._default_for(c, self.x_range)), names="value")
        self.y.observe(self.guarded(lambda c: self._default_for(c, self.y_range)), names="value")
        self.run_button.on_click(self.guarded(lambda _b: self.run()))
        if len(names) < 2:
            self.error.value = logic.error_html(SpecError(
                f"{spec.name} has {len(names)} sweepable parameter(s): give two indicators an id, e.g. sma(50, id='fast')"))
            self.run_button.disabled = True
            self.wf_button.disabled = True
        row = w.Layout(flex_flow="row wrap")
        self.tabs = w.Tab(children=[
            w.VBox([w.HBox([self.run_button, self.cluster], layout=row), self.cluster_info, self.heatmap, self.summary]),
            w.VBox([w.HBox([self.train, self.test, self.anchored], layout=row), self.wf_button, self.wf_summary,
                    self.wf_chart]),
        ])
        for i, name in enumerate(("Sweep", "Walk-forward")):
            self.tabs.set_title(i, name)
        self.widget = w.VBox([
            self._header(), w.HBox([self.x, self.x_range], layout=row), w.HBox([self.y, self.y_range], layout=row),
            self.metric, self.source, w.HBox([self.progress], layout=row), self.status, self.error, self.tabs,
        ])

    def _default_for(self, change: Any, box: Any) -> None:
        params = logic.sweep_parameters(self.base_spec)
        if change["new"] in params:
            box.value = _default_range(params[change["new"]])

    @property
    def spec(self) -> "StrategySpec | None":
        """The best combination's spec (None before a sweep)."""
        return None if self.result is None else self.result.best_spec()

    def _show_cluster(self) -> None:
        if self.cluster.value and self.client is None:
            from foa.cluster import local_client

            self.cluster_info.value = "<span class='foa-cluster'>starting a local Dask cluster…</span>"
            self.client = self._own_client = local_client()
        elif not self.cluster.value and self._own_client is not None:
            own, self.client, self._own_client = self._own_client, None, None
            own.close()
        self.cluster_info.value = logic.cluster_html(self.cluster.value, self.client)

    def _prices(self) -> Any:
        """The prices handed to foa.sweep/foa.walk_forward: those given, else the Workspace or the bundled
        samples (symbols the data lack resolve with proxies=True, as foa.backtest does)."""
        if self.prices is not None:
            return self.prices
        from foa.engine.prices import symbols_needed

        symbols = symbols_needed(self.base_spec) or ["^GSPC"]
        return logic.price_source(symbols, self.source.value, self.ws)

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
        self._show_cluster()
        client = logic.sweep_client(self.cluster.value, self.client)
        with self.heatmap:
            self.heatmap.clear_output(wait=True)  # the sweep's own progress bar shows here while it runs
            result = logic.run_sweep(self.base_spec, prices, self.x.value, xs, self.y.value, ys, metric=metric,
                                     client=client, **dates)
        self._show_figures(self.heatmap, [result.heatmap(self.x.value, self.y.value, metric)])
        self.result = result
        info = logic.sweep_summary(result, metric)
        warn = f"<p style='color:#a60'><b>Warning:</b> {html.escape(info['warning'])}</p>" if info["warning"] else ""
        pbo = (f"<p class='foa-pbo'><b>Probability of backtest overfitting:</b> {info['pbo']:.0%}. "
               f"{html.escape(info['pbo_reading'])}</p>") if info["pbo_reading"] else ""
        self.summary.value = (
            f"{warn}<p class='foa-sweep-summary'>{html.escape(info['sentence'])}</p>{pbo}"
            f"{logic.assumptions_html(result)}<b>Best by {html.escape(metric)}</b>{info['best'].to_html()}"
        )
        self._done(f"done: {info['combinations']} combinations")
        return result

    def run_walk_forward(self) -> Any:
        """Walk forward over the grid in the controls (the Walk-forward tab); shows the windows, the
        efficiency and the stitched out-of-sample equity. A failed run clears the previous one."""
        try:
            return self._run_walk_forward()
        except Exception:
            self.walk_forward_result = None
            self.wf_summary.value = ""
            self.wf_chart.outputs = ()
            raise

    def _run_walk_forward(self) -> Any:
        xs, ys = logic.parse_grid(self.x_range.value), logic.parse_grid(self.y_range.value)
        self._start(3, "loading prices for the walk-forward…")
        prices = self._prices()
        self._step(f"walking forward over {len(xs) * len(ys)} combinations per window "
                   f"(train {self.train.value}, test {self.test.value})…")
        dates = {k: v for k, v in (("start", self.start_date), ("end", self.end_date)) if v is not None}
        with self.wf_chart:
            self.wf_chart.clear_output(wait=True)  # the walk-forward's own progress bar shows here
            wf = logic.run_walk_forward(self.base_spec, prices, self.x.value, xs, self.y.value, ys,
                                        train=self.train.value, test=self.test.value, anchored=self.anchored.value,
                                        metric=self.metric.value, **dates)
        info = logic.walk_forward_summary(wf)
        self.walk_forward_result = wf
        self._show_figures(self.wf_chart, [info["figure"]])
        self.wf_summary.value = (f"<p class='foa-wf-summary'>{html.escape(info['sentence'])}</p>"
                                 f"{logic.assumptions_html(wf.oos_result)}{info['windows'].to_html(index=False)}")
        self._done(f"done: walk-forward over {len(wf.windows)} windows, efficiency "
                   f"{'–' if info['efficiency'] != info['efficiency'] else format(info['efficiency'], '.2f')}")
        return wf
