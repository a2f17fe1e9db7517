"""Telling the partnership officers: every gate that closes (a rejection, a review decided,
a partnership closed), every gate kept from opening by blocking findings, every notice
that could not be made and every decision by link the rules refused, each with what to do
next. Read from the audit chain and told once (the ``officer.notified`` events name the
events told), so that whatever recorded the event (a link, the portal, the command line),
the officers hear of it."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from jinja2 import TemplateError

from coopact.adapters.mail import gate_words
from coopact.adapters.mail import sender as notify_sender
from coopact.adapters.mail.message import new_message
from coopact.adapters.mail.notify import _GATE_LABELS, DEFAULT_TEMPLATES, _environment
from coopact.adapters.mail.transports import NotifyError
from coopact.contracts.lifecycle import Gate
from coopact.i18n import N_, ByLanguage
from coopact.schemas import Partnership
from coopact.schemas.vocabulary import OfficeRole
from coopact.services._common import MAIL_FROM, SYSTEM, partnership_of
from coopact.services.mail import enqueue_many
from coopact.store.uow import UnitOfWork

log = logging.getLogger("coopact.adapters.mail.notify")

TOLD = ("gate.closed", "gate.blocked", "gate.notify_failed", "work.failed")
_REJECTING = {"reject", "decline", "no_go", "end"}

_WORDS = ByLanguage(
    {
        "closed": N_(
            "{gate}\u00a0: {outcome}, l'étape est close. Le partenariat est "
            "désormais\u00a0: {stage}."
        ),
        "rejected": N_(
            "{gate}\u00a0: décision de {outcome}. Le partenariat revient à l'étape\u00a0: {stage}."
        ),
        "next_rejected": N_(
            "Lisez les motifs sur la page du partenariat dans le portail, "
            "corrigez le dossier (téléversez le fichier modifié) puis relancez le travail "
            "automatique\u00a0: chacun recevra un nouveau lien, avec ce qui a changé."
        ),
        "next_closed": N_("Rien à faire\u00a0: chacun a été prévenu de la suite. {next}"),
        "next_final": N_("Le partenariat est clos\u00a0: il ne reste qu'à archiver ses documents."),
        "blocked": N_(
            "Le travail de l'étape «\u00a0{stage}\u00a0» relève des points bloquants "
            "({codes})\u00a0: la décision suivante ne peut pas être demandée."
        ),
        "next_blocked": N_(
            "Corrigez le dossier sur la page du partenariat dans le portail "
            "(téléversez le fichier modifié)\u00a0; le travail reprend ensuite."
        ),
        "failed": N_("Les personnes attendues n'ont pas pu être prévenues\u00a0: {error}"),
        "next_failed": N_(
            "Vérifiez la configuration de l'envoi des messages, puis renvoyez "
            "les liens depuis la page du partenariat dans le portail."
        ),
        "refused": N_(
            "La décision de {person} ({gate}) par son lien n'a pas pu être "
            "enregistrée\u00a0: {error}"
        ),
        "next_refused": N_(
            "Prenez contact avec {person}\u00a0; au besoin, enregistrez sa "
            "décision pour son compte depuis la page du partenariat, avec sa réponse écrite."
        ),
        "work_failed": N_(
            "La décision est enregistrée, mais le travail de l'étape suivante n'a "
            "pas pu être fait\u00a0: {error}"
        ),
        "next_work_failed": N_(
            "Il est repris automatiquement (décision suivante, avancement groupé) jusqu'à ce "
            "qu'il aboutisse\u00a0; vous pouvez aussi le relancer depuis la page du partenariat "
            "dans le portail. Personne n'est prévenu de la suite tant qu'il n'a pas abouti."
        ),
    }
)


def officers(partnership: Partnership) -> list[tuple[str, str]]:
    """(name, email) of each partnership officer of the file, else the configured one."""
    found = [
        (p.name, str(p.email))
        for p in partnership.people
        if OfficeRole.partnership_officer in p.roles and p.email
    ]
    if not found:
        officer = notify_sender.officer_of(None)
        if officer is not None:
            found = [(officer.name, officer.email)]
    return found


def _lang(partnership: Partnership) -> str:
    return "en" if partnership.language.value == "en" else "fr"


def _gate(value: str, lang: str) -> str:
    try:
        label = _GATE_LABELS[lang][Gate(value)]
    except (ValueError, KeyError):
        return value
    return label[0].upper() + label[1:]


def _outcome(value: str, lang: str) -> str:
    return gate_words.outcome_word(value, lang)


def describe(action: str, payload: dict[str, Any], lang: str) -> tuple[str, str]:
    """What happened and what to do next, for one audit event."""
    w = _WORDS[lang]
    if action == "gate.closed":
        gate, outcome = payload.get("gate", ""), payload.get("outcome", "")
        stage = gate_words.stage_label(payload.get("stage_to", ""), lang)
        args = {"gate": _gate(gate, lang), "outcome": _outcome(outcome, lang), "stage": stage}
        if outcome in _REJECTING and payload.get("stage_to") not in ("terminated", "closed"):
            return w["rejected"].format(**args), w["next_rejected"]
        if payload.get("stage_to") == "closed":
            return w["closed"].format(**args), w["next_final"]
        try:
            following = gate_words.next_step(Gate(gate), lang)
        except ValueError:
            following = ""
        return w["closed"].format(**args), w["next_closed"].format(next=following).strip()
    if action == "gate.blocked":
        stage = gate_words.stage_label(payload.get("stage", ""), lang)
        codes = ", ".join(payload.get("blocking", []))
        return w["blocked"].format(stage=stage, codes=codes), w["next_blocked"]
    if action == "gate.notify_failed":
        return w["failed"].format(error=payload.get("error", "")), w["next_failed"]
    if action == "work.failed":
        return w["work_failed"].format(error=payload.get("error", "")), w["next_work_failed"]
    person = payload.get("person", "")
    args = {"person": person, "gate": _gate(payload.get("gate", ""), lang)}
    return (
        w["refused"].format(**args, error=payload.get("error", "")),
        w["next_refused"].format(person=person),
    )


def messages(
    partnership: Partnership,
    reference: str,
    action: str,
    payload: dict[str, Any],
    *,
    seq: int,
    templates: Path | None = None,
) -> list[EmailMessage]:
    lang = _lang(partnership)
    env = _environment((templates or DEFAULT_TEMPLATES) / lang)
    happened, next_step = describe(action, payload, lang)
    context = {
        "reference": reference,
        "title": partnership.title,
        "happened": happened,
        "next_step": next_step,
        **notify_sender.context(None),
    }
    found = []
    for name, address in officers(partnership):
        try:
            body = env.get_template("officer_notice.txt.j2").render(
                {**context, "recipient_name": name}
            )
            subject = env.get_template("officer_notice.subject.j2").render(context)
        except TemplateError as error:
            raise NotifyError(f"the officers' notice ({lang}) cannot be written: {error}") from None
        message = new_message()
        message["From"] = MAIL_FROM
        message["To"] = Address(display_name=name, addr_spec=address)
        message["Subject"] = " ".join(subject.split())
        message["Date"] = format_datetime(dt.datetime.now(dt.UTC))
        seed = "\x1f".join([reference, "officer", str(seq), address])
        message["Message-ID"] = f"<{hashlib.sha256(seed.encode()).hexdigest()[:32]}@coopact>"
        message["X-Coopact-Reference"] = reference
        message["X-Coopact-Notice"] = action
        message.set_content(body)
        message["Content-Language"] = lang
        found.append(message)
    return found


def tell_officers(uow: UnitOfWork, reference: str, *, templates: Path | None = None) -> int:
    """Queue a mail to the partnership officers for each event of :data:`TOLD` not told
    yet; returns how many were queued (delivered by the caller, after the commit)."""
    with uow:
        row = uow.partnerships.get(reference)
        found = uow.events.of(reference, actions=[*TOLD, "officer.notified"])
        told = {s for e in found if e.action == "officer.notified" for s in e.payload["events"]}
        fresh = [e for e in found if e.action in TOLD and e.seq not in told]
        if not fresh:
            return 0
        partnership = partnership_of(row)
        queued = []
        for event in fresh:
            queued += messages(
                partnership, reference, event.action, dict(event.payload), seq=event.seq,
                templates=templates,
            )  # fmt: skip
        enqueue_many(uow, queued)
        uow.audit(
            "officer.notified",
            actor=SYSTEM,
            reference=reference,
            events=[e.seq for e in fresh],
            sent=len(queued),
        )
        uow.commit()
        log.info("%s: %d officer notice(s) queued", reference, len(queued))
        return len(queued)


def tell_refused(
    uow: UnitOfWork,
    reference: str,
    gate: Gate,
    person: str,
    error: str,
    *,
    templates: Path | None = None,
) -> int:
    """Queue a mail to the partnership officers: ``person``'s decision by link was refused
    (the chain keeps the refusal itself, naming nobody: this notice is not in it)."""
    payload = {"gate": gate.value, "person": person, "error": error}
    return _tell_now(uow, reference, "link.decision_refused", payload, templates)


def _tell_now(
    uow: UnitOfWork,
    reference: str,
    action: str,
    payload: dict[str, Any],
    templates: Path | None,
) -> int:

    with uow:
        row = uow.partnerships.get(reference)
        seq = int(dt.datetime.now(dt.UTC).timestamp() * 1000)
        queued = messages(
            partnership_of(row), reference, action, payload, seq=seq, templates=templates
        )
        enqueue_many(uow, queued)
        uow.audit(
            "officer.notified", actor=SYSTEM, reference=reference, events=[], sent=len(queued)
        )
        uow.commit()
        return len(queued)
