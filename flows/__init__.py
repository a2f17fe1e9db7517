"""Prefect flows: thin orchestration of the use cases in ``coopact.services``.

Importing this package points Prefect at COOPACT_HOME and turns its analytics off before
Prefect itself is imported.
"""

from coopact.config import prepare_prefect_environment

prepare_prefect_environment()
