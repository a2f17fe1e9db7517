"""The portal shows the failed work (issue 22, item 11): the partnership's page says the
decision is recorded and the stage's work failed, why and how it is retried; the portfolio
shows the failure; the portal's "run the automatic work again" retries it and the failure
is gone (the officers' mail: tests/integration/test_failed_work.py)."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from coopact.bootstrap import writing
from coopact.contracts.errors import CoopactError, EnvironmentProblem
from coopact.usecases import failed_work
from tests.portal_support import PASSWORD, Setup, app_of, csrf_of, prepared

OFFICER = "charge@tremplin.example"
CAUSE = "LibreOffice could not convert v1-agreement.docx to PDF (exit code 1)"


@pytest.fixture(params=["sqlite", "postgresql"])
def setup(request: pytest.FixtureRequest) -> Setup:
    return prepared(request, request.param, [(OFFICER, "partnership_officer")])


def _signed_in(setup: Setup) -> TestClient:
    client = TestClient(app_of(setup), raise_server_exceptions=False)
    login = client.get("/login")
    client.post("/login", data={"csrf": csrf_of(login.text), "email": OFFICER,
                                "password": PASSWORD, "next": "/"})  # fmt: skip
    return client


def test_the_partnership_page_and_the_portfolio_show_the_failed_work_until_it_is_retried(
    setup: Setup,
) -> None:
    adapters = writing.Adapters(setup.uow, setup.portal.templates, setup.portal.transport)
    kept = failed_work.keep(
        adapters, setup.reference, said="vision approved (the decision is recorded)",
        error=EnvironmentProblem(CAUSE),
    )  # fmt: skip
    assert kept.cause == CAUSE
    client = _signed_in(setup)
    page = client.get(f"/p/{setup.reference}").text
    assert 'id="failed-work"' in page and "Travail automatique en échec" in page
    assert CAUSE in page and "(1 tentative(s))" in page
    assert "Il est repris jusqu" in page and "avancement groupé" in page
    portfolio = client.get("/").text
    assert f"travail automatique en échec (repris)\u00a0: {CAUSE}" in portfolio
    english = client.get(f"/p/{setup.reference}?lang=en").text
    assert "Automatic work failed" in english and "It is retried until it succeeds" in english

    broken = writing.Adapters(setup.uow, setup.home / "no-templates", None)
    with pytest.raises(CoopactError):  # a retry failing again: one more attempt, its reason
        writing.advance(setup.reference, using=broken)
    page = client.get(f"/p/{setup.reference}?lang=fr").text  # the ?lang=en above set the cookie
    assert "(2 tentative(s))" in page and "no-templates" in page and CAUSE not in page

    advanced = client.post(
        f"/p/{setup.reference}/advance", data={"csrf": csrf_of(page)}, follow_redirects=True
    )
    assert advanced.status_code == 200
    assert 'id="failed-work"' not in client.get(f"/p/{setup.reference}").text
    assert "en échec" not in client.get("/").text
