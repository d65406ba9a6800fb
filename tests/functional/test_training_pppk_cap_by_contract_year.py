"""A PPPK's 24 JP cap (training.pppk_yearly_jp, PP 49/2018 art. 39: "in one year of the contract") was counted by
calendar year: 20 JP ending in November 2022 and 20 in March 2023, 40 JP in the first year of a contract begun on
1 July 2022, read as two years within the cap. The year it is counted in is now the rule's `year` param (I: the
reference names neither): "contract" (bundled), a year from the appointment's TMT or an anniversary of it, or
"calendar"."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from careerlog.config import ConfigurationError
from careerlog.reference import BUNDLED_RULES, RULES_FILE_ENV, rules
from projections.training import TrainingQueries
from tests import factories as f
from tests.functional.conftest import World
from tests.functional.test_career_page_basis import page_text

TODAY = date(2024, 6, 30)


def pppk_with_40_jp_across_two_calendar_years(world: World) -> str:
    """A PPPK appointed on 1 July 2022: 20 JP ending 10 November 2022, 20 JP ending 10 March 2023."""
    nip = f.pppk_nip(date(1990, 1, 15), 2022, "F")
    payload = f.appointment(date(1990, 1, 15), date(2022, 7, 1), "F", employment_kind="PPPK", rank="IX")
    world.services.ledger.record(nip, "appointment", payload | {"recruitment_path": "PPPK"}, actor="test")
    for end in ("2022-11-10", "2023-03-10"):
        world.services.ledger.record(nip, "training", f.training(end, hours=20, start=end[:8] + "08"), actor="test")
    world.catch_up()
    return nip


def rules_counting_by(tmp_path: Path, year: str) -> Path:
    text = Path(BUNDLED_RULES).read_text(encoding="utf-8")
    assert text.count('year = "contract"') == 1
    path = tmp_path / "rules.toml"
    path.write_text(text.replace('year = "contract"', f'year = "{year}"'), "utf-8")
    return path


def test_the_pppk_cap_is_counted_per_year_of_the_contract(world: World) -> None:
    nip = pppk_with_40_jp_across_two_calendar_years(world)
    found = TrainingQueries(world.services.projector.views.sql, today=TODAY).jp_by_year(nip)
    assert found["pppk_rule"] == {"jp": 24, "year": "contract", "source": "PP 49/2018 art. 39", "status": "M"}
    assert found["contract_years"] == [
        {"start": "2022-07-01", "end": "2023-06-30", "hours": 40, "cap_jp": 24, "above": True},
        {"start": "2023-07-01", "end": "2024-06-30", "hours": 0, "cap_jp": 24, "above": False},
    ]
    assert all("cap_jp" not in y for y in found["years"])  # the calendar years: JP shown, the cap not judged on them


def test_the_career_page_marks_the_year_of_the_contract_above_the_cap(world: World) -> None:
    nip = pppk_with_40_jp_across_two_calendar_years(world)
    english = page_text(world, nip)
    assert "Training hours (JP) per year of the contract" in english
    assert "the first 24 JP count; the JP above them do not count further" in english
    assert re.search(r"2022 20 \u2013 \u2013 .*2023 20 \u2013 \u2013", english)  # the calendar rows: no mark
    indonesian = page_text(world, nip, "id")
    assert "Jam pelajaran (JP) per tahun masa perjanjian kerja" in indonesian
    assert "24 JP pertama dihitung; JP di atasnya tidak dihitung lagi" in indonesian


def test_a_rules_file_may_count_the_cap_by_calendar_year(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nip = pppk_with_40_jp_across_two_calendar_years(world)
    monkeypatch.setenv(RULES_FILE_ENV, str(rules_counting_by(tmp_path, "calendar")))
    found = TrainingQueries(world.services.projector.views.sql, today=TODAY).jp_by_year(nip)
    assert found["pppk_rule"]["year"] == "calendar"
    assert found["contract_years"] == []
    assert {y["year"]: (y["hours"], y["cap_jp"]) for y in found["years"]} == {
        2022: (20, 24),
        2023: (20, 24),
        2024: (0, 24),
    }


@pytest.fixture
def by_calendar_year(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rules counting the cap by calendar year, set before the world is made (its views judged by them)."""
    monkeypatch.setenv(RULES_FILE_ENV, str(rules_counting_by(tmp_path, "calendar")))


def test_the_career_page_of_a_calendar_year_rule_says_so_and_lists_no_contract_years(
    by_calendar_year: None, world: World
) -> None:
    nip = pppk_with_40_jp_across_two_calendar_years(world)
    english = page_text(world, nip)
    assert "up to 24 JP a calendar year (PP 49/2018 art. 39; unconfirmed)" in english
    assert "per year of the contract" not in english
    assert "the first 24 JP count" not in english  # 20 JP in each calendar year
    assert "paling lama 24 JP setahun kalender" in page_text(world, nip, "id")


def test_a_rules_file_counting_the_cap_by_another_year_is_refused_naming_the_param(tmp_path: Path) -> None:
    with pytest.raises(
        ConfigurationError, match=r"training.pppk_yearly_jp \(version 1, from [-0-9]+\): params.year must be"
    ):
        rules(rules_counting_by(tmp_path, "fiscal"))
