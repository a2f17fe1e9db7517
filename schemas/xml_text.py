"""Text a document can hold (no pydantic: the rules and `status` use it without the
partnership file's models)."""

from __future__ import annotations

import re

# Characters XML 1.0 cannot hold (control characters but tab and newlines, lone surrogates,
# U+FFFE/U+FFFF): refused at input, so that every accepted text can go verbatim into a .docx.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: str) -> str:
    """``value`` itself, or ValueError when it holds a character XML 1.0 cannot hold."""
    found = _XML_ILLEGAL.search(value)
    if found:
        raise ValueError(
            f"contains the control character U+{ord(found.group()):04X}, "
            "which a document cannot hold"
        )
    return value
