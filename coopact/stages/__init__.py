"""The automatic work of each lifecycle stage, keyed by the stage it runs in."""

from coopact.stages.base import STAGE_WORK, StageOutput, WorkContext, no_work

__all__ = ["STAGE_WORK", "StageOutput", "WorkContext", "no_work"]
