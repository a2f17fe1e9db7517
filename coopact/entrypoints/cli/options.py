"""Command-line options that more than one command takes, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coopact.contracts.lifecycle import Outcome
from coopact.contracts.roles import Role

Conditions = Annotated[
    list[str] | None,
    typer.Option(
        "--condition",
        help='With go_with_conditions: "WHAT | OWNER | YYYY-MM-DD [| INDICATOR]", repeated.',
    ),
]
ConditionsFile = Annotated[
    Path | None,
    typer.Option("--conditions", help="With go_with_conditions: a YAML list of conditions."),
]

# A decision's options, for `decide` and `request-decision`.
DeciderName = Annotated[str, typer.Option("--as", help="Who decides, as named in the file.")]
DeciderRole = Annotated[Role, typer.Option(help="The role the person decides in.")]
DecidedOutcome = Annotated[Outcome, typer.Option(help="The decision.")]
ForPartner = Annotated[
    str | None, typer.Option("--for", help="Partner key the decision is taken for.")
]
DocumentSha256 = Annotated[
    str | None,
    typer.Option(
        "--document-sha256",
        help="SHA-256 of the file signed (the agreement's or the avenant's PDF) or approved.",
    ),
]
