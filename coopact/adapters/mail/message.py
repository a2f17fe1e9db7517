"""The e-mail message every coopact mail is built on: its policy folds the headers that
all messages of a batch share once, not once a message (:func:`new_message`)."""

from __future__ import annotations

from email import policy as email_policy
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage


class _FoldedOnce:
    """A header that keeps its folded text: a header is immutable, so it folds the same way
    each time under the same line length, line separator and charset."""

    def fold(self, *, policy: email_policy.Policy) -> str:
        key = (policy.max_line_length, policy.linesep, getattr(policy, "utf8", False))
        folds: dict[tuple[object, ...], str] = self.__dict__.setdefault("_coopact_folds", {})
        folded = folds.get(key)
        if folded is None:
            folded = folds[key] = super().fold(policy=policy)  # type: ignore[misc]
        return folded


# The headers whose values repeat from mail to mail (the same for every mail of a gate, or
# of every gate): each value is parsed once and its header kept, then shared by the mails.
# Not the addresses, subjects and message ids, which are each person's own.
_SHARED_HEADERS = frozenset(
    {"from", "content-type", "content-transfer-encoding", "mime-version", "content-language"}
    | {"x-coopact-gate"}
)
_SHARED_LIMIT = 256


class _HeaderClasses(HeaderRegistry):
    """The standard header registry, each header class made once (the standard library
    makes a new class for every header it sets, a third of the cost of a mail), the
    headers of :data:`_SHARED_HEADERS` made once per value."""

    def __init__(self) -> None:
        super().__init__()
        self._made: dict[str, type] = {}
        self._shared: dict[tuple[str, str], BaseHeader] = {}

    def __getitem__(self, name: str) -> type:
        key = name.lower()
        made = self._made.get(key)
        if made is None:
            base = super().__getitem__(name)
            made = self._made[key] = type(base.__name__, (_FoldedOnce, base), {})
        return made

    def __call__(self, name: str, value: object) -> BaseHeader:
        if not isinstance(value, str) or name.lower() not in _SHARED_HEADERS:
            return self[name](name, value)  # type: ignore[no-any-return]
        header = self._shared.get((name, value))
        if header is None:
            if len(self._shared) >= _SHARED_LIMIT:
                self._shared.clear()
            header = self._shared[(name, value)] = self[name](name, value)
        return header


# email.policy.default, its header classes kept: the messages are the same, byte for byte.
POLICY = email_policy.default.clone(header_factory=_HeaderClasses())


def new_message() -> EmailMessage:
    """An empty message under :data:`POLICY`."""
    return EmailMessage(policy=POLICY)
