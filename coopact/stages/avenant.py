"""The avenant à la convention de partenariat: an amendment (the articles changed, former
and new wording, effective date) or a renewal (avenant de renouvellement), .docx fr/en."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from contracts.agreement_words import LEGAL_FORM_WORDS
from contracts.amendment import changes
from contracts.field_words import field_words
from contracts.formatting import format_date
from coopact.documents import DOCX_MEDIA_TYPE, render_docx, template_path
from coopact.stages import presentation
from coopact.stages.base import GeneratedDocument
from schemas import Partnership

KIND = "avenant"
_MASCULINE = {"fonds_de_dotation", "gip", "etablissement_public"}

_WORDS = {
    "fr": {
        "amendment": "Avenant n° {n} à la convention de partenariat",
        "renewal": "Avenant n° {n} de renouvellement de la convention de partenariat",
        "subtitle": "Convention de partenariat {ref} : {title}, conclue pour une durée de "
        "{months} mois à compter du {start}.",
        "party": "{name}, {form}, {represented} par {signatory}, en qualité de {role}",
        "purpose_amendment": "Le présent avenant a pour objet de modifier la convention de "
        "partenariat dans les conditions prévues à l'article 2 ci-après, à la suite de la "
        "décision des parties.",
        "purpose_renewal": "Les parties ayant chacune décidé de renouveler le partenariat, le "
        "présent avenant a pour objet de le reconduire pour une nouvelle durée de {months} "
        "mois, aux mêmes conditions. La convention prend désormais fin le {end}.",
        "effect": "Le présent avenant prend effet le {date}, sous réserve de sa signature par "
        "l'ensemble des parties.",
        "other": "Toutes les autres stipulations de la convention de partenariat demeurent "
        "inchangées et continuent de produire leurs effets. La convention initiale, telle que "
        "signée, est conservée en l'état ; le présent avenant en fait partie intégrante.",
        "blank": "",
        "filename_amendment": "{ref}-avenant-{n}.docx",
        "filename_renewal": "{ref}-avenant-{n}-renouvellement.docx",
    },
    "en": {
        "amendment": "Amendment no. {n} to the partnership agreement",
        "renewal": "Amendment no. {n} renewing the partnership agreement",
        "subtitle": "Partnership agreement {ref}: {title}, made for a term of {months} months "
        "from {start}.",
        "party": "{name}, {form}, represented by {signatory}, acting as {role}",
        "purpose_amendment": "This amendment changes the partnership agreement as set out in "
        "article 2 below, following the parties' decision.",
        "purpose_renewal": "Each party having decided to renew the partnership, this amendment "
        "renews it for a further term of {months} months, on the same terms. The agreement now "
        "ends on {end}.",
        "effect": "This amendment takes effect on {date}, once signed by every party.",
        "other": "All other provisions of the partnership agreement remain unchanged and in "
        "force. The original agreement, as signed, is kept as it is; this amendment forms part "
        "of it.",
        "blank": "",
        "filename_amendment": "{ref}-amendment-{n}.docx",
        "filename_renewal": "{ref}-amendment-{n}-renewal.docx",
    },
}


def generate(
    before: Partnership,
    after: Partnership,
    reference: str,
    templates: Path,
    *,
    number: int,
    kind: str,  # amendment | renewal
    changed: list[str],
    effective_on: dt.date,
) -> GeneratedDocument:
    language = before.language.value
    words = _WORDS.get(language, _WORDS["en"])
    old = before.model_dump(mode="json", by_alias=True, exclude_none=True)
    new = after.model_dump(mode="json", by_alias=True, exclude_none=True)
    rows = [
        {"article": c.article, "field": c.field, "former": c.former, "new": c.new}
        for c in changes(old, new, changed, language)
    ]
    if kind == "renewal":
        end = format_date(after.end_date, language)
        months = after.duration_months - before.duration_months
        purpose = words["purpose_renewal"].format(months=months, end=end)
        rows.append(
            {
                "article": rows[0]["article"] if rows else "",
                "field": field_words(new, "end_date", language),
                "former": format_date(before.end_date, language),
                "new": end,
            }
        )
    else:
        purpose = words["purpose_amendment"]
    context: dict[str, Any] = {
        "heading": words[kind].format(n=number),
        "subtitle": words["subtitle"].format(
            ref=reference,
            title=before.title,
            months=before.duration_months,
            start=format_date(before.start_date, language),
        ),
        "parties": [
            words["party"].format(
                name=p.name,
                form=LEGAL_FORM_WORDS[language][p.legal_form.value],
                represented="représenté" if p.legal_form.value in _MASCULINE else "représentée",
                signatory=p.signatory.name if p.signatory else "—",
                role=p.signatory.role if p.signatory else "—",
            )
            for p in before.partners
        ],
        "purpose": purpose,
        "changes": rows,
        "effect": words["effect"].format(date=format_date(effective_on, language)),
        "other": words["other"],
        "signatories": [
            {
                "partner": p.name,
                "name": p.signatory.name if p.signatory else "—",
                "capacity": p.signatory.role if p.signatory else "—",
                "blank": words["blank"],
            }
            for p in after.partners
        ],
    }
    name = f"{language}/{KIND}.docx"
    content = render_docx(
        template_path(templates, name),
        context,
        title=context["heading"],
        language=language,
        created=presentation.created_at(effective_on),
    )
    return GeneratedDocument(
        kind=KIND,
        language=language,
        filename=words[f"filename_{kind}"].format(ref=reference, n=number),
        media_type=DOCX_MEDIA_TYPE,
        content=content,
        inputs={"template": name, "number": number, "kind": kind, "context": context},
    )
