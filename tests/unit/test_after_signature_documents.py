"""The acts after the signature render in French and in English from their templates:
minutes, avenant, termination letter, exit statement (real .docx reopened)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import yaml
from docx import Document

from coopact.adapters.config import settings
from coopact.adapters.loading import load_text
from coopact.contracts.amendment import renewed_spec
from coopact.contracts.errors import InvalidInput
from coopact.contracts.exit import effective_date
from coopact.contracts.findings import Finding
from coopact.contracts.meeting import Meeting, MeetingForm
from coopact.entrypoints.web.meeting_form import meeting_of
from coopact.schemas import Partnership
from coopact.stages import avenant, exit_acts, minutes
from tests.conftest import EXAMPLE

TEMPLATES = settings().templates


def _partnership(language: str) -> Partnership:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["language"] = language
    return load_text(yaml.safe_dump(data, allow_unicode=True), "example")


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    rows = [" | ".join(c.text for c in r.cells) for t in document.tables for r in t.rows]
    return (
        "\n".join([p.text for p in document.paragraphs] + rows)
        .replace("\u00a0", " ")
        .replace("\u202f", " ")
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["Procès-verbal du comité de pilotage", "il décide par consensus",
                "revue Go/noGo de l'échéance du 15 juillet 2027",
                "Claire Martin | Association Tremplin Emploi | 1 | Pour la poursuite sous "
                "conditions",
                "Julie Moreau | Logistix Urbaine SAS | 1 | N'a pas pris part au vote",
                "Le comité de pilotage décide de poursuivre le partenariat sous les conditions",
                "Le quorum n'est pas atteint.", "Le président du comité de pilotage"]),
        ("en", ["Minutes of the steering committee", "it decides by consensus",
                "Go/noGo review for the review date of 15 July 2027",
                "Claire Martin | Association Tremplin Emploi | 1 | For continuing under "
                "conditions",
                "Julie Moreau | Logistix Urbaine SAS | 1 | Took no part in the vote",
                "The chair of the steering committee"]),
    ],
)  # fmt: skip
def test_minutes(language: str, expected: list[str]) -> None:
    document = minutes.generate(
        _partnership(language), "P-2027-001", TEMPLATES, date=dt.date(2027, 7, 15),
        covers=[dt.date(2027, 7, 15)],
        votes=[minutes.Vote("Claire Martin", "tremplin", "go_with_conditions", "Jalons tenus")],
        mediation=None, outcome="go_with_conditions",
        conditions=[minutes.ConditionView("Tenir le point projet", "logistix",
                                          dt.date(2027, 10, 31), None)],
        findings=[Finding(code="x", severity="info", factor="demarrer")],
    )  # fmt: skip
    text = _text(document.content)
    for line in expected:
        assert line in text
    assert document.kind == "minutes" and document.language == language


def test_english_minutes_of_a_meeting_in_person_state_its_place_and_attendance() -> None:
    meeting = Meeting(
        MeetingForm.in_person, dt.date(2027, 7, 21), place="12 rue de la Gare, 94000 Créteil",
        chair="Marc Lefèvre", secretary="Sophie Garnier",
        represented=(("Julie Moreau", "Marc Lefèvre"),),
    )  # fmt: skip
    document = minutes.generate(
        _partnership("en"), "P-2027-001", TEMPLATES, date=dt.date(2027, 7, 15),
        covers=[dt.date(2027, 7, 15)],
        votes=[minutes.Vote("Claire Martin", "tremplin", "go", "Milestones met"),
               minutes.Vote("Julie Moreau", "logistix", "go", "By proxy")],
        mediation=None, outcome="go", conditions=[], findings=[], meeting=meeting,
    )  # fmt: skip
    text = _text(document.content)
    for line in [
        "Form of the deliberation: meeting of the steering committee held in person on 21 July "
        "2027, for the Go/noGo review for the review date of 15 July 2027",
        "Place of the meeting: 12 rue de la Gare, 94000 Créteil.",
        "Chair: Marc Lefèvre. Secretary: Sophie Garnier.",
        "Members present: Claire Martin (Association Tremplin Emploi); Marc Lefèvre (Logistix "
        "Urbaine SAS).",
        "Members represented: Julie Moreau (Logistix Urbaine SAS), by proxy given to Marc Lefèvre.",
        "Members absent and not represented: Inès Benali (Association Tremplin Emploi).",
        "The quorum is met.",
        "Done on 21 July 2027.",
        "The chair of the steering committee\nMarc Lefèvre",
        "The secretary of the steering committee\nSophie Garnier",
    ]:
        assert line in text, text
    assert "written consultation" not in text
    assert document.filename.endswith("-2027-07-21.docx")


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"meeting": "video", "meeting_on": "21/07/2027"}, "meeting_on"),
        ({"meeting": "phone"}, "meeting"),
        ({"meeting": "video", "meeting_on": "2027-07-21", "represented": "Julie Moreau"},
         "represented"),
    ],
)  # fmt: skip
def test_the_officers_meeting_fields_refuse_what_is_typed_wrong(
    given: dict[str, str], field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        meeting_of(given)
    assert field in [p.path for p in refused.value.problems]


def test_the_officers_meeting_fields_give_the_meeting_record() -> None:
    given = {"meeting": "video", "meeting_on": "2027-07-21", "chair": " Claire  Martin ",
             "represented": "Julie Moreau=Marc Lefèvre\n\n"}  # fmt: skip
    assert meeting_of(given) == Meeting(
        MeetingForm.video, dt.date(2027, 7, 21), chair="Claire Martin",
        represented=(("Julie Moreau", "Marc Lefèvre"),),
    )  # fmt: skip
    assert meeting_of({"meeting": ""}) is None


@pytest.mark.parametrize(
    ("language", "heading", "lines"),
    [
        ("fr", "Avenant n° 2 de renouvellement de la convention de partenariat",
         ["en application de l'article 1214 du code civil et de l'article 2 (« Durée, "
          "renouvellement et préavis ») de la convention, pour une nouvelle durée de 36 mois, "
          "du 15 janvier 2030 au 14 janvier 2033 inclus",
          "Article 3 – Conditions financières de la nouvelle durée",
          "Logistix Urbaine SAS : Financement des parcours, 120 000,00 € en numéraire",
          "la décision de l'organe compétent", "signée le 10 décembre 2026"]),
        ("en", "Amendment no. 2 renewing the partnership agreement",
         ["under article 1214 of the French civil code",
          "Article 3 – Financial terms of the new term"]),
    ],
)  # fmt: skip
def test_renewal_avenant(language: str, heading: str, lines: list[str]) -> None:
    before = _partnership(language)
    spec = before.model_dump(mode="json", by_alias=True, exclude_none=True)
    after = Partnership.model_validate(renewed_spec(spec, 36))
    facts = avenant.AvenantFacts(
        2, "renewal", ["duration_months"], dt.date(2030, 1, 15), signed_on=dt.date(2026, 12, 10)
    )
    text = _text(avenant.generate(before, after, "P-2027-001", TEMPLATES, facts).content)
    assert heading in text, text
    for line in lines:
        assert line in text, text
    assert "72" not in text  # a new contract for a new term, not a 72-month one


def test_amendment_avenant_cites_articles_and_recomputes_the_figures() -> None:
    before = _partnership("fr")
    data = before.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["contributions"][0]["amount_eur"] = "135000"
    after = Partnership.model_validate(data)
    facts = avenant.AvenantFacts(
        1, "amendment", ["contributions[0].amount_eur"], dt.date(2027, 9, 1),
        decision="la proposition du comité de pilotage du 15 juillet 2027",
    )  # fmt: skip
    text = _text(avenant.generate(before, after, "P-2027-001", TEMPLATES, facts).content)
    assert "Article 4 – Contributions et calendrier de versement | Contribution" in text, text
    assert "Vu la proposition du comité de pilotage du 15 juillet 2027 ;" in text
    assert "porté de 231 600,00 € à 246 600,00 €" in text
    consolidated = _text(avenant.consolidated(after, "P-2027-001", TEMPLATES, facts).content)
    assert "Version consolidée au 1er septembre 2027, intégrant l'avenant n° 1" in consolidated
    assert "135 000,00 €" in consolidated and "246 600,00 €" in consolidated


@pytest.mark.parametrize(
    ("language", "cause", "expected"),
    [
        ("fr", "no_go", ["Lettre recommandée avec demande d'avis de réception",
                          "À l'attention de Marc Lefèvre, Directeur général",
                          "l'article 22 (« Résiliation et sortie du partenariat »)",
                          "un mois après la décision du comité de pilotage, soit le 15 août 2027",
                          "Pour Association Tremplin Emploi", "Paul Durand"]),
        ("en", "no_go", ["By registered letter with acknowledgement of receipt",
                          "For the attention of Marc Lefèvre, Directeur général",
                          "Article 22 (“Termination and exit”)",
                          "one month after the steering committee's decision, that is on "
                          "15 August 2027", "For Association Tremplin Emploi"]),
        ("fr", "end_of_term", ["Objet : non-renouvellement de la convention de partenariat",
                                "faute de décision de renouvellement de l'ensemble des "
                                "Partenaires, elle prend fin à son terme, le 14 janvier 2030"]),
    ],
)  # fmt: skip
def test_termination_letter_and_exit_statement(
    language: str, cause: str, expected: list[str]
) -> None:
    partnership = _partnership(language)
    decided = dt.date(2027, 7, 15)
    facts = exit_acts.ExitFacts(
        cause=cause, decided_on=decided,
        effective_on=effective_date(partnership, cause, decided),
    )  # fmt: skip
    text = _text(exit_acts.letter(partnership, "P-2027-001", TEMPLATES, facts).content)
    for line in expected:
        assert line in text, text
    body = _text(exit_acts.statement(partnership, "P-2027-001", TEMPLATES, facts).content)
    assert ("Financement des parcours" in body) and ("120 000,00 €" in body or "€120,000" in body)
    assert ("soixante jours" in body) or ("sixty days" in body)
    assert "prorata" not in body and "pro rata" not in body


def test_a_mecenat_exit_statement_deals_with_the_receipts_of_returned_sums() -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["kind"] = "mecenat"
    data["counterparts"] = []
    partnership = load_text(yaml.safe_dump(data, allow_unicode=True), "example")
    facts = exit_acts.ExitFacts("no_go", dt.date(2027, 7, 15), dt.date(2027, 8, 15))
    letter = _text(exit_acts.letter(partnership, "P-2027-001", TEMPLATES, facts).content)
    assert "résiliation de la convention de mécénat" in letter
    body = _text(exit_acts.statement(partnership, "P-2027-001", TEMPLATES, facts).content)
    assert "reçu rectificatif" in body
