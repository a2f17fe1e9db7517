"""Findings: what the rules observed, in words an officer reads, with evidence.

A finding names the rule that produced it (a stable ``code``), how serious it is, the field
path it is about, and the values that explain it. Its text is written once per language in
the rule's module with :func:`~coopact.contracts.finding_texts.message`, and rendered with
:meth:`Finding.text`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from coopact.contracts.finding_texts import Factor, Severity, text_of


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    severity: Severity
    factor: Factor
    path: str = ""
    params: dict[str, Any] = {}

    def text(self, language: str = "fr") -> str:
        return text_of(self.code, self.params, language)


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.blocking]
