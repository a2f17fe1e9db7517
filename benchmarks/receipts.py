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
N bare renders; the script prints the time per receipt of each, their ratio (target: 1.3x
or less) and the machine's load before and after.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("COOPACT_SECRET_KEY", "benchmark-secret-" + "x" * 32)

from docxtpl import DocxTemplate  # noqa: E402

from benchmarks._measure import load  # noqa: E402
from coopact.contracts.receipt import ReceivedGift, receipt_context  # noqa: E402
from coopact.schemas import Partnership  # noqa: E402
from coopact.store.db import make_engine  # noqa: E402
from coopact.store.migrate import upgrade  # noqa: E402
from coopact.store.uow import UnitOfWork  # noqa: E402
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
    gift = ReceivedGift(
        donor=partnership.partner("greenfleet"), donee=partnership.partner("kitchens"),
        amount=__import__("decimal").Decimal("10.00"), paid_on=dt.date(2027, 5, 2),
        number="TRE-2027-0001", issued_on=dt.date(2027, 5, 2),
    )  # fmt: skip
    context = receipt_context(partnership, gift)
    now = dt.datetime(2027, 5, 2, 10, tzinfo=dt.UTC)

    def coopact(i: int) -> None:
        command = RecordPayment(
            reference, "greenfleet", "10", dt.date(2027, 5, 2), f"VIR-{i:06d}", TREASURER,
            "treasurer",
        )  # fmt: skip
        done = record_payment(uow, command, templates=templates, now=now)
        assert done.receipt is not None

    def bare(_: int) -> None:
        document = DocxTemplate(str(template))
        document.render(context)
        document.save(io.BytesIO())

    timings: dict[str, list[float]] = {"coopact": [], "bare docxtpl": []}
    for i in range(count):
        for name, work in (("coopact", coopact), ("bare docxtpl", bare)):
            start = time.perf_counter()
            work(i)
            timings[name].append(time.perf_counter() - start)
    for name, values in timings.items():
        print(
            f"{name:>14}: median {statistics.median(values) * 1000:7.1f} ms, mean "
            f"{statistics.fmean(values) * 1000:7.1f} ms a receipt over {count}"
        )
    ratio = statistics.median(timings["coopact"]) / statistics.median(timings["bare docxtpl"])
    print(f"{'ratio':>14}: {ratio:.2f}x (target 1.3x or less)")
    print(f"after: {load()}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=1000)
    parser.add_argument("--db", default=None, help="a database URL (default: SQLite, temporary)")
    arguments = parser.parse_args()
    main(arguments.count, arguments.db)
