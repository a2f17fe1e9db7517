"""The demo's second partnership: the English three-party mécénat, signed, then voted
no go at its first review, and taken through its exit (termination letter and exit
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
from coopact.adapters.loading import load_text
from coopact.bootstrap import wiring
from coopact.contracts.decisions import Decider
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.entrypoints.cli import flow_runs
from coopact.usecases.decide import Decide

EXAMPLE = Path(__file__).parents[2] / "examples" / "mecenat.example.en.yaml"
DEMO_ACTOR = "démo (persona de démonstration)"
LEGAL_OFFICER = "Demo legal officer"


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
            wiring.uow(), self.partnership, actor=DEMO_ACTOR
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
            wiring.uow(), self.reference, gate, who, outcome, f"[demo] {reason}",
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
    sha = services.document_content(wiring.uow(), demo.reference, "agreement_pdf").sha256
    demo.each(Gate.signature, Role.signatory, Outcome.sign, "Signed.", sha)
    demo.advance()  # signed -> active
    view = services.status(wiring.uow(), demo.reference)[0]
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
    stage = services.status(wiring.uow(), demo.reference)[0].stage
    step(f"{demo.reference} is {stage}: every partner acknowledged its exit")
    return demo.reference
