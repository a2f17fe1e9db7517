"""The portal served for real (uvicorn on 127.0.0.1, a free port) in a thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from coopact.entrypoints.web import Portal, create_app
from tests.ports import free_port


@contextmanager
def served(portal: Portal, port: int | None = None) -> Iterator[str]:
    """The portal's base URL while it runs."""
    import uvicorn

    port = port or free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(portal), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the portal did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
