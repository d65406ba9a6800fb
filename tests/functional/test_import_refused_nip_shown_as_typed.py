"""A row whose NIP is refused (a name typed in the NIP column, "Agus Salim") shows that NIP in the report's NIP column
as typed: it showed "AgusSalim", the NIP as read with its spaces left out, which nobody typed. Nothing recorded."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_import_corrected_values_read_as_cells import imported


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.mark.parametrize("nip", ["Agus Salim", "1986 0926 2015"])
def test_a_refused_nip_is_shown_as_typed(world: World, nip: str) -> None:
    before = world.log()
    report = imported(world, f'{nip};2;Salah ketik;"{{""hours"": 16}}";01/06/2024;RALAT-1')  # (a correction's)
    [refused] = report["rejected"]
    assert (refused["subject"], list(refused["errors"])) == (nip, ["nip"])
    assert world.log() == before
