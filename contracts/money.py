"""Money after the signature, as rules: what each payer owes and when, what a payment
changes, when a payment is refused, how a tax receipt is numbered.

Pure: the payments recorded are given (their totals per payer), nothing is read or
written here. Amounts are :class:`~decimal.Decimal` from end to end, never floats.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.contracts.formatting import format_amount
from coopact.contracts.money_flows import cash_flows
from coopact.schemas import Partnership
from coopact.schemas.vocabulary import ContributionKind

ZERO = Decimal(0)
CENT = Decimal("0.01")

SCHEDULE_NOT_FOLLOWED = message(
    "money.schedule_not_followed",
    fr="Le calendrier de versement de la contribution « {contribution} » est un texte libre "
    "(« {schedule} ») : coopact ne peut pas suivre ses échéances. Indiquez-les dans "
    "`instalments` (date et montant de chaque versement).",
    en='The payment schedule of the contribution "{contribution}" is free text '
    '("{schedule}"): coopact cannot follow its instalments. State them under '
    "`instalments` (the date and amount of each payment).",
)


class Status(StrEnum):
    due = "due"  # not paid, its date not passed
    late = "late"  # not paid at all, its date passed
    partly_paid = "partly_paid"
    paid = "paid"


@dataclass(frozen=True)
class Instalment:
    """One dated amount a payer owes a receiver (a contribution's instalment)."""

    payer: str
    receiver: str
    due: dt.date
    amount: Decimal
    contribution: int  # index in the file's contributions


@dataclass(frozen=True)
class InstalmentState:
    instalment: Instalment
    paid: Decimal
    status: Status


@dataclass(frozen=True)
class PartnerTotals:
    payer: str
    promised: Decimal
    paid: Decimal
    late: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.promised - self.paid


def schedule_findings(partnership: Partnership) -> list[Finding]:
    """A cash contribution whose schedule is free text only: a warning, never followed."""
    return [
        Finding(
            code=SCHEDULE_NOT_FOLLOWED,
            severity=Severity.warning,
            factor=Factor.formaliser,
            path=f"contributions[{i}].schedule",
            params={"contribution": c.description, "schedule": c.schedule},
        )
        for i, c in enumerate(partnership.contributions)
        if c.kind is ContributionKind.cash and c.schedule and not c.instalments
    ]


def instalments(partnership: Partnership, receivers: Mapping[int, str]) -> list[Instalment]:
    """Every dated instalment of the file, by due date then payer; ``receivers`` gives the
    receiving partner of each cash contribution (by index)."""
    found = [
        Instalment(c.partner, receivers[i], step.due, step.amount_eur, i)
        for i, c in enumerate(partnership.contributions)
        if c.kind is ContributionKind.cash and i in receivers
        for step in c.instalments or []
    ]
    return sorted(found, key=lambda s: (s.due, s.payer, s.contribution))


def cash_promised(partnership: Partnership, payer: str) -> Decimal:
    """What ``payer`` promised in cash over the whole agreement (ZERO: it pays no cash)."""
    return sum(
        (
            c.amount_eur or ZERO
            for c in partnership.contributions
            if c.kind is ContributionKind.cash and c.partner == payer
        ),
        ZERO,
    )


def pays_cash(partnership: Partnership, payer: str) -> bool:
    return any(
        c.kind is ContributionKind.cash and c.partner == payer for c in partnership.contributions
    )


def states(
    schedule: Sequence[Instalment], paid_by_payer: Mapping[str, Decimal], today: dt.date
) -> list[InstalmentState]:
    """Each instalment with what was paid of it: a payer's payments settle its instalments
    in the order they fall due."""
    left = dict(paid_by_payer)
    result = []
    for step in schedule:
        paid = min(step.amount, left.get(step.payer, ZERO))
        left[step.payer] = left.get(step.payer, ZERO) - paid
        result.append(InstalmentState(step, paid, status_of(step, paid, today)))
    return result


def status_of(step: Instalment, paid: Decimal, today: dt.date) -> Status:
    if paid >= step.amount:
        return Status.paid
    if paid > ZERO:
        return Status.partly_paid
    return Status.late if today > step.due else Status.due


def totals(
    partnership: Partnership, rows: Sequence[InstalmentState], paid_by_payer: Mapping[str, Decimal]
) -> list[PartnerTotals]:
    """Per cash payer: promised, paid, and what is late (unpaid instalments past their date)."""
    result = []
    for partner in partnership.partners:
        if not pays_cash(partnership, partner.key):
            continue
        late = sum(
            (
                r.instalment.amount - r.paid
                for r in rows
                if r.instalment.payer == partner.key and r.status is Status.late
            ),
            ZERO,
        )
        promised = cash_promised(partnership, partner.key)
        result.append(
            PartnerTotals(partner.key, promised, paid_by_payer.get(partner.key, ZERO), late)
        )
    return result


def parse_amount(text: str) -> Decimal | None:
    """A payment's amount as typed (``40000``, ``40000.50``, ``40 000,50``), or None when it
    is not a positive number of euros and cents."""
    cleaned = text.strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except ArithmeticError:
        return None
    if not value.is_finite() or value <= ZERO or value != value.quantize(CENT):
        return None
    return value.quantize(CENT)


def payment_problem(
    partnership: Partnership, payer: str, amount: Decimal, already_paid: Decimal
) -> str | None:
    """Why a payment of ``amount`` from ``payer`` cannot be recorded, or None."""
    if not pays_cash(partnership, payer):
        payers = [c.partner for c in partnership.contributions if c.kind is ContributionKind.cash]
        listed = ", ".join(dict.fromkeys(payers)) or "none"
        return (
            f"'{payer}' pays no cash contribution under this agreement (cash payers: {listed}); "
            "a payment is recorded for the partner that pays it"
        )
    promised = cash_promised(partnership, payer).quantize(CENT)
    remaining = promised - already_paid
    if amount > remaining:
        return (
            f"{amount} EUR exceeds what remains due from '{payer}' ({remaining} EUR of "
            f"{promised} EUR promised, {already_paid.quantize(CENT)} EUR already paid)"
        )
    return None


def receipt_number(year: int, number: int) -> str:
    """The number of a tax receipt in its donee's sequence of the year: ``TRE-2027-0001``."""
    return f"TRE-{year}-{number:04d}"


def transfer_reference(reference: str, payer: str, due: dt.date) -> str:
    """The reference a payer quotes on its transfer for an instalment
    (``P-2027-002-GREENFLEET-20270415``)."""
    return f"{reference}-{payer}-{due:%Y%m%d}".upper()


def first_open_receiver(schedule: Sequence[InstalmentState], payer: str, default: str) -> str:
    """Who receives a payment from ``payer``: the receiver of its first instalment not fully
    paid (``default`` when it has none)."""
    for row in schedule:
        if row.instalment.payer == payer and row.status is not Status.paid:
            return row.instalment.receiver
    return default


class Notice(StrEnum):
    call = "call"  # a call for funds, some days before the instalment falls due
    reminder = "reminder"  # the instalment is late


def notices_due(
    rows: Sequence[InstalmentState], today: dt.date, days_before: int
) -> list[tuple[Notice, InstalmentState]]:
    """The notices an instalment calls for today: a call for funds from ``days_before``
    days before its date until it falls due, a reminder once it is past due and not paid
    in full (each sent once: the caller skips those already sent)."""
    found = []
    for row in rows:
        if row.status is Status.paid:
            continue
        due = row.instalment.due
        if today > due:
            found.append((Notice.reminder, row))
        elif today >= due - dt.timedelta(days=days_before):
            found.append((Notice.call, row))
    return found


LATE = message(
    "money.late",
    fr="{payer} n'a pas réglé {amount_fr} dus à {receiver} depuis le {since} : l'argent promis "
    "n'est pas venu ; parlez-en au comité avant que la méfiance ne s'installe.",
    en="{payer} has not paid {amount_en} due to {receiver} since {since}: money promised has "
    "not come; raise it with the committee before mistrust sets in.",
)


def late_money(
    partnership: Partnership, rows: Sequence[InstalmentState], today: dt.date
) -> list[Finding]:
    """A warning per payer and receiver with late instalments (the health check: money
    promised that never came feeds mistrust and fatigue)."""
    late: dict[tuple[str, str], tuple[Decimal, dt.date]] = {}
    for row in rows:
        if row.status is Status.late or (
            row.status is Status.partly_paid and row.instalment.due < today
        ):
            step = row.instalment
            amount, since = late.get((step.payer, step.receiver), (ZERO, step.due))
            late[(step.payer, step.receiver)] = (
                amount + step.amount - row.paid,
                min(since, step.due),
            )
    names = {p.key: p.name for p in partnership.partners}
    return [
        Finding(
            code=LATE,
            severity=Severity.warning,
            factor=Factor.communiquer,
            path="contributions",
            params={
                "payer": names[payer],
                "receiver": names[receiver],
                "amount_fr": format_amount(amount, "fr"),
                "amount_en": format_amount(amount, "en"),
                "since": since.isoformat(),
            },
        )
        for (payer, receiver), (amount, since) in late.items()
    ]


def late_at_review(
    partnership: Partnership, paid: Mapping[str, Decimal] | None, review_date: dt.date
) -> list[Finding]:
    """The instalments late at the review date (:func:`late_money`); none when the payments
    were not read (``paid`` is None)."""
    if paid is None:
        return []

    schedule = instalments(partnership, cash_flows(partnership).receivers)
    return late_money(partnership, states(schedule, paid, review_date), review_date)
