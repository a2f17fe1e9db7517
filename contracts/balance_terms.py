"""What the balance rules share with the dependency rule (:mod:`contracts.dependency`),
below both: where the rules draw their lines, a share in percentage points, and the
dependency finding's sentence (declared with the balance's: contracts.balance imports this
module, so a stored finding reads in full wherever the balance is imported)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from coopact.contracts.finding_texts import message


@dataclass(frozen=True)
class BalanceThresholds:
    """Where the balance rules draw their lines; the defaults are the method's.

    ``power_gap``: a partner whose share of the committee votes exceeds its share of the
    valued contributions by this much or more (0.25 = 25 points), while holding more than
    an equal share of the votes, holds a power that does not match what it brings. Parity
    of votes is never an imbalance: a funder that accepts equal seats is the method's aim.

    ``min_justification_chars``: the shortest reason, spaces trimmed, accepted to approve
    a balance that has warnings.

    ``dependency_share``: an ESS partner whose main funder brings this share or more of the
    partnership's valued resources (0.5 = half) depends on it. ``budget_dependency_share``:
    so does an ESS partner for which that funder's contributions per year reach this share
    of its stated annual budget (0.3: a classic alert level for one funder in an association's
    resources). A dependent ESS partner in a minority of votes needs a safeguard
    (:mod:`contracts.dependency`).
    """

    power_gap: Decimal = Decimal("0.25")
    min_justification_chars: int = 20
    dependency_share: Decimal = Decimal("0.5")
    budget_dependency_share: Decimal = Decimal("0.3")


DEFAULT_THRESHOLDS = BalanceThresholds()


def percent(share: Decimal) -> int:
    """A share as whole percentage points, rounded half up (0.125 -> 13)."""
    return int((share * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


_SENTENCE_FR = (
    "{ess} dépend de {funder} : {funder} apporte {share_pct} % des ressources valorisées du "
    "partenariat ({funder_eur_fr} sur {total_eur_fr} ; seuil : {threshold_pct} %){budget_fr}, "
    "et {ess} détient seulement {votes} voix sur {total_votes} au comité de pilotage (règle de "
    "décision : {rule_fr}), sans droit de veto sur les décisions touchant sa mission et ses "
    "lignes rouges ni plan de sortie de la dépendance."
)
_SENTENCE_EN = (
    "{ess} depends on {funder}: {funder} brings {share_pct}% of the partnership’s valued "
    "resources ({funder_eur_en} of {total_eur_en}; threshold: {threshold_pct}%){budget_en}, "
    "and {ess} holds only {votes} of {total_votes} votes on the steering committee (decision "
    "rule: {rule_en}), with no veto on decisions touching its mission and red lines and no "
    "dependency-exit plan."
)
DEPENDENCY = message("balance.dependency", fr=_SENTENCE_FR, en=_SENTENCE_EN)
