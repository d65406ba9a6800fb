"""The record form tells HR when what they sent was already recorded: "Already recorded: Training, version 3 of
<NIP>; nothing was recorded again." ("Sudah tercatat: ...; tidak ada yang dicatat lagi."), where it said
"Recorded: ..." as for a new fact. HR entering a decree a colleague (or they themselves, from another tab or the
browser's back button) had entered before believed they had recorded it; the ledger had recorded nothing (the same
kind and reference with the same values answers as the first recording). A fact recorded anew still reads
"Recorded: ..." (tests/functional/test_pages_hr.py)."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of, training_form


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def sent(world: World, data: dict[str, str]) -> str:
    answer = world.client.post("/pages/record?kind=training", data={**data, **form_of(world, "training")})
    assert answer.status_code == 302
    return world.client.get(answer.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize(
    ("lang", "recorded", "already"),
    [
        ("id", "Tercatat: Pelatihan, versi 3 untuk", "Sudah tercatat: Pelatihan, versi 3 untuk"),
        ("en", "Recorded: Training, version 3 of", "Already recorded: Training, version 3 of"),
    ],
)
def test_a_fact_sent_again_from_a_new_form_is_told_already_recorded(
    world: World, lang: str, recorded: str, already: str
) -> None:
    log_in(world, "hr")
    world.client.get(f"/pages/record?lang={lang}")
    data = training_form(world)
    first = sent(world, data)
    assert f"{recorded} {BUDI}." in first
    assert "Already recorded" not in first
    assert "Sudah tercatat" not in first
    after_first = world.log()
    again = sent(world, data)  # a new form (a new client key), the same decree
    assert world.log() == after_first
    assert already in again
    assert f"{recorded} {BUDI}." not in again
