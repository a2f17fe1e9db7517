"""Who the mails come from: a human partnership officer, named in the partnership file
(``people``, with the partnership_officer role: name, email, phone) or, failing that, in the
configuration (``COOPACT_OFFICER_NAME``, ``COOPACT_OFFICER_EMAIL``, ``COOPACT_OFFICER_PHONE``).

The mail leaves from the address the mail server allows (``COOPACT_MAIL_FROM``) under the
officer's name, with the officer's address to reply to; the officer signs the mail, with a
phone number when one is given."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage

from coopact.schemas import Partnership
from coopact.schemas.vocabulary import OfficeRole


@dataclass(frozen=True)
class Officer:
    name: str
    email: str
    phone: str | None = None


def officer_of(
    partnership: Partnership | None, environ: Mapping[str, str] | None = None
) -> Officer | None:
    """The partnership officer who answers the people of ``partnership``."""
    if partnership is not None:
        for person in partnership.people:
            if OfficeRole.partnership_officer in person.roles and person.email:
                return Officer(person.name, str(person.email), person.phone)
    env = os.environ if environ is None else environ
    name = (env.get("COOPACT_OFFICER_NAME") or "").strip()
    address = (env.get("COOPACT_OFFICER_EMAIL") or "").strip()
    if name and address:
        return Officer(name, address, (env.get("COOPACT_OFFICER_PHONE") or "").strip() or None)
    return None


def sender(officer: Officer | None, mail_from: str) -> str:
    """The From header: the officer's name over the sending address."""
    if officer is None:
        return mail_from
    found = Address(addr_spec=mail_from) if "<" not in mail_from else None
    addr = found.addr_spec if found else mail_from.split("<", 1)[1].rstrip(">").strip()
    return str(Address(display_name=officer.name, addr_spec=addr))


def sign(message: EmailMessage, officer: Officer | None) -> None:
    """The officer's address to reply to."""
    if officer is not None and "Reply-To" not in message:
        message["Reply-To"] = Address(display_name=officer.name, addr_spec=officer.email)


def context(officer: Officer | None) -> dict[str, object]:
    """What the mail templates' signature (``_signature.txt.j2``) reads."""
    if officer is None:
        return {"contact": None}
    return {"contact": {"name": officer.name, "email": officer.email, "phone": officer.phone}}
