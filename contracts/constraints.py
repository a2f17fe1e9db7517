"""What each partner's own constraints allow (Construire, wrong choice of partner).

A constraint written in the file is a limit the partnership must live with. One is checked
against the file's figures: a partner whose commitments need an approval beyond an amount
("Les engagements de plus de 50 000 EUR sont validés par le conseil d'administration")
while it commits more than that amount, and whose signatory's authority names no such
approval (no board, general meeting or deliberation), signs beyond what its own rules
allow: :func:`commitment_beyond_constraint`, a warning naming both amounts.
"""

from __future__ import annotations

import re
from decimal import Decimal

from coopact.contracts import wording
from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.contracts.formatting import format_amount
from coopact.schemas import Partnership

COMMITMENT_BEYOND_CONSTRAINT = message(
    "constraints.commitment_beyond_constraint",
    fr="{partner} s'engage pour {committed} alors que ses propres règles soumettent les "
    "engagements de plus de {limit} à une approbation (« {constraint} ») ; le pouvoir de son "
    "signataire ({authority}) ne la mentionne pas.",
    en="{partner} commits {committed} while its own rules submit commitments above {limit} "
    'to an approval ("{constraint}"); its signatory\'s authority ({authority}) does not '
    "mention it.",
)

_AMOUNT = re.compile(r"(\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+|\d+)\s*(k)?\s*(?:eur|euros?|€)", re.I)
_APPROVAL = ("valid", "approuv", "autoris", "conseil", "board", "approv", "assemblee")
_BODY = ("conseil", "board", "assemblee", "deliberation", "bureau", "general meeting", "resolution")


def _limit(text: str) -> Decimal | None:
    """The amount of a constraint that needs an approval, or None."""
    said = " ".join(wording.words(text))
    if not any(word in said for word in _APPROVAL):
        return None
    found = _AMOUNT.search(text)
    if found is None:
        return None
    digits = re.sub(r"\D", "", found.group(1))
    return Decimal(digits) * (1000 if found.group(2) else 1)


def commitment_beyond_constraint(partnership: Partnership) -> list[Finding]:
    """A partner commits beyond an approval threshold of its own, with a signatory whose
    authority names no such approval."""
    language = partnership.language.value
    found = []
    for i, partner in enumerate(partnership.partners):
        committed = sum(
            (
                c.valued_eur
                for c in partnership.contributions
                if c.partner == partner.key and c.valued_eur is not None
            ),
            Decimal(0),
        )
        authority = partner.signatory.authority if partner.signatory else None
        named = " ".join(wording.words(authority or ""))
        if any(body in named for body in _BODY):
            continue
        for j, constraint in enumerate(partner.constraints):
            limit = _limit(constraint)
            if limit is None or committed <= limit:
                continue
            found.append(
                Finding(
                    code=COMMITMENT_BEYOND_CONSTRAINT,
                    severity=Severity.warning,
                    factor=Factor.construire,
                    path=f"partners[{i}].constraints[{j}]",
                    params={
                        "partner": partner.name,
                        "committed": format_amount(committed, language),
                        "limit": format_amount(limit, language),
                        "constraint": wording.quoted(constraint),
                        "authority": authority or "—",
                    },
                )
            )
            break
    return found


RULES = (commitment_beyond_constraint,)
