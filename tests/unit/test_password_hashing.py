"""The portal's passwords are hashed with argon2id at argon2-cffi's defaults (RFC 9106's
low-memory profile: 64 MiB, 3 passes, 4 lanes). The test session hashes lighter in its own
process (tests/conftest.py, ``_light_password_hashing``): here the product's hasher is
checked, and a password it hashed is one only the same password opens."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher, Type
from argon2.exceptions import VerificationError

from coopact.services import users
from tests.conftest import PRODUCT_HASHER


def test_the_product_hashes_with_argon2id_at_its_default_strength() -> None:
    [product] = PRODUCT_HASHER
    assert users._hasher is not product  # the session's light hasher is the one in use
    hasher = product()
    assert isinstance(hasher, PasswordHasher)
    assert hasher.type is Type.ID
    assert (hasher.memory_cost, hasher.time_cost, hasher.parallelism) == (65536, 3, 4)
    hashed = hasher.hash("un mot de passe solide")
    assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert hasher.verify(hashed, "un mot de passe solide")
    with pytest.raises(VerificationError):
        hasher.verify(hashed, "un autre mot de passe")
