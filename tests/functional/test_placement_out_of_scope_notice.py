"""The placement form tells an HR administrator, before sending it, that a placement outside their scope moves the
record out of their reach. Walking the demo as HR, a transfer to another agency was recorded with no word of it,
and the next form for that NIP answered "Tidak ada pegawai dengan NIP ... yang telah diangkat" (the same answer as
for a record never made, by design: docs/security.md, "Moves between agencies")."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in

NOTICE = 'id="leaves-scope"'


@pytest.mark.parametrize(
    ("lang", "words"),
    [("id", "memindahkan riwayat ini keluar dari jangkauan Anda"), ("en", "moves the record out of your reach")],
)
def test_the_placement_form_says_a_move_out_of_the_scope_leaves_the_hr_administrators_reach(
    world: World, lang: str, words: str
) -> None:
    log_in(world, "hr")
    page = world.client.get(f"/pages/record?kind=placement&lang={lang}").get_data(as_text=True)
    assert NOTICE in page
    assert words in page
    assert NOTICE not in world.client.get("/pages/record?kind=training").get_data(as_text=True)


def test_a_national_administrator_reads_no_such_notice(world: World) -> None:
    log_in(world, "admin")
    assert NOTICE not in world.client.get("/pages/record?kind=placement").get_data(as_text=True)
