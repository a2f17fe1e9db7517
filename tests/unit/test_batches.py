"""A long batch pauses Python's automatic garbage collections and frees each chunk's
cycles itself: nothing a chunk leaves behind in a cycle survives it, and the collector runs
as before once the batch ends, however it ends."""

from __future__ import annotations

import gc
import weakref

import pytest

from coopact.services.batches import chunk_done, collected_by_chunk


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def _cycle() -> weakref.ref[Node]:
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def test_a_chunk_s_cycles_are_freed_once_it_is_done() -> None:
    with collected_by_chunk():
        left = _cycle()
        assert left() is not None, "no automatic collection during the batch"
        chunk_done()
        assert left() is None


def test_the_collector_runs_again_after_the_batch_even_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collected_by_chunk():
        assert not gc.isenabled()
        raise RuntimeError("the chunk failed")
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused() -> None:
    gc.disable()
    try:
        with collected_by_chunk():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
