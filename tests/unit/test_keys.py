"""The secret store: outside the database, one key per namespace, rotation by key id."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from coopact.store.keys import KEY_FILE, SecretUnavailable, load_keyring


def test_key_file_is_created_once_with_mode_0600(tmp_path: Path) -> None:
    first = load_keyring(tmp_path, {})
    mode = stat.S_IMODE((tmp_path / KEY_FILE).stat().st_mode)
    assert mode == 0o600
    assert load_keyring(tmp_path, {}).current_id == first.current_id


def test_namespaces_have_different_keys(tmp_path: Path) -> None:
    ring = load_keyring(tmp_path, {})
    assert ring.key("audit") != ring.key("decision-link")
    signature = ring.sign("audit", b"event")
    assert ring.verify("audit", b"event", signature, ring.current_id)
    assert not ring.verify("decision-link", b"event", signature, ring.current_id)


def test_rotation_keeps_old_signatures_verifiable(tmp_path: Path) -> None:
    old, new = "a" * 40, "b" * 40
    before = load_keyring(tmp_path, {"COOPACT_SECRET_KEY": old})
    signature = before.sign("audit", b"x")
    after = load_keyring(tmp_path, {"COOPACT_SECRET_KEY": f"{old},{new}"})
    assert after.current_id != before.current_id
    assert after.verify("audit", b"x", signature, before.current_id)
    assert not load_keyring(tmp_path, {"COOPACT_SECRET_KEY": new}).knows(before.current_id)


def test_short_secret_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SecretUnavailable, match="shorter than 32"):
        load_keyring(tmp_path, {"COOPACT_SECRET_KEY": "short"})


def test_unwritable_home_is_an_environment_problem(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(SecretUnavailable, match="cannot be read or created"):
        load_keyring(blocker / "home", {})
