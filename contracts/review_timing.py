"""When an officer may bring an active partnership's Go/noGo review forward to today
("open a review now"). Pure, no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum


class NotNow(StrEnum):
    not_started = "not_started"  # its health check is dated after the start
    held_today = "held_today"  # answers are keyed by day: a second review would take them


def why_not_now(start: dt.date, today: dt.date, held_on: Iterable[dt.date]) -> NotNow | None:
    """Why a review cannot open today, or None when it can."""
    if today <= start:
        return NotNow.not_started
    if today in set(held_on):
        return NotNow.held_today
    return None
