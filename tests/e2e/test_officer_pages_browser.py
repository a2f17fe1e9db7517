"""The officers' pages in Chromium: a partnership registered by uploading its file (its
problems listed first), amended with the differences shown, its automatic work run again;
the legal approval never offered on someone's behalf; a 413 for an oversized upload.
Screenshots go to the test's folder (``COOPACT_SCREENSHOTS`` keeps them elsewhere)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from coopact.entrypoints.cli.demo import demo_file
from tests.e2e.test_portal_browser import OFFICER, _decisions, page, served  # noqa: F401
from tests.integration.test_portal_legal_and_reminders import _to_legal_gate
from tests.portal_support import PASSWORD, Setup


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("COOPACT_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _sign_in(page, base: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page.goto(f"{base}/")
    page.fill("input[name=email]", OFFICER)
    page.fill("input[name=password]", PASSWORD)
    page.click("#sign-in")


def _file(tmp_path: Path, name: str, **changes: object) -> Path:
    data = yaml.safe_load(demo_file())
    data.update(changes)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.browser
def test_an_officer_registers_amends_and_advances_without_a_terminal(
    served: Setup,  # noqa: F811
    page,  # noqa: F811
    tmp_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    shots = _shots(tmp_path)
    base = served.portal.public_url
    _sign_in(page, base)
    page.click("#register-link")
    bad = _file(tmp_path, "bad.yaml", reference="P-2027-002", duration_months=900,
                notice_months=99)  # fmt: skip
    page.set_input_files("#register input[name=file]", str(bad))
    page.click("#register button[type=submit]")
    problems = page.locator("#problems").inner_text()
    assert "duration_months" in problems and "notice_months" in problems
    assert "rien n'a été enregistré" in problems
    page.screenshot(path=str(shots / "register-problems.png"), full_page=True)

    good = _file(tmp_path, "good.yaml", reference="P-2027-002",
                 title="Chantier d'insertion et réemploi")  # fmt: skip
    page.set_input_files("#register input[name=file]", str(good))
    page.click("#register button[type=submit]")
    assert "P-2027-002 enregistré" in page.locator("#registered").inner_text()
    page.screenshot(path=str(shots / "registered.png"), full_page=True)
    page.click("text=Lancer le travail automatique")
    where = page.locator("#where").inner_text()
    assert "brouillon (vision à approuver)" in where
    assert "approbation de la vision partagée" in where and "vision_approval" not in where
    assert "Travail automatique relancé" in page.locator("#notice").inner_text()

    page.click("#officer-actions summary")
    amended = _file(tmp_path, "amended.yaml", reference="P-2027-002",
                    title="Chantier d'insertion, de réemploi et de logistique")  # fmt: skip
    page.set_input_files("#amend input[name=file]", str(amended))
    page.click("#amend button[type=submit]")
    assert "title" in page.locator("#differences").inner_text()
    page.screenshot(path=str(shots / "amend-differences.png"), full_page=True)
    page.click("#confirm button[type=submit]")
    assert "Modification enregistrée" in page.locator("#notice").inner_text()
    assert "logistique" in page.locator("h1").inner_text()
    page.screenshot(path=str(shots / "partnership-amended.png"), full_page=True)

    page.goto(f"{base}/")
    table = page.locator("#portfolio").inner_text()
    assert "P-2027-002" in table and "brouillon" in table
    page.screenshot(path=str(shots / "portfolio.png"), full_page=True)
    page.select_option("#filters select[name=awaited]", "legal_approval")
    page.click("#filters button[type=submit]")
    assert "0 partenariat(s)" in page.locator("#count").inner_text()
    assert "awaited=legal_approval" in page.url
    page.select_option("#filters select[name=awaited]", "vision_approval")
    page.fill("#filters input[name=q]", "réemploi")
    page.click("#filters button[type=submit]")
    assert "1 partenariat(s)" in page.locator("#count").inner_text()
    assert "P-2027-002" in page.locator("#portfolio").inner_text()


@pytest.mark.browser
def test_the_legal_approval_is_never_offered_on_someones_behalf(
    served: Setup,  # noqa: F811
    page,  # noqa: F811
    tmp_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    _to_legal_gate(served)
    base = served.portal.public_url
    _sign_in(page, base)
    page.goto(f"{base}/p/{served.reference}")
    assert page.locator("#on-behalf").count() == 0
    assert "jamais enregistrée pour le compte d'autrui" in page.locator("#reserved").inner_text()
    assert "validation juridique de la convention" in page.locator("#where").inner_text()
    page.screenshot(path=str(_shots(tmp_path) / "legal-reserved.png"), full_page=True)
    assert [d.gate for d in _decisions(served) if d.gate == "legal_approval"] == []
