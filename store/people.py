"""Personal data out of the audit chain: pseudonymous person ids and hashes of free text.

The chain names a person by ``p-<key id>-<HMAC>``: HMAC-SHA-256, under the keyring's
"person" key, of the normalised name (:func:`contracts.roles.person_key`). Whoever holds
the key can tell whether an id is a given person's; nobody can read a name out of it. Free
text (a decision's or a refusal's reason) is in the chain as its SHA-256 only: the text
itself lives in the decisions row or in ``personal_texts``, where `coopact erase` removes
it, leaving "[effacé]" (the chain still verifies).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

# The pure part (store/pseudonyms.py).
from coopact.store.pseudonyms import NAME, text_hash
from coopact.store.tables import PersonalTextRow


def keep_text(session: Session, text: str, person_id: str | None = None) -> str:
    """Store free text out of the chain; return the SHA-256 the chain records."""
    digest = text_hash(text)
    session.add(PersonalTextRow(sha256=digest, person_id=person_id, text=text))
    return digest


def kept_texts(session: Session, digests: set[str]) -> dict[str, str]:
    if not digests:
        return {}
    rows = session.execute(
        select(PersonalTextRow.sha256, PersonalTextRow.text).where(
            PersonalTextRow.sha256.in_(digests)
        )
    )
    return {digest: text for digest, text in rows}


def keep_name(session: Session, person_id: str, name: str) -> None:
    """Remember who a pseudonymous id is (a refused decider may be in no other table)."""
    found = session.scalar(
        select(PersonalTextRow.id).where(
            PersonalTextRow.person_id == person_id, PersonalTextRow.sha256 == NAME
        )
    )
    if found is None:
        session.add(PersonalTextRow(sha256=NAME, person_id=person_id, text=name))


def kept_names(session: Session) -> dict[str, str]:
    rows = session.execute(
        select(PersonalTextRow.person_id, PersonalTextRow.text).where(
            PersonalTextRow.sha256 == NAME
        )
    )
    return {pid: text for pid, text in rows if pid}


class PersonalTexts:
    """Free text and names kept out of the chain, over one session (``uow.people``)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def keep(self, text: str, person_id: str | None = None, name: str | None = None) -> str:
        """Keep ``text`` (and who ``person_id`` is, when ``name`` is given); its SHA-256."""
        digest = keep_text(self.session, text, person_id)
        if person_id and name:
            keep_name(self.session, person_id, name)
        return digest
