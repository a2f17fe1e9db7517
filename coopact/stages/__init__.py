"""The automatic work of each lifecycle stage, keyed by the stage it runs in.

draft          -> vision note, vision completeness, partner due diligence
vision_agreed  -> balance ledger, balance report
balanced       -> legal completeness, the convention de partenariat
formalised     -> the agreement's PDF (the one signed), the signature packet
amendment_signing -> the avenant's PDF (the one signed), its signature packet
signed         -> governance set-up, charter, calendar, schedule -> active
in_review      -> the review's health check read by the rules, Go/noGo review report
"""

from functools import partial

from coopact.contracts.lifecycle import Stage
from coopact.contracts.readiness import AGREEMENT_EXTRA_RULES
from coopact.stages import agreement, balance, governance, review, signature, vision
from coopact.stages.base import STAGE_WORK, StageOutput, WorkContext, no_work

STAGE_WORK.update(
    {
        Stage.draft: vision.run,
        Stage.vision_agreed: balance.run,
        # SMART objectives and a workable governance are blocking before the agreement is
        # drafted: a signed agreement cannot be corrected by editing the file.
        Stage.balanced: partial(agreement.run, extra_rules=AGREEMENT_EXTRA_RULES),
        Stage.formalised: signature.run,
        Stage.amendment_signing: signature.run_avenant,
        Stage.signed: governance.run,
        Stage.in_review: review.run,
    }
)

# The stored documents whose bytes a stage's work reads (the others get versions and hashes
# only: reading every stored document's content for each piece of work is what made the
# review reports slow).
DOCUMENTS_READ: dict[Stage, tuple[str, ...]] = {
    Stage.formalised: ("agreement", "agreement_pdf"),
    Stage.amendment_signing: ("avenant", "avenant_pdf"),
}

__all__ = ["DOCUMENTS_READ", "STAGE_WORK", "StageOutput", "WorkContext", "no_work"]
