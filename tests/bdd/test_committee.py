"""Steps of features/committee.feature (shared: tests/bdd/after_signature_steps.py; the
meeting record: tests/bdd/meeting_steps.py)."""

from pytest_bdd import scenarios

from tests.bdd.after_signature_steps import *  # noqa: F403 - the shared steps
from tests.bdd.meeting_steps import *  # noqa: F403 - the meeting record

scenarios("committee.feature")
