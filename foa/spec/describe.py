"""Plain-English rendering of a StrategySpec (placeholder: the engine/spec work replaces this)."""
from __future__ import annotations

import html


def describe(spec) -> str:
    return f"{spec.name}: {spec.summary}"


def spec_html(spec) -> str:
    return f"<pre>{html.escape(describe(spec))}</pre>"
