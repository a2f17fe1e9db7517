"""Personal data: `coopact erase PERSON`."""

from __future__ import annotations

from typing import Annotated

import typer

from coopact import services  # a lazy facade: each service loads on first use
from coopact.adapters.config import settings
from coopact.bootstrap import units
from coopact.entrypoints.cli.common import out, ready, reports_errors


def register(app: typer.Typer) -> None:

    @app.command()
    @reports_errors
    def erase(
        person: Annotated[str, typer.Argument(help="The person's name, as the files spell it.")],
    ) -> None:
        """Erase a person's name, e-mail and reasons from coopact's tables, the stored
        partnership files, the mail queue and the mail outbox. Only once every partnership
        naming them has been closed (or terminated) for longer than COOPACT_RETENTION_DAYS
        (default 3650); refused otherwise. The audit chain keeps only a pseudonymous id and
        still verifies; signed agreements and the other generated documents are kept (legal
        obligation)."""
        import getpass

        ready()
        privacy = services.privacy
        try:
            operator = getpass.getuser()
        except (KeyError, OSError):
            operator = "unknown"
        done = privacy.erase(
            units.uow(),
            person,
            outbox=settings().outbox,
            retention=privacy.retention_days(),
            actor=f"{operator} (erase)",
        )
        out.print(f"{person} erased from {', '.join(done.partnerships)}.", markup=False)
        out.print(
            f"  {done.decisions} decision(s), {done.links} decision link(s), "
            f"{done.requests} decision request(s), {done.texts} refusal text(s) and the "
            f"partnership file now say {'[effacé]'}; {len(done.mails)} mail(s) removed from "
            f"the outbox, {done.queued} from the mail queue.",
            markup=False,
        )
        out.print(
            "  The audit chain names them by a pseudonymous id only: the erasure is recorded "
            "there, and `coopact audit verify` still checks it.",
            markup=False,
        )
        out.print(
            f"  Kept unchanged: {done.documents_kept} generated document(s) of these "
            "partnerships; signed agreements are kept as signed: a legal obligation.",
            markup=False,
        )
        if done.legacy_events:
            out.print(
                f"  {done.legacy_events} audit event(s) written before pseudonymous ids still "
                "name them: the chain cannot be edited without breaking it.",
                markup=False,
            )
