"""French legal identifiers, checked with python-stdnum.

One function per identifier answers "what is wrong with this value", so the schema and any
later check state the rule once.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator
from stdnum import exceptions as stdnum_errors
from stdnum.fr import siren, siret

_RNA = re.compile(r"W\d{9}")


def _stdnum_problem(module: object, value: str) -> str | None:
    try:
        module.validate(value)  # type: ignore[attr-defined]
    except stdnum_errors.InvalidChecksum:
        return "invalid checksum"
    except stdnum_errors.InvalidLength:
        return "invalid length"
    except stdnum_errors.InvalidFormat:
        return "invalid format: digits only"
    except stdnum_errors.ValidationError:
        return "invalid"
    return None


def siren_problem(value: str) -> str | None:
    """Why ``value`` is not a valid SIREN (9 digits, Luhn checksum), or None."""
    return _stdnum_problem(siren, value)


def siret_problem(value: str) -> str | None:
    """Why ``value`` is not a valid SIRET (14 digits, Luhn checksum), or None."""
    return _stdnum_problem(siret, value)


def rna_problem(value: str) -> str | None:
    """Why ``value`` is not an RNA number (``W`` followed by 9 digits), or None."""
    return None if _RNA.fullmatch(value) else "invalid format: expected W followed by 9 digits"


def _checked(problem: object) -> AfterValidator:
    def check(value: str) -> str:
        reason = problem(value)  # type: ignore[operator]
        if reason:
            raise ValueError(reason)
        return value

    return AfterValidator(check)


Siren = Annotated[str, _checked(siren_problem)]
Siret = Annotated[str, _checked(siret_problem)]
Rna = Annotated[str, _checked(rna_problem)]
