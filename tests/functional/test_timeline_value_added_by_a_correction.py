"""A correction adding a value to a field that held none says so on the timeline ("(not recorded before)",
"(sebelumnya tidak tercatat)"), where the field's former value is otherwise struck through.

Found by an exploratory tester (2026-12-05): such a field read "Biaya (rupiah): 2.500.000,5 (sebelum koreksi: )"
(English "(before the correction: )"), naming a value that was never there."""

from __future__ import annotations

import re

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in

SAID = {
    "en": ("Cost (rupiah)", "2,500,000.5", "not recorded before", "before the correction"),
    "id": ("Biaya (rupiah)", "2.500.000,5", "sebelumnya tidak tercatat", "sebelum koreksi"),
}


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_value_added_by_a_correction_reads_not_recorded_before(world: World, lang: str) -> None:
    ledger = world.services.ledger
    version = ledger.record(BUDI, "training", f.training("2024-05-10", hours=8), actor="test").version
    ledger.record(BUDI, "correction", f.correction(version, "2025-01-06", cost="2500000.5"), actor="test")
    world.catch_up()
    log_in(world, "admin")
    text = text_of(world.client.get(f"/pages/employees/{BUDI}?lang={lang}").get_data(as_text=True))
    label, amount, added, before = SAID[lang]
    assert f"{label}: {amount} ({added})" in text, text
    assert f"({before}: )" not in text
