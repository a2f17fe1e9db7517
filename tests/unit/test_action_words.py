"""Every event the product writes in the audit chain has words on the officers' timeline,
in French and in English (never its audit code)."""

from __future__ import annotations

import re
from pathlib import Path

from coopact.entrypoints.web.words import action_words

ROOT = Path(__file__).resolve().parents[2]
WRITTEN = re.compile(r"\.audit\(\s*\"([a-z_]+(?:\.[a-z_]+)*)\"")


def _written_actions() -> set[str]:
    found: set[str] = set()
    for folder in ("coopact", "store", "flows"):
        for path in (ROOT / folder).rglob("*.py"):
            found |= set(WRITTEN.findall(path.read_text(encoding="utf-8")))
    return found


def test_each_written_event_reads_as_words_in_both_languages() -> None:
    actions = _written_actions()
    assert "partnership.registered" in actions and "decision.recorded" in actions
    for lang in ("fr", "en"):
        unworded = sorted(a for a in actions if action_words(a, lang) == a)
        assert not unworded, f"no words in {lang} for {unworded}"
