"""Long batches in one process (review-due opening 100,000 reviews): Python's cyclic
garbage collector kept to the objects each chunk made.

Left to itself, the collector runs a full collection every so often during a batch, and
each full collection walks every object the process holds: its imported modules and all
that the batch kept so far (each review opened, for the summary). The later the chunk, the
longer the walk: at 100,000 partnerships, a third of the opening's time. Paused for the
batch, with the young generations collected after each chunk, the cycles a chunk leaves
behind are still freed, and what outlives its chunk is not walked again until the batch
ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collected_by_chunk() -> Iterator[None]:
    """Pause the automatic collections for the block; the block calls :func:`chunk_done`
    after each chunk. The collector runs again as before once the block ends, whatever
    way it ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def chunk_done() -> None:
    """Free the cycles the chunk left behind (the young generations only: what the chunk
    made, not what earlier chunks kept)."""
    gc.collect(1)
