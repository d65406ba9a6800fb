"""The "did you mean" of a unit new in its agency (unit.new) took other offices for typos: difflib's ratio of the whole
names is 0.83 from "Badan Kepegawaian Daerah" to Badan Pendapatan Daerah, and Medan's kecamatan (Medan Barat, Medan
Baru) are as near each other. A unit is now asked only when it reads as a typo of a known one (careerlog.domain.unit
`typo_of`): the same words but one, and that one a letter left out, added, changed or two swapped (two such edits in
a word of 8 letters or more), or the same words but a title of the person the unit is named for left out or added
(careerlog.domain.unit.TITLES: "RSUD Pirngadi" beside RSUD dr. Pirngadi, recorded unasked until 2026-12-06, HR
tester). An abbreviation ("Dinas Kominfo" of Dinas Komunikasi dan Informatika) is no typo, and stays unasked."""

from __future__ import annotations

import pytest

from careerlog.domain.unit import typo_of, typos_of, unit_key
from tests.functional.conftest import BUDI, SARI, World
from tests.functional.test_unit_new_in_agency_asked import EVENTS, placement


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.mark.parametrize(
    ("known", "other"),
    [("Badan Pendapatan Daerah", "Badan Kepegawaian Daerah"), ("Medan Barat", "Medan Baru"),
     ("Kecamatan Medan Kota", "Kecamatan Medan Johor"), ("Puskesmas Blok H", "Puskesmas Blok")],
)  # fmt: skip
def test_another_office_near_a_known_one_in_letters_is_recorded_unasked(world: World, known: str, other: str) -> None:
    world.catch_up()
    assert world.post(EVENTS.format(BUDI), "hr", json=placement(known, "SK-1")).status_code == 201
    answer = world.post(EVENTS.format(SARI), "hr", json=placement(other, "SK-2"))
    assert answer.status_code == 201, answer.get_json()


@pytest.mark.parametrize(
    ("known", "typed"),
    [("Dinas Pendidikan", "Dinas Pendidkan"), ("Dinas Sosial", "Dinas Sosal"), ("Dinas Sosial", "Dinas Sosil"),
     ("Dinas Perhubungan", "Dinas Perhubungn"), ("Dinas Kesehatan", "Dinas Keshetaan"),
     ("RSUD dr. Pirngadi", "RSUD Pirngadi"), ("RSUP H Adam Malik", "RSUP Adam Malik")],
)  # fmt: skip
def test_a_typo_of_a_known_unit_is_still_asked(world: World, known: str, typed: str) -> None:
    world.catch_up()
    assert world.post(EVENTS.format(BUDI), "hr", json=placement(known, "SK-1")).status_code == 201
    answer = world.post(EVENTS.format(SARI), "hr", json=placement(typed, "SK-2"))
    assert answer.status_code == 422, answer.get_json()
    assert f"(did you mean '{known}'?)" in answer.get_json()["errors"]["unit"][0]


@pytest.mark.parametrize(
    ("typed", "known", "edits"),
    [("Dinas Sosil", "Dinas Sosial", 1), ("BKPSMD", "BKPSDM", 1), ("dinas  PENDIDKAN", "Dinas Pendidikan", 1),
     ("Dinas Keshetaan", "Dinas Kesehatan", 2), ("Dinas Sosl", "Dinas Sosial", None),
     ("Dinas Sosial Daerah", "Dinas Sosial", None), ("Dinas Sosil Kota", "Dinas Sosial Kabupaten", None),
     ("RSUD Pirngadi", "RSUD dr. Pirngadi", 1), ("RSUD Dr Pirngadi", "RSUD Pirngadi", 1),
     ("RSUD Pringadi", "RSUD dr. Pirngadi", None), ("Dinas Kominfo", "Dinas Komunikasi dan Informatika", None)],
)  # fmt: skip
def test_a_typo_is_one_word_one_or_two_edits_apart(typed: str, known: str, edits: int | None) -> None:
    assert typo_of(unit_key(typed), unit_key(known)) == edits


@pytest.mark.parametrize(
    ("typed", "known", "edits"),
    [("RSUD Pirngadi", "RSUD Prof. Dr. Pirngadi", 2), ("RSUD dr. Pirngadi", "RSUD Prof. Dr. Pirngadi", 1),
     ("RSUP Adam Malik", "RSUP H. dr. Adam Malik", 2), ("RSUD Pirngadi", "RSUD Prof. dr. H. Pirngadi", 3)],
)  # fmt: skip
def test_each_title_left_out_or_added_is_an_edit(typed: str, known: str, edits: int) -> None:
    """(any number of titles was one edit until 2026-12-06)"""
    assert typo_of(unit_key(typed), unit_key(known)) == edits


def test_the_name_fewer_titles_apart_is_named_first() -> None:
    known = [unit_key("RSUD dr. H. Pirngadi"), unit_key("RSUD H. Pirngadi")]
    assert typos_of(unit_key("RSUD Pirngadi"), known) == ["rsud h. pirngadi", "rsud dr. h. pirngadi"]


@pytest.mark.parametrize(
    ("typed", "known"),
    [("Puskesmas Blok", "Puskesmas Blok H"), ("Gedung H Dinas Sosial", "Gedung Dinas Sosial"), ("Gedung", "Gedung H"),
     ("Puskesmas Blok H Medan", "Puskesmas Blok Medan")],
)  # fmt: skip
def test_a_letter_h_without_its_dot_last_or_after_a_blocks_word_is_no_title(typed: str, known: str) -> None:
    """(a block's letter H was taken for the title H., Haji, until 2026-12-06: "Puskesmas Blok" a typo of Puskesmas
    Blok H)"""
    assert typo_of(unit_key(typed), unit_key(known)) is None
    assert typo_of(unit_key("RSUP Adam Malik"), unit_key("RSUP H. Adam Malik")) == 1


@pytest.mark.parametrize(
    ("typed", "known", "edits"),
    [("RSUP Adam Malik", "RSUP H Adam Malik", 1), ("RSUP H Adam Malik", "RSUP Adam Malik", 1),
     ("H Adam Malik", "Adam Malik", 1), ("RSUP Adam Malik", "RSUP H dr Adam Malik", 2)],
)  # fmt: skip
def test_a_letter_h_without_its_dot_before_another_word_of_the_name_is_a_title(
    typed: str, known: str, edits: int
) -> None:
    """(H without its dot was no title from 2026-12-06 until later that day: "RSUP Adam Malik" recorded unasked beside
    RSUP H Adam Malik, a near miss asked before)"""
    assert typo_of(unit_key(typed), unit_key(known)) == edits
