"""Personal data and the threat model: the chain holds pseudonymous ids and hashes, so a
row edited by hand is still named, and an erasure cannot be faked by writing "[effacé]"."""

from __future__ import annotations

from sqlalchemy import text

from tests.security.conftest import Ground


def _verify(ground: Ground):  # type: ignore[no-untyped-def]
    return ground.cli("audit", "verify")


def test_the_chain_holds_no_decider_name_nor_reason(ground: Ground) -> None:
    with ground.engine.connect() as conn:
        rows = conn.execute(text("SELECT actor, payload FROM audit_events")).all()
    chain = "\n".join(f"{actor} {payload}" for actor, payload in rows)
    for secret in ("Claire Martin", "Marc Lefèvre", "Avertissements compris", "Vision validée"):
        assert secret not in chain
    history = ground.cli("history", "P-2027-001", check=True).stdout
    assert "decider: Claire Martin" in history and "reason: Vision validée" in history


def test_an_edited_reason_is_named(ground: Ground) -> None:
    ground.sql("UPDATE decisions SET reason = 'Autre chose' WHERE partner_key = 'tremplin'")
    verified = _verify(ground)
    assert verified.returncode == 1
    assert "its reason differs from the one recorded" in verified.stderr


def test_a_faked_erasure_is_named(ground: Ground) -> None:
    ground.sql(
        "UPDATE decisions SET decider = '[effacé]', reason = '[effacé]' "
        "WHERE partner_key = 'tremplin'"
    )
    verified = _verify(ground)
    assert verified.returncode == 1
    assert "decider is '[effacé]', not the person the chain recorded" in verified.stderr
