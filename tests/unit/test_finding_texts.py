"""A stored finding reads in its sentence wherever it is shown, whichever rule modules the
reader imported (issue 24: no `message` in `status --json` that is the bare code)."""

from __future__ import annotations

import subprocess
import sys


def test_a_review_finding_reads_in_full_without_importing_the_review_rules() -> None:
    code = (
        "from coopact.contracts.finding_texts import text_of\n"
        "import sys\n"
        "assert 'coopact.contracts.review' not in sys.modules\n"
        "print(text_of('review.trust_falling', {'partner': 'Logistix', 'before': 4, 'now': 2,"
        " 'previous_date': '2027-07-15'}, 'fr'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == (
        "La confiance de Logistix est passée de 4 à 2 sur 5 depuis la revue du "
        "15 juillet 2027 : la défiance s'installe."
    )
