"""The assembled spec: version, unsupported parts, refusals, no self-contradiction."""

from __future__ import annotations

import pytest

import foa
from foa.errors import NoStrategyFound
from foa.extract.api import offline_version
from foa.spec.model import StrategySpec, Unsupported


def test_version_exists_and_keys_the_offline_cache():
    from foa.extract import offline

    assert isinstance(offline.VERSION, str) and offline.VERSION
    assert offline_version() == f"offline-{offline.VERSION}"


def test_unsupported_is_part_of_the_contract_and_shown_everywhere(spec_of):
    from foa.cli.extract import render

    spec = spec_of("Buy SPY when the 50-day SMA crosses above the 200-day SMA.")
    assert spec.unsupported == []
    spec = spec.model_copy(update={"unsupported": [Unsupported(what="Parabolic SAR (sar)", quote="SAR flips", page=1)]})
    again = StrategySpec.from_json(spec.to_json())
    assert again.unsupported[0].what == "Parabolic SAR (sar)" and again.unsupported[0].page == 1
    assert "Not expressible, left out of the backtest: Parabolic SAR (sar) (p. 1)." in spec.describe()
    assert "Parabolic SAR (sar)" in spec._repr_html_() and "SAR flips" in spec._repr_html_()
    assert 'Parabolic SAR (sar): p.1 "SAR flips"' in render(spec)
    with pytest.raises(Exception):
        Unsupported(what="x", quote="y", colour="red")  # extra=forbid
