"""A run's report names nobody: the people of the partnership file are replaced."""

from __future__ import annotations

import yaml

from coopact.adapters.prefect.run_report import impersonal, people_in
from coopact.entrypoints.cli.demo import demo_file


def test_every_name_and_address_of_the_file_is_replaced() -> None:
    people = people_in(yaml.safe_load(demo_file()))
    assert {"Claire Martin", "Marc Lefèvre", "i.benali@tremplin.example"} <= set(people)
    assert "Association Tremplin Emploi" not in people  # an organisation is not a person
    line = "decision recorded; still awaited at review: Inès Benali, Marc Lefèvre"
    assert (
        impersonal(line, people) == "decision recorded; still awaited at review: [person], [person]"
    )
