"""The commands of `coopact`, registered lazily (click's "lazy loading subcommands" pattern).

:data:`COMMANDS` names each command (or group of commands) in the order `coopact --help` lists
them, with the module that holds it and its one-line help. The root group
(:class:`LazyGroup`) lists and completes the names from here alone; it imports a command's
module (``importlib``) only when the command is resolved: to run it, print its ``--help`` or
complete its arguments. Each module registers its commands with its ``register(app)``; the
command is built from an application of the same settings as the root, holding that command
alone, so that it prints, parses and fails exactly as in one whole application.

The help lines are those of the commands (their docstring's or group's first paragraph):
``tests/unit/test_cli_registry.py`` compares them with the loaded commands.
"""

from __future__ import annotations

import importlib
from typing import Any, NamedTuple

import typer
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command_name, get_group


class Entry(NamedTuple):
    module: str  # under coopact.entrypoints.cli, holding `register(app)`
    help: str  # the first paragraph of the command's help, as `coopact --help` lists it


_ENTRIES: tuple[tuple[str, str, str], ...] = (
    ("init", "config", "Create the database, or migrate it to the current schema."),
    ("new", "work", "Validate a partnership file and register it; print its reference."),
    (
        "amend",
        "work",
        "Correct the file of a partnership not yet signed; it goes back to draft, and every "
        "gate is decided again on the corrected file. A signed or active partnership changes by"
        " an avenant instead: legal approval (amendment_approval), then its own signatures "
        "(amendment_signature); the agreement stays as signed. While the renewal is under way, "
        "the file gives the terms of the new term, carried by the avenant de renouvellement.",
    ),
    (
        "status",
        "reading",
        "Where each partnership stands, what is awaited, the findings and, for one partnership,"
        " the 14-element method scorecard.",
    ),
    ("history", "reading", "The audit trail of one partnership, oldest first."),
    (
        "advance",
        "runs",
        "Run the automatic work up to the next gate; print the stage reached (a Prefect flow "
        "run; without PREFECT_API_URL, on the local Prefect server of COOPACT_HOME, started on "
        "first need).",
    ),
    (
        "decide",
        "work",
        "Record a decision at the open gate (who, role, outcome, reason); print the stage after.",
    ),
    (
        "documents",
        "reading",
        "Generated documents with their versions and SHA-256 (each re-hashed: an altered one is"
        " refused). `coopact documents verify FILE` says whether FILE is, byte for byte, a "
        "version coopact generated: which partnership, kind and version, and whether signed.",
    ),
    ("review-due", "runs", "Open the Go/noGo reviews that are due (a Prefect flow run)."),
    (
        "review-answers",
        "runs",
        "Record the health check of the open Go/noGo review, then write the review report.",
    ),
    (
        "serve",
        "runs",
        "Serve the deployments: advance-partnership, decide (takes the id printed by `coopact "
        "request-decision`) and review-due on its schedule, on PREFECT_API_URL or the local "
        "Prefect server of COOPACT_HOME.",
    ),
    (
        "demo",
        "runs",
        "Run two example partnerships on embedded defaults: one to a renewal, one to a no go "
        "and its closed exit.",
    ),
    (
        "web",
        "portal",
        "Serve the portal: decision links, officers' pages, API, `/webhooks/{provider}`.",
    ),
    (
        "remind",
        "portal",
        "Remind the people whose decision link is about to expire, decision still awaited.",
    ),
    (
        "money",
        "money",
        "Each instalment of the cash contributions: partner, due date, amount, paid, status "
        "(due, late, partly_paid, paid), and the totals per partner.",
    ),
    (
        "money-due",
        "money",
        "Mail the calls for funds (COOPACT_CALL_DAYS days before each instalment, 15 by "
        "default) and the reminders of late instalments, each once; the daily `money-due` "
        "deployment runs the same.",
    ),
    (
        "payment",
        "money",
        "Record a payment received, once per bank reference; a mécénat donor's payment issues "
        "its tax receipt (art. 238 bis CGI), mailed to the donor's signatory.",
    ),
    (
        "use-of-funds",
        "money_reports",
        "Report what the funds received in a year were spent on, per shared objective "
        "(objective: its number, 1 for the first, or its words); never more than was received "
        "that year. The report is stored as a use_of_funds document and mailed to the sponsors "
        "of the partners that paid and to the steering committee.",
    ),
    (
        "valuation",
        "money_reports",
        "Record the donor's certified valuation of a skills or in-kind gift (at cost), once per"
        " reference; a mécénat company donor's gift gets its tax receipt (art. 238 bis CGI).",
    ),
    (
        "pseudonym",
        "money_reports",
        "The pseudonymous id the audit chain gives a person (`p-<key id>-<HMAC>`): how the "
        "record-payment deployment's `recorded_by` names a treasurer without their name.",
    ),
    (
        "request-decision",
        "trust",
        "Keep a decision for the Prefect `decide` deployment; print the request id to run it "
        "with. Prefect receives only that id: names, reasons and conditions stay in coopact's "
        "database.",
    ),
    (
        "erase",
        "privacy",
        "Erase a person's name, e-mail and reasons from coopact's tables, the stored "
        "partnership files, the mail queue and the mail outbox. Only once every partnership "
        "naming them has been closed (or terminated) for longer than COOPACT_RETENTION_DAYS "
        "(default 3650); refused otherwise. The audit chain keeps only a pseudonymous id and "
        "still verifies; signed agreements and the other generated documents are kept (legal "
        "obligation).",
    ),
    (
        "notice",
        "lifecycle",
        "Give notice not to renew (a sponsor, for its partner, before the notice deadline): "
        "writes the lettre de non-renouvellement; the partnership ends at its term.",
    ),
    (
        "condition-met",
        "lifecycle",
        "Record that a condition of a go_with_conditions review is met.",
    ),
    ("audit", "audit", "The audit log."),
    ("user", "portal", "Portal accounts of partnership officers, legal officers and treasurers."),
    (
        "config",
        "config",
        "The configuration: coopact.toml in COOPACT_HOME, COOPACT_* variables, *_FILE secrets.",
    ),
    ("export", "export", "Exports for spreadsheets and BI tools."),
    ("token", "tokens", "Bearer tokens of the API (/api/v1)."),
    (
        "webhook",
        "webhook",
        "Outbound webhooks: endpoints told of coopact's events, signed (Standard Webhooks).",
    ),
    ("mail", "mail", "The mail queue: mails are stored with what they announce, then sent."),
    ("keys", "trust", "The secret key that signs the audit chain."),
    (
        "server",
        "server",
        "The local Prefect server coopact starts for its home when PREFECT_API_URL is unset.",
    ),
)

COMMANDS: dict[str, Entry] = {name: Entry(module, text) for name, module, text in _ENTRIES}


def application(**settings: Any) -> typer.Typer:
    """The root's settings, shared by the root and by each command's own application."""
    return typer.Typer(
        name="coopact",
        help="Impact partnerships from a shared vision to a signed agreement and periodic reviews.",
        no_args_is_help=True,
        add_completion=True,  # --install-completion and --show-completion (bash, zsh, fish)
        pretty_exceptions_enable=False,
        rich_markup_mode="markdown",  # docstrings wrapped as paragraphs, `code` shown as code
        **settings,
    )


def _name(info: Any) -> str | None:
    return info.name or (info.callback and get_command_name(info.callback.__name__))


def load(name: str) -> Any:
    """The command (or group) ``name``, built from its module's ``register(app)``."""
    module = importlib.import_module(f"coopact.entrypoints.cli.{COMMANDS[name].module}")
    alone = application()
    module.register(alone)
    alone.registered_commands = [c for c in alone.registered_commands if _name(c) == name]
    alone.registered_groups = [g for g in alone.registered_groups if g.name == name]
    alone.callback()(_no_options)
    return get_group(alone).commands[name]


def _no_options() -> None:
    """A callback, so that typer builds a group even of one command."""


class LazyGroup(TyperGroup):
    """The root group: its commands listed from :data:`COMMANDS`, loaded when resolved."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        for name, entry in COMMANDS.items():  # a light stand-in until the command is resolved
            self.commands.setdefault(name, TyperCommand(name=name, help=entry.help))

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name in COMMANDS and not getattr(self.commands[name], "loaded", False):
            command = load(name)
            command.loaded = True
            self.commands[name] = command
        return super().resolve_command(ctx, args)
