"""Benchmark: generating the agreement against a bare docxtpl render of the same template.

    python benchmarks/agreement.py [repetitions]

"coopact" is the whole automatic work of the stage: completeness checks, assembly of the
context, template lint, sandboxed render, reproducible zip and SHA-256, then storing the
result in a real SQLite database in one transaction (findings replaced, the version kept
only when its hash is new, as `coopact advance` does). "bare docxtpl" is
``DocxTemplate(path).render(context)`` and ``save``, with the same template and context.
Both run alternately in one process; the script prints both medians and their ratio
(target: 1.1x or less, issue 25).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# The audit chain's key: a home of its own, as `coopact init` would make one.
os.environ.setdefault("COOPACT_HOME", tempfile.mkdtemp(prefix="coopact-bench-home-"))

import yaml  # noqa: E402
from docxtpl import DocxTemplate  # noqa: E402

from coopact import services  # noqa: E402
from coopact.contracts.lifecycle import Stage  # noqa: E402
from coopact.schemas import Partnership  # noqa: E402
from coopact.stages.agreement import agreement_context, run  # noqa: E402
from coopact.stages.base import WorkContext  # noqa: E402
from coopact.store.db import make_engine  # noqa: E402
from coopact.store.migrate import upgrade  # noqa: E402
from coopact.store.uow import UnitOfWork  # noqa: E402


def main(repetitions: int = 30) -> None:
    data = yaml.safe_load((ROOT / "coopact" / "examples" / "partnership.example.yaml").read_text())
    partnership = Partnership.model_validate(data)
    ctx = WorkContext("P-2027-001", ROOT / "templates", dt.date(2026, 12, 1))
    template = ROOT / "templates" / partnership.language.value / "agreement.docx"
    context = agreement_context(partnership, ROOT / "templates")

    folder = tempfile.mkdtemp(prefix="coopact-bench-")
    engine = make_engine(f"sqlite:///{folder}/coopact.db")
    upgrade(engine)
    uow = UnitOfWork.for_engine(engine)
    services.register(uow, partnership, actor="benchmark")

    def coopact() -> None:
        output = run(partnership, ctx)
        assert output.documents[0].sha256
        with uow:
            row = uow.partnerships.get_for_update("P-2027-001")
            services.store_output(uow, row, Stage.balanced, output)
            uow.commit()

    def bare() -> None:
        document = DocxTemplate(str(template))
        document.render(context)
        document.save(io.BytesIO())

    coopact(), bare()  # warm up: imports, caches
    timings: dict[str, list[float]] = {"coopact": [], "bare docxtpl": []}
    for _ in range(repetitions):
        for name, work in (("coopact", coopact), ("bare docxtpl", bare)):
            start = time.perf_counter()
            work()
            timings[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    for name, median in medians.items():
        print(f"{name:>14}: median {median * 1000:7.1f} ms over {repetitions} runs")
    ratio = medians["coopact"] / medians["bare docxtpl"]
    print(f"{'ratio':>14}: {ratio:.2f}x (target 1.1x or less)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
