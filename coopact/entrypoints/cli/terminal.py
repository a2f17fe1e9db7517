"""Text from the record shown on a terminal: control characters escaped, never sent raw.

Input refuses them (the partnership file, decision reasons and conditions), but a record
written before that, or a database edited by hand, could hold an ESC that rewrites the
officer's screen: every C0/C1 control character but newline and tab is shown as ``\\xNN``.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(value: object) -> str:
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", str(value))
