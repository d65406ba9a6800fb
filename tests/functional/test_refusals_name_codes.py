"""Refusals named codes where the pages name things: "POTONG_TUKIN_6 adalah hukuman disiplin tingkat MEDIUM, bukan
LIGHT.", "'AHLI_PERTAMA' bukan jenjang PENGAWAS: salah satu dari IV.a, IV.b.", and in English "a 101 promotion
moves up at most 1 rank(s)". The penalty kind and levels, the post kind and functional level, and the promotion kind
are now named as the pages name them elsewhere, in both languages, and no "rank(s)" is left."""

from __future__ import annotations

import html
import re

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of


def beside(world: World, kind: str, lang: str, field: str, **fields: str) -> str:
    data = {**form_of(world, kind), "nip": BUDI, **fields}
    answer = world.client.post(f"/pages/record?kind={kind}&lang={lang}", data=data)
    assert answer.status_code == 422, answer.get_data(as_text=True)
    found = re.search(rf'<span class="error" id="{field}-error">(.*?)</span>', answer.get_data(as_text=True), re.S)
    assert found, answer.get_data(as_text=True)
    return html.unescape(found.group(1))


PENALTY = {"penalty_kind": "POTONG_TUKIN_6", "level": "LIGHT", "effective_date": "2024-01-02", "reference": "HD-9"}
POST = {"post_kind": "PENGAWAS", "level": "AHLI_PERTAMA", "title": "Kepala Seksi", "unit": "Bappeda",
        "assignment": "DEFINITIVE", "effective_date": "2024-01-02", "reference": "SK-JAB-9"}  # fmt: skip


def test_a_penalty_of_another_level_names_the_kind_and_the_levels(world: World) -> None:
    log_in(world, "hr")
    said = beside(world, "penalty", "id", "level", **PENALTY)
    named = "Pemotongan tunjangan kinerja 25% selama 6 bulan adalah hukuman disiplin tingkat Sedang, bukan Ringan"
    assert named in said
    for code in ("POTONG_TUKIN_6", "MEDIUM", "LIGHT"):
        assert code not in said


def test_a_level_not_of_the_post_names_the_post_and_the_level(world: World) -> None:
    log_in(world, "hr")
    said = beside(world, "post_appointment", "id", "level", **POST)
    assert "bukan jenjang Jabatan Pengawas: salah satu dari IV.a, IV.b" in said, said
    for code in ("AHLI_PERTAMA", "PENGAWAS"):
        assert code not in said


def test_a_rank_jump_says_no_rank_s_and_names_the_promotion_kind(world: World) -> None:
    log_in(world, "hr")
    jump = {"new_rank": "IV/a", "promotion_kind": "101", "effective_date": "2024-04-01", "reference": "KP-JUMP"}
    said = beside(world, "rank_promotion", "en", "new_rank", **jump)
    assert "rank(s)" not in said
    assert "moves up by at most 1 (rule promotion.one_step)" in said, said
    assert "a 101 promotion" not in said
