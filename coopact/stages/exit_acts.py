"""The exit of a partnership: the termination letter (lettre de résiliation, or de
non-renouvellement) and the exit statement each partner acknowledges (.docx fr/en).

Causes: ``no_go`` (the comité de pilotage decided to stop), ``notice`` (a partner gave
notice before the deadline), ``end_of_term`` (the term ends without renewal).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from contracts.exit import exit_lines
from contracts.formatting import format_date, months
from coopact.documents import DOCX_MEDIA_TYPE, render_docx, template_path
from coopact.stages import presentation
from coopact.stages.base import GeneratedDocument
from schemas import Partnership

LETTER = "termination_letter"
STATEMENT = "exit_statement"

_WORDS = {
    "fr": {
        "letter_no_go": "Lettre de résiliation",
        "letter_notice": "Lettre de non-renouvellement",
        "letter_end_of_term": "Lettre de non-renouvellement",
        "subject_no_go": "résiliation de la convention de partenariat",
        "subject_notice": "non-renouvellement de la convention de partenariat",
        "subject_end_of_term": "non-renouvellement de la convention de partenariat",
        "body_no_go": "Lors de sa revue Go/noGo, le comité de pilotage a décidé de ne pas "
        "poursuivre le partenariat (no go). En application de la clause de sortie de la "
        "convention, nous vous notifions par la présente sa résiliation.",
        "body_notice": "{partner} vous informe, par la présente, de sa décision de ne pas "
        "renouveler la convention de partenariat à son échéance. Ce congé est donné le {given}, "
        "avant la date limite de préavis du {deadline}.",
        "body_end_of_term": "La convention de partenariat arrive à son terme le {end} sans "
        "avoir été renouvelée par l'ensemble des parties. Elle prend fin à cette date.",
        "notice_none": "aucun",
        "closing": [
            "Un état de sortie est joint à la présente : il récapitule les contributions "
            "engagées et dues, les sommes à régler, les mesures de continuité pour les "
            "bénéficiaires et la restitution des matériels et des données.",
            "Chaque partenaire est invité à en prendre acte ; le partenariat sera clos une fois "
            "l'état de sortie reconnu par tous.",
            "Nous vous prions d'agréer l'expression de nos salutations distinguées.",
        ],
        "signed_no_go": "Pour le comité de pilotage",
        "signed_notice": "Pour {partner}",
        "signed_end_of_term": "Pour le comité de pilotage",
        "statement": "État de sortie du partenariat",
        "cause_no_go": "décision de no go du comité de pilotage",
        "cause_notice": "non-renouvellement notifié par un partenaire",
        "cause_end_of_term": "arrivée du terme sans renouvellement",
        "kinds": {"cash": "numéraire", "in_kind": "nature", "skills": "compétences"},
        "not_valued": "non valorisé",
        "sums": "Les sommes dues au prorata de la durée écoulée ({share} de la durée) "
        "s'élèvent au total à {total}. Chaque partenaire en déduit les versements et "
        "prestations déjà effectués et règle le solde dans un délai de 30 jours suivant la "
        "date d'effet. Les frais : {costs}",
        "continuity": "Les bénéficiaires ({beneficiaries}) engagés dans une action à la date "
        "d'effet la poursuivent jusqu'à son terme ou sont orientés vers une solution "
        "équivalente ; chaque partenaire désigne son référent pour assurer cette transition.",
        "return_item": "{description} : à restituer à {partner}",
        "return_ip": "Propriété intellectuelle : {text}",
        "return_data": "Données personnelles : {text} Les données communiquées sont restituées "
        "ou détruites à la date d'effet, ce dont chaque partenaire atteste.",
        "acknowledgement": "Chaque partenaire prend acte du présent état de sortie par "
        "l'intermédiaire de son sponsor.",
        "awaited": "attendue",
        "letter_file": "{ref}-lettre-de-{kind}.docx",
        "letter_kind_no_go": "resiliation",
        "letter_kind_notice": "non-renouvellement",
        "letter_kind_end_of_term": "non-renouvellement",
        "statement_file": "{ref}-etat-de-sortie.docx",
    },
    "en": {
        "letter_no_go": "Termination letter",
        "letter_notice": "Letter of non-renewal",
        "letter_end_of_term": "Letter of non-renewal",
        "subject_no_go": "termination of the partnership agreement",
        "subject_notice": "non-renewal of the partnership agreement",
        "subject_end_of_term": "non-renewal of the partnership agreement",
        "body_no_go": "At its Go/noGo review, the steering committee decided not to go on with "
        "the partnership (no go). Under the agreement's exit clause, we hereby give notice of "
        "its termination.",
        "body_notice": "{partner} hereby gives notice that it will not renew the partnership "
        "agreement at its term. This notice is given on {given}, before the notice deadline of "
        "{deadline}.",
        "body_end_of_term": "The partnership agreement reaches its term on {end} without being "
        "renewed by every party. It ends on that date.",
        "notice_none": "none",
        "closing": [
            "An exit statement is attached: it sets out the contributions committed and due, "
            "the sums to settle, the continuity for the beneficiaries and the return of "
            "materials and data.",
            "Each partner is asked to acknowledge it; the partnership is closed once every "
            "partner has.",
            "Yours faithfully,",
        ],
        "signed_no_go": "For the steering committee",
        "signed_notice": "For {partner}",
        "signed_end_of_term": "For the steering committee",
        "statement": "Exit statement of the partnership",
        "cause_no_go": "no go decision of the steering committee",
        "cause_notice": "non-renewal notified by a partner",
        "cause_end_of_term": "end of the term without renewal",
        "kinds": {"cash": "cash", "in_kind": "in kind", "skills": "skills"},
        "not_valued": "not valued",
        "sums": "The sums due pro rata of the time elapsed ({share} of the term) total "
        "{total}. Each partner deducts the payments and services already made and settles "
        "the balance within 30 days of the effective date. Costs: {costs}",
        "continuity": "Beneficiaries ({beneficiaries}) taking part in an action at the "
        "effective date complete it or are referred to an equivalent solution; each partner "
        "names its referent to see this transition through.",
        "return_item": "{description}: to be returned to {partner}",
        "return_ip": "Intellectual property: {text}",
        "return_data": "Personal data: {text} Data shared is returned or destroyed at the "
        "effective date, which each partner certifies.",
        "acknowledgement": "Each partner acknowledges this exit statement through its sponsor.",
        "awaited": "awaited",
        "letter_file": "{ref}-{kind}-letter.docx",
        "letter_kind_no_go": "termination",
        "letter_kind_notice": "non-renewal",
        "letter_kind_end_of_term": "non-renewal",
        "statement_file": "{ref}-exit-statement.docx",
    },
}


def effective_date(partnership: Partnership, cause: str, decided_on: dt.date) -> dt.date:
    """No go: at the end of the notice period (notice_months after the decision), and never
    after the term; notice or end of term: the last day of the term."""
    if cause == "no_go":
        from schemas import add_months

        return min(add_months(decided_on, partnership.notice_months), partnership.end_date)
    return partnership.end_date


def letter(
    partnership: Partnership,
    reference: str,
    templates: Path,
    *,
    cause: str,
    decided_on: dt.date,
    effective_on: dt.date,
    partner_key: str | None = None,
) -> GeneratedDocument:
    language = partnership.language.value
    words = _WORDS.get(language, _WORDS["en"])
    partner = partnership.partner(partner_key).name if partner_key else ""
    from contracts.renewal import notice_deadline

    body = words[f"body_{cause}"].format(
        partner=partner,
        given=format_date(decided_on, language),
        deadline=format_date(notice_deadline(partnership), language),
        end=format_date(partnership.end_date, language),
    )
    n = partnership.notice_months
    context = {
        "heading": words[f"letter_{cause}"],
        "date": format_date(decided_on, language),
        "recipients": [p.name for p in partnership.partners if p.key != partner_key],
        "subject": words[f"subject_{cause}"],
        "reference": reference,
        "title": partnership.title,
        "body": [body],
        "notice": months(n, language) if n else words["notice_none"],
        "effective": format_date(effective_on, language),
        "closing": words["closing"],
        "signed_by": words[f"signed_{cause}"].format(partner=partner),
    }
    name = f"{language}/{LETTER}.docx"
    content = render_docx(
        template_path(templates, name),
        context,
        title=f"{context['heading']} {reference}",
        language=language,
        created=presentation.created_at(decided_on),
    )
    return GeneratedDocument(
        kind=LETTER,
        language=language,
        filename=words["letter_file"].format(ref=reference, kind=words[f"letter_kind_{cause}"]),
        media_type=DOCX_MEDIA_TYPE,
        content=content,
        inputs={"template": name, "cause": cause, "context": context},
    )


def statement(
    partnership: Partnership,
    reference: str,
    templates: Path,
    *,
    cause: str,
    decided_on: dt.date,
    effective_on: dt.date,
) -> GeneratedDocument:
    from contracts.exit import elapsed_share

    language = partnership.language.value
    words = _WORDS.get(language, _WORDS["en"])
    names = {p.key: p.name for p in partnership.partners}
    lines = exit_lines(partnership, effective_on)
    total = sum((line.due for line in lines if line.due is not None), start=Decimal(0))
    rows = [
        {
            "partner": names[line.partner],
            "kind": words["kinds"][line.kind],
            "description": line.description,
            "committed": presentation.euros(line.committed, language)
            if line.committed is not None
            else words["not_valued"],
            "due": presentation.euros(line.due, language)
            if line.due is not None
            else words["not_valued"],
        }
        for line in lines
    ]
    returns = [
        words["return_item"].format(description=line.description, partner=names[line.partner])
        for line in lines
        if line.kind == "in_kind"
    ]
    returns.append(words["return_ip"].format(text=partnership.sharing.intellectual_property))
    returns.append(words["return_data"].format(text=partnership.sharing.personal_data))
    context = {
        "heading": words["statement"],
        "reference": reference,
        "title": partnership.title,
        "effective": format_date(effective_on, language),
        "cause": words[f"cause_{cause}"],
        "contributions": rows,
        "sums": [
            words["sums"].format(
                share=presentation.share(elapsed_share(partnership, effective_on), language),
                total=presentation.euros(total, language),
                costs=partnership.sharing.costs,
            )
        ],
        "continuity": [words["continuity"].format(beneficiaries=partnership.vision.beneficiaries)],
        "returns": returns,
        "acknowledgement": words["acknowledgement"],
        "acknowledgements": [
            {
                "partner": p.name,
                "name": p.sponsor.name if p.sponsor else "—",
                "status": words["awaited"],
            }
            for p in partnership.partners
        ],
    }
    name = f"{language}/{STATEMENT}.docx"
    content = render_docx(
        template_path(templates, name),
        context,
        title=f"{words['statement']} {reference}",
        language=language,
        created=presentation.created_at(decided_on),
    )
    return GeneratedDocument(
        kind=STATEMENT,
        language=language,
        filename=words["statement_file"].format(ref=reference),
        media_type=DOCX_MEDIA_TYPE,
        content=content,
        inputs={"template": name, "cause": cause, "context": context},
    )
