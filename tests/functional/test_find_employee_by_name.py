"""The start page's search opens a career record by NIP or by name: an HR office knows its staff by name. A name
typed there went to /pages/employees/<the name> and answered "page not found", found walking the demo as HR
(the API's roster had the search, the pages none). The matches are those of the reader's scope only."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, RINA, World
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def found(world: World, typed: str, lang: str = "id") -> str:
    answer = world.client.get("/pages/find", query_string={"nip": typed, "lang": lang})
    assert answer.status_code == 200, answer.status_code
    return answer.get_data(as_text=True)


def test_a_name_typed_on_the_start_page_lists_the_employees_of_that_name_linking_to_their_records(
    world: World,
) -> None:
    world.catch_up()
    log_in(world, "hr")
    page = found(world, "  budi  SIREGAR ")
    assert "<h1>Pegawai yang ditemukan</h1>" in page
    assert f'<a href="/pages/employees/{BUDI}">Budi Siregar</a>' in page
    assert "1 pegawai dalam cakupan Anda yang nama atau NIP-nya memuat “budi SIREGAR”." in page
    assert 'value="budi SIREGAR"' in page  # the search again, as typed
    english = found(world, "budi", lang="en")
    assert "<h1>Employees found</h1>" in english
    assert "1 employee within your scope has a name or NIP holding “budi”." in english


def test_a_name_outside_the_readers_scope_is_not_found(world: World) -> None:
    world.catch_up()
    log_in(world, "hr")  # KOTA-MEDAN; Rina Ginting works in KAB-KARO
    page = found(world, "Rina")
    assert RINA not in page
    assert "Tidak ada pegawai dalam cakupan Anda yang nama atau NIP-nya memuat “Rina”." in page
    log_in(world, "hr_karo")
    assert f'<a href="/pages/employees/{RINA}">Rina Ginting</a>' in found(world, "rina")


@pytest.mark.parametrize("typed", [BUDI, f"{BUDI[:8]} {BUDI[8:14]} {BUDI[14]} {BUDI[15:]}"])
def test_a_nip_typed_on_the_start_page_still_opens_that_record(world: World, typed: str) -> None:
    log_in(world, "hr")
    answer = world.client.get("/pages/find", query_string={"nip": typed})
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith(f"/pages/employees/{BUDI}")


def test_the_start_page_asks_for_a_nip_or_a_name_on_any_keyboard(world: World) -> None:
    log_in(world, "hr")
    page = world.client.get("/pages/").get_data(as_text=True)
    assert '<label for="f-nip">Buka riwayat karier menurut NIP atau nama</label>' in page
    assert 'inputmode="numeric"' not in page  # a phone's digits-only keyboard cannot type a name
