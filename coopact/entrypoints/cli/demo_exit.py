"""The demo's second partnership: the English three-party mécénat, signed, followed for
its money (a call for funds, the company's first instalment received with its tax receipt,
the foundation's instalment late and reminded, the association's use of the funds), then
voted no go at its first review, and taken through its exit (termination letter and exit
statement mailed to every partner, each partner's acknowledgement) to the closed stage.

Like the first one, every decision goes through the real decision mechanism, recorded by
the demo persona for the person named in the file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console

from coopact import services
from coopact.adapters.config import settings
from coopact.adapters.loading import load_text
from coopact.bootstrap import units, writing
from coopact.contracts.deciders import Decider
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.entrypoints.cli import flow_runs
from coopact.schemas.use_of_funds import SpentLine, UseOfFunds
from coopact.services.decision_record import Decide
from coopact.services.mail import deliver
from coopact.usecases.record_payment import RecordPayment, record_payment
from coopact.usecases.report_use_of_funds import ReportUseOfFunds, report_use_of_funds
from coopact.usecases.send_money_notices import SendMoneyNotices, send_money_notices

EXAMPLE = Path(__file__).parents[2] / "examples" / "mecenat.example.en.yaml"
DEMO_ACTOR = "démo (persona de démonstration)"
LEGAL_OFFICER = "Demo legal officer"
TREASURER = "Nadia Roussel"  # the association's treasurer, in the example's people


def exit_file() -> str:
    """The English example, plus a demo legal officer (the example names none)."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data.setdefault("people", []).append(
        {"name": LEGAL_OFFICER, "email": "legal.demo@example.org", "roles": ["legal_officer"]}
    )
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


class _Exit:
    def __init__(self, console: Console, step: Callable[[str], None], ready: Callable[[], None]):
        self.console, self.step, self.ready = console, step, ready
        self.partnership = load_text(exit_file(), "demo partnership (exit)")
        self.reference: str = services.register(
            units.uow(), self.partnership, actor=DEMO_ACTOR
        ).reference
        step(f"registered {self.reference} « {self.partnership.title} » (stage draft)")

    def advance(self, today: dt.date | None = None) -> None:
        with self.console.status(f"Prefect flow advance-partnership for {self.reference}…"):
            self.ready()
            result: dict[str, Any] = flow_runs.advance(self.reference, today)
        new = ", ".join(result["documents"]) or "no new document"
        self.step(
            f"advance: {result['stage_before']} -> {result['stage']} ({new}); "
            f"awaiting {result['awaiting'] or 'nothing'}"
        )

    def decide(
        self, gate: Gate, who: Decider, outcome: Outcome, reason: str, sha: str | None = None
    ) -> None:
        result = services.decide(
            units.uow(), self.reference, gate, who, outcome, f"[demo] {reason}",
            document_sha256=sha, actor=DEMO_ACTOR, channel=services.Channel("demo"),
        )  # fmt: skip
        self.step(
            f"decision ({DEMO_ACTOR} for {who.name}): {gate.value} {outcome.value} "
            f"-> {result.message}"
        )

    def follow(self, gate: Gate, who: Decider, outcome: Outcome, reason: str) -> None:
        """A decision with what it sets going (the exit's documents and mails), as
        `coopact decide` records it: through the Decide use case, a Prefect flow run."""
        command = Decide(
            self.reference, gate, who, outcome, f"[demo] {reason}",
            channel=services.Channel("demo"), actor=DEMO_ACTOR,
        )  # fmt: skip
        with self.console.status(f"Prefect flow decide for {self.reference}…"):
            self.ready()
            done = flow_runs.decide(command)
        self.step(
            f"decision ({DEMO_ACTOR} for {who.name}): {gate.value} {outcome.value} "
            f"-> {done.message}"
        )

    def each(self, gate: Gate, role: Role, outcome: Outcome, reason: str, sha=None) -> None:  # type: ignore[no-untyped-def]
        for p in self.partnership.partners:
            person = p.sponsor if role is Role.sponsor else p.signatory
            if person is not None:
                who = Decider(person.name, role, p.key)
                if gate is Gate.exit_acknowledgement:
                    self.follow(gate, who, outcome, reason)
                else:
                    self.decide(gate, who, outcome, reason, sha)


def follow_money(demo: _Exit) -> None:
    """The calls for funds before each due date, the company's first instalment received
    (its tax receipt issued and mailed), the foundation's instalment left unpaid (reminded)."""
    for day, what in (
        ("2027-03-31", "call for funds to Greenfleet Logistics SAS (due 15 April)"),
        ("2027-06-15", "call for funds to Roots Foundation (due 30 June)"),
        ("2027-07-31", "reminder to Roots Foundation: its instalment is late"),
    ):
        sent = send_money_notices(units.uow(), SendMoneyNotices(dt.date.fromisoformat(day)))
        deliver(units.uow(), writing.transport())
        demo.step(f"money-due as of {day}: {what} ({sent.mails} mails)")
        if day == "2027-03-31":
            paid = record_payment(
                units.uow(),
                RecordPayment(
                    demo.reference, "greenfleet", "30000", dt.date(2027, 4, 20),
                    "VIR-GREENFLEET-2027-04", TREASURER, "treasurer",
                ),
                templates=settings().templates,
                now=dt.datetime(2027, 4, 20, 10, tzinfo=dt.UTC),
            )  # fmt: skip
            deliver(units.uow(), writing.transport())
            number = paid.receipt.number if paid.receipt else "no receipt"
            demo.step(
                f"payment of EUR {paid.amount} from Greenfleet Logistics SAS recorded by "
                f"{TREASURER} (treasurer): tax receipt {number} mailed to the donor"
            )
    spent = UseOfFunds(
        year=2027,
        spent=[SpentLine(objective=1, amount_eur=18000, note="8,200 meals served")],
    )
    reported = report_use_of_funds(
        units.uow(), ReportUseOfFunds(demo.reference, spent), templates=settings().templates,
        now=dt.datetime(2027, 8, 25, 10, tzinfo=dt.UTC),
    )  # fmt: skip
    deliver(units.uow(), writing.transport())
    demo.step(
        f"use of funds 2027 reported by Solidarity Kitchens: EUR {reported.spent} spent of "
        f"EUR {reported.received} received, mailed to {reported.mailed_to} people"
    )


def run(console: Console, step: Callable[[str], None], ready: Callable[[], None]) -> str:
    """Take the second partnership from its registration to its closing; its reference."""
    demo = _Exit(console, step, ready)
    demo.advance()  # draft: vision note, due diligence
    demo.each(Gate.vision_approval, Role.sponsor, Outcome.approve, "The vision is ours.")
    demo.advance()  # vision_agreed: balance report
    demo.each(Gate.balance_acceptance, Role.sponsor, Outcome.approve, "Balance accepted.")
    demo.advance()  # balanced: the agreement
    officer = Decider(LEGAL_OFFICER, Role.legal_officer, None)
    demo.decide(Gate.legal_approval, officer, Outcome.approve, "The agreement is sound.")
    demo.advance()  # formalised: signature packet
    sha = services.document_content(units.uow(), demo.reference, "agreement_pdf").sha256
    demo.each(Gate.signature, Role.signatory, Outcome.sign, "Signed.", sha)
    demo.advance()  # signed -> active
    follow_money(demo)
    view = services.status(units.uow(), demo.reference)[0]
    due = next(d for d in view.next_dates if d["kind"] == "review")
    day = dt.date.fromisoformat(due["due_on"])
    with console.status("Prefect flow review-due…"):
        flow_runs.review_due(day)
    step(f"review-due as of {day.isoformat()}: the Go/noGo review of {demo.reference} is open")
    for member in demo.partnership.governance.steering_committee.members:
        demo.follow(
            Gate.review, Decider(member.name, Role.committee_member, None), Outcome.no_go,
            "The meals are not served; we stop here.",
        )  # fmt: skip
    demo.each(
        Gate.exit_acknowledgement, Role.signatory, Outcome.acknowledge,
        "We acknowledge the termination letter and the exit statement.",
    )  # fmt: skip
    stage = services.status(units.uow(), demo.reference)[0].stage
    step(f"{demo.reference} is {stage}: every partner acknowledged its exit")
    return demo.reference
