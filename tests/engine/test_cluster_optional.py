"""Dask is optional: ``client=`` without it is a FoaError that says how to install it."""

from __future__ import annotations

import sys

import pytest

import foa
from foa import cluster
from foa.errors import FoaError
from tests.engine.helpers import gspc


def test_sweep_with_a_client_but_no_dask_is_a_foa_error_naming_the_extra(monkeypatch):
    # None in sys.modules makes `import distributed` raise ImportError, as on a machine without Dask
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(FoaError, match=r"pip install 'foa\[dask\]'") as info:
        foa.sweep(foa.spec.library.get("sma_crossover"), gspc(), {"fast.window": [10, 20]}, client=True,
                  progress=False)
    assert isinstance(info.value.__cause__, ImportError)


def test_a_dask_client_is_not_recognised_when_distributed_is_not_loaded(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    assert cluster.is_dask_client(object()) is False


def test_spread_splits_chunks_evenly_in_order_a_whole_number_per_worker():
    from foa.engine.cluster import spread

    parts = [(list(range(5)), list("abcde")), (list(range(5, 7)), list("fg"))]
    out = spread(parts, 3, 1)  # 2 chunks over 3 worker threads, one each at the least: 3 chunks
    assert [s for s, _ in out] == [[0, 1, 2], [3, 4], [5, 6]]
    assert [o for _, o in out] == [list("abc"), list("de"), list("fg")]
    out = spread(parts, 3)  # by default two per worker thread: 6 chunks of the 7 combinations
    assert [len(s) for s, _ in out] == [2, 1, 1, 1, 1, 1] and [x for s, _ in out for x in s] == list(range(7))
    # 5 chunks over 2 threads: 6, no larger than the largest given chunk
    out = spread([(list(range(4)), None)] * 5, 2)
    assert [len(s) for s, _ in out] == [4, 4, 3, 3, 3, 3] and all(o is None for _, o in out)
    assert [x for s, _ in out for x in s] == list(range(4)) * 5
    assert [len(s) for s, _ in spread([(list(range(2)), None)], 6)] == [1, 1]  # no empty chunk
