"""What a flow run shows an officer in the Prefect UI: a markdown report, and log lines.

Only references, stages, gates, roles, partner keys, document kinds, versions and hashes,
and finding codes: never a person's name, an address or a decision's reason (those stay in
the audit trail, `coopact history REF`). Nothing here imports Prefect.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from coopact.contracts.deciders import required_role
from coopact.contracts.lifecycle import Gate, Stage, awaited_gate


@dataclass(frozen=True)
class RunReport:
    """One run's report: ``done`` lines, then the partnership as the run leaves it."""

    title: str
    reference: str
    done: list[str]
    stage: str
    findings: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    awaited_from: list[str] = field(default_factory=list)

    def awaited(self) -> str | None:
        """The gate awaited and from which role (and partners), or None."""
        try:
            spec = awaited_gate(Stage(self.stage))
        except ValueError:
            return None
        if spec is None:
            return None
        role = required_role(spec.gate).value
        partners = [p for p in self.awaited_from if p != role]
        who = f"role `{role}`" + (f" for {', '.join(partners)}" if partners else "")
        return f"`{spec.gate.value}` ({spec.description}), from {who}"

    def markdown(self) -> str:
        lines = [f"# {self.title}", "", f"Partnership **{self.reference}**, stage `{self.stage}`."]
        lines += ["", "## Done", ""] + [f"- {line}" for line in self.done or ["nothing to do"]]
        lines += ["", "## Findings", ""]
        if self.findings:
            lines += ["| Severity | Code | Stage | Field |", "|---|---|---|---|"]
            lines += [
                f"| {f['severity']} | `{f['code']}` | {f['stage']} | {_cell(f.get('path'))} |"
                for f in self.findings
            ]
        else:
            lines.append("No finding.")
        lines += ["", "## Documents", ""]
        if self.documents:
            lines += ["| Document | Version | Language | SHA-256 |", "|---|---|---|---|"]
            lines += [
                f"| {d['kind']} | v{d['version']} | {d['language']} | `{d['sha256']}` |"
                for d in self.documents
            ]
        else:
            lines.append("No document yet.")
        lines += ["", "## Awaited", "", self.awaited() or "Nothing: no gate is open."]
        return "\n".join(lines) + "\n"


def refusal_markdown(message: str, reference: str | None = None) -> str:
    """The artifact of a refused run: the reason, and where the full story is."""
    about = f"Partnership **{reference}**: " if reference else ""
    trail = f"`coopact history {reference}`" if reference else "`coopact history REF`"
    return (
        f"# Refused\n\n{about}{message}\n\nA refusal is an outcome, not a failure: nothing "
        f"was changed by this run. The audit trail has the details: {trail}.\n"
    )


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|") if value else "-"


def from_status(
    title: str, done: Sequence[str], view: Any, people: Sequence[str] = ()
) -> RunReport:
    """A report from a :class:`coopact.services.StatusView` (reason-free by construction);
    each of ``people`` (names, addresses) in its lines is replaced by ``[person]``."""
    findings = [{k: f.get(k) for k in ("severity", "code", "stage", "path")} for f in view.findings]
    return RunReport(
        title, view.reference, [impersonal(line, people) for line in done], view.stage,
        findings, list(view.documents), [impersonal(w, people) for w in view.awaited_from],
    )  # fmt: skip


def people_in(spec: Any) -> list[str]:
    """The names and e-mail addresses of the people of a partnership file (as stored)."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in ("name", "email"):
                value = node.get(key)
                person = key == "email" or any(k in node for k in ("email", "votes", "roles"))
                if isinstance(value, str) and value.strip() and (person or "role" in node):
                    found.add(value)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec)
    return sorted(found, key=len, reverse=True)


def impersonal(text: str, people: Sequence[str]) -> str:
    """``text`` with each of ``people`` replaced by ``[person]`` (longest first)."""
    for person in people:
        text = text.replace(person, "[person]")
    return text


def artifact_key(kind: str, reference: str) -> str:
    """Prefect artifact keys: lowercase letters, digits and dashes (one key per partnership,
    so that the UI shows the latest report and its history)."""
    return re.sub(r"[^a-z0-9-]+", "-", f"{kind}-{reference}".lower()).strip("-")


def gate_label(gate: Gate | str) -> str:
    return gate.value if isinstance(gate, Gate) else str(gate)
