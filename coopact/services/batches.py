"""Long batches in one process: Python's cyclic garbage collector kept to the objects
each chunk made (review-due opening 100,000 reviews), or spared what the imports made (a
review-report run writing its chunk).

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


_FROZEN: list[bool] = []


def freeze_imports() -> None:
    """Once per process, before the first chunk: what the imports made (Prefect, SQLAlchemy,
    the document stack: a quarter of a million objects) is left out of the garbage
    collector's full passes, which otherwise walk it again and again while the reports are
    written (a twentieth of a report's cost). Frozen as it is, without a collection first:
    a full pass then would cost a tenth of a second of CPU a run (a process a run on a
    worker) to free a few dozen objects."""
    if not _FROZEN:
        gc.freeze()
        _FROZEN.append(True)
