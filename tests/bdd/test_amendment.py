"""Steps of features/amendment.feature (shared: tests/bdd/after_signature_steps.py)."""

from pytest_bdd import scenarios

from tests.bdd.after_signature_steps import *  # noqa: F403 - the shared steps

scenarios("amendment.feature")
