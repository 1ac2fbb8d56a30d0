"""The StrategySpec contract: what Claude fills, what the offline extractor produces, what the engine
compiles, what the workspace stores.

The JSON names here are a contract that other parts and external checks rely on: add fields, never
rename them. Docstrings and field descriptions are written for a model and a person alike: they become
the JSON schema a model fills.
"""

from __future__ import annotations

import numbers
from datetime import datetime
from collections.abc import Sequence
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from foa.spec.friendly import not_percent, spec_validation_error

from foa.spec import indicators as _indicator_table

__all__ = [
    "AllCondition",
    "AlwaysCondition",
    "AnyCondition",
    "ArithExpr",
    "AtrStop",
    "CompareCondition",
    "Condition",
    "ConstExpr",
    "Costs",
    "Evidence",
    "Expr",
    "IndicatorExpr",
    "NotCondition",
    "PriceExpr",
    "Provenance",
    "Ranking",
    "Risk",
    "Sizing",
    "StrategySpec",
    "Universe",
    "INDICATORS",
]

# name -> (required params, optional params with defaults, outputs; first output is the default), read
# from the indicator table (foa/spec/indicators.py)
INDICATORS: dict[str, tuple[tuple[str, ...], dict[str, float], tuple[str, ...]]] = {
    _i.name: (_i.required, dict(_i.optional), _i.outputs) for _i in _indicator_table.table()
}
# Parameters that count bars in some indicator.
WINDOW_PARAMS = tuple(sorted(_indicator_table.window_params()))


class _Model(BaseModel):
    """Every part of a spec: unknown keys refused; a failed validation is a SpecValidationError (a
    SpecError that is still pydantic's ValidationError, with ``.errors()``)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as err:
            raise spec_validation_error(err) from err

    @classmethod
    def model_validate(cls, obj: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().model_validate(obj, *args, **kwargs)
        except ValidationError as err:
            raise spec_validation_error(err) from err

    @classmethod
    def model_validate_json(cls, json_data: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().model_validate_json(json_data, *args, **kwargs)
        except ValidationError as err:
            raise spec_validation_error(err) from err


def _as_expr(x: Any) -> Any:
    if isinstance(x, numbers.Real) and not isinstance(x, bool):  # numpy scalars too
        return ConstExpr(value=float(x))
    if not isinstance(x, _ExprOps):  # else pydantic's "valid dictionary" error would escape the rule builder
        from foa.errors import SpecError

        raise SpecError(f"cannot use {x!r} ({type(x).__name__}) in a rule: use a number or an expression such "
                        "as sma(50), close() or const(10)")
    return x


def _as_cond(x: Any) -> Any:
    if not isinstance(x, _CondOps):
        from foa.errors import SpecError

        raise SpecError(f"cannot combine a rule with {x!r} ({type(x).__name__}): &, | and ~ join conditions "
                        "such as rsi(2) < 10 or sma(50).crosses_above(sma(200))")
    return x


class _ExprOps:
    """Builder sugar so rules read like the rule: ``sma(50).crosses_above(sma(200))``, ``rsi(2) < 10``."""

    def __str__(self) -> str:
        """The expression in the rule syntax (``foa.spec.rule``): ``bbands(20, 2).upper``."""
        from foa.spec.rule import format_expr

        return format_expr(self)

    def _cmp(self, op: str, other: Any) -> "CompareCondition":
        return CompareCondition(left=self, op=op, right=_as_expr(other))

    def __gt__(self, other: Any) -> "CompareCondition":
        return self._cmp(">", other)

    def __ge__(self, other: Any) -> "CompareCondition":
        return self._cmp(">=", other)

    def __lt__(self, other: Any) -> "CompareCondition":
        return self._cmp("<", other)

    def __le__(self, other: Any) -> "CompareCondition":
        return self._cmp("<=", other)

    def crosses_above(self, other: Any) -> "CompareCondition":
        return self._cmp("crosses_above", other)

    def crosses_below(self, other: Any) -> "CompareCondition":
        return self._cmp("crosses_below", other)

    def _arith(self, op: str, other: Any, *, flip: bool = False) -> "ArithExpr":
        a, b = (_as_expr(other), self) if flip else (self, _as_expr(other))
        return ArithExpr(op=op, left=a, right=b)

    def __add__(self, o: Any) -> "ArithExpr":
        return self._arith("+", o)

    def __radd__(self, o: Any) -> "ArithExpr":
        return self._arith("+", o, flip=True)

    def __sub__(self, o: Any) -> "ArithExpr":
        return self._arith("-", o)

    def __rsub__(self, o: Any) -> "ArithExpr":
        return self._arith("-", o, flip=True)

    def __mul__(self, o: Any) -> "ArithExpr":
        return self._arith("*", o)

    def __rmul__(self, o: Any) -> "ArithExpr":
        return self._arith("*", o, flip=True)

    def __truediv__(self, o: Any) -> "ArithExpr":
        return self._arith("/", o)

    def __rtruediv__(self, o: Any) -> "ArithExpr":
        return self._arith("/", o, flip=True)

    def ago(self, n: int) -> Any:
        """The same expression n bars back (``rsi(2).ago(1)`` is yesterday's RSI)."""
        return self.model_copy(update={"shift": getattr(self, "shift", 0) + n})


class _CondOps:
    """``a & b`` (all), ``a | b`` (any), ``~a`` (not)."""

    def __str__(self) -> str:
        """The condition in the rule syntax: ``foa.rule(str(c)) == c``."""
        from foa.spec.rule import format_rule

        return format_rule(self)

    def __and__(self, other: Any) -> "AllCondition":
        return AllCondition(of=[self, _as_cond(other)])

    def __or__(self, other: Any) -> "AnyCondition":
        return AnyCondition(of=[self, _as_cond(other)])

    def __invert__(self) -> "NotCondition":
        return NotCondition(of=self)


# --------------------------------------------------------------------------------------------- Expr


class PriceExpr(_ExprOps, _Model):
    """A price field of the traded symbol (or of `symbol`), optionally `shift` bars back."""

    kind: Literal["price"] = "price"
    field: Literal["open", "high", "low", "close", "volume"] = "close"
    symbol: str | None = Field(None, description="Another asset's price (e.g. 'SPY' as a regime filter); null = the traded symbol.")
    shift: int = Field(0, ge=0, description="Bars back: 1 = the previous bar's value.")


class ConstExpr(_ExprOps, _Model):
    """A number: a threshold such as an RSI level of 30 or a zero line."""

    kind: Literal["const"] = "const"
    value: float = Field(allow_inf_nan=False)  # NaN/inf compare false everywhere: a rule that never fires
    id: str | None = Field(None, description="A name a parameter sweep can address, e.g. 'oversold' -> 'oversold.value'.")


class IndicatorExpr(_ExprOps, _Model):
    """A technical indicator. Windows count bars of the spec's frequency.

    params: `window` for sma, ema, rsi, roc, atr, highest, lowest, stdev; bbands {window, std} with
    outputs upper|middle|lower; macd {fast, slow, signal} with outputs macd|signal|hist.
    roc is a fraction (x[t]/x[t-n] - 1); highest/lowest cover the n bars before t.
    Any TA-Lib function by its lowercase name with TA-Lib's parameter names: adx {timeperiod}, sar
    {acceleration, maximum}, stoch outputs slowk|slowd (foa.indicators() lists them all).
    """

    kind: Literal["indicator"] = "indicator"
    name: str = Field(description="One of: sma, ema, rsi, bbands, macd, roc, atr, highest, lowest, stdev, or a "
                      "TA-Lib function by its lowercase name (adx, sar, stoch, cci, willr, obv, mfi, kama...).")
    params: dict[str, int | float] = Field(default_factory=dict)
    output: str | None = Field(None, description="bbands: upper|middle|lower; macd: macd|signal|hist; stoch: slowk|slowd; "
                               "a TA-Lib function's output names; null = the first output.")
    input: Expr | None = Field(None, description="Run the indicator on another expression (EMA of RSI); null = close (highest: high, lowest: low).")
    symbol: str | None = Field(None, description="Compute on another asset's prices; null = the traded symbol.")
    id: str | None = Field(None, description="A name a parameter sweep can address, e.g. 'fast' -> 'fast.window'.")
    shift: int = Field(0, ge=0, description="Bars back.")

    @model_validator(mode="before")
    @classmethod
    def _talib_param_names(cls, data: Any) -> Any:
        # foa's own indicators accept TA-Lib's parameter names (sma timeperiod -> window)
        if isinstance(data, dict) and isinstance(data.get("name"), str) and isinstance(data.get("params"), dict):
            fixed = _indicator_table.normalize_params(data["name"], data["params"])
            if fixed is not data["params"]:
                data = {**data, "params": fixed}
        return data

    @field_validator("params")
    @classmethod
    def _ints_for_windows(cls, v: dict[str, Any]) -> dict[str, Any]:
        # Windows are whole bars; keep them ints so JSON round-trips exactly.
        out: dict[str, Any] = {}
        for k, x in v.items():
            out[k] = int(x) if k in WINDOW_PARAMS and float(x).is_integer() else x
        return out


class ArithExpr(_ExprOps, _Model):
    """Arithmetic on two expressions: "close more than 2% above the SMA" is close > sma * 1.02."""

    kind: Literal["arith"] = "arith"
    op: Literal["+", "-", "*", "/"]
    left: Expr
    right: Expr


Expr = Annotated[Union[PriceExpr, ConstExpr, IndicatorExpr, ArithExpr], Field(discriminator="kind")]

# ---------------------------------------------------------------------------------------- Condition


class CompareCondition(_CondOps, _Model):
    """left op right. crosses_above: left[t] > right[t] and left[t-1] <= right[t-1]."""

    kind: Literal["compare"] = "compare"
    left: Expr
    op: Literal[">", ">=", "<", "<=", "crosses_above", "crosses_below"]
    right: Expr


class AllCondition(_CondOps, _Model):
    """True when every condition in `of` is true."""

    kind: Literal["all"] = "all"
    of: list[Condition] = Field(min_length=1)


class AnyCondition(_CondOps, _Model):
    """True when at least one condition in `of` is true."""

    kind: Literal["any"] = "any"
    of: list[Condition] = Field(min_length=1)


class NotCondition(_CondOps, _Model):
    """True when `of` is false."""

    kind: Literal["not"] = "not"
    of: Condition


class AlwaysCondition(_CondOps, _Model):
    """Always true: buy and hold enters on the first bar; a ranking holds whatever ranks top."""

    kind: Literal["always"] = "always"


Condition = Annotated[
    Union[CompareCondition, AllCondition, AnyCondition, NotCondition, AlwaysCondition],
    Field(discriminator="kind"),
]

# ------------------------------------------------------------------------------------------- parts


class Universe(_Model):
    """What is traded. Symbols are Yahoo-style tickers (SPY, ^GSPC, CL=F)."""

    symbols: list[str] = Field(default_factory=list, description="Tickers traded, e.g. ['SPY'] or ['^GSPC', '^IXIC'].")
    asset_class: Literal["equity", "fixed_income", "commodity", "fx", "crypto", "multi_asset"] | None = None
    benchmark: str | None = Field(None, description="Benchmark ticker; null = buy & hold of the universe.")


class Ranking(_Model):
    """Cross-sectional selection: rank the universe by `by` and hold the top_n (or top_pct) at each rebalance."""

    by: Expr
    top_n: int | None = Field(None, ge=1)
    top_pct: float | None = Field(None, gt=0, le=1)
    ascending: bool = Field(False, description="False: highest values rank first (momentum winners).")

    @field_validator("by", mode="before")
    @classmethod
    def _by_from_text(cls, v: Any) -> Any:
        # "roc(12)" in the rule syntax (foa.spec.rule) is the same expression as roc(12)
        if isinstance(v, str):
            from foa.spec.rule import parse_expr

            return parse_expr(v)
        return v


class AtrStop(_Model):
    """Stop at `multiple` x ATR(window) below the fill price (above for shorts), fixed for the trade."""

    window: int = Field(14, ge=1)
    multiple: float = Field(2.0, gt=0)


class Risk(_Model):
    """Exits that do not depend on the rules. Fractions: a 5% stop is 0.05."""

    stop_loss: float | None = Field(None, gt=0, lt=1, description="Exit when price moves this fraction against the fill (0.05 = 5%).")
    take_profit: float | None = Field(None, gt=0, description="Exit when price moves this fraction in favour of the fill.")
    trailing_stop: float | None = Field(None, gt=0, lt=1, description="Exit this fraction below the highest high since the fill (above the lowest low for shorts).")
    atr_stop: AtrStop | None = Field(None, description="A stop multiple x ATR(window) from the fill, fixed at entry.")
    max_holding_bars: int | None = Field(None, ge=1, description="Exit after this many bars of the spec's frequency.")

    @field_validator("stop_loss", "take_profit", "trailing_stop", mode="before")
    @classmethod
    def _not_percent(cls, v: Any, info: ValidationInfo) -> Any:
        return not_percent(v, info.field_name or "")


class Sizing(_Model):
    """How much to buy. all_in: 100% of equity (1/N each with N symbols), fractional shares, no leverage."""

    method: Literal["all_in", "fixed_fraction", "equal_weight", "volatility_target"] = "all_in"
    fraction: float | None = Field(None, gt=0, le=1, description="fixed_fraction: share of equity per position.")
    target_volatility: float | None = Field(None, gt=0, description="volatility_target: annualised, e.g. 0.10.")
    vol_window: int | None = Field(None, ge=2, description="volatility_target: look-back in bars.")

    @field_validator("fraction", mode="before")
    @classmethod
    def _not_percent(cls, v: Any, info: ValidationInfo) -> Any:
        return not_percent(v, info.field_name or "")


class Costs(_Model):
    """Fees per side as a fraction of traded notional plus a fixed fee per order; slippage as an adverse price
    fraction; shorts pay an annual borrow rate on their value."""

    fees: float = Field(0.0, ge=0, lt=1, description="Per side, as a fraction of traded notional (0.001 = 10 bp).")
    slippage: float = Field(0.0, ge=0, lt=1, description="Adverse price fraction on every fill (buys higher, sells lower).")
    fixed_fee: float = Field(0.0, ge=0, description="A fixed amount charged per order (each side), in the account's currency, beside the proportional fee.")
    borrow_rate: float = Field(0.0, ge=0, lt=1, description="Annual cost of borrowing for shorts (0.03 = 3% a year), charged every bar at rate / 252 on the short position's value at the previous close.")

    @field_validator("fees", "slippage", mode="before")
    @classmethod
    def _not_percent(cls, v: Any, info: ValidationInfo) -> Any:
        return not_percent(v, info.field_name or "")


class Evidence(_Model):
    """A verbatim quote (<= ~300 characters) from the document that supports `field`, with its page."""

    field: str = Field(description="The spec field the quote supports, e.g. 'entry', 'risk.stop_loss'.")
    quote: str = Field(description="Verbatim text from the document, containing the number it supports.")
    page: int | None = Field(None, ge=1)
    verified: bool | None = Field(None, description="Set by foa after checking the quote against the document.")
    state: Literal["supports", "found", "not_found"] | None = Field(
        None, description="Set by foa: 'supports' (found, with the value and the field's kind), 'found' (in the "
        "document but not showing both), 'not_found'.")


class Unsupported(_Model):
    """A rule-like part of the document that the DSL cannot hold (listed, never silently dropped).

    `what` names it in a few words ("ADX (adx) filter", "time-of-day exit", "volume multiple"),
    `quote` is the verbatim text it comes from (<= ~300 characters), `page` its page.
    """

    what: str = Field(description="What the document asks for that foa cannot express, e.g. 'Parabolic SAR (sar)', 'time-of-day exit'.")
    quote: str = Field("", description="Verbatim text from the document stating it.")
    page: int | None = Field(None, ge=1)


class Provenance(_Model):
    """Where a spec came from: filled by extraction, never by a model."""

    document_id: str | None = None
    provider: str | None = None
    model: str | None = None
    prompt_version: str | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    cache_read_tokens: int | None = None
    cost_usd: float | None = None
    pages_sent: list[int] | None = None
    created_at: datetime | None = None

    def _repr_html_(self) -> str:
        """The fields that are set, as a two-column table (a notebook shows this instead of the raw repr)."""
        import html

        rows = []
        for key, value in self.model_dump().items():
            if value is None:
                continue
            if isinstance(value, datetime):
                value = value.strftime("%Y-%m-%d %H:%M:%S %Z").strip()
            elif key == "cost_usd":
                value = f"${value:,.4f}"
            elif isinstance(value, list):
                value = ", ".join(map(str, value))
            rows.append(f"<tr><th style='text-align:left;padding-right:1em'>{html.escape(key.replace('_', ' '))}</th>"
                        f"<td style='text-align:left'>{html.escape(str(value))}</td></tr>")
        return f"<table class='foa-provenance'><caption style='text-align:left'><b>Provenance</b></caption>{''.join(rows)}</table>"


# ------------------------------------------------------------------------------------- StrategySpec


class StrategySpec(_Model):
    """A backtestable trading strategy.

    Rules are Conditions evaluated on each bar's close; a signal on bar t fills at bar t+1's open.
    `entry`/`exit` are long rules, `short_entry`/`short_exit` short rules. A ranking strategy sets
    `ranking` and `rebalance` and usually leaves the rules null (or uses `entry` as a filter).
    Every rule should be backed by `evidence`; anything assumed goes in `assumptions`.
    """

    name: str = Field(description="A short name for the strategy, e.g. 'SMA 50/200 crossover on SPY'.")
    summary: str = Field("", description="One or two sentences saying what the strategy does, in plain English.")
    universe: Universe = Field(default_factory=Universe, description="The symbols traded (and the benchmark).")
    frequency: Literal["daily", "weekly", "monthly"] = Field(
        "daily", description="Bar frequency of the rules: every window counts bars of it (a 10-month SMA on monthly bars is window 10).")
    direction: Literal["long_only", "short_only", "long_short"] = Field(
        "long_only", description="long_only uses entry/exit; short_only uses short_entry/short_exit; long_short uses all four.")
    entry: Condition | None = Field(None, description="When to buy (go long), read while flat. 'always' = buy and hold. With a ranking: a filter.")
    exit: Condition | None = Field(None, description="When to sell a long position, read while long. null = hold until a stop or the end.")
    short_entry: Condition | None = Field(None, description="When to sell short (direction short_only or long_short).")
    short_exit: Condition | None = Field(None, description="When to cover a short position.")
    ranking: Ranking | None = Field(None, description="Cross-sectional selection across a universe of >= 2 symbols; null for single-asset rules.")
    rebalance: Literal["daily", "weekly", "monthly", "quarterly"] | None = Field(
        None, description="The rebalance schedule for a ranking or fixed weights (last trading day of each period).")
    risk: Risk = Field(default_factory=Risk, description="Stops and time exits, measured from the fill price.")
    sizing: Sizing = Field(default_factory=Sizing, description="Position sizing; default all_in (100% of equity, 1/N per symbol).")
    costs: Costs = Field(default_factory=Costs, description="Fees per side and slippage, as fractions.")
    evidence: list[Evidence] = Field(default_factory=list, description="Verbatim quotes backing each rule and number, with pages.")
    assumptions: list[str] = Field(default_factory=list, description="Everything filled in that the document does not say.")
    unsupported: list[Unsupported] = Field(
        default_factory=list,
        description="Rule-like parts of the document foa cannot express (an indicator outside foa's list, a volume "
                    "multiple, a time-of-day exit, options, pairs, candlestick patterns, fundamentals): listed, not dropped.")
    provenance: Provenance | None = Field(None, description="Filled by foa's extraction, never by a model: leave null.")

    @field_validator("entry", "exit", "short_entry", "short_exit", mode="before")
    @classmethod
    def _rule_from_text(cls, v: Any) -> Any:
        # entry="sma(50) crosses_above sma(200)": a rule in the rule syntax (foa.spec.rule); the JSON form
        # (model_dump) stays the condition objects
        if isinstance(v, str):
            from foa.spec.rule import rule

            return rule(v)
        return v

    @model_validator(mode="after")
    def _check(self) -> "StrategySpec":
        # Imported late: validation lives beside the DSL, the model stays a plain contract.
        from foa.spec.validate import validate_spec

        validate_spec(self)
        return self

    # --- convenience -----------------------------------------------------------------------------
    def describe(self) -> str:
        """Plain-English rendering of the rules."""
        from foa.spec.describe import describe

        return describe(self)

    def with_symbols(self, symbols: "str | Sequence[str]") -> "StrategySpec":
        """A copy trading ``symbols`` ("SPY", "SPY, QQQ" or a list), validated again.

        A document often names no ticker ("the traded asset"): give it one here, or pass ``symbols=`` to
        ``foa.backtest``. Symbols that replace ones the spec named (a document's SPY traded as ^GSPC) are
        noted in ``assumptions``, so reports say what was traded instead.

        >>> foa.spec.library.get("sma_crossover").with_symbols("^GSPC").universe.symbols  # doctest: +SKIP
        ['^GSPC']
        """
        from foa.errors import SpecError

        if isinstance(symbols, str):  # "SPY" or "SPY, QQQ" as typed, not the letters S, P, Y
            symbols = symbols.replace(";", ",").split(",")
        new = list(dict.fromkeys(s.strip() for s in symbols if isinstance(s, str) and s.strip()))
        if not new:
            raise SpecError(f"with_symbols needs at least one symbol, e.g. with_symbols('^GSPC'); got {symbols!r}")
        data = self.model_dump(mode="json")
        old = list(data["universe"]["symbols"])
        if old and new != old:
            note = f"traded {', '.join(new)} in place of {', '.join(old)} (the symbols the spec named)"
            if note not in data["assumptions"]:
                data["assumptions"] = [*data["assumptions"], note]
        data["universe"]["symbols"] = new
        return type(self).model_validate(data)

    def to_json(self, **kwargs: Any) -> str:
        """The spec as JSON (the stored and diffed form)."""
        return self.model_dump_json(**kwargs)

    @classmethod
    def from_json(cls, text: str | bytes) -> "StrategySpec":
        """Parse and validate JSON; raises SpecError with the validation errors."""
        from foa.spec.validate import parse_spec

        return parse_spec(text)

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON schema a model fills."""
        return cls.model_json_schema()

    def _repr_html_(self) -> str:
        from foa.spec.describe import spec_html

        return spec_html(self)


for _m in (IndicatorExpr, ArithExpr, CompareCondition, AllCondition, AnyCondition, NotCondition, Ranking, StrategySpec):
    _m.model_rebuild()
