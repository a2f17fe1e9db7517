"""The portal: personal decision links and the officers' pages (``coopact web``)."""

from coopact.web.app import Portal, create_app

__all__ = ["Portal", "create_app"]
