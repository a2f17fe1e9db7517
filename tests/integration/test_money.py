"""Money after the signature on SQLite and PostgreSQL: the three-party mécénat's instalments,
payments recorded once, refusals that record nothing, tax receipts numbered without gap
(also under concurrent payments on PostgreSQL), the receipt reopened and mailed."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import threading
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import func, select

from coopact import services
from coopact.adapters.mail.transports import OutboxTransport
from coopact.contracts.errors import InvalidInput, Refused
from coopact.queries.money import as_json, money_of
from coopact.services.mail import deliver
from coopact.store import audit
from coopact.store.money_tables import PaymentRow, TaxReceiptRow
from coopact.store.tables import QueuedMailRow
from coopact.store.uow import UnitOfWork
from tests.money_support import REF, mecenat_data, pay, register_signed


def _statuses(uow: UnitOfWork, day: str) -> list[tuple[str, str, str, str]]:
    view = as_json(money_of(uow, REF, dt.date.fromisoformat(day)))
    return [(i["partner"], i["due"], i["paid_eur"], i["status"]) for i in view["instalments"]]


def _counts(uow: UnitOfWork) -> tuple[int, int, int, int]:
    with uow:
        session = uow.session
        return (
            session.scalar(select(func.count()).select_from(PaymentRow)) or 0,
            session.scalar(select(func.count()).select_from(TaxReceiptRow)) or 0,
            session.scalar(select(func.count()).select_from(QueuedMailRow)) or 0,
            len(audit.events(session, REF)),
        )


def _receipt_text(uow: UnitOfWork) -> str:
    content = services.document_content(uow, REF, "tax_receipt").content
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_the_first_instalment_is_late_then_paid_with_a_receipt(uow: UnitOfWork) -> None:
    register_signed(uow)
    assert _statuses(uow, "2027-04-16") == [
        ("greenfleet", "2027-04-15", "0.00", "late"),
        ("roots", "2027-06-30", "0.00", "due"),
        ("greenfleet", "2027-10-15", "0.00", "due"),
        ("greenfleet", "2028-04-15", "0.00", "due"),
    ]
    done = pay(uow, "greenfleet", "30000", "2027-04-20", "VIR-2027-0415")
    assert done.receipt is not None and done.receipt.number == "TRE-2027-0001"
    assert done.remaining == 50000
    assert _statuses(uow, "2027-04-20")[0] == ("greenfleet", "2027-04-15", "30000.00", "paid")
    text = _receipt_text(uow)
    for expected in (
        "Greenfleet Logistics SAS", "SIREN: 443061841", "Solidarity Kitchens",
        "RNA W751234567", "€30,000.00", "thirty thousand euros", "20 April 2027",
        "article 238 bis", "cerfa no. 16216", "cash", "bank transfer",
    ):  # fmt: skip
        assert expected in text, expected
    # The foundation pays too, and is never receipted (it cannot claim 238 bis).
    foundation = pay(uow, "roots", "30000", "2027-06-28", "VIR-ROOTS-1")
    assert foundation.receipt is None
    second = pay(uow, "greenfleet", "10000.50", "2027-10-14", "VIR-2027-1015")
    assert second.receipt is not None and second.receipt.number == "TRE-2027-0002"
    assert "ten thousand euros and fifty cents" in _receipt_text(uow)
    assert _statuses(uow, "2027-10-20")[2] == (
        "greenfleet",
        "2027-10-15",
        "10000.50",
        "partly_paid",
    )


def test_the_receipt_is_mailed_to_the_donors_signatory_attached(
    uow: UnitOfWork, tmp_path: Path
) -> None:
    register_signed(uow)
    pay(uow, "greenfleet", "30000", "2027-04-20", "VIR-1")
    outbox = tmp_path / "outbox"
    assert deliver(uow, OutboxTransport(outbox)).sent == 1
    [eml] = list(outbox.glob("*.eml"))
    message = message_from_bytes(eml.read_bytes(), _class=EmailMessage, policy=default)
    assert "m.lefevre@greenfleet.example" in str(message["To"])  # Marc Lefèvre signs for it
    assert "TRE-2027-0001" in str(message["Subject"])
    [attached] = list(message.iter_attachments())
    assert attached.get_filename() == "P-2027-002-TRE-2027-0001.docx"
    listed = services.documents(uow, REF)
    [receipt] = [d for d in listed if d.kind == "tax_receipt"]
    assert hashlib.sha256(attached.get_content()).hexdigest() == receipt.sha256


@pytest.mark.parametrize(
    ("partner", "amount", "bank_reference", "error", "words"),
    [
        ("greenfleet", "30000", "VIR-1", Refused, "already recorded"),
        ("kitchens", "100", "VIR-9", Refused, "pays no cash contribution"),
        ("greenfleet", "-5", "VIR-9", InvalidInput, "payment"),
        ("greenfleet", "trente mille", "VIR-9", InvalidInput, "payment"),
        ("greenfleet", "50000.01", "VIR-9", Refused, "exceeds what remains due"),
    ],
)
def test_refusals_record_nothing(
    uow: UnitOfWork, partner: str, amount: str, bank_reference: str, error: type, words: str
) -> None:
    register_signed(uow)
    pay(uow, "greenfleet", "30000", "2027-04-20", "VIR-1")
    before = _counts(uow)
    with pytest.raises(error) as refused:
        pay(uow, partner, amount, "2027-04-21", bank_reference)
    assert words in refused.value.message
    assert _counts(uow) == before


def test_no_payment_before_the_signature(uow: UnitOfWork) -> None:
    register_signed(uow, sign=False)
    with pytest.raises(Refused, match="once the agreement is signed"):
        pay(uow, "greenfleet", "30000", "2027-04-20", "VIR-1")
    assert _counts(uow)[0] == 0


def test_the_audit_chain_holds_the_payment_and_the_receipt(uow: UnitOfWork) -> None:
    register_signed(uow)
    pay(uow, "greenfleet", "30000", "2027-04-20", "VIR-1")
    with uow:
        actions = [e.action for e in audit.events(uow.session, REF)]
        payload = [
            e.payload for e in audit.events(uow.session, REF) if e.action == "payment.recorded"
        ]
    assert actions[-4:] == [
        "payment.recorded", "document.generated", "tax_receipt.issued",
        "link.issued",  # the donor's signatory's schedule link, in the receipt's mail
    ]  # fmt: skip
    assert payload[0]["amount"] == "30000.00" and "Nadia" not in json.dumps(payload)


@pytest.mark.postgres
def test_concurrent_payments_are_numbered_without_gap(pg_url: str) -> None:
    """Eight payments at once, on two partnerships of the same donee: eight receipts,
    numbered 1 to 8, each payment recorded once."""
    uow = UnitOfWork.for_url(pg_url)
    other = mecenat_data()
    other["reference"] = "P-2027-003"
    register_signed(uow)
    register_signed(uow, other)
    errors: list[BaseException] = []

    def one(i: int) -> None:
        try:
            pay(
                UnitOfWork.for_url(pg_url), "greenfleet", "1000", "2027-05-02", f"VIR-{i}",
                reference=REF if i % 2 else "P-2027-003",
            )  # fmt: skip
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with uow:
        numbers = sorted(uow.session.scalars(select(TaxReceiptRow.number)).all())
    assert numbers == list(range(1, 9))


def test_a_payment_changed_by_hand_is_named_by_audit_verify(uow: UnitOfWork) -> None:
    from sqlalchemy import update

    from coopact.store.verification import check_tables

    register_signed(uow)
    pay(uow, "greenfleet", "30000", "2027-04-20", "VIR-1")
    with uow:
        events = list(audit.events(uow.session, None))
        assert not [p for p in check_tables(uow.session, events) if "payment" in p]
    with uow:
        uow.session.execute(update(PaymentRow).values(amount_cents=100))
        uow.session.commit()
    with uow:
        problems = check_tables(uow.session, events)
    assert [p for p in problems if "payment" in p] == [
        "payment 1 of P-2027-002 (reference 'VIR-1') does not match the audit chain: added or "
        "changed by hand"
    ]


def test_late_money_is_a_finding_of_the_review(sqlite_uow: UnitOfWork) -> None:
    """The French example's company pays in three instalments; the first, due 2027-04-01, is
    not paid by the review of 2027-07-15: the health check says so, in the report too."""
    from tests.integration.after_signature_helpers import REF as EXAMPLE
    from tests.integration.after_signature_helpers import active, open_review, text_of

    def instalments(data: dict) -> None:  # type: ignore[type-arg]
        cash = data["contributions"][0]
        cash.pop("schedule")
        cash["instalments"] = [
            {"due": "2027-04-01", "amount_eur": 40000},
            {"due": "2028-04-01", "amount_eur": 40000},
            {"due": "2029-01-10", "amount_eur": 40000},
        ]

    active(sqlite_uow, instalments)
    open_review(sqlite_uow, dt.date(2027, 7, 15))
    with sqlite_uow:
        row = sqlite_uow.partnerships.get(EXAMPLE)
        found = [f for f in sqlite_uow.partnerships.findings(row) if f.code == "money.late"]
    assert [_nbsp(f.params["amount_fr"]) for f in found] == ["40 000,00 €"]
    report = _nbsp(text_of(sqlite_uow, "review_report"))
    assert (
        "n'a pas réglé 40 000,00 € dus à Association Tremplin Emploi depuis le 1er avril 2027"
        in report
    )


def _nbsp(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_the_calendar_holds_the_payment_dates_and_the_calls_for_funds() -> None:
    from icalendar import Calendar

    from coopact.adapters.documents.calendar_ics import build_calendar
    from coopact.schemas import Partnership

    partnership = Partnership.model_validate(mecenat_data())
    ics = build_calendar(partnership, REF, dt.datetime(2027, 3, 1, tzinfo=dt.UTC))
    events = {
        str(e["UID"]): e for e in Calendar.from_ical(ics).walk("VEVENT") if "instalment" in e["UID"]
    }
    first = events["P-2027-002-instalment-greenfleet-20270415@coopact"]
    assert first.decoded("DTSTART") == dt.date(2027, 4, 15)
    assert _nbsp(str(first["SUMMARY"])) == (
        "Instalment: Greenfleet Logistics SAS pays €30,000.00 to Solidarity Kitchens"
    )
    [alarm] = first.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -dt.timedelta(days=15)  # the call for funds goes out
    assert len(events) == 4


@pytest.mark.postgres
def test_the_same_payment_sent_at_once_is_recorded_once(pg_url: str) -> None:
    register_signed(UnitOfWork.for_url(pg_url))
    outcomes: list[str] = []

    def one() -> None:
        try:
            pay(UnitOfWork.for_url(pg_url), "greenfleet", "30000", "2027-04-20", "VIR-SAME")
            outcomes.append("recorded")
        except Refused as refused:
            outcomes.append("refused" if "already recorded" in refused.message else refused.message)

    threads = [threading.Thread(target=one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["recorded", "refused", "refused", "refused"]
    assert _counts(UnitOfWork.for_url(pg_url))[:2] == (1, 1)
