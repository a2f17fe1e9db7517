"""The daily money-due flow: calls for funds before each instalment, reminders once one is
late (coopact/usecases/send_money_notices.py), then the mail queue delivered. Its
parameters and logs hold counts only, never a name, an address or an amount."""

from __future__ import annotations

import datetime as dt

from prefect import flow, get_run_logger

import coopact.flows  # noqa: F401 - prepares Prefect's environment
from coopact import wiring
from coopact.services.mail import deliver
from coopact.usecases.send_money_notices import (
    SendMoneyNotices,
    days_before_from_env,
    send_money_notices,
)

RESULTS = {"persist_result": True, "result_serializer": "json"}


@flow(name="money-due", flow_run_name="money-due {today}", **RESULTS)  # type: ignore[call-overload]
def money_due(today: dt.date | None = None) -> dict[str, int]:
    """Mail the calls for funds and reminders due today, each once."""
    day = today or dt.date.today()
    sent = send_money_notices(wiring.uow(), SendMoneyNotices(day, days_before_from_env()))
    delivery = deliver(wiring.uow(), wiring.transport())
    get_run_logger().info(
        "%d call(s) for funds, %d reminder(s), %d mail(s) queued, %d sent",
        sent.calls, sent.reminders, sent.mails, delivery.sent,
    )  # fmt: skip
    return {"calls": sent.calls, "reminders": sent.reminders, "mails": sent.mails}
