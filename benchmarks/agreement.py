"""Benchmark: generating the agreement against a bare docxtpl render of the same template.

    python benchmarks/agreement.py [repetitions]

"coopact" is the whole automatic work of the stage for one partnership: completeness
checks, assembly of the context, template lint, sandboxed render, typography, reproducible
zip and SHA-256, then storing the result in a real SQLite database in one transaction
(findings replaced, the new version stored with its canonical inputs and its
``document.generated`` event in the audit chain, as `coopact advance` does). Each
repetition generates the agreement of a partnership registered beforehand (P-2027-001,
P-2027-002...), so that every one stores a new version. "bare docxtpl" is
``DocxTemplate(path).render(context)`` and ``save`` to memory, with the same template and the
same context (checked equal to the one coopact rendered). Both run alternately in one
process; the script prints both medians, wall and CPU time, their ratios (target: 1.1x or
less, issue 25) and the machine's load before and after: on a busy machine the CPU ratio
moves less than the wall one.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# The audit chain's key: a home of its own, as `coopact init` would make one.
os.environ.setdefault("COOPACT_HOME", tempfile.mkdtemp(prefix="coopact-bench-home-"))

import yaml  # noqa: E402
from docxtpl import DocxTemplate  # noqa: E402

from benchmarks._measure import load  # noqa: E402
from coopact import services  # noqa: E402
from coopact.contracts.lifecycle import Stage  # noqa: E402
from coopact.schemas import Partnership  # noqa: E402
from coopact.stages.agreement import run, signature_provider  # noqa: E402
from coopact.stages.base import WorkContext  # noqa: E402
from coopact.stages.template_lint import agreement_context  # noqa: E402
from coopact.store.db import make_engine  # noqa: E402
from coopact.store.migrate import upgrade  # noqa: E402
from coopact.store.uow import UnitOfWork  # noqa: E402

Run = tuple[Partnership, WorkContext, dict[str, Any]]


def main(repetitions: int = 30) -> None:
    print(f"before: {load()}")
    data = yaml.safe_load((ROOT / "coopact" / "examples" / "partnership.example.yaml").read_text())
    templates = ROOT / "templates"
    folder = tempfile.mkdtemp(prefix="coopact-bench-")
    engine = make_engine(f"sqlite:///{folder}/coopact.db")
    upgrade(engine)
    uow = UnitOfWork.for_engine(engine)
    runs: list[Run] = []
    for i in range(repetitions + 1):  # the first one warms up (imports, caches)
        partnership = Partnership.model_validate({**data, "reference": f"P-2027-{i + 1:03d}"})
        services.register(uow, partnership, actor="benchmark")
        ctx = WorkContext(partnership.reference or "", templates, dt.date(2026, 12, 1))
        context = agreement_context(partnership, templates, signature_provider(ctx))
        runs.append((partnership, ctx, context))
    template = templates / runs[0][0].language.value / "agreement.docx"

    def coopact(partnership: Partnership, ctx: WorkContext, context: dict[str, Any]) -> None:
        output = run(partnership, ctx)
        (document,) = output.documents
        with uow:
            row = uow.partnerships.get_for_update(ctx.reference)
            created = services.store_output(uow, row, Stage.balanced, output)
            uow.commit()
        assert created and document.sha256, "a new version, stored in the audit chain"
        assert document.inputs == context, "the bare render must get the same context"

    def bare(partnership: Partnership, ctx: WorkContext, context: dict[str, Any]) -> None:
        document = DocxTemplate(str(template))
        document.render(context)
        document.save(io.BytesIO())

    works: dict[str, Callable[[Partnership, WorkContext, dict[str, Any]], None]] = {
        "coopact": coopact,
        "bare docxtpl": bare,
    }
    for work in works.values():
        work(*runs[0])
    wall: dict[str, list[float]] = {name: [] for name in works}
    cpu: dict[str, list[float]] = {name: [] for name in works}
    for args in runs[1:]:
        for name, work in works.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            work(*args)
            cpu[name].append(time.process_time() - start_cpu)
            wall[name].append(time.perf_counter() - start)
    for name in works:
        print(
            f"{name:>14}: median {statistics.median(wall[name]) * 1000:7.1f} ms "
            f"(CPU {statistics.median(cpu[name]) * 1000:7.1f} ms) over {repetitions} runs"
        )
    ratio = statistics.median(wall["coopact"]) / statistics.median(wall["bare docxtpl"])
    ratio_cpu = statistics.median(cpu["coopact"]) / statistics.median(cpu["bare docxtpl"])
    print(f"{'ratio':>14}: {ratio:.2f}x, CPU {ratio_cpu:.2f}x (target 1.1x or less)")
    print(f"after: {load()}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
