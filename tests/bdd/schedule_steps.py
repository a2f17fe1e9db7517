"""Steps of features/money.feature's rule "a referent sees only its partner's schedule":
the personal link of a reminder or of the officer's mail opened through the real link check
(signature, expiry), the schedule read as its page shows it (on a given day)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict
from typing import Any

from pytest_bdd import parsers, then, when

from coopact.queries import schedule
from coopact.services import links, schedule_links
from coopact.store.uow import UnitOfWork


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@when(parsers.parse("its reader opens the schedule link of that mail on {day}"))
def opens(sqlite_uow: UnitOfWork, money: dict[str, Any], day: str) -> None:
    body = money["mail"].get_body(preferencelist=("plain",)).get_content()
    found = re.search(r"https?://\S+/d/(\S+)", body)
    assert found, body
    with sqlite_uow:
        link, _ = links.check(sqlite_uow, found.group(1), sqlite_uow.keyring)
    money["link"] = link
    money["schedule"] = schedule.schedule_of(sqlite_uow, link, dt.date.fromisoformat(day))


@when(parsers.parse('the partnership officer sends "{partner}" its schedule link'))
def officer_sends(sqlite_uow: UnitOfWork, money: dict[str, Any], partner: str) -> None:
    money["sent_to"] = schedule_links.send_link(
        sqlite_uow, "P-2027-002", partner, actor="Sophie Garnier (partnership_officer)"
    )


@then(parsers.parse('the schedule shown is that of "{name}" with instalments "{steps}"'))
def shown(money: dict[str, Any], name: str, steps: str) -> None:
    view = money["schedule"]
    assert view.partner == name
    listed = "; ".join(_plain(f"{s.due} {s.amount} {s.status}") for s in view.steps)
    assert listed == steps


@then(parsers.parse('the schedule\'s totals are "{totals}"'))
def totals(money: dict[str, Any], totals: str) -> None:
    view = money["schedule"]
    said = f"{view.promised} promised, {view.paid} paid, {view.remaining} remaining, "
    assert _plain(said + f"{view.late} late") == totals


@then(
    parsers.parse(
        'the schedule offers the receipt "{number}" and the reference "{quote}" to quote '
        'on a transfer to "{iban}"'
    )
)
def offers(
    sqlite_uow: UnitOfWork, money: dict[str, Any], number: str, quote: str, iban: str
) -> None:
    view = money["schedule"]
    assert [r.number for r in view.receipts] == [number]
    assert quote in [s.quote for s in view.steps]
    assert [a.iban for a in view.accounts] == [iban]
    document = schedule.receipt_document(sqlite_uow, money["link"], number)
    assert document is not None and document.sha256 == view.receipts[0].sha256


@then(parsers.parse('nothing of "{name}" is in the schedule'))
def nothing_of(money: dict[str, Any], name: str) -> None:
    assert name not in repr(asdict(money["schedule"]))


@then(parsers.parse('the receipt "{number}" is not served through that link'))
def not_served(sqlite_uow: UnitOfWork, money: dict[str, Any], number: str) -> None:
    assert schedule.receipt_document(sqlite_uow, money["link"], number) is None
