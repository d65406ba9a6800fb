"""A post appointment's level (jenjang) is chosen from a list on the record form: the managerial posts' eselon and
the functional levels by name. It was a free text field, and 'Ahli Pertama', the level's name as an HR office
writes it, was refused ("'Ahli Pertama' is not a level of FUNGSIONAL: one of AHLI_PERTAMA, ..."): found walking the
demo as HR. The correction form lists it alike, and keeps a post's empty level empty when another field changes."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_correction_form_fields import changed, correction
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def level_choices(page: str) -> list[str]:
    select = re.search(
        r'<select id="f-(?:corrected-)?level" name="(?:corrected\.)?level"[^>]*>(.*?)</select>', page, re.S
    )
    assert select, page
    return re.findall(r">([^<]+)</option>", select[1])


def test_the_post_appointment_form_lists_the_levels_by_eselon_and_by_name(world: World) -> None:
    log_in(world, "hr")
    page = world.client.get("/pages/record?kind=post_appointment").get_data(as_text=True)
    choices = level_choices(page)
    assert choices[0] == "\u2013"  # (an en dash) a Pelaksana post has none
    assert "II.a · Eselon II.a" in choices
    assert "AHLI_PERTAMA · Ahli Pertama" in choices
    english = level_choices(world.client.get("/pages/record?kind=post_appointment&lang=en").get_data(as_text=True))
    assert "II.a · Echelon II.a" in english


def test_a_functional_post_chosen_from_the_list_is_recorded(world: World) -> None:
    log_in(world, "hr")
    data = {**form_of(world, "post_appointment"), "nip": BUDI, "effective_date": "2020-01-01"}
    data |= {"reference": "821.2/LEVEL/2020", "post_kind": "FUNGSIONAL", "level": "AHLI_PERTAMA"}
    data |= {"title": "Analis SDM Aparatur Ahli Pertama", "unit": "BKPSDM", "assignment": "DEFINITIVE"}
    answer = world.client.post("/pages/record?kind=post_appointment", data=data)
    assert answer.status_code == 302, answer.get_data(as_text=True)


def test_correcting_a_posts_title_leaves_its_empty_level_as_it_is(world: World) -> None:
    post = {"effective_date": "2015-01-01", "reference": "821.2/PLK/2015", "post_kind": "PELAKSANA"}
    post |= {"title": "Pengolah Data", "unit": "BKPSDM", "assignment": "DEFINITIVE"}
    version = world.services.ledger.record(BUDI, "post_appointment", post, actor="test").version
    world.catch_up()
    log_in(world, "hr")
    data = correction(world, version, **{"corrected.title": "Pengadministrasi Umum"})
    assert data["corrected.level"] == ""
    assert world.client.post("/pages/record?kind=correction", data=data).status_code == 302
    assert changed(world, version) == {"title": ("Pengolah Data", "Pengadministrasi Umum")}
