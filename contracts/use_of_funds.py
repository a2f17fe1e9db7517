"""The donee's use of the funds received, as rules: which objective each line names, that
no more is spent than was received in the year, the statement the committee reads (received
per payer, spent per shared objective, the unspent balance), and the review's finding when a
year closed without one. Pure: what was received is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from coopact.contracts import money
from coopact.contracts.errors import Problem
from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.contracts.formatting import format_amount
from coopact.contracts.money_flows import cash_flows
from coopact.schemas import Partnership
from coopact.schemas.use_of_funds import UseOfFunds

ZERO = Decimal(0)
CENT = Decimal("0.01")

USE_OF_FUNDS_MISSING = message(
    "money.use_of_funds_missing",
    fr="{donee} n'a pas rendu compte de l'emploi des fonds reçus en {year} : présentez au "
    "comité ce qui a été dépensé pour chaque objectif partagé (`coopact use-of-funds`).",
    en="{donee} has not reported how the funds received in {year} were used: show the "
    "committee what was spent on each shared objective (`coopact use-of-funds`).",
)


@dataclass(frozen=True)
class Statement:
    """The use-of-funds statement of a donee for one year."""

    donee: str
    year: int
    received: dict[str, Decimal]  # per payer key
    spent: list[tuple[int, Decimal, str]]  # (objective index, amount, note), file order

    @property
    def total_received(self) -> Decimal:
        return sum(self.received.values(), ZERO)

    @property
    def total_spent(self) -> Decimal:
        return sum((amount for _, amount, _ in self.spent), ZERO)

    @property
    def unspent(self) -> Decimal:
        return self.total_received - self.total_spent


def cash_donees(partnership: Partnership) -> list[str]:
    """The partners that receive cash under the agreement (file order)."""
    receivers = set(cash_flows(partnership).receivers.values())
    return [p.key for p in partnership.partners if p.key in receivers]


def donee_of(partnership: Partnership, report: UseOfFunds) -> str | Problem:
    """The donee the report is about: the one named, else the only partner receiving cash."""
    donees = cash_donees(partnership)
    if report.donee is not None:
        if report.donee in donees:
            return report.donee
        return Problem("donee", f"'{report.donee}' receives no cash (donees: "
                       f"{', '.join(donees) or 'none'})")  # fmt: skip
    if len(donees) == 1:
        return donees[0]
    return Problem("donee", f"several partners receive cash ({', '.join(donees) or 'none'}): "
                   "name the one reporting")  # fmt: skip


def objective_index(partnership: Partnership, objective: int | str) -> int | None:
    """The index in ``vision.shared_objectives`` of an objective given by number (1 for the
    first) or by its words; None when there is no such objective."""
    objectives = partnership.vision.shared_objectives
    if isinstance(objective, int):
        return objective - 1 if 1 <= objective <= len(objectives) else None
    wanted = " ".join(objective.split()).casefold()
    for i, text in enumerate(objectives):
        if " ".join(text.split()).casefold() == wanted:
            return i
    return None


def statement(
    partnership: Partnership, report: UseOfFunds, donee: str, received: Mapping[str, Decimal]
) -> Statement | list[Problem]:
    """The statement, or the problems of the report: an objective the vision does not state,
    a total spent above what was received in the year."""
    problems, lines = [], []
    count = len(partnership.vision.shared_objectives)
    for i, line in enumerate(report.spent):
        index = objective_index(partnership, line.objective)
        if index is None:
            problems.append(Problem(
                f"spent[{i}].objective",
                f"{line.objective!r} is not a shared objective of the vision (1 to {count}, "
                "or its words)",
            ))  # fmt: skip
            continue
        lines.append((index, line.amount_eur.quantize(CENT), line.note))
    found = Statement(donee, report.year, dict(received), lines)
    if not problems and found.total_spent > found.total_received:
        problems.append(Problem(
            "spent",
            f"{found.total_spent} EUR spent is more than the {found.total_received} EUR "
            f"{donee} received in {report.year} (recorded payments)",
        ))  # fmt: skip
    return problems or found


def missing_reports(
    partnership: Partnership,
    received_years: Collection[int],
    reported_years: Collection[int],
    review_date: dt.date,
) -> list[Finding]:
    """A warning per closed year (before the review's) in which cash was received and no
    use-of-funds report was given."""
    donees = cash_donees(partnership)
    if not donees:
        return []
    name = ", ".join(partnership.partner(k).name for k in donees)
    return [
        Finding(
            code=USE_OF_FUNDS_MISSING,
            severity=Severity.warning,
            factor=Factor.communiquer,
            path="vision.shared_objectives",
            params={"donee": name, "year": str(year)},
        )
        for year in sorted(set(received_years))
        if year < review_date.year and year not in reported_years
    ]


def context(partnership: Partnership, found: Statement) -> dict[str, object]:
    """What ``templates/<lang>/use_of_funds.docx`` prints."""
    lang = partnership.language.value
    objectives = partnership.vision.shared_objectives
    per_objective: dict[int, Decimal] = {}
    notes: dict[int, list[str]] = {}
    for index, amount, note in found.spent:
        per_objective[index] = per_objective.get(index, ZERO) + amount
        if note:
            notes.setdefault(index, []).append(note)
    return {
        "reference": partnership.reference or "",
        "title": partnership.title,
        "year": found.year,
        "donee": partnership.partner(found.donee).name,
        "received": [
            {"payer": partnership.partner(k).name, "amount": format_amount(v, lang)}
            for k, v in sorted(found.received.items())
        ],
        "objectives": [
            {
                "number": i + 1,
                "objective": text,
                "spent": format_amount(per_objective.get(i, ZERO), lang),
                "note": "; ".join(notes.get(i, [])),
            }
            for i, text in enumerate(objectives)
        ],
        "total_received": format_amount(found.total_received, lang),
        "total_spent": format_amount(found.total_spent, lang),
        "unspent": format_amount(found.unspent, lang),
    }


def funded_years(
    partnership: Partnership, paid: Mapping[str, Decimal], review_date: dt.date
) -> set[int]:
    """The years whose instalments were (at least partly) paid by ``review_date``: the years
    the donee has funds to account for (a payer's payments settle its instalments in the
    order they fall due, :func:`contracts.money.states`)."""
    schedule = money.instalments(partnership, cash_flows(partnership).receivers)
    return {
        r.instalment.due.year
        for r in money.states(schedule, paid, review_date)
        if r.paid > ZERO and r.instalment.due <= review_date
    }


def reported_years(filenames: Collection[str]) -> set[int]:
    """The years of the stored use-of-funds documents (``REF-use-of-funds-2027.docx``)."""
    found = set()
    for name in filenames:
        stem = name.rsplit(".", 1)[0]
        year = stem.rsplit("-use-of-funds-", 1)[-1]
        if "-use-of-funds-" in stem and year.isdigit():
            found.add(int(year))
    return found


def missing_at_review(
    partnership: Partnership,
    paid: Mapping[str, Decimal] | None,
    documents: Collection[Any],
    review_date: dt.date,
) -> list[Finding]:
    """The review's findings for closed years paid and never reported, from what the stage
    work reads (the payments per payer, None when not read; the stored documents)."""
    if paid is None:
        return []
    names = [d.filename for d in documents if d.kind == "use_of_funds"]
    return missing_reports(
        partnership, funded_years(partnership, paid, review_date), reported_years(names),
        review_date,
    )  # fmt: skip
