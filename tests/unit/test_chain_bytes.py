"""The audit chain hashes the same bytes as before its encoder was made once (revision
2026_12_06_openingscale): every event already in a chain verifies unchanged. A partnership
file is re-hashed over the same bytes as before its encoder was made once (6 Dec 2026):
every recorded file hash still holds."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from decimal import Decimal
from typing import Any

import pytest
import yaml

from coopact.store.chain_hash import canonical_json, mac
from coopact.store.file_checks import spec_digest
from tests.conftest import EXAMPLE


def _as_before(event: Any) -> str:
    """How the chain encoded an event until 6 Dec 2026."""
    return json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


EVENTS: list[Any] = [
    {},
    {"b": 1, "a": [1.5, 2, None, True, False], "nested": {"z": {"y": [], "x": {}}}},
    {"text": 'é à ç "quoted" \\ \n\t\u2028\u0000 😀', "€": "clé non ASCII"},
    {"day": dt.date(2027, 7, 15), "at": dt.datetime(2027, 7, 15, 10, 0, tzinfo=dt.UTC)},
    {"amount": Decimal("1200.50"), "ratio": 0.1 + 0.2, "big": 10**30, "neg": -0.0},
    {1: "int keys", 10: "sorted as numbers", 9: "before 10"},
    {"tuple": (1, "two"), "inf": float("inf"), "nan": float("nan")},
    {
        "seq": 123456,
        "at": "2027-07-15T10:00:00.123456+00:00",
        "reference": "P-2027-000123",
        "actor": "system",
        "action": "review.opened",
        "payload": {"covers": ["review  2027-07-15"], "periods": ["2027-07-15"]},
        "key_id": "abcdef012345",
        "anchored": True,
    },
]


@pytest.mark.parametrize("event", EVENTS)
def test_the_canonical_bytes_are_those_of_before(event: Any) -> None:
    assert canonical_json(event) == _as_before(event)


@pytest.mark.parametrize("event", EVENTS)
def test_an_event_hashes_as_before(event: Any) -> None:
    key, prev = b"k" * 32, "0" * 64
    before = hmac.new(key, (prev + _as_before(event)).encode(), hashlib.sha256).hexdigest()
    assert mac(key, prev, event) == before


def test_an_object_it_cannot_encode_is_still_refused() -> None:
    with pytest.raises((TypeError, ValueError)):
        canonical_json({object(): 1})


def _file_hash_as_before(spec: dict[str, Any]) -> str:
    """How a partnership file was hashed until 6 Dec 2026 (its reference left out)."""
    body = {k: v for k, v in spec.items() if k != "reference"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _json_native(event: Any) -> bool:
    try:
        json.dumps(event, sort_keys=True)
    except TypeError:
        return False
    return True


FILES: list[Any] = [  # the events JSON holds as they are (a stored file is decoded JSON)
    {"reference": "P-2027-001"},
    *[e for e in EVENTS if _json_native(e)],
    {"reference": "P-2027-002", "z": {"é": [1.0, -2.5e-7, 1e300, 12345678901234567890]}},
]


@pytest.mark.parametrize("spec", FILES)
def test_a_file_hashes_as_before(spec: Any) -> None:
    assert spec_digest(spec) == _file_hash_as_before(spec)


def test_the_example_file_as_stored_hashes_as_before() -> None:
    spec = json.loads(json.dumps(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")), default=str))
    assert spec_digest(spec) == _file_hash_as_before(spec)


def test_a_file_it_cannot_encode_is_still_refused() -> None:
    with pytest.raises(TypeError):
        spec_digest({"x": object()})
