"""Command-line options that more than one command takes, declared once, and the reading of
the conditions they give (:func:`read_conditions`: the partnership schema, as `decide` needs)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from coopact.adapters.loading import load_mapping
from coopact.contracts import conditions as condition_rules
from coopact.contracts.errors import InvalidInput, Problem
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


def read_conditions(texts: list[str], file: Path | None) -> list[condition_rules.Condition]:
    """Conditions given with --condition (repeated) and/or --conditions FILE (YAML list)."""
    found: list[condition_rules.Condition] = []
    problems: list[Problem] = []
    for i, text in enumerate(texts):
        parsed = condition_rules.parse(text)
        if isinstance(parsed, str):
            problems.append(Problem(f"--condition[{i}]", parsed))
        else:
            found.append(parsed)
    if file is not None:
        data: Any = load_mapping(file) if file.suffix in (".yaml", ".yml") else None
        items = data.get("conditions") if isinstance(data, dict) else None
        if not isinstance(items, list):
            problems.append(Problem(str(file), "expected a YAML file with a list under conditions"))
        else:
            for i, item in enumerate(items):
                parsed = condition_rules.from_mapping(item, i)
                if isinstance(parsed, str):
                    problems.append(Problem(str(file), parsed))
                else:
                    found.append(parsed)
    if problems:
        raise InvalidInput("conditions", problems)
    return found
