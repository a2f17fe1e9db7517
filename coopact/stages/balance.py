"""Équilibrer: the balance ledger, its findings, and the report each partner accepts."""

from __future__ import annotations

from typing import Any

from coopact.adapters.documents.word import Picture
from coopact.contracts import balance, dependency, social_value
from coopact.contracts.formatting import count
from coopact.schemas import Partnership
from coopact.stages import balance_chart, presentation
from coopact.stages.base import StageOutput, WorkContext
from coopact.stages.stage_note import stage_note

KIND = "balance_report"
_TITLE = {"fr": "Rapport d’équilibre", "en": "Balance report"}
_AXES = {
    "fr": ("Contributions valorisées", "Risques portés", "Voix au comité"),
    "en": ("Valued contributions", "Risks carried", "Committee votes"),
}
_SHARE_LABEL = {"fr": "Part de chaque partenaire (%)", "en": "Share of each partner (%)"}
_RULES = {
    "fr": {"consensus": "consensus", "majority": "majorité", "unanimity": "unanimité"},
    "en": {"consensus": "consensus", "majority": "majority", "unanimity": "unanimity"},
}
_UNVALUED = {
    "fr": ("contribution non valorisée", "contributions non valorisées"),
    "en": ("contribution not valued", "contributions not valued"),
}
_NOT_VALUED = {"fr": "non valorisé", "en": "not valued"}
_SUGGESTED = {"fr": "non valorisé ; approche proposée : {a}", "en": "not valued; suggested: {a}"}
_SAFEGUARDS = {
    "fr": {
        "rule": "décisions par {rule} : rien sans son accord",
        "veto": "droit de veto sur les décisions touchant sa mission et ses lignes rouges",
        "exit_plan": "plan de sortie de la dépendance : {plan}",
        "none": "aucune garantie",
    },
    "en": {
        "rule": "decisions by {rule}: nothing without its consent",
        "veto": "veto on decisions touching its mission and red lines",
        "exit_plan": "dependency-exit plan: {plan}",
        "none": "no safeguard",
    },
}
_DEPENDENCY_STATE = {
    "fr": {
        "unsafe": "à examiner : dépendant, minoritaire, sans garantie",
        "protected": "dépendant, avec garantie",
        "majority": "dépendant, non minoritaire",
        "independent": "sous les seuils",
    },
    "en": {
        "unsafe": "to review: dependent, in a minority, no safeguard",
        "protected": "dependent, with a safeguard",
        "majority": "dependent, not in a minority",
        "independent": "below the thresholds",
    },
}
_OF_BUDGET = {
    "fr": "{pct} ({yearly} par an sur {budget})",
    "en": "{pct} ({yearly} a year of {budget})",
}
_NO_BUDGET = {"fr": "budget annuel non indiqué", "en": "annual budget not stated"}
_EXPOSURE = {"fr": "exposition", "en": "exposure"}
CHART_WIDTH_MM = 160


def run(partnership: Partnership, ctx: WorkContext) -> StageOutput:
    """Balance findings and the balance report (.docx) with the chart of each partner's shares."""
    findings = balance.check(partnership)
    book = balance.ledger(partnership)
    language = partnership.language.value
    document = stage_note(
        partnership,
        ctx,
        findings,
        kind=KIND,
        title=_TITLE[language],
        context=balance_context(partnership, book, ctx.reference, language),
        pictures={"chart": Picture(shares_chart(book, language), CHART_WIDTH_MM)},
    )
    summary = (
        f"balance report written; {len(findings)} finding(s) for the partners to accept or reject"
        if findings
        else "balance report written; no imbalance found"
    )
    return StageOutput(findings=findings, documents=[document], summary=summary)


def balance_context(
    partnership: Partnership, book: balance.Ledger, reference: str, language: str
) -> dict[str, Any]:
    """What the balance report shows, prepared for a template that only loops and prints."""
    approaches = {
        (u.what, u.index): social_value.approach_text(u.approach, language)
        for u in social_value.unvalued(partnership)
    }
    return {
        **presentation.header_context(partnership, reference, language),
        "dependencies": dependency_rows(partnership, language),
        "benefits": _benefit_rows(partnership, approaches, language),
        "totals": {
            "contributions": _total(partnership, book, language),
            "risks": book.total_risks,
            "votes": book.total_votes,
            "rule": _RULES[language][book.decision_rule.value],
        },
        "ledger": _ledger_rows(book, language),
        "contributions": _contribution_rows(partnership, approaches, language),
    }


def _ledger_rows(book: balance.Ledger, language: str) -> list[dict[str, Any]]:
    """Each partner's line of the ledger: contributions, risks and votes, with their shares,
    and the benefits it expects."""
    share = presentation.share
    missing = presentation.not_stated(language)
    return [
        {
            "name": line.name,
            "contributions_eur": _contributed(line, language),
            "contribution_share": share(line.contribution_share, language),
            "risks": _risks(line, language),
            "risk_share": share(line.risk_share, language),
            "votes": f"{line.votes} / {book.total_votes}",
            "vote_share": share(line.vote_share, language),
            "benefits": list(line.benefits) or [missing],
        }
        for line in book.partners
    ]


def _contributed(line: balance.PartnerLedger, language: str) -> str:
    """A partner's valued contributions, and how many of them are not valued yet."""
    contributed = presentation.euros(line.contributions_eur, language)
    if line.contributions and line.unvalued_contributions == line.contributions:
        return _NOT_VALUED[language]  # never a zero: nothing of it is valued yet
    if line.unvalued_contributions:
        unvalued = count(line.unvalued_contributions, *_UNVALUED[language], language)
        contributed = f"{contributed} ({unvalued})"
    return contributed


def _risks(line: balance.PartnerLedger, language: str) -> str:
    """How many risks a partner bears, and its exposure in euros when stated."""
    risks = str(line.risks)
    if line.exposure_eur:
        risks += f" ({_EXPOSURE[language]} {presentation.euros(line.exposure_eur, language)})"
    return risks


def _contribution_rows(
    partnership: Partnership, approaches: dict[tuple[str, int], str], language: str
) -> list[dict[str, str]]:
    """Each contribution with its value, or the approach suggested to value it."""
    rows = []
    for i, c in enumerate(partnership.contributions):
        value = c.valued_eur
        rows.append(
            {
                "partner": partnership.partner(c.partner).name,
                "kind": presentation.contribution_kind(c.kind.value, language),
                "description": c.description,
                "value": presentation.euros(value, language)
                if value is not None
                else _SUGGESTED[language].format(a=approaches[("contribution", i)]),
            }
        )
    return rows


def _benefit_rows(
    partnership: Partnership, approaches: dict[tuple[str, int], str], language: str
) -> list[dict[str, str]]:
    """Each benefit with its measure (value in euros, indicator), or the approach suggested
    to value it."""
    rows = []
    for i, b in enumerate(partnership.benefits):
        measures = []
        if b.value_eur is not None:
            measures.append(presentation.euros(b.value_eur, language))
        if b.indicator is not None:
            measures.append(b.indicator)
        rows.append(
            {
                "partner": partnership.partner(b.partner).name,
                "description": b.description,
                "measure": (" ; " if language == "fr" else "; ").join(measures)
                if measures
                else _SUGGESTED[language].format(a=approaches[("benefit", i)]),
            }
        )
    return rows


def _total(partnership: Partnership, book: balance.Ledger, language: str) -> str:
    """The valued total, and how many contributions it leaves out (not valued, not zero)."""
    total = presentation.euros(book.total_contributions_eur, language)
    unvalued = sum(1 for c in partnership.contributions if c.valued_eur is None)
    if unvalued:
        total += f" ({count(unvalued, *_UNVALUED[language], language)})"
    return total


def dependency_rows(partnership: Partnership, language: str) -> list[dict[str, str | list[str]]]:
    """Each ESS partner's dependency on its main funder beside the safeguards it holds."""
    euros, share = presentation.euros, presentation.share
    rule = _RULES[language][partnership.governance.steering_committee.decision_rule.value]
    words = _SAFEGUARDS[language]
    rows: list[dict[str, str | list[str]]] = []
    for d in dependency.dependencies(partnership):
        exit_plan = partnership.partner(d.partner_key).dependency_exit_plan or ""
        safeguards = [words[s].format(rule=rule, plan=exit_plan) for s in d.safeguards]
        if d.budget_share is not None and d.yearly_eur is not None and d.annual_budget_eur:
            budget = _OF_BUDGET[language].format(
                pct=share(d.budget_share, language),
                yearly=euros(d.yearly_eur, language),
                budget=euros(d.annual_budget_eur, language),
            )
        else:
            budget = _NO_BUDGET[language]
        if d.unsafe:
            state = "unsafe"
        elif d.dependent and d.minority:
            state = "protected"
        elif d.dependent:
            state = "majority"
        else:
            state = "independent"
        rows.append(
            {
                "partner": d.partner,
                "funder": d.funder or "–",
                "resources": (
                    f"{share(d.resource_share, language)} "
                    f"({euros(d.funder_eur, language)} / {euros(d.total_eur, language)})"
                )
                if d.resource_share is not None
                else "–",
                "budget": budget,
                "votes": f"{d.votes} / {d.total_votes}",
                "safeguards": safeguards or [words["none"]],
                "state": _DEPENDENCY_STATE[language][state],
            }
        )
    return rows


def shares_chart(book: balance.Ledger, language: str) -> bytes:
    """A bar chart of each partner's shares of contributions, risks and votes, as PNG bytes
    (:mod:`coopact.stages.balance_chart`); equal ledgers give byte-identical images."""
    series = [
        balance_chart.Series(
            line.name,
            (line.contribution_share, line.risk_share, line.vote_share),
            # Nothing of what it brings is valued: said so rather than drawn as a zero.
            unvalued=line.contribution_share is None and bool(line.contributions),
        )
        for line in book.partners
    ]
    return balance_chart.png(series, _AXES[language], _SHARE_LABEL[language], _NOT_VALUED[language])
