"""docs/legal-checklist.md, the agreement part: each of its 38 lines checked on the agreement
rendered for every kind (partenariat, mécénat with two donors, parrainage, all-ESS), in
French and in English, and read back from the .docx as the lawyer reads it.

Each check names the checklist line it stands for; ``test_every_line_is_checked`` keeps this
file and the checklist together.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml

from coopact.adapters.documents.clause_library import clause_library
from coopact.contracts.agreement_checks import completeness
from coopact.contracts.finding_texts import Severity
from coopact.schemas import COMPANY_FORMS, Partnership
from coopact.stages.agreement import generate
from coopact.stages.base import WorkContext

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "coopact/examples/partnership.example.yaml"


def _yaml(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _partenariat() -> dict[str, Any]:
    return _yaml(EXAMPLE)


def _parrainage() -> dict[str, Any]:
    data = _yaml(EXAMPLE)
    data.update(kind="parrainage")
    data.pop("tax_regime")
    return data


def _all_ess() -> dict[str, Any]:
    data = _yaml(EXAMPLE)
    data["tax_regime"] = "gift"
    company = data["partners"][1]
    company.update(
        name="Association Logistique Solidaire",
        legal_form="association_loi_1901",
        ess=True,
        identifiers={"rna": "W751234568"},
        registration={"prefecture": "Val-de-Marne", "declared_on": dt.date(2012, 5, 2)},
    )
    return data


CASES: dict[str, Callable[[], dict[str, Any]]] = {
    "partenariat": _partenariat,
    "mecenat": lambda: _yaml(ROOT / "tests/data/mecenat.deux.fr.yaml"),
    "mecenat-en": lambda: _yaml(ROOT / "tests/data/mecenat.three.en.yaml"),
    "parrainage": _parrainage,
    "all-ess": _all_ess,
}


@dataclass(frozen=True)
class Act:
    name: str
    partnership: Partnership
    text: str

    @property
    def fr(self) -> bool:
        return self.partnership.language.value == "fr"

    @property
    def kind(self) -> str:
        return self.partnership.kind.value

    def has(self, fr: str, en: str) -> bool:
        return (fr if self.fr else en) in self.text


@functools.cache
def _act(case: str, language: str) -> Act:
    data = copy.deepcopy(CASES[case]())
    data["language"] = language
    partnership = Partnership.model_validate(data)
    blocking = [
        f
        for f in completeness(partnership, clauses=clause_library(ROOT / "templates"))
        if f.severity is Severity.blocking
    ]
    assert blocking == [], [f.text(language) for f in blocking]
    document = generate(
        partnership, WorkContext("P-2027-001", ROOT / "templates", dt.date(2027, 1, 1))
    )
    opened = docx.Document(io.BytesIO(document.content))
    parts = [p.text for p in opened.paragraphs]
    parts += [c.text for t in opened.tables for r in t.rows for c in r.cells]
    text = "\n".join(parts).replace("\u00a0", " ").replace("\u202f", " ")
    return Act(f"{case}/{language}", partnership, text)


ACTS = [
    ("partenariat", "fr"),
    ("partenariat", "en"),
    ("mecenat", "fr"),
    ("mecenat-en", "en"),
    ("parrainage", "fr"),
    ("parrainage", "en"),
    ("all-ess", "fr"),
    ("all-ess", "en"),
]

COVERS = {
    "mecenat": ("CONVENTION DE MÉCÉNAT", "PATRONAGE (MÉCÉNAT) AGREEMENT"),
    "parrainage": ("CONVENTION DE PARRAINAGE", "SPONSORSHIP (PARRAINAGE) AGREEMENT"),
    "partenariat": ("CONVENTION DE PARTENARIAT", "PARTNERSHIP AGREEMENT"),
}


# --- One check per line of the checklist -------------------------------------------------


def line_1(a: Act) -> None:
    """Title and legal characterisation: one term, matching what the money does."""
    fr, en = COVERS[a.kind]
    assert a.has(fr, en)
    others = [c[0 if a.fr else 1] for k, c in COVERS.items() if k != a.kind]
    assert not any(o in a.text for o in others)
    if not a.fr and a.kind == "mecenat":
        assert "sponsorship" not in a.text.lower()


def line_2(a: Act) -> None:
    """Company: legal form, share capital, RCS city and number, registered office."""
    for p in a.partnership.partners:
        if p.legal_form in COMPANY_FORMS:
            assert a.has("au capital de", "with a share capital of")
            assert a.has("immatriculée au RCS Créteil 443 061 841", "the RCS Créteil 443 061 841")
            assert a.has("dont le siège est situé", "whose registered office is at")


def line_3(a: Act) -> None:
    """Association or foundation: declaration, RNA/SIREN, seat; a foundation's type."""
    assert a.has("association régie par la loi du 1er juillet 1901", "law of 1 July 1901")
    assert a.has("déclarée à la préfecture de", "declared at the prefecture of")
    assert "RNA W751234567" in a.text
    if any(p.legal_form.value == "fondation" for p in a.partnership.partners):
        assert a.has("reconnue d'utilité publique par décret du", "of public utility by decree of")


def line_4(a: Act) -> None:
    """Each representative: name, title, the source of the authority to sign."""
    for p in a.partnership.partners:
        assert p.signatory is not None
        assert f"représentée par {p.signatory.name}, {p.signatory.role}" in a.text or (
            f"represented by {p.signatory.name}, {p.signatory.role}" in a.text
        )
    assert a.has("agissant en vertu des pouvoirs conférés par", "duly authorised by")


def line_5(a: Act) -> None:
    """Recitals: each party's purpose; a mécénat's liberal intent."""
    for p in a.partnership.partners:
        assert p.mission in a.text
    if a.kind == "mecenat":
        assert a.has("dans une intention libérale, soutenir", "with liberal intent, to support")


def line_6(a: Act) -> None:
    """Object: what the parties undertake; a mécénat supports the donee's project."""
    assert a.has("La Convention a pour objet", "The purpose of the Agreement")
    if a.kind == "mecenat":
        assert a.has("soutien au projet porté par", "the project of")


def line_7(a: Act) -> None:
    """Entry into force and term."""
    assert a.has("La Convention entre en vigueur le", "The Agreement comes into force on")


def line_8(a: Act) -> None:
    """Renewal and its notice."""
    assert a.has("renouvel", "renew")
    assert a.has("mois avant son échéance", "months before expiry")


def line_9(a: Act) -> None:
    """Paying money and delivering contributions are obligations of result."""
    assert a.has("sont des obligations de résultat", "are obligations of result")
    assert a.has("aux dates ou lors des événements", "on the dates or upon the events")


def line_10(a: Act) -> None:
    """Money: amounts, dates, payment term, bank details, what happens when late."""
    assert re.search(r"(verse à|pays) .+ (la somme de|the sum of)", a.text)
    assert a.has("exigible", "due on")
    assert a.has("dans un délai de trente jours", "within thirty days")
    assert a.has("par virement", "by bank transfer")
    late = ("taux légal", "L. 441-10") if a.fr else ("statutory rate", "L. 441-10")
    assert any(x in a.text for x in late)


def line_11(a: Act) -> None:
    """In-kind and skills: valuation at cost; staff made available (L. 8241-2)."""
    assert a.has("à leur coût de revient", "valued at their cost")
    assert a.has("rémunérations et charges sociales", "salaries and social charges")
    company_skills = any(
        c.kind.value == "skills" and a.partnership.partner(c.partner).legal_form in COMPANY_FORMS
        for c in a.partnership.contributions
    )
    if company_skills:
        assert "L. 8241-2" in a.text


def line_12(a: Act) -> None:
    """Tax treatment of every sum: gift (receipt), operating subsidy, or service (VAT)."""
    assert a.has("Régime fiscal", "Tax treatment")
    expected = {
        "mecenat": ("article 238 bis du code général des impôts", "article 238 bis"),
        "parrainage": ("soumises à la taxe sur la valeur ajoutée", "subject to value added tax"),
        "partenariat": ("subvention de fonctionnement", "operating subsidy"),
    }[a.kind]
    if a.name.startswith("all-ess"):
        expected = ("constituent des dons", "are gifts")
    assert a.has(*expected)


def line_13(a: Act) -> None:
    """Mécénat: counterparts as recognition measures valued by the donee, every benefit
    counted (services to the donor's staff included), their share stated."""
    if a.kind != "mecenat":
        assert not a.has("mesures de reconnaissance", "recognition measures")
        return
    assert a.has("mesures de reconnaissance", "recognition measures")
    assert a.has("valorise lui-même", "values itself")
    assert a.has("dont le mécène ou son personnel bénéficie", "the donor or its staff receives")
    assert re.search(r"(soit|that is) [\d,.]+ ?% (des dons|of the gifts)", a.text)
    services = [c for c in a.partnership.contributions if c.to == "logistix"]
    for c in services:
        assert f"{c.description} (service rendu par" in a.text


def line_14(a: Act) -> None:
    """Mécénat: the receipt — issuer, after each payment, 238 bis 5 bis, 2041-MEC-SD /
    cerfa 16216 — never promised by a party that receives no gift, nor to a non-company."""
    if a.kind != "mecenat":
        assert "2041-MEC-SD" not in a.text
        return
    assert a.has(
        "délivre au mécène, après l'encaissement de chaque versement",
        "issues to the donor, after each payment is received",
    )
    assert a.has("5 bis de l'article 238 bis", "paragraph 5 bis of article 238 bis")
    assert a.has("modèle n° 2041-MEC-SD (cerfa n° 16216)", "form no. 2041-MEC-SD (cerfa no. 16216)")
    for p in a.partnership.partners:
        if p.legal_form.value == "fondation":
            assert f"{p.name} délivre" not in a.text and f"{p.name} issues" not in a.text
            assert a.has(
                f"La contribution versée par {p.name} ne relève pas",
                f"The contribution of {p.name} does not",
            )


def line_15(a: Act) -> None:
    """Mécénat: the donee's eligibility warranted, the duty to tell the donor of its loss."""
    if a.kind != "mecenat":
        return
    assert a.has(
        "déclare remplir les conditions d'éligibilité",
        "represents that it meets the eligibility conditions",
    )
    assert a.has("perte ou remise en cause", "loss or challenge")


def line_16(a: Act) -> None:
    """Mécénat: the reduction with its conditions and limits, no guarantee."""
    if a.kind != "mecenat":
        return
    for fr, en in (
        ("égale à 60 %", "equal to 60%"),
        ("40 % pour la fraction qui excède", "40% for the portion above"),
        (
            "20 000 euros ou de 5 pour mille du chiffre d'affaires hors taxes",
            "20,000 euros or 5 per mille of the turnover excluding VAT",
        ),
        ("si ce dernier montant est plus élevé", "whichever is higher"),
        ("cinq exercices suivants", "five financial years"),
        ("ne garantit pas le résultat fiscal", "does not guarantee the tax result"),
    ):
        assert a.has(fr, en), (fr, en)


def line_17(a: Act) -> None:
    """Use of the funds and the report on it."""
    assert a.has("compte rendu de l'emploi des fonds", "report on the use of the funds")


def line_18(a: Act) -> None:
    """Intellectual property: who owns, who may use, for what, after the end."""
    assert a.has("demeure titulaire des droits", "remains the owner of the intellectual")
    assert a.has("après la fin de la Convention", "after the end of the Agreement")


def line_19(a: Act) -> None:
    """Communication and use of names and logos."""
    assert a.has("son nom et son logo", "its name and logo")


def line_20(a: Act) -> None:
    """Personal data: GDPR roles, breaches."""
    assert a.has("article 28 du RGPD", "article 28 of the GDPR")
    assert a.has("article 26 du RGPD", "article 26 of the GDPR")
    assert a.has("violation de données", "personal data breach")


def line_21(a: Act) -> None:
    """Confidentiality with the usual exceptions."""
    assert a.has("domaine public", "public domain")
    assert a.has("exigée par la loi", "required by law")


def line_22(a: Act) -> None:
    """Liability: own staff, beneficiaries on a party's premises, indirect loss."""
    assert a.has("responsable de son propre personnel", "liable for its own staff")
    assert a.has("qu'il accueille dans ses locaux", "it hosts on its premises")
    assert a.has("dommages indirects", "indirect loss")


def line_23(a: Act) -> None:
    """Insurance."""
    assert a.has("police d'assurance", "policy covering its civil liability")


def line_24(a: Act) -> None:
    """Force majeure (art. 1218 C. civ.)."""
    assert a.has("article 1218 du code civil", "article 1218 of the French")


def line_25(a: Act) -> None:
    """No assignment, change of control."""
    assert "L. 233-3" in a.text
    assert a.has("intuitu personae", "intuitu personae")


def line_26(a: Act) -> None:
    """Termination for breach after formal notice and a cure period."""
    assert a.has("mise en demeure", "formal notice")
    assert a.has("manquement grave", "serious breach")


def line_27(a: Act) -> None:
    """Every other exit (Go/noGo, mutual agreement) with its notice and effective date."""
    assert "noGo" in a.text
    assert a.has("d'un commun accord", "by mutual agreement")


def line_28(a: Act) -> None:
    """Consequences of the end: unspent cash returned within a delay; in kind and skills
    never refunded; survival clauses."""
    assert a.has("dans un délai de soixante jours", "within sixty days")
    assert a.has("ne donnent lieu à aucun remboursement", "give rise to no reimbursement")
    assert a.has("survivent à la fin", "survive the end")


def line_29(a: Act) -> None:
    """Amendments by avenant."""
    assert a.has("fait l'objet d'un avenant écrit", "written amendment (avenant)")


def line_30(a: Act) -> None:
    """Governance: members, rule, chair, minutes."""
    assert a.has("comité de pilotage", "steering committee")
    assert a.has("Il décide", "It decides")


def line_31(a: Act) -> None:
    """Evaluation, SMART objectives, Go/noGo points."""
    assert "SMART" in a.text and "Go/noGo" in a.text


def line_32(a: Act) -> None:
    """Notices: registered letter, addresses, effective date, change of address."""
    assert a.has(
        "lettre recommandée avec avis de réception",
        "registered letter with acknowledgement of receipt",
    )
    assert a.has("Tout changement d'adresse", "Any change of address")
    assert a.has("date de première présentation", "date of first presentation")


def line_33(a: Act) -> None:
    """Disputes: amicable, mediation, court; no exclusive court unless all are merchants."""
    assert a.has("solution amiable", "amicable settlement")
    assert a.has("médiation conventionnelle", "conventional mediation")
    assert not a.has("seul compétent", "alone has jurisdiction")
    assert a.has(
        "juridiction compétente selon les règles de droit commun",
        "court having jurisdiction under the ordinary rules",
    )
    assert "tribunal judiciaire de" not in a.text


def line_34(a: Act) -> None:
    """Applicable law and the prevailing language (French among French parties)."""
    assert a.has("régie par le droit français", "governed by French law")
    assert a.has("seule la version française fait foi", "the French version prevails")


def line_35(a: Act) -> None:
    """Electronic signature: how the act is signed (art. 1366-1367 C. civ.), on which file."""
    assert a.has(
        "articles 1366 et 1367 du code civil", "articles 1366 and 1367 of the French Civil Code"
    )
    assert "SHA-256" in a.text


def line_36(a: Act) -> None:
    """Originals, date and place, signature blocks fitting the way of signing."""
    assert a.has(
        "Fait sous forme électronique, en un original électronique",
        "Executed electronically, in one electronic original",
    )
    assert a.has(
        "Date : celle de la signature électronique", "Date: that of the electronic signature"
    )
    assert not a.has("exemplaires originaux", "originals, one for each")


def line_37(a: Act) -> None:
    """Annexes listed, their precedence, attached."""
    assert a.has("Liste des annexes", "List of annexes")
    assert a.has("prévalent sur les annexes", "prevail over the annexes")
    heading = (
        "Annexe 1 – Contributions des Partenaires"
        if a.fr
        else "Annex 1 – Contributions of the Partners"
    )
    assert a.text.count(heading) >= 2  # listed, and attached


def line_38(a: Act) -> None:
    """Independence, ethics, anti-corruption."""
    assert a.has("en toute indépendance", "act independently")
    assert a.has("corruption", "corruption")


LINES: dict[int, Callable[[Act], None]] = {
    int(name.split("_")[1]): check
    for name, check in sorted(globals().items())
    if name.startswith("line_") and callable(check)
}


@pytest.mark.parametrize(("case", "language"), ACTS, ids=[f"{c}-{lang}" for c, lang in ACTS])
@pytest.mark.parametrize("line", sorted(LINES))
def test_checklist_line(case: str, language: str, line: int) -> None:
    LINES[line](_act(case, language))


def test_every_line_is_checked() -> None:
    checklist = (ROOT / "docs/legal-checklist.md").read_text(encoding="utf-8")
    agreement = checklist.split("## The agreement", 1)[1].split("\n## ", 1)[0]
    numbered = {int(n) for n in re.findall(r"(?:^|\s)(\d{1,2})\. ", agreement)}
    assert numbered == set(range(1, 39))
    assert set(LINES) == numbered
