"""Command-line options that more than one command takes, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

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
