"""Must show (issue 14): the example file, which names no legal officer, is registered with
a warning naming the missing role and how to add it; `status` shows the same sentence."""

from __future__ import annotations

from tests.conftest import EXAMPLE
from tests.integration.conftest import Cli


def test_the_example_without_a_legal_officer_registers_with_a_warning_and_the_fix(
    cli: Cli,
) -> None:
    cli("init", check=True)
    result = cli("new", str(EXAMPLE), check=True)
    assert result.stderr.splitlines()[0] == "Registered P-2027-001 (stage draft)."
    assert "warning registration.no_legal_officer at people (blocks at legal_approval)" in (
        result.stderr
    )
    assert "Aucun juriste n'est désigné" in result.stderr
    assert "roles: [legal_officer]" in result.stderr and "coopact amend" in result.stderr
    assert result.stdout == "P-2027-001\n"  # the value alone: REF=$(coopact new f.yaml)
    shown = cli("status", "P-2027-001", check=True).stdout
    assert "Aucun juriste n'est désigné" in shown
