"""The money flows. ``money-due``, daily: calls for funds before each instalment, reminders
once one is late (coopact/usecases/send_money_notices.py), then the mail queue delivered; its
parameters and logs hold counts only. ``record-payment``: a payment received recorded on a
worker of the pool, its tax receipt issued and mailed there; its parameters name the
partnership, the paying partner's key, the amount, the date, the bank reference and who
records it by role and pseudonymous id, never a name or an address."""

from __future__ import annotations

import datetime as dt

from prefect import flow, get_run_logger

import coopact.flows  # noqa: F401 - prepares Prefect's environment
from coopact.adapters.config import settings
from coopact.adapters.documents.money_calendar import days_before_from_env
from coopact.bootstrap import units, wiring, writing
from coopact.contracts.errors import CoopactError
from coopact.flows import window
from coopact.flows.window import refused
from coopact.services.mail import deliver
from coopact.usecases import record_payment as usecase
from coopact.usecases.send_money_notices import SendMoneyNotices, send_money_notices

RESULTS = {"persist_result": True, "result_serializer": "json"}


@flow(name="money-due", flow_run_name="money-due {today}", **RESULTS)  # type: ignore[call-overload, untyped-decorator]
def money_due(today: dt.date | None = None) -> dict[str, int]:
    """Mail the calls for funds and reminders due today, each once."""
    day = today or dt.date.today()
    sent = send_money_notices(units.uow(), SendMoneyNotices(day, days_before_from_env()))
    delivery = deliver(units.uow(), writing.transport())
    get_run_logger().info(
        "%d call(s) for funds, %d reminder(s), %d mail(s) queued, %d sent",
        sent.calls, sent.reminders, sent.mails, delivery.sent,
    )  # fmt: skip
    return {"calls": sent.calls, "reminders": sent.reminders, "mails": sent.mails}


@window.plain_parameters
@flow(  # type: ignore[call-overload, untyped-decorator]
    name="record-payment", flow_run_name="record-payment {reference} {bank_reference}", **RESULTS
)
def record_payment(  # type: ignore[no-untyped-def]
    reference: str,
    partner: str,
    amount: str,
    paid_on: dt.date,
    bank_reference: str,
    role: str,
    recorded_by: str,
):
    """Record a payment received and, for a mécénat company donor, issue its tax receipt on
    this worker and mail it. ``recorded_by`` is the pseudonymous id of a treasurer or
    partnership officer of the file (`coopact pseudonym NAME`): no name, no address in the
    parameters, the logs or the result."""

    log = get_run_logger()
    try:
        wiring.ensure_ready()
        name = usecase.person_of_pseudonym(units.uow(), reference, role, recorded_by)
        if name is None:
            return refused(
                f"{recorded_by} is not the id of a {role.replace('_', ' ')} of {reference}'s "
                "people: a payment is recorded by a treasurer or a partnership officer of the file",
                reference,
            )
        command = usecase.RecordPayment(
            reference, partner, amount, paid_on, bank_reference, name, role
        )
        done = usecase.record_payment(units.uow(), command, templates=settings().templates)
    except CoopactError as error:
        # The person is resolved above: a refusal names partner keys, amounts, references.
        return refused(
            f"payment {bank_reference} of {reference} refused: {error.message}", reference
        )
    delivery = deliver(units.uow(), writing.transport())
    receipt = done.receipt
    log.info(
        "%s: %s EUR from %s recorded; %s; %d mail(s) sent",
        reference, done.amount, partner,
        f"tax receipt {receipt.number} issued" if receipt else "no tax receipt", delivery.sent,
    )  # fmt: skip
    return {
        "reference": reference,
        "partner": partner,
        "receiver": done.receiver,
        "amount": str(done.amount),
        "remaining": str(done.remaining),
        "receipt": receipt.number if receipt else None,
        "receipt_sha256": receipt.sha256 if receipt else None,
    }
