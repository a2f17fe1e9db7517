"""Benchmark: payments recorded with their tax receipts, against a bare docxtpl render of
the same receipt template.

    python benchmarks/receipts.py [N] [--db URL]

"coopact" is the whole use case `coopact payment` runs (coopact/usecases/record_payment.py):
the partnership row locked, the rules checked, the payment stored, the donee's counter
raised, the receipt rendered (sandbox, typography, reproducible zip, SHA-256), stored as a
document version, the audit events chained and the mail queued, in one transaction, on a
real database (SQLite in a temporary folder by default). "bare docxtpl" is
``DocxTemplate(path).render(context)`` and ``save`` with the same template and context.
N payments (default 1,000) of 10 EUR from the three-party mécénat's company, alternated with
N bare renders, each with the context of the receipt coopact issues at that step (its
number: TRE-2027-0001, -0002...; the first receipt is checked to have the bytes coopact's own
rendering gives from that context). The script prints the time per receipt of each, wall and
CPU, their ratios (target: 1.3x or less, issue 26) and the machine's load before and after:
on a busy machine the CPU ratio moves less than the wall one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("COOPACT_SECRET_KEY", "benchmark-secret-" + "x" * 32)

from docxtpl import DocxTemplate  # noqa: E402

from benchmarks._measure import load  # noqa: E402
from coopact.contracts.money import receipt_number  # noqa: E402
from coopact.contracts.receipt import ReceivedGift, receipt_context  # noqa: E402
from coopact.schemas import Partnership  # noqa: E402
from coopact.store.db import make_engine  # noqa: E402
from coopact.store.migrate import upgrade  # noqa: E402
from coopact.store.uow import UnitOfWork  # noqa: E402
from coopact.usecases import tax_receipts  # noqa: E402
from coopact.usecases.record_payment import RecordPayment, record_payment  # noqa: E402
from tests.money_support import TREASURER, mecenat_data, register_signed  # noqa: E402


def main(count: int, url: str | None) -> None:
    print(f"before: {load()}")
    if url is None:
        url = f"sqlite:///{tempfile.mkdtemp(prefix='coopact-receipts-')}/coopact.db"
    engine = make_engine(url)
    upgrade(engine)
    uow = UnitOfWork.for_engine(engine)
    reference = register_signed(uow)
    partnership = Partnership.model_validate(mecenat_data())
    templates = ROOT / "templates"
    template = templates / partnership.language.value / "tax_receipt.docx"
    now = dt.datetime(2027, 5, 2, 10, tzinfo=dt.UTC)

    def gift(i: int) -> ReceivedGift:
        return ReceivedGift(
            donor=partnership.partner("greenfleet"), donee=partnership.partner("kitchens"),
            amount=Decimal("10.00"), paid_on=dt.date(2027, 5, 2),
            number=receipt_number(2027, i + 1), issued_on=now.date(),
        )  # fmt: skip

    contexts = [receipt_context(partnership, gift(i)) for i in range(count)]
    issued: list[str] = []

    def coopact(i: int) -> None:
        command = RecordPayment(
            reference, "greenfleet", "10", dt.date(2027, 5, 2), f"VIR-{i:06d}", TREASURER,
            "treasurer",
        )  # fmt: skip
        done = record_payment(uow, command, templates=templates, now=now)
        assert done.receipt is not None and done.receipt.number == gift(i).number
        issued.append(done.receipt.sha256)

    def bare(i: int) -> None:
        document = DocxTemplate(str(template))
        document.render(contexts[i])
        document.save(io.BytesIO())

    works = {"coopact": coopact, "bare docxtpl": bare}
    wall: dict[str, list[float]] = {name: [] for name in works}
    cpu: dict[str, list[float]] = {name: [] for name in works}
    for i in range(count):
        for name, work in works.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            work(i)
            cpu[name].append(time.process_time() - start_cpu)
            wall[name].append(time.perf_counter() - start)
    # The bare render got the context coopact rendered: the same bytes from coopact's renderer.
    same = tax_receipts.render(partnership, gift(0), templates=templates, created=now)
    assert same.sha256 == issued[0], "the bare render's context is not the one coopact rendered"
    for name in works:
        print(
            f"{name:>14}: median {statistics.median(wall[name]) * 1000:7.1f} ms (CPU "
            f"{statistics.median(cpu[name]) * 1000:7.1f} ms), mean "
            f"{statistics.fmean(wall[name]) * 1000:7.1f} ms a receipt over {count}"
        )
    ratio = statistics.median(wall["coopact"]) / statistics.median(wall["bare docxtpl"])
    ratio_cpu = statistics.median(cpu["coopact"]) / statistics.median(cpu["bare docxtpl"])
    print(f"{'ratio':>14}: {ratio:.2f}x, CPU {ratio_cpu:.2f}x (target 1.3x or less)")
    print(f"after: {load()}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument(
        "count", nargs="?", type=int, default=1000, help="payments to record (default 1,000)"
    )
    parser.add_argument("--db", default=None, help="a database URL (default: SQLite, temporary)")
    arguments = parser.parse_args()
    main(arguments.count, arguments.db)
