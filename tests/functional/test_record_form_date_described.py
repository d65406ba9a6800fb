"""The record form names a fact's date by its kind ("Hari terakhir pelatihan", "Tanggal lulus") and no longer
describes it beside as the decree's TMT ("Tanggal fakta mulai berlaku (TMT)"), which contradicted the label for a
training, a degree or a rating; found walking the demo as HR. A decree's kind keeps the TMT's description."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in

TMT = "Tanggal fakta mulai berlaku (TMT)."


def date_field(world: World, kind: str) -> str:
    page = world.client.get(f"/pages/record?kind={kind}").get_data(as_text=True)
    found = re.search(r'<label for="f-effective_date">(.*?)</div>', page, re.S)
    assert found, page
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found[1]))


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("training", "Hari terakhir pelatihan"),
        ("education", "Tanggal lulus"),
        ("performance_rating", "Tanggal penilaian"),
    ],
)
def test_a_date_named_by_its_kind_is_not_described_as_a_decrees_tmt(world: World, kind: str, label: str) -> None:
    log_in(world, "hr")
    shown = date_field(world, kind)
    assert label in shown
    assert TMT not in shown


def test_a_decrees_date_keeps_the_tmts_description(world: World) -> None:
    log_in(world, "hr")
    assert TMT in date_field(world, "rank_promotion")
