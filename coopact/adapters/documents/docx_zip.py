"""The reproducible zip archive of a .docx, written once from its members' bytes.

Members are written in a fixed order (``[Content_Types].xml`` first, as Word and LibreOffice
expect, then by name), dated 1980-01-01 00:00, mode 0644, deflated at zlib's default level:
the same members give byte-identical archives, hence the same SHA-256. The bytes are those
``zipfile`` writes on Linux for the same members (a test holds them equal), written here so
that each member is compressed once: a member whose bytes were compressed before (a
template's styles, fonts, theme, the same in every document made from it) is not compressed
again.
"""

from __future__ import annotations

import struct
import threading
import zlib
from collections.abc import Mapping

CONTENT_TYPES = "[Content_Types].xml"
_LOCAL = struct.Struct("<4s2B4HL2L2H")  # zipfile's structFileHeader
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # structCentralDir
_END = struct.Struct("<4s4H2LH")  # structEndArchive
_VERSION = 20  # version needed to extract (and made by): deflate
_UNIX = 3  # made on Unix
_DEFLATED = 8
_DOS_TIME = 0  # 00:00:00
_DOS_DATE = (1980 - 1980) << 9 | 1 << 5 | 1  # 1980-01-01
_MODE = 0o644 << 16
_UTF8_NAME = 0x800
_LIMIT = 0x7FFFFFFF  # no zip64: a document is far smaller


def member_order(name: str) -> tuple[int, str]:
    """``[Content_Types].xml`` first, then by name."""
    return (0 if name == CONTENT_TYPES else 1, name)


class _Compressed:
    """Deflated members by their bytes, kept for the members that recur: bounded in size,
    emptied when full (an edited template gives new bytes, hence new entries)."""

    LIMIT_BYTES = 64 * 1024 * 1024

    def __init__(self) -> None:
        self._entries: dict[bytes, tuple[int, bytes]] = {}
        self._size = 0
        self._lock = threading.Lock()

    def get(self, data: bytes) -> tuple[int, bytes]:
        entry = self._entries.get(data)
        if entry is None:
            entry = deflate(data)
            with self._lock:
                if self._size + len(data) > self.LIMIT_BYTES:
                    self._entries.clear()
                    self._size = 0
                self._entries[data] = entry
                self._size += len(data) + len(entry[1])
        return entry


_COMPRESSED = _Compressed()


def deflate(data: bytes) -> tuple[int, bytes]:
    """(CRC-32, raw deflate stream) of ``data``, as zipfile compresses a member."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return zlib.crc32(data), compressor.compress(data) + compressor.flush()


def write_zip(members: Mapping[str, bytes], *, remember: frozenset[str] = frozenset()) -> bytes:
    """The archive of ``members`` (name -> bytes), reproducible. The members named in
    ``remember`` are compressed through the cache (their bytes recur from one document to
    the next); the others (what was rendered) are compressed afresh."""
    out = bytearray()
    central = bytearray()
    names = sorted(members, key=member_order)
    for name in names:
        data = members[name]
        crc, packed = _COMPRESSED.get(data) if name in remember else deflate(data)
        if len(data) > _LIMIT or len(packed) > _LIMIT or len(out) > _LIMIT:
            raise ValueError(f"the member {name!r} is too large for a document archive")
        encoded, flags = _encoded(name)
        offset = len(out)
        out += _LOCAL.pack(
            b"PK\x03\x04", _VERSION, 0, flags, _DEFLATED, _DOS_TIME, _DOS_DATE,
            crc, len(packed), len(data), len(encoded), 0,
        )  # fmt: skip
        out += encoded
        out += packed
        central += _CENTRAL.pack(
            b"PK\x01\x02", _VERSION, _UNIX, _VERSION, 0, flags, _DEFLATED, _DOS_TIME,
            _DOS_DATE, crc, len(packed), len(data), len(encoded), 0, 0, 0, 0, _MODE, offset,
        )  # fmt: skip
        central += encoded
    start = len(out)
    out += central
    out += _END.pack(b"PK\x05\x06", 0, 0, len(names), len(names), len(central), start, 0)
    return bytes(out)


def _encoded(name: str) -> tuple[bytes, int]:
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_NAME
