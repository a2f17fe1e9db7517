"""The figures an objective promises, read as an officer writes them (outcomes.quantities)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from coopact.contracts.outcomes import quantities


@pytest.mark.parametrize(
    ("objective", "expected"),
    [
        ("40,000 meals served over two years", [(Decimal(40000), "meal")]),
        ("40 000 repas servis en 2028", [(Decimal(40000), "repa")]),
        ("60 personnes entrées en parcours sur 3 ans", [(Decimal(60), "personne")]),
        ("50 % de sorties vers un emploi durable", [(Decimal(50), "%")]),
        ("1,5 tonnes de déchets évitées par an", [(Decimal("1.5"), "tonne")]),
    ],
)
def test_a_figure_with_its_unit_thousands_grouped_or_not(
    objective: str, expected: list[tuple[Decimal, str]]
) -> None:
    assert quantities(objective) == expected
