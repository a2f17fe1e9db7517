"""`coopact demo`: the whole lifecycle of the example partnership, on embedded defaults.

Every decision is recorded through the real decision mechanism by a clearly labelled demo
persona ("démo") acting for the person named in the file; nothing is faked past that.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rich.console import Console

from coopact import services
from coopact.adapters.config import prepare_prefect_environment, settings
from coopact.adapters.loading import load_text
from coopact.adapters.prefect import server as prefect_server
from coopact.bootstrap import units, wiring
from coopact.contracts import renewal
from coopact.contracts.conditions import Condition
from coopact.contracts.deciders import Decider
from coopact.contracts.errors import Refused
from coopact.contracts.formatting import format_date
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.entrypoints.cli import demo_exit, flow_runs
from coopact.schemas import Partnership
from coopact.store.migrate import upgrade

EXAMPLE = Path(__file__).parents[2] / "examples" / "partnership.example.yaml"
REVIEW_EXAMPLE = Path(__file__).parents[2] / "examples" / "review.example.yaml"
MARKER = ".coopact-demo"
DEMO_ACTOR = "démo (persona de démonstration)"
DEMO_LEGAL_OFFICER = "Juriste de démonstration"


@dataclass
class DemoReport:
    reference: str
    steps: list[str] = field(default_factory=list)
    home: Path = Path()
    exported: list[Path] = field(default_factory=list)
    second: str = ""  # the partnership voted no go and closed
    second_exported: list[Path] = field(default_factory=list)


def _export(folder: Path, reference: str) -> list[Path]:
    """Each document's latest version (minutes, avenants...) written into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    latest = {d.filename: d for d in services.documents(units.uow(), reference)}
    for document in latest.values():
        (folder / document.filename).write_bytes(document.content)
    return [folder / name for name in latest]


def demo_file() -> str:
    """The example file, plus a demo legal officer (the example names none)."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data.setdefault("people", []).append(
        {
            "name": DEMO_LEGAL_OFFICER,
            "email": "juriste.demo@example.org",
            "roles": ["legal_officer"],
        }
    )
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def run(home: Path, console: Console) -> DemoReport:
    home = home.resolve()
    marker = home / MARKER
    if home.exists() and any(home.iterdir()):
        if not marker.exists():
            raise Refused(
                f"{home} is not empty and was not made by `coopact demo`: "
                "choose another --home, the demo empties its folder"
            )
        shutil.rmtree(home)
    home.mkdir(parents=True, exist_ok=True)
    marker.write_text("made by coopact demo; emptied by the next demo run\n", encoding="utf-8")
    os.environ["COOPACT_HOME"] = str(home)
    for variable in ("COOPACT_DATABASE_URL", "COOPACT_SIGNATURE_PROVIDER", "COOPACT_SMTP_HOST"):
        os.environ.pop(variable, None)  # embedded defaults: SQLite, manual signature, outbox
    wiring.engine.cache_clear()
    prepare_prefect_environment(settings())
    # The demo's own Prefect server starts while the database is made; stopped at the end.
    server = _ServerStart(local=not os.environ.get("PREFECT_API_URL"))
    try:
        return _run(home, console, server)
    finally:
        if server.local:
            prefect_server.stop_server()


class _ServerStart(threading.Thread):
    def __init__(self, *, local: bool) -> None:
        super().__init__(name="prefect-server-start", daemon=True)
        self.local = local
        self.error: BaseException | None = None
        self.start()

    def run(self) -> None:
        try:
            prefect_server.ensure_server()
        except BaseException as error:
            self.error = error

    def ready(self) -> None:
        self.join()
        if self.error is not None:
            raise self.error


def _run(home: Path, console: Console, server: _ServerStart) -> DemoReport:
    upgrade(wiring.engine())
    partnership = load_text(demo_file(), "demo partnership")
    reference = services.register(units.uow(), partnership, actor=DEMO_ACTOR).reference
    report = DemoReport(reference, home=home)

    def step(text: str) -> None:
        report.steps.append(text)
        console.print(f"[green]✓[/] {text}")

    step(f"registered {reference} « {partnership.title} » (stage draft)")

    def advance(today: dt.date | None = None) -> None:
        with console.status(f"Prefect flow advance-partnership for {reference}…"):
            server.ready()
            result = flow_runs.advance(reference, today)
        new = ", ".join(result["documents"]) or "no new document"
        step(
            f"advance: {result['stage_before']} -> {result['stage']} ({new}); "
            f"awaiting {result['awaiting'] or 'nothing'}"
        )

    def decide(
        gate: Gate,
        name: str,
        role: Role,
        partner: str | None,
        outcome: Outcome,
        reason: str,
        sha: str | None = None,
        conditions: list[Condition] | None = None,
    ) -> None:
        result = services.decide(
            units.uow(), reference, gate, Decider(name, role, partner), outcome,
            f"[démo] {reason}", document_sha256=sha, actor=DEMO_ACTOR,
            channel=services.Channel("demo"),
            conditions=conditions or [],
        )  # fmt: skip
        step(
            f"decision ({DEMO_ACTOR} for {name}): {gate.value} {outcome.value} -> {result.message}"
        )

    _to_active(reference, partnership, (decide, advance))
    _first_review(reference, partnership, (decide, advance), step, console)
    report.second = demo_exit.run(console, step, server.ready)
    report.exported = _export(home / "documents", reference)
    report.second_exported = _export(home / "documents", report.second)
    return report


def _to_active(
    reference: str,
    partnership: Partnership,
    acts: tuple[Callable[..., None], Callable[..., None]],
) -> None:
    """From the draft to the active partnership: the sponsors approve the vision and the
    balance, the legal officer the agreement, the signatories sign it. ``acts``: the
    demo's decide and advance."""
    decide, advance = acts
    sponsors = {p.key: p.sponsor.name for p in partnership.partners if p.sponsor}
    signatories = {p.key: p.signatory.name for p in partnership.partners if p.signatory}

    advance()  # draft: vision note, due diligence
    for key, name in sponsors.items():
        decide(
            Gate.vision_approval,
            name,
            Role.sponsor,
            key,
            Outcome.approve,
            "La vision partagée reflète nos enjeux.",
        )
    advance()  # vision_agreed: balance report
    for key, name in sponsors.items():
        decide(
            Gate.balance_acceptance, name, Role.sponsor, key, Outcome.approve,
            "Équilibre accepté : les avertissements relevés sont compris "
            "et suivis en comité de pilotage.",
        )  # fmt: skip
    advance()  # balanced: the convention de partenariat
    decide(
        Gate.legal_approval,
        DEMO_LEGAL_OFFICER,
        Role.legal_officer,
        None,
        Outcome.approve,
        "Convention conforme.",
    )
    advance()  # formalised: signature packet
    agreement = services.document_content(units.uow(), reference, "agreement_pdf")  # signed
    for key, name in signatories.items():
        decide(Gate.signature, name, Role.signatory, key, Outcome.sign, "Signé.", agreement.sha256)
    advance()  # signed -> active: governance charter, calendar, schedule


def _first_review(
    reference: str,
    partnership: Partnership,
    acts: tuple[Callable[..., None], Callable[..., None]],
    step: Callable[[str], None],
    console: Console,
) -> None:
    """The first Go/noGo review opened on its date, its health check recorded, the comité
    de pilotage's go with conditions; then the life after the signature. ``acts``: the
    demo's decide and advance."""
    decide, advance = acts
    view = services.status(units.uow(), reference)[0]
    first_review = next((d for d in view.next_dates if d["kind"] == "review"), None)
    if first_review:
        day = dt.date.fromisoformat(first_review["due_on"])
        with console.status("Prefect flow review-due…"):
            flow_runs.review_due(day)
        step(f"review-due as of {day.isoformat()}: the Go/noGo review is open")
        answers = yaml.safe_load(REVIEW_EXAMPLE.read_text(encoding="utf-8"))
        services.record_review_answers(units.uow(), reference, answers, actor=DEMO_ACTOR)
        step("health check of the comité de pilotage recorded")
        advance(day)  # in_review: the Go/noGo review report, with its recommendation
        members = [m.name for m in partnership.governance.steering_committee.members]
        condition = Condition(
            "Tenir le point projet tous les quinze jours", "logistix",
            day + dt.timedelta(days=90), "séances tenues / séances prévues",
        )  # fmt: skip
        for name in members:  # the comité de pilotage votes under its consensus rule
            decide(
                Gate.review, name, Role.committee_member, None, Outcome.go_with_conditions,
                "Les jalons sont tenus ; le point projet doit redevenir régulier.",
                conditions=[condition],
            )  # fmt: skip
        after_signature(reference, partnership, day, (decide, advance), step, console)


def after_signature(
    reference: str,
    partnership: Partnership,
    first_review: dt.date,
    acts: tuple[Callable[..., None], Callable[..., None]],
    step: Callable[[str], None],
    console: Console,
) -> None:
    """The life after the signature: an avenant (reviews every 4 months), then, at the
    renewal reminder, the reviews missed meanwhile, and the express renewal signed by an
    avenant de renouvellement. ``acts``: the demo's decide and advance."""
    decide, advance = acts
    review_due = flow_runs.review_due
    data = yaml.safe_load(demo_file())
    data["reviews"]["every_months"] = 4
    amended = load_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "avenant")
    effective = first_review + dt.timedelta(days=30)
    proposal = f"la proposition du comité de pilotage du {format_date(first_review, 'fr')}"
    services.amend(
        units.uow(), reference, amended, actor=DEMO_ACTOR, effective_on=effective,
        decision=proposal,
    )  # fmt: skip
    step(f"avenant n° 1 drafted: Go/noGo reviews every 4 months from {effective.isoformat()}")
    decide(
        Gate.amendment_approval, DEMO_LEGAL_OFFICER, Role.legal_officer, None, Outcome.approve,
        "Avenant conforme à la convention.",
    )  # fmt: skip
    advance()  # amendment_signing: the avenant's PDF (the file signed), its packet
    sha = services.document_content(units.uow(), reference, "avenant_pdf").sha256
    for p in partnership.partners:
        if p.signatory:
            decide(Gate.amendment_signature, p.signatory.name, Role.signatory, p.key,
                   Outcome.sign, "Avenant signé.", sha)  # fmt: skip
    reminder = renewal.reminder_dates(partnership)[0]
    with console.status("Prefect flow review-due…"):
        review_due(reminder)
    view = services.status(units.uow(), reference)[0]
    step(f"review-due as of {reminder.isoformat()}: {len(view.overdue)} review date(s) "
         "recorded overdue, one review opened for them")  # fmt: skip
    members = [m.name for m in partnership.governance.steering_committee.members]
    for name in members:
        decide(Gate.review, name, Role.committee_member, None, Outcome.go,
               "Le partenariat tient ses engagements.")  # fmt: skip
    with console.status("Prefect flow review-due…"):
        review_due(reminder)
    step(f"review-due as of {reminder.isoformat()}: the renewal gate is open (express)")
    for p in partnership.partners:
        if p.sponsor:
            decide(Gate.renewal, p.sponsor.name, Role.sponsor, p.key, Outcome.renew,
                   "Nous renouvelons le partenariat.")  # fmt: skip
    advance()  # amendment_signing: the renewal avenant's PDF, its packet
    sha = services.document_content(units.uow(), reference, "avenant_pdf").sha256
    for p in partnership.partners:
        if p.signatory:
            decide(Gate.amendment_signature, p.signatory.name, Role.signatory, p.key,
                   Outcome.sign, "Avenant de renouvellement signé.", sha)  # fmt: skip
    view = services.status(units.uow(), reference)[0]
    step(f"renewed: the term now ends on {view.end_date}; next reviews "
         f"{', '.join(view.next_reviews[:3])}")  # fmt: skip
