"""What every dashboard shares: a status line with progress, an error box, and guarded callbacks.

A callback never raises into the front end (JupyterLab would only log it to the browser console):
any error is shown in the dashboard's error box, a FoaError with its "how to fix it" message.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from typing import Any

from foa.widgets.logic import error_html

__all__ = ["DESCRIPTION_WIDTH", "Dashboard", "figure_output", "field_layout"]

# One description column for every control, wide enough for the longest label ("Fees (bp)",
# "x range"), so labels never cut off and fields line up at any page width.
DESCRIPTION_WIDTH = "80px"


def field_layout(width: str = "260px") -> dict[str, Any]:
    """``layout`` and ``style`` keyword arguments for a labelled control: a fixed label column, a field width.

    >>> import ipywidgets as w; w.Text(description="End", **field_layout("200px"))  # doctest: +SKIP
    """
    import ipywidgets as w

    return {"layout": w.Layout(width=width, min_width=width, flex="0 0 auto"),
            "style": {"description_width": DESCRIPTION_WIDTH}}


def figure_output(fig: Any) -> dict[str, Any]:
    """A plotly figure as an Output-widget display item, built here rather than through display().

    display() inside an Output only records anything under a running kernel; building the bundle
    directly behaves the same in JupyterLab, in a report kernel and in a plain test. The active
    renderer decides the mimetype (JupyterLab: plotly's mimetype; a report: HTML); with none active,
    plotly's own JSON mimetype.
    """
    import json

    bundle = dict(fig._repr_mimebundle_() or {})
    if not bundle:
        bundle = {"application/vnd.plotly.v1+json": json.loads(fig.to_json())}
    bundle.setdefault("text/plain", f"<plotly figure: {fig.layout.title.text or 'untitled'}>")
    return {"output_type": "display_data", "data": bundle, "metadata": {}}


class Dashboard:
    """Base: ``self.widget`` is the box shown; ``self.last_error`` the last error caught (or None)."""

    title = "foa"

    def __init__(self) -> None:
        import ipywidgets as w

        self.status = w.HTML(value="")
        self.progress = w.IntProgress(value=0, min=0, max=1, layout=w.Layout(width="240px", visibility="hidden"))
        self.error = w.HTML(value="")
        self.last_error: BaseException | None = None
        self.widget: Any = None

    # -------------------------------------------------------------------------------- progress
    def _start(self, steps: int, message: str) -> None:
        self.error.value = ""
        self.last_error = None
        self.progress.max = max(steps, 1)
        self.progress.value = 0
        self.progress.bar_style = "info"
        self.progress.layout.visibility = "visible"
        self._say(message)

    def _step(self, message: str) -> None:
        self.progress.value = min(self.progress.value + 1, self.progress.max)
        self._say(message)

    def _done(self, message: str) -> None:
        self.progress.value = self.progress.max
        self.progress.bar_style = "success"
        self._say(message)

    def _say(self, message: str) -> None:
        self.status.value = f"<span class='foa-status'>{html.escape(message)}</span>"

    def _fail(self, err: BaseException) -> None:
        self.last_error = err
        self.error.value = error_html(err)
        self.progress.bar_style = "danger"
        self._say("failed: see the message below")

    def clear_result(self) -> None:
        """Forget the current result and blank what shows it (a dashboard with a result overrides this)."""

    def run_guarded(self, fn: Callable[[], Any]) -> Any:
        """Run ``fn`` (a dashboard's run); if it fails, the previous result goes too and the error shows.

        A failed run must never leave the last good stats and chart under the error, as if they
        belonged to the inputs now on screen.
        """
        try:
            return fn()
        except Exception:
            self.clear_result()
            raise

    def guarded(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap a callback so an error is shown in the dashboard instead of raised."""

        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            # each user action starts clean: an old error must not sit beside a new result
            self.error.value = ""
            self.last_error = None
            try:
                return fn(*args, **kwargs)
            except Exception as err:  # shown to the user; nothing escapes into the front end
                self._fail(err)
                return None

        return run

    # -------------------------------------------------------------------------------- display
    @staticmethod
    def _show_figures(out: Any, figs: list[Any]) -> None:
        """Replace what ``out`` shows with ``figs`` in one update (no flicker, charts updated in place)."""
        out.outputs = tuple(figure_output(f) for f in figs)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def _header(self) -> Any:
        import ipywidgets as w

        return w.HTML(f"<b>{html.escape(self.title)}</b>")
