"""Shared helpers for the offline extractor's tests: the one ``spec_of`` (a fixture) every file uses."""

from __future__ import annotations

from typing import Callable

import pytest

from foa.documents.model import Document
from foa.extract.offline import extract_offline


def read_spec(text: str, *pages: str):
    """The offline spec of a text; extra arguments are further pages (``read_spec(p1, p2, p3)``)."""
    return extract_offline(Document.from_text("\f".join((text, *pages))))


@pytest.fixture
def spec_of() -> Callable:
    """``spec_of(text, *more_pages)`` -> StrategySpec (raises NoStrategyFound like the extractor)."""
    return read_spec
