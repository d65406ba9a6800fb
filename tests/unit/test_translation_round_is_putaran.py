"""In Indonesian a promotion round is a "putaran" and "periode" the date range alone: /pages/fairness said "Periode"
for both (its fields "Periode dari/sampai" bound the rounds' dates, "Periode: 3" counted rounds)."""

from __future__ import annotations

import re
from pathlib import Path

PO = Path(__file__).parents[2] / "web" / "translations" / "id" / "LC_MESSAGES" / "messages.po"


def test_no_translation_of_a_round_says_periode() -> None:
    entries = PO.read_text(encoding="utf-8").split("\n\n")
    said = [
        entry
        for entry in entries
        if re.search(r"\bround", entry.partition("msgstr")[0], re.IGNORECASE)
        and "eriode" in entry.partition("msgstr")[2]
    ]
    assert said == []
    assert sum("putaran" in entry.partition("msgstr")[2].lower() for entry in entries) >= 14
