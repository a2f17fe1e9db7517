"""Steps of features/money.feature (tests/bdd/money_steps.py)."""

from pytest_bdd import scenarios

from tests.bdd.money_reports_steps import *  # noqa: F403 - the steps
from tests.bdd.money_steps import *  # noqa: F403 - the steps
from tests.bdd.schedule_steps import *  # noqa: F403 - the steps

scenarios("money.feature")
