"""The deployments' pull step (prefect.yaml): on the worker, in the run's own process, check
that coopact is installed and name its version in the worker's output. It fetches no code:
the entrypoints are module paths of the installed package. A worker without coopact fails
here, before the flow, as it did when the step ran `coopact --version` in a shell (which cost
each run a second Python process)."""

from __future__ import annotations

from coopact import __version__


def installed_coopact() -> dict[str, str]:
    """Print ``coopact <version>`` (the worker streams it to its output); the version as the
    step's output."""
    print(f"coopact {__version__}", flush=True)
    return {"coopact_version": __version__}
