"""An officer brings a review forward to today only after the partnership's start, and
not on a day a review was already held."""

from __future__ import annotations

import datetime as dt

from coopact.contracts.review_timing import NotNow, why_not_now

START = dt.date(2027, 1, 15)


def test_an_active_started_partnership_with_no_review_today_opens_one() -> None:
    assert why_not_now(START, dt.date(2027, 3, 1), [dt.date(2027, 2, 1)]) is None


def test_each_reason_not_to_open_it_now() -> None:
    assert why_not_now(START, START, []) is NotNow.not_started
    today = dt.date(2027, 3, 1)
    assert why_not_now(START, today, [today]) is NotNow.held_today
