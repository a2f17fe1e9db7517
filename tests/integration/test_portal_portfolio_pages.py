"""The portfolio filtered, sorted and paged by the database (stage, awaited decision,
blocking findings, next review, search), 50 a page, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
import yaml
from sqlalchemy import select
from starlette.testclient import TestClient

from coopact import services
from coopact.adapters.loading import load_text
from coopact.entrypoints.cli.demo import demo_file
from coopact.entrypoints.web import portfolio
from coopact.store import audit
from coopact.store.portfolio import PortfolioFilter
from coopact.store.tables import FindingRow, PartnershipRow, ScheduleRow
from tests.portal_support import PASSWORD, Setup, app_of, csrf_of, prepared

OFFICER = "charge@tremplin.example"
TODAY = dt.date(2027, 6, 1)


@pytest.fixture(params=["sqlite", "postgresql"])
def setup(request: pytest.FixtureRequest) -> Setup:
    return prepared(request, request.param, [(OFFICER, "partnership_officer")], then=_fifty_six)


def _fifty_six(made: Setup) -> None:
    """55 more partnerships (56 in all): two moved on, two reviews scheduled (one overdue
    on TODAY), one blocking finding."""
    data = yaml.safe_load(demo_file())
    for n in range(2, 57):  # 55 more: 56 in all
        data["reference"] = f"P-2027-{n:03d}"
        data["title"] = f"Partenariat numéro {n:03d}"
        services.register(made.uow(), load_text(yaml.safe_dump(data), "f"), actor="test")
    with made.uow() as uow:
        rows = {r.reference: r for r in uow.session.scalars(select(PartnershipRow))}
        rows["P-2027-010"].stage = "active"
        rows["P-2027-011"].stage = "in_review"
        uow.session.add(ScheduleRow(partnership_id=rows["P-2027-010"].id, kind="review",
                                    subject="review-1", due_on=dt.date(2027, 7, 1)))  # fmt: skip
        uow.session.add(ScheduleRow(partnership_id=rows["P-2027-012"].id, kind="review",
                                    subject="review-1", due_on=dt.date(2027, 5, 1)))  # fmt: skip
        uow.session.add(FindingRow(partnership_id=rows["P-2027-013"].id, stage="draft",
                                   code="vision.statement_empty", severity="blocking",
                                   factor="construire", path="vision.statement",
                                   params={"statement": "À définir"}))  # fmt: skip
        uow.commit()


def _refs(setup: Setup, **wanted: object) -> tuple[list[str], int]:
    items, total = portfolio.portfolio_page(setup.uow(), PortfolioFilter(**wanted), TODAY)  # type: ignore[arg-type]
    return [i.reference for i in items], total


def test_the_database_pages_sorts_and_filters_the_portfolio(setup: Setup) -> None:
    first, total = _refs(setup, sort="reference")
    assert total == 56 and len(first) == 50 and first[0] == "P-2027-001"
    second, _ = _refs(setup, sort="reference", offset=50)
    assert second == [f"P-2027-{n:03d}" for n in range(51, 57)]
    assert _refs(setup, stages=["active"]) == (["P-2027-010"], 1)
    awaiting_votes = portfolio.stages_awaiting("review")
    assert _refs(setup, stages=awaiting_votes) == (["P-2027-011"], 1)
    assert _refs(setup, blocking=True) == (["P-2027-013"], 1)
    assert _refs(setup, review_before=dt.date(2027, 6, 30)) == (["P-2027-012"], 1)
    assert _refs(setup, sort="next_review", limit=2)[0] == ["P-2027-012", "P-2027-010"]
    attention, _ = _refs(setup, limit=1)
    assert attention == ["P-2027-012"]  # its review is overdue: first
    assert _refs(setup, query="numéro 042")[0] == ["P-2027-042"]
    assert setup.reference in _refs(setup, query="logistix")[0]  # a partner's name


def test_the_portfolio_page_links_its_pages_and_keeps_its_filters(setup: Setup) -> None:
    client = TestClient(app_of(setup), raise_server_exceptions=False)
    login = client.get("/login")
    client.post("/login", data={"csrf": csrf_of(login.text), "email": OFFICER,
                                "password": PASSWORD, "next": "/"})  # fmt: skip
    first = client.get("/?sort=reference")
    assert "56 partenariat(s) — page 1 sur 2" in first.text
    assert first.text.count('href="/p/P-2027-') == 50
    second = client.get("/?sort=reference&page=2")
    assert second.text.count('href="/p/P-2027-') == 6
    assert 'href="/?sort=reference&amp;page=1"' in second.text
    filtered = client.get("/?awaited=review")
    assert "1 partenariat(s)" in filtered.text and "P-2027-011" in filtered.text
    assert "vote du comité de pilotage" in filtered.text


def test_the_partnership_page_pages_its_timeline(setup: Setup) -> None:
    client = TestClient(app_of(setup), raise_server_exceptions=False)
    login = client.get("/login")
    client.post("/login", data={"csrf": csrf_of(login.text), "email": OFFICER,
                                "password": PASSWORD, "next": "/"})  # fmt: skip
    with setup.uow() as uow:
        total = len(audit.events(uow.session, setup.reference))
    for n in range(60 - total):  # enough events for two pages
        with setup.uow() as uow:
            uow.audit("test.event", actor="test", reference=setup.reference, n=n)
            uow.commit()
    first = client.get(f"/p/{setup.reference}")
    rows = first.text.split('id="timeline"')[1].split("</table>")[0].count("<tr>")
    assert rows == 50 and "60 événement(s)" in first.text and "page 1 sur 2" in first.text
    older = client.get(f"/p/{setup.reference}?events=2")
    rows = older.text.split('id="timeline"')[1].split("</table>")[0].count("<tr>")
    assert rows == 10 and "partenariat enregistré" in unescape(older.text)
    assert "partenariat enregistré" not in unescape(first.text.split('id="timeline"')[1])


def test_an_officer_reads_the_portfolio_in_english(setup: Setup) -> None:
    client = TestClient(app_of(setup), raise_server_exceptions=False)
    login = client.get("/login")
    client.post("/login", data={"csrf": csrf_of(login.text), "email": OFFICER,
                                "password": PASSWORD, "next": "/"})  # fmt: skip
    english = client.get("/?lang=en&sort=reference")
    assert '<html lang="en">' in english.text
    assert (
        "Partnership portfolio" in english.text
        and "56 partnership(s) — page 1 of 2" in english.text
    )
    assert "draft (vision to approve)" in english.text
    assert "approval of the shared vision" in english.text
    assert "brouillon" not in english.text and "Étape" not in english.text
    kept = client.get("/")  # the choice is remembered
    assert "Partnership portfolio" in kept.text
    assert "Portefeuille des partenariats" in client.get("/?lang=fr").text


def test_the_portfolio_reads_what_coopact_status_reads(setup: Setup) -> None:
    """The awaited people and the blocking count of each line are those of `status`."""
    status = {v.reference: v for v in services.status(setup.uow())}
    items = portfolio.portfolio(setup.uow(), today=TODAY)
    assert len(items) == len(status) == 56
    for item in items:
        view = status[item.reference]
        assert item.blocking == sum(f["severity"] == "blocking" for f in view.findings)
        assert len(item.awaited_from) == len(view.awaited_from)
    first = next(i for i in items if i.reference == setup.reference)
    assert first.awaited_from == [
        "Claire Martin (Association Tremplin Emploi)", "Marc Lefèvre (Logistix Urbaine SAS)"
    ]  # fmt: skip
    assert next(i for i in items if i.reference == "P-2027-013").blocking == 1


def test_the_portfolio_names_the_partners_of_the_file_as_amended(setup: Setup) -> None:
    """The partners' names are read once per version of a file: an amended file is read
    again, its new names shown."""
    before = portfolio.portfolio(setup.uow(), today=TODAY)
    first = next(i for i in before if i.reference == setup.reference)
    assert "Association Tremplin Emploi" in first.partners
    data = yaml.safe_load(demo_file())
    data["partners"][0]["name"] = "Association Tremplin Emploi Île-de-France"
    services.amend(setup.uow(), setup.reference, load_text(yaml.safe_dump(data), "f"),
                   actor="test")  # fmt: skip
    after = portfolio.portfolio(setup.uow(), today=TODAY)
    line = next(i for i in after if i.reference == setup.reference)
    assert "Association Tremplin Emploi Île-de-France" in line.partners
    assert "Association Tremplin Emploi" not in line.partners
