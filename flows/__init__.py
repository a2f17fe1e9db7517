"""Prefect flows: thin orchestration of the use cases in ``coopact.services``.

Importing this package points Prefect at COOPACT_HOME and turns its analytics off before
Prefect itself is imported, and sends coopact's own log lines (``coopact.*``: gates opened
and how many were told, mail counts, review-due warnings; references and counts, never a
person) to the run's log in the UI. On a worker Prefect is imported first (its engine loads
the flow), so the handler is attached here.
"""

import logging

from coopact.adapters.config import prepare_prefect_environment

prepare_prefect_environment()


def _coopact_logs_to_runs() -> None:
    from prefect.logging.handlers import APILogHandler

    logger = logging.getLogger("coopact")
    if not any(isinstance(handler, APILogHandler) for handler in logger.handlers):
        logger.addHandler(APILogHandler())
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.INFO)


_coopact_logs_to_runs()
