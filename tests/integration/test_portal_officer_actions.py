"""An officer without a terminal: registers a partnership by uploading its file (the same
validation messages as `coopact new`), amends it (the differences shown first), runs the
automatic work again; stages and gates read in words."""

from __future__ import annotations

import re
from html import unescape

import pytest
import yaml
from starlette.testclient import TestClient

from coopact.adapters.loading import load_text
from coopact.contracts.errors import InvalidInput
from coopact.entrypoints.cli.demo import demo_file
from tests.portal_support import PASSWORD, Setup, app_of, csrf_of, prepared

OFFICER = "charge@tremplin.example"
JURIST = "juriste.demo@example.org"


@pytest.fixture
def setup(request: pytest.FixtureRequest) -> Setup:
    return prepared(
        request, "sqlite", [(OFFICER, "partnership_officer"), (JURIST, "legal_officer")]
    )


def _signed_in(setup: Setup, address: str = OFFICER) -> TestClient:
    client = TestClient(app_of(setup), raise_server_exceptions=False)
    login = client.get("/login")
    client.post("/login", data={"csrf": csrf_of(login.text), "email": address,
                                "password": PASSWORD, "next": "/"})  # fmt: skip
    return client


def _second_file(**changes: object) -> str:
    data = yaml.safe_load(demo_file())
    data.update({"reference": "P-2027-002", "title": "Chantier d'insertion et réemploi"})
    data.update(changes)
    return yaml.safe_dump(data, allow_unicode=True)


def test_an_officer_registers_a_partnership_by_uploading_its_file(setup: Setup) -> None:
    client = _signed_in(setup)
    form = client.get("/register")
    assert form.status_code == 200 and 'name="file"' in form.text
    bad = _second_file(partners="not a list", duration_months=900)
    with pytest.raises(InvalidInput) as cli:
        load_text(bad, "p.yaml")
    refused = client.post("/register", data={"csrf": csrf_of(form.text)},
                          files={"file": ("p.yaml", bad.encode(), "text/yaml")})  # fmt: skip
    assert refused.status_code == 400
    for problem in cli.value.problems:  # the same messages as `coopact new`
        assert str(problem) in unescape(refused.text)
    assert client.get("/p/P-2027-002").status_code == 404

    done = client.post("/register", data={"csrf": csrf_of(form.text)},
                       files={"file": ("p.yaml", _second_file().encode(), "text/yaml")})  # fmt: skip
    assert done.status_code == 200
    assert "Partenariat P-2027-002 enregistré" in unescape(done.text)
    page = client.get("/p/P-2027-002")
    assert "brouillon (vision à approuver)" in unescape(page.text)
    advanced = client.post("/p/P-2027-002/advance", data={"csrf": csrf_of(page.text)})
    assert advanced.status_code == 200
    text = unescape(advanced.text)
    assert "Travail automatique relancé" in text
    assert "approbation de la vision partagée" in text  # the gate in words, not a code
    assert "vision_approval" not in text.split('id="links"')[0]


def test_an_officer_amends_a_file_seeing_the_differences_first(setup: Setup) -> None:
    client = _signed_in(setup)
    page = client.get(f"/p/{setup.reference}")
    data = yaml.safe_load(demo_file())
    data["title"] = "Parcours emploi-logistique, deuxième version"
    upload = yaml.safe_dump(data, allow_unicode=True).encode()
    shown = client.post(
        f"/p/{setup.reference}/amend", data={"csrf": csrf_of(page.text)},
        files={"file": ("p.yaml", upload, "text/yaml")},
    )  # fmt: skip
    assert shown.status_code == 200
    assert "<code>title</code>" in shown.text and "brouillon" in shown.text
    assert "Parcours emploi-logistique, deuxième version" in unescape(shown.text)  # after
    assert "Parcours vers l&#39;emploi" in shown.text  # and before
    with setup.uow() as uow:  # nothing changed yet
        assert uow.partnerships.get(setup.reference).title != data["title"]
    done = client.post(
        f"/p/{setup.reference}/amend/confirm",
        data={"csrf": csrf_of(shown.text), "text": upload.decode(), "effective_on": ""},
    )
    assert done.status_code == 200
    assert "Modification enregistrée (1 champ(s) changé(s))" in unescape(done.text)
    with setup.uow() as uow:
        assert uow.partnerships.get(setup.reference).title == data["title"]


def test_only_a_partnership_officer_registers_amends_or_advances(setup: Setup) -> None:
    jurist = _signed_in(setup, JURIST)
    page = jurist.get(f"/p/{setup.reference}")
    assert 'id="officer-actions"' not in page.text
    assert jurist.get("/register").status_code == 403
    refused = jurist.post(f"/p/{setup.reference}/advance", data={"csrf": csrf_of(page.text)})
    assert refused.status_code == 403
    anonymous = TestClient(app_of(setup), raise_server_exceptions=False)
    assert anonymous.get("/register", follow_redirects=False).status_code == 303


def test_the_partnership_page_in_english_has_no_french_and_no_raw_code(setup: Setup) -> None:
    client = _signed_in(setup)
    page = client.get(f"/p/{setup.reference}?lang=en")
    text = unescape(re.sub(r"<(strong|/strong)>", "", page.text))
    assert '<html lang="en">' in page.text
    assert "Stage: draft (vision to approve) · decision awaited: approval of the shared vision" in (
        text
    )
    for english in ("Decision links", "Record a decision on someone's behalf", "Timeline",
                    "Findings", "Resend the link"):  # fmt: skip
        assert english in text
    for french in ("Étape", "Liens de décision", "Chronologie", "Aucun", "tour "):
        assert french not in text.split("<main>")[1].split('id="timeline"')[0], french
    french = unescape(
        re.sub(r"<(strong|/strong)>", "", client.get(f"/p/{setup.reference}?lang=fr").text)
    )
    assert "Étape\u00a0: brouillon (vision à approuver)" in french
    assert "note de vision" in french and "avertissement" in french
