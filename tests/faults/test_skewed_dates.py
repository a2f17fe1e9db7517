"""Dates skewed: `advance --today` a month before, then a month after, the day the review
opened, and `review-due` run again on other days. A review report is dated by its review,
never by the day a command runs, and nothing is opened or written twice."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from coopact import services
from coopact.adapters.documents import pdf
from coopact.store.tables import DocumentRow
from coopact.store.uow import UnitOfWork
from tests.integration.after_signature_helpers import TEMPLATES
from tests.integration.test_review_opening import _active, _opened_events

OPENED = dt.date(2027, 7, 20)  # the review of 2027-07-15, opened five days late


def _reports(uow: UnitOfWork) -> list[str]:
    with uow:
        found = select(DocumentRow.filename).where(DocumentRow.kind == "review_report")
        return list(uow.session.scalars(found))


def test_a_report_is_dated_by_its_review_whatever_day_the_command_runs(
    uow: UnitOfWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "available", lambda: False)  # LibreOffice is not under test
    [reference] = _active(uow, 1)
    [opened] = services.review_due(uow, OPENED)
    assert opened.reference == reference
    for skew in (-30, +30, 0):
        services.advance(
            uow, reference, templates=TEMPLATES, today=OPENED + dt.timedelta(days=skew)
        )
        assert services.review_due(uow, OPENED + dt.timedelta(days=skew)) == []
        names = _reports(uow)  # once, dated by the review
        assert len(names) == 1 and OPENED.isoformat() in names[0], names
    assert _opened_events(uow) == {reference: 1}
    report = services.verify_audit(uow)
    assert report.intact, report.problems
