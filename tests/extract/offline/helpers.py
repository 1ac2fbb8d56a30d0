"""Small readers of a spec's indicators shared by the offline extractor's tests."""

from __future__ import annotations

from foa.extract.evaluate import _spec_indicators
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
