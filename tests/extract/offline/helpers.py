"""Small readers of a spec's indicators shared by the offline extractor's tests."""

from __future__ import annotations

from foa.extract.evaluate import _spec_indicators
from foa.spec import model as M
from foa.spec.model import StrategySpec
from foa.spec.validate import iter_indicators


def inds(spec: StrategySpec) -> set[tuple]:
    """(name, sorted params) of every indicator the spec uses."""
    return {(i.name, tuple(sorted(i.params.items()))) for i in iter_indicators(spec)}


def windows(spec: StrategySpec, name: str) -> set:
    """The windows of the spec's indicators called ``name``."""
    return {i.params.get("window") for i in iter_indicators(spec) if i.name == name}


def window_inds(spec) -> set[tuple[str, int]]:
    """(name, window) of every indicator, as the corpus scoring reads them."""
    return {(n, p.get("window")) for n, p in _spec_indicators(spec)}


_OPS = {"crosses_above": "xa", "crosses_below": "xb"}


def _expr(e) -> str:
    if isinstance(e, M.ConstExpr):
        return f"{e.value:g}"
    if isinstance(e, M.PriceExpr):
        return e.field + (f"[{e.shift}]" if e.shift else "")
    if isinstance(e, M.IndicatorExpr):
        params = ",".join(f"{v:g}" for _, v in sorted(e.params.items()))
        out = f"{e.name}({params})" + (f".{e.output}" if e.output else "") + (f"[{e.shift}]" if e.shift else "")
        return out + ("{" + _expr(e.input) + "}" if e.input is not None else "")
    return f"({_expr(e.left)}{e.op}{_expr(e.right)})"


def _cond(c) -> str:
    if c is None:
        return "-"
    if isinstance(c, M.CompareCondition):
        return f"{_expr(c.left)} {_OPS.get(c.op, c.op)} {_expr(c.right)}"
    if isinstance(c, (M.AllCondition, M.AnyCondition)):
        return "(" + (" & " if isinstance(c, M.AllCondition) else " | ").join(_cond(x) for x in c.of) + ")"
    if isinstance(c, M.NotCondition):
        return "!" + _cond(c.of)
    return c.kind


def compact(spec: M.StrategySpec) -> str:
    """The spec's rules and risk in one line (see the module docstring)."""
    out = []
    if spec.direction in ("long_only", "long_short"):
        out.append(f"L[{_cond(spec.entry)} ; {_cond(spec.exit)}]")
    if spec.direction in ("short_only", "long_short"):
        out.append(f"S[{_cond(spec.short_entry)} ; {_cond(spec.short_exit)}]")
    r = spec.risk
    risk = [f"{k}={getattr(r, k):g}" for k in ("stop_loss", "take_profit", "trailing_stop", "max_holding_bars")
            if getattr(r, k) is not None]
    if r.atr_stop:
        risk.append(f"atr_stop={r.atr_stop.multiple:g}x{r.atr_stop.window}")
    if risk:
        out.append("risk:" + ",".join(risk))
    return " ".join(out)
