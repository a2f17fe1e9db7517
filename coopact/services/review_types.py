"""What the review services read of a partnership row: its id, reference and stage (a
store row, or any object that has them), so that they name no store table."""

from __future__ import annotations

from typing import Protocol


class Referenced(Protocol):
    @property
    def reference(self) -> str: ...


class PartnershipLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def reference(self) -> str: ...
    @property
    def stage(self) -> str: ...
