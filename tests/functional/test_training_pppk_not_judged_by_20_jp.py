"""The 20 JP a year of PP 11/2017 art. 203(4) is every PNS's (a CPNS's too): a PPPK's competency development is
PP 49/2018 art. 39's, at most 24 JP a year of the contract. A PPPK's career page read 'Met: no' under a 20 JP target
and the training compliance report counted PPPK among the staff short of 20 JP."""

from __future__ import annotations

import re
from datetime import date

import pytest

from projections.training import TrainingQueries
from tests import factories as f
from tests.functional.conftest import BUDI, World, confirm_world_pns
from tests.functional.test_pages_auth import log_in

NONE = "\u2013"  # the page's en dash for no value


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def record_pppk_with_8_jp_in_2023(world: World) -> str:
    """A PPPK of KOTA-MEDAN with 8 JP in 2023; the world's three confirmed as PNS, the PNS beside her."""
    confirm_world_pns(world)
    nip = f.pppk_nip(date(1990, 1, 15), 2022, "F")
    payload = f.appointment(date(1990, 1, 15), date(2022, 3, 1), "F", employment_kind="PPPK", rank="IX")
    world.services.ledger.record(nip, "appointment", payload | {"recruitment_path": "PPPK"}, actor="test")
    world.services.ledger.record(nip, "training", f.training("2023-05-10", hours=8, start="2023-05-09"), actor="test")
    world.catch_up()
    return nip


def test_a_pppk_has_their_jp_per_year_with_no_20_jp_target_and_no_verdict(world: World) -> None:
    nip = record_pppk_with_8_jp_in_2023(world)
    queries = TrainingQueries(world.services.projector.views.sql, today=date(2024, 6, 30))
    years = {y["year"]: y for y in queries.jp_by_year(nip)["years"]}
    assert years[2023] == {"year": 2023, "hours": 8, "target_jp": None, "met": None}  # (the cap: per contract year)
    assert years[2022]["met"] is None  # a year with no training is not 'not met' either
    rule = {"jp": 24, "year": "contract", "source": "PP 49/2018 art. 39", "status": "M"}
    assert queries.jp_by_year(nip)["pppk_rule"] == rule
    assert queries.jp_by_year(BUDI)["pppk_rule"] is None
    assert {y["target_jp"] for y in queries.jp_by_year(BUDI)["years"] if y["year"] >= 2018} == {20}  # a PNS, confirmed


def test_a_pppk_career_page_never_says_the_20_jp_target_was_missed(world: World) -> None:
    nip = record_pppk_with_8_jp_in_2023(world)
    log_in(world, "admin")
    for lang, missed in (("id", "tidak"), ("en", "no")):
        page = world.client.get(f"/pages/employees/{nip}?lang={lang}").get_data(as_text=True)
        jp = page[page.index('id="h-jp"') :]
        jp = jp[: jp.index("</table>")]
        row = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", jp[jp.index("<td>2023</td>") :].split("</tr>")[0])).split()
        assert row == ["2023", "8", NONE, NONE], row  # no target, no verdict
        assert f"<strong>{missed}</strong>" not in jp
    english = world.client.get(f"/pages/employees/{nip}?lang=en").get_data(as_text=True)
    assert "up to 24 JP a year of the contract (PP 49/2018 art. 39; unconfirmed)" in english  # their rule, shown
    assert "[M]" not in english  # its status in words, as every requirement's basis says it (not the code)
    indonesian = world.client.get(f"/pages/employees/{nip}?lang=id").get_data(as_text=True)
    assert "paling lama 24 JP setahun masa perjanjian kerja (PP 49/2018 Pasal 39; belum dikonfirmasi)" in indonesian
    assert english.count("20 JP a year") == 1  # in the sentence only: the chart draws their bars with no 20 JP line
    assert "20 JP a year" in world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)


def test_the_training_compliance_report_leaves_pppk_out_of_the_20_jp_staff(world: World) -> None:
    nip = record_pppk_with_8_jp_in_2023(world)
    queries = TrainingQueries(world.services.projector.views.sql, today=date(2024, 6, 30))
    by_kind = queries.compliance(2023, by=("employment_kind",))
    assert [r["employment_kind"] for r in by_kind] == ["PNS"]
    assert queries.compliance(2023, filters={"employment_kind": "PPPK"}) == []
    assert nip  # recorded and projected, yet counted in no group


def test_the_training_report_page_says_pppk_are_left_out(world: World) -> None:
    record_pppk_with_8_jp_in_2023(world)
    log_in(world, "inspector")
    for lang, said in (("en", "PPPK are left out"), ("id", "PPPK tidak dihitung")):
        page = world.client.get(f"/pages/reports/training?year=2023&by=employment_kind&lang={lang}")
        text = page.get_data(as_text=True)
        assert said in text
        assert "<td>PPPK</td>" not in text


def test_the_pppk_cap_of_each_year_is_the_version_in_force_that_year(world: World) -> None:
    """The 24 JP cap (training.pppk_yearly_jp, PP 49/2018 art. 39, in force from 2018-11-28) was read from today's
    version for every year: a PPPK's 30 JP of 2017 read 'above the 24 JP cap' under a rule not yet in force. Each
    year of the contract now carries the cap in force on its last day (`cap_jp`, None before it), and the page marks it
    alike."""
    confirm_world_pns(world)
    nip = f.pppk_nip(date(1990, 1, 15), 2017, "F")
    payload = f.appointment(date(1990, 1, 15), date(2017, 3, 1), "F", employment_kind="PPPK", rank="IX")
    world.services.ledger.record(nip, "appointment", payload | {"recruitment_path": "PPPK"}, actor="test")
    for day in ("2017-05-10", "2019-05-10"):
        world.services.ledger.record(nip, "training", f.training(day, hours=30, start=day[:8] + "06"), actor="test")
    world.catch_up()
    queries = TrainingQueries(world.services.projector.views.sql, today=date(2024, 6, 30))
    years = {y["start"][:4]: y for y in queries.jp_by_year(nip)["contract_years"]}
    assert [(years[y]["hours"], years[y]["cap_jp"], years[y]["above"]) for y in ("2017", "2018", "2019")] == [
        (30, None, False),  # 2017-03-01 - 2018-02-28: before the rule
        (0, 24, False),
        (30, 24, True),  # 2019-03-01 - 2020-02-29
    ]
    log_in(world, "admin")
    page = world.client.get(f"/pages/employees/{nip}?lang=en").get_data(as_text=True)
    jp = page[page.index('id="h-contract-jp"') :]
    jp = jp[: jp.index("</table>")]
    rows = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in jp.split("</tr>")[1:-1]]
    assert "the first 24 JP count" not in rows[0]
    assert "the first 24 JP count" in rows[2]
