"""The JP table says why the years before the 20 JP a year applied have no target and no verdict.

training.yearly_jp (PP 11/2017 art. 203(4)) applies from 30 March 2017 (rules.toml's valid_from; the shared reference
gives the regulation, not the day): a year is judged by it when it is in force on the year's 31 December, so from 2017.
Budi, appointed in 2010, read rows 2010 to 2016 of 0 JP with dashes under "Target" and "Met" and no word why, beside
2017's "20 no": as if the table had lost them, or as if they did not count against him for some reason he could not
see. The page now says when the rule applies and that nothing was required of those years.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of, confirm_world_pns
from tests.functional.test_career_page_basis import page_text


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


SAID = {
    "en": "The 20 JP a year (PP 11/2017 art. 203(4)) applies from Mar 30, 2017, so it is judged from 2017, the first "
    "year to end under it. The years before, 2010\u20132016, show their JP with no target and no verdict: nothing was "
    "required of them.",
    "id": "20 JP setahun (PP 11/2017 Pasal 203 ayat (4)) berlaku sejak 30 Mar 2017, sehingga dinilai mulai 2017, tahun "
    "pertama yang berakhir di bawah ketentuan itu. Tahun-tahun sebelumnya, 2010\u20132016, menampilkan JP-nya tanpa "
    "target dan tanpa penilaian: tidak ada yang diwajibkan untuk tahun-tahun itu.",
}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_years_before_the_20_jp_applied_are_said_to_have_no_target(world: World, lang: str) -> None:
    confirm_world_pns(world)  # Budi a PNS since 2011 (unconfirmed, a CPNS: no year judged)
    page = page_text(world, BUDI, lang)
    assert SAID[lang] in page
    assert " 2016 0 \u2013 \u2013 " in page  # (the rows stay, with their JP)
    assert " 2017 0 20 " in page


def test_a_record_beginning_after_the_rule_has_no_such_sentence(world: World) -> None:
    nip = f.nip(date(1995, 5, 5), date(2019, 3, 1), "F", sequence=797)
    world.services.ledger.record(nip, "appointment", appointment_of(nip), actor="test")
    world.catch_up()
    page = page_text(world, nip)
    assert "Training hours (JP) per year" in page
    assert "show their JP with no target" not in page


def test_a_pppk_reads_their_own_rule_not_this_one(world: World) -> None:
    nip = f.pppk_nip(date(1980, 1, 15), 2016, "F")
    payload = f.appointment(date(1980, 1, 15), date(2016, 3, 1), "F", employment_kind="PPPK", rank="IX")
    world.services.ledger.record(nip, "appointment", payload | {"recruitment_path": "PPPK"}, actor="test")
    world.catch_up()
    page = page_text(world, nip)
    assert "up to 24 JP a year of the contract" in page
    assert "show their JP with no target" not in page
