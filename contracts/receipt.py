"""What a mécénat tax receipt says (reçu fiscal, art. 238 bis CGI; model 2041-MEC-SD,
cerfa 16216): the donee, its identifiers and the basis of its eligibility; the donor, its
address and SIREN; the amount in figures and in words; the date, form and nature of the
gift. Pure: the context of ``templates/<lang>/tax_receipt.docx``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from num2words import num2words

from coopact.contracts.formatting import format_amount, format_date
from coopact.schemas import Partnership
from coopact.schemas.parties import Partner
from coopact.schemas.vocabulary import LegalForm

# The paragraph of article 238 bis, 1 of the CGI under which a donee may receive gifts that
# give its donor the reduction, by legal form (the donee warrants its eligibility).
ELIGIBILITY = {
    "fr": {
        LegalForm.association_loi_1901: "organisme d'intérêt général (article 238 bis, 1, a "
        "du code général des impôts)",
        LegalForm.association_loi_1908: "organisme d'intérêt général (article 238 bis, 1, a "
        "du code général des impôts)",
        LegalForm.fondation: "fondation (article 238 bis, 1, a et b du code général des impôts)",
        LegalForm.fonds_de_dotation: "fonds de dotation (article 238 bis, 1, g du code "
        "général des impôts)",
        LegalForm.etablissement_public: "établissement public (article 238 bis, 1, c et e "
        "du code général des impôts)",
    },
    "en": {
        LegalForm.association_loi_1901: "organisation of general interest (article 238 bis, "
        "1, a of the French General Tax Code)",
        LegalForm.association_loi_1908: "organisation of general interest (article 238 bis, "
        "1, a of the French General Tax Code)",
        LegalForm.fondation: "foundation (article 238 bis, 1, a and b of the French General "
        "Tax Code)",
        LegalForm.fonds_de_dotation: "endowment fund (article 238 bis, 1, g of the French "
        "General Tax Code)",
        LegalForm.etablissement_public: "public body (article 238 bis, 1, c and e of the "
        "French General Tax Code)",
    },
}
NOT_STATED = {"fr": "non communiqué", "en": "not stated"}
CASH = {"fr": "numéraire", "en": "cash"}
TRANSFER = {"fr": "virement", "en": "bank transfer"}
# The nature of a gift that is not cash, and how it is valued (BOI-BIC-RICI-20-30-10-20).
NATURE = {
    "fr": {"skills": "mécénat de compétences", "in_kind": "don en nature"},
    "en": {"skills": "skills sponsorship (mécénat de compétences)", "in_kind": "gift in kind"},
}
VALUED = {
    "fr": {
        "skills": "valorisé au coût de revient (salaires et charges sociales des personnes mises "
        "à disposition), certifié par le donateur (attestation {certificate})",
        "in_kind": "valorisé au coût de revient, certifié par le donateur (attestation "
        "{certificate})",
    },
    "en": {
        "skills": "valued at cost (salaries and social charges of the staff made available), "
        "certified by the donor (certificate {certificate})",
        "in_kind": "valued at cost, certified by the donor (certificate {certificate})",
    },
}
DEED = {
    "fr": "acte sous seing privé : convention de mécénat {reference}",
    "en": "private deed: patronage (mécénat) agreement {reference}",
}


@dataclass(frozen=True)
class ReceivedGift:
    """A payment received, as the receipt states it."""

    donor: Partner
    donee: Partner
    amount: Decimal
    paid_on: dt.date
    number: str  # TRE-2027-0001
    issued_on: dt.date
    kind: str = "cash"  # or "skills", "in_kind": a valuation certified by the donor
    certificate: str = ""  # the reference of the donor's certified valuation


def amount_in_words(amount: Decimal, language: str) -> str:
    """``quarante mille euros`` / ``forty thousand euros``, cents in words when any."""
    euros = int(amount)
    cents = int((amount - euros) * 100)
    lang = "fr" if language == "fr" else "en"
    unit = ("euro" if euros == 1 else "euros") if euros else ""
    words = f"{num2words(euros, lang=lang)} {unit}" if euros else ""
    if cents:
        cent_unit = {"fr": "centime", "en": "cent"}[lang] + ("s" if cents > 1 else "")
        joined = " et " if lang == "fr" else " and "
        words = f"{words}{joined if words else ''}{num2words(cents, lang=lang)} {cent_unit}"
    return words


def _identifiers(partner: Partner, language: str) -> str:
    ids = partner.identifiers
    parts = []
    if ids.siren or ids.siret:
        parts.append(f"SIREN {ids.siren or (ids.siret or '')[:9]}")
    if ids.siret:
        parts.append(f"SIRET {ids.siret}")
    if ids.rna:
        parts.append(f"RNA {ids.rna}")
    return ", ".join(parts) or NOT_STATED[language]


def donee_identity(partner: Partner) -> str:
    """The key of a donee's receipt sequence: its SIREN, else its RNA, else its name."""
    ids = partner.identifiers
    siren = ids.siren or (ids.siret[:9] if ids.siret else None)
    return (
        f"siren:{siren}" if siren else f"rna:{ids.rna}" if ids.rna else f"name:{partner.name}"[:64]
    )


def receipt_context(partnership: Partnership, gift: ReceivedGift) -> dict[str, object]:
    """Every value the receipt template prints."""
    lang = partnership.language.value
    donee, donor = gift.donee, gift.donor
    signatory = donee.signatory
    return {
        "number": gift.number,
        "reference": partnership.reference or "",
        "title": partnership.title,
        "issued_on": format_date(gift.issued_on, lang),
        "donee": {
            "name": donee.name,
            "address": donee.address,
            "identifiers": _identifiers(donee, lang),
            "eligibility": ELIGIBILITY[lang].get(donee.legal_form, NOT_STATED[lang]),
            "mission": donee.mission,
        },
        "donor": {
            "name": donor.name,
            "address": donor.address,
            "siren": (donor.identifiers.siren or (donor.identifiers.siret or "")[:9])
            or NOT_STATED[lang],
        },
        "gift": {
            "amount": format_amount(gift.amount, lang),
            "words": amount_in_words(gift.amount, lang),
            "date": format_date(gift.paid_on, lang),
            "form": DEED[lang].format(reference=partnership.reference or ""),
            "nature": NATURE[lang].get(gift.kind, CASH[lang]),
            "method": VALUED[lang][gift.kind].format(certificate=gift.certificate)
            if gift.kind in VALUED[lang]
            else TRANSFER[lang],
        },
        "signed_by": f"{signatory.name}, {signatory.role}" if signatory else donee.name,
    }
