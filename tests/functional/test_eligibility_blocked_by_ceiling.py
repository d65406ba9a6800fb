"""An offer the education ceiling bars for good (promotion.education_ceiling, docs/rules.md: the highest rank a
regular promotion reaches with the employee's education) reads as blocked, not reached, on the career page and in the
eligibility answer (acceptance walk of 2026-12-02, E1: "Earliest date: 1 Apr 2023 (reached) / Next promotion date:
1 Feb 2027" for a 101 no date brings)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from careerlog.domain.ledger import latest_today
from careerlog.reference import BUNDLED_RULES, RULES_FILE_ENV, rules
from projections.merit.eligibility import first_permitted
from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of
from tests.functional.test_career_page_basis import page_text
from tests.functional.test_eligibility_answers import answer_validator


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def slta_at_its_ceiling(world: World) -> str:
    """A pelaksana with SLTA at III/b since 2016: its regular ceiling, so the 101 to III/c is barred for good."""
    nip = f.nip(date(1975, 3, 3), date(2000, 3, 1), "M", sequence=772)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="II/a", education="SLTA"), actor="test")
    ledger.record(
        nip, "rank_promotion", f.promotion("III/b", "2016-04-01"), actor="test", confirmed=["promotion.one_step"]
    )
    world.catch_up()
    return nip


def test_an_offer_the_education_ceiling_bars_reads_as_blocked_not_reached(world: World) -> None:
    nip = slta_at_its_ceiling(world)
    english = page_text(world, nip)
    assert "(reached)" not in english
    assert "Next promotion date" not in english
    assert (
        "Blocked: your education, Senior secondary school (SLTA / SMA / SMK), allows a regular promotion up to III/b, "
        "so no date brings III/c. "
        "It opens with a higher degree recorded, which raises that limit (with a promotion by degree, 203, too when "
        "the degree's starting rank is above your rank), or an appointment to a definitive managerial or functional "
        "post (201, 202)." in english
    )
    indonesian = page_text(world, nip, "id")
    assert "(sudah tercapai)" not in indonesian
    assert "Terhalang: pendidikan Anda, SLTA / SMA / SMK," in indonesian
    ordinary = page_text(world, BUDI)  # S-1 at III/b: up to III/d, its offer is not blocked
    assert "Blocked" not in ordinary


def test_the_eligibility_answer_says_the_offer_is_blocked_and_gives_no_next_date(world: World) -> None:
    nip = slta_at_its_ceiling(world)
    body = world.get(f"/api/v1/employees/{nip}/eligibility", "admin").get_json()
    (item,) = [i for i in body["items"] if i["kind"] == "101"]
    assert item["blocked"] == {
        "rule": "promotion.education_ceiling",
        "education": "SLTA",
        "ceiling": "III/b",
        "opened_by": ["203", "201", "202"],
    }
    assert item["next_date"] is None
    assert item["reached"] is False  # its earliest date gone by, but no date brings it (until 2026-12-07 true)
    spec = world.get("/api/openapi.json").get_json()
    answer_validator(spec, "/api/v1/employees/{nip}/eligibility").validate(body)
    budi = world.get(f"/api/v1/employees/{BUDI}/eligibility", "admin").get_json()
    assert all(i["blocked"] is None and i["next_date"] for i in budi["items"])


def test_the_eligibility_csv_keeps_its_columns_in_place_with_blocked_last(world: World) -> None:
    nip = slta_at_its_ceiling(world)
    answer = world.get(f"/api/v1/employees/{nip}/eligibility?format=csv", "admin")
    header = answer.get_data(as_text=True).lstrip("\ufeff").splitlines()[0]
    assert header == (
        "kind,rank,new_rank,earliest_date,judged_on,reached,next_date,requirements,missing,rules_version,blocked,"
        "met_on,credit_from,next_date_basis,decision,expected_end,after_expected_end"  # (met_on added 2026-12-05,
        # the others 2026-12-06, the last two 2026-12-07, after the columns before them, which keep their places)
    )


def test_a_blocked_offer_whose_time_in_rank_is_ahead_says_the_day_its_requirements_are_judged_on(
    world: World,
) -> None:
    # The blocked offer shows no earliest date; its requirements, judged on the day the time in rank is reached (a
    # day to come), read "met: At least 4 years in rank III/b ..., reached on 1 Apr <4 years on>" and "No disciplinary
    # penalty bars a promotion on 1 Apr ..." with nothing on the page saying which day that is or why.
    nip = f.nip(date(1975, 3, 3), date(2000, 3, 1), "M", sequence=773)
    since = date(latest_today().year - 1, 4, 1)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="II/a", education="SLTA"), actor="test")
    ledger.record(
        nip, "rank_promotion", f.promotion("III/b", since.isoformat()), actor="test", confirmed=["promotion.one_step"]
    )
    world.catch_up()
    judged = date(since.year + 4, 4, 1)
    english = page_text(world, nip)
    assert "Blocked: your education" in english
    assert (
        f"Requirements judged on: {judged:%b} {judged.day}, {judged.year} "
        "(the first promotion date once the time in rank is reached)" in english
    )
    indonesian = page_text(world, nip, "id")
    assert (
        f"Persyaratan dinilai pada: 1 Apr {judged.year} "
        "(tanggal kenaikan pangkat pertama setelah masa kerja dalam pangkat terpenuhi)" in indonesian
    )


@pytest.fixture
def no_years_for_the_101(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rules file whose promotion.time_in_rank names no years for the 101 (every version), set before the world is
    made (its views judged by it)."""
    text = Path(BUNDLED_RULES).read_text(encoding="utf-8")
    assert text.count('years = { "101" = 4, ') == 2
    path = tmp_path / "rules.toml"
    path.write_text(text.replace('years = { "101" = 4, ', "years = { "), "utf-8")
    monkeypatch.setenv(RULES_FILE_ENV, str(path))


def test_a_blocked_offer_needing_no_years_in_rank_does_not_say_its_day_is_the_time_in_rank_reached(
    no_years_for_the_101: None, world: World
) -> None:
    # Promoted to III/b yesterday, the SLTA ceiling: the 101's requirements are judged on the next promotion date, a
    # day to come, which the page named "the first promotion date once the time in rank is reached" though the rules
    # in use ask no years in rank for it.
    nip = f.nip(date(1975, 3, 3), date(2000, 3, 1), "M", sequence=774)
    since = latest_today() - timedelta(days=1)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="II/a", education="SLTA"), actor="test")
    ledger.record(
        nip, "rank_promotion", f.promotion("III/b", since.isoformat()), actor="test", confirmed=["promotion.one_step"]
    )
    world.catch_up()
    judged = first_permitted(rules(), latest_today())
    assert judged is not None
    english = page_text(world, nip)
    assert "Blocked: your education" in english
    assert "time in rank" not in english
    assert (
        f"Requirements judged on: {judged:%b} {judged.day}, {judged.year} "
        "(the first promotion date on which it may be made: the rules in use ask no years in rank for it)" in english
    )
    indonesian = page_text(world, nip, "id")
    assert "masa kerja dalam pangkat terpenuhi" not in indonesian
    assert (
        "(tanggal kenaikan pangkat pertama yang dapat dipakai: aturan yang berlaku tidak mensyaratkan masa kerja dalam "
        "pangkat untuk kenaikan ini)" in indonesian
    )
