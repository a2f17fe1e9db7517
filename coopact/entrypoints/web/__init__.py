"""The portal: personal decision links and the officers' pages (``coopact web``)."""

from coopact.entrypoints.web.app import Portal
from coopact.entrypoints.web.assembly import create_app

__all__ = ["Portal", "create_app"]
