"""What a Claude extraction costs: a small price table and the arithmetic.

    >>> estimate_cost("claude-sonnet-5-5", input_tokens=10_000, output_tokens=1_000)
    0.03

Prices are USD per million tokens (input, output) from Anthropic's public price list. A cache write
costs 1.25x the input price, a cache read 0.1x, and the Message Batches API halves everything. A
model missing from the table gets no estimate (None) rather than a made-up number.
"""

from __future__ import annotations

__all__ = [
    "BATCH_DISCOUNT",
    "CACHE_READ_FACTOR",
    "CACHE_WRITE_FACTOR",
    "DEFAULT_MODEL",
    "PRICES",
    "estimate_cost",
]

# The current Sonnet in anthropic 2.14's `Model` literal, not in its DEPRECATED_MODELS
# (tests/extract/test_pricing.py checks both against the installed SDK).
DEFAULT_MODEL = "claude-sonnet-5-5"

# model -> (USD per million input tokens, USD per million output tokens)
PRICES: dict[str, tuple[float, float]] = {
    "claude-sonnet-5-5": (2.0, 10.0),
    "claude-sonnet-4-6": (3.0, 15.0),
    "claude-haiku-4-5": (1.0, 5.0),
    "claude-opus-4-6": (5.0, 25.0),
}

CACHE_WRITE_FACTOR = 1.25  # 5-minute ephemeral cache write
CACHE_READ_FACTOR = 0.10
BATCH_DISCOUNT = 0.5


def _base_model(model: str) -> str:
    # Bedrock/Vertex spell models with a prefix or a date suffix ("anthropic.claude-sonnet-5-5-v1:0",
    # "claude-sonnet-5-5@20260101"): price them as the model they name.
    for known in sorted(PRICES, key=len, reverse=True):
        if known in model:
            return known
    return model


def estimate_cost(
    model: str,
    *,
    input_tokens: int = 0,
    output_tokens: int = 0,
    cache_read_tokens: int = 0,
    cache_write_tokens: int = 0,
    batch: bool = False,
) -> float | None:
    """Estimated USD for one or more requests; None when the model's price is unknown.

    ``input_tokens`` counts uncached input only (as the API's ``usage.input_tokens`` does); cache
    reads and writes are passed separately.

    >>> estimate_cost("claude-sonnet-5-5", input_tokens=1_000_000)
    2.0
    """
    price = PRICES.get(_base_model(model))
    if price is None:
        return None
    p_in, p_out = price
    usd = (
        input_tokens * p_in
        + cache_write_tokens * p_in * CACHE_WRITE_FACTOR
        + cache_read_tokens * p_in * CACHE_READ_FACTOR
        + output_tokens * p_out
    ) / 1_000_000
    if batch:
        usd *= BATCH_DISCOUNT
    return round(usd, 6)
