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


def test_spread_makes_two_tasks_per_worker_thread_of_chunks_no_larger_than_the_local_ones():
    from foa.engine.cluster import spread

    def sizes(tasks):
        return [[len(s) for s, _ in task] for task in tasks]

    parts = [(list(range(5)), list("abcde")), (list(range(5, 7)), list("fg"))]
    out = spread(parts, 3, 1)  # one task per worker thread: 3 tasks of the 7 combinations, in order
    assert [[s for s, _ in task] for task in out] == [[[0, 1, 2]], [[3, 4]], [[5, 6]]]
    assert [[o for _, o in task] for task in out] == [[list("abc")], [list("de")], [list("fg")]]
    assert sizes(spread(parts, 3)) == [[2], [1], [1], [1], [1], [1]]  # two per thread by default
    # 15 local chunks of up to 13 over 2 threads: 4 tasks, each running chunks of at most 13 one by one
    out = spread([(list(range(13)), None)] * 14 + [(list(range(8)), None)], 2)
    assert sizes(out) == [[12, 12, 12, 12], [12, 12, 12, 12], [12, 12, 12, 11], [12, 12, 12, 11]]
    assert [x for task in out for s, _ in task for x in s] == list(range(13)) * 14 + list(range(8))
    assert all(o is None for task in out for _, o in task)
    assert sizes(spread([(list(range(2)), None)], 6)) == [[1], [1]]  # no empty task or chunk


def test_cuts_move_to_where_a_slow_key_changes_within_reach_and_keep_the_memory_bound():
    from foa.engine.cluster import SNAP, cuts

    grid = [(a, b) for a in range(6) for b in range(7)]  # the first key changes every 7 combinations
    assert cuts(42, 4, 42, grid) == [0, 11, 21, 32, 42]  # 22 moves to 21; 11 and 32 are out of reach
    assert cuts(42, 4, 10, grid) == [0, 11, 22, 32, 42]  # a chunk of 11 exceeds the limit of 10: the even cuts
    assert cuts(80, 4, 80, [(a, b) for a in range(8) for b in range(10)]) == [0, 20, 40, 60, 80]  # already there
    # 10 groups of 19 (fast x slow windows) in 4 chunks: 95 is a change of the fast window, 48 and 143 are
    # further than SNAP of a chunk from one (38/57, 133/152): they stay even
    sma = [(f, s) for f in range(5, 55, 5) for s in range(20, 210, 10)]
    assert int(190 / 4 * SNAP) < 9 and cuts(190, 4, 190, sma) == [0, 48, 95, 143, 190]
    # three keys: a change of the slowest is preferred to a nearer change of the middle one
    three = [(a, f, s) for a in (1, 2) for f in range(10) for s in range(19)]
    assert cuts(380, 6, 380, three) == [0, 57, 133, 190, 247, 323, 380]
    assert cuts(10, 3, 10) == [0, 4, 7, 10] and cuts(10, 3, 10, [(i,) for i in range(10)]) == [0, 4, 7, 10]


def test_spread_passes_the_keys_to_the_cuts():
    from foa.engine.cluster import spread

    keys = [(a, b) for a in range(6) for b in range(7)]
    out = spread([(list(range(42)), list(range(42)))], 2, keys=keys)  # 4 tasks: 22 moves to 21 (as in cuts)
    assert [[s for s, _ in task] for task in out] == [[list(range(0, 11))], [list(range(11, 21))],
                                                      [list(range(21, 32))], [list(range(32, 42))]]
    assert [[o for _, o in task] for task in out] == [[s for s, _ in task] for task in out]
