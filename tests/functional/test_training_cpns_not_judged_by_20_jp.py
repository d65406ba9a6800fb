"""The 20 JP a year (training.yearly_jp, PP 11/2017 art. 203(4)) is "every PNS"'s: the reference (asn-career-rules.md
section 4) gives a CPNS the basic training (Latsar) as the condition of becoming PNS at the end of the probation year,
not the 20 JP. The career page and the training answer judged a CPNS's first year by the 20 JP (JUDGED_KIND "PNS"
covered them): appointed in November with Latsar the next year, the year read "Met: no". A year the employee ended as
a CPNS (not confirmed by its last day; with no confirmation recorded, however long ago appointed) is not judged."""

from __future__ import annotations

import re
from datetime import date

import pytest

from projections.training import TrainingQueries
from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of
from tests.functional.test_pages_auth import PASSWORD, csrf_token, log_in

NONE = "\u2013"  # the page's en dash for no value
CPNS = f.nip(date(2000, 5, 5), date(2025, 11, 1), "F", sequence=761)


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def appoint_cpns(world: World) -> None:
    """Appointed CPNS on 1 November 2025 with no training that year."""
    world.services.ledger.record(CPNS, "appointment", appointment_of(CPNS, rank="III/a"), actor="test")
    world.catch_up()


def judged(world: World, today: date) -> dict[int, dict[str, object]]:
    queries = TrainingQueries(world.services.projector.views.sql, today=today)
    return {y["year"]: y for y in queries.jp_by_year(CPNS)["years"]}


def test_a_cpns_year_is_not_judged_by_the_20_jp(world: World) -> None:
    appoint_cpns(world)
    years = judged(world, date(2026, 6, 30))  # within the probation year, nothing confirmed
    assert years[2025] == {"year": 2025, "hours": 0, "target_jp": None, "met": None}
    assert years[2026]["met"] is None
    queries = TrainingQueries(world.services.projector.views.sql, today=date(2026, 6, 30))
    assert queries.jp_by_year(CPNS)["cpns_years"] == [2025, 2026]


def test_the_year_of_confirmation_and_after_are_judged(world: World) -> None:
    appoint_cpns(world)
    confirmation = {"effective_date": "2026-11-01", "reference": "SK-CPNS-761", "latsar_certificate": "L-761"}
    ledger = world.services.ledger
    ledger.record(CPNS, "confirmation", confirmation, actor="test", migration=f.as_stored(ledger))
    world.catch_up()
    years = judged(world, date(2027, 3, 1))
    assert years[2025]["met"] is None  # a CPNS on 31 December 2025
    assert (years[2026]["target_jp"], years[2026]["met"]) == (20, False)  # a PNS on 31 December 2026
    assert years[2027]["target_jp"] == 20


def test_a_record_silent_on_confirmation_is_a_cpns_whose_years_are_not_judged(world: World) -> None:
    """Budi (appointed March 2010, no confirmation recorded) is a CPNS, however long ago appointed (as the merit
    audit's promotion.no_probation reads him): no year is judged by the 20 JP (the rule is in force from 2017) until
    his confirmation is recorded; the CPNS appointed in November 2025 is one still after the probation year."""
    queries = TrainingQueries(world.services.projector.views.sql, today=date(2026, 12, 2))
    answer = queries.jp_by_year(BUDI)
    assert answer["cpns_years"] == list(range(2017, 2027))
    assert {y["target_jp"] for y in answer["years"]} == {None}
    appoint_cpns(world)
    assert queries.jp_by_year(CPNS)["cpns_years"] == [2025, 2026]
    world.services.ledger.record(BUDI, "confirmation", f.confirmation("2011-03-01"), actor="test")
    world.catch_up()
    answer = queries.jp_by_year(BUDI)
    assert answer["cpns_years"] == []
    assert {y["target_jp"] for y in answer["years"] if y["year"] >= 2018} == {20}


def page_text(world: World, lang: str) -> str:
    page = world.client.get(f"/pages/employees/{CPNS}?lang={lang}").get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_the_career_page_says_to_an_administrator_the_employee_s_cpns_year_is_not_judged(world: World) -> None:
    """HR, an inspector or an administrator reads the page in the third person, of "the employee" (whose name the
    heading gives)."""
    appoint_cpns(world)
    log_in(world, "admin")
    text = page_text(world, "en")
    assert "so a year the employee ended as a CPNS is not judged: 2025" in text
    assert "you ended" not in text
    assert f"2025 0 {NONE} {NONE}" in text
    assert "tahun yang diakhirinya sebagai CPNS tidak dinilai: 2025" in page_text(world, "id")


def test_the_career_page_says_to_the_cpns_their_own_cpns_year_is_not_judged(world: World) -> None:
    """The employee reading their own record is spoken to."""
    appoint_cpns(world)
    world.services.accounts.create("cpns-web", display_name="CPNS 761", role="employee", nip=CPNS, password=PASSWORD)
    token = csrf_token(world.client)
    world.client.post("/pages/login", data={"username": "cpns-web", "password": PASSWORD, "csrf_token": token})
    text = page_text(world, "en")
    assert "so a year you ended as a CPNS is not judged: 2025" in text
    assert f"2025 0 {NONE} {NONE}" in text
    assert "tahun yang Anda akhiri sebagai CPNS tidak dinilai: 2025" in page_text(world, "id")


def test_the_jp_chart_paints_short_only_the_years_judged_short() -> None:
    """A year with no verdict (a CPNS's, or before the 20 JP came into force in 2017) was drawn orange, as short."""
    from web.pages.career import jp_chart

    training = {"employment_kind": "PNS", "years": []}
    training["years"] = [
        {"year": 2016, "hours": 0, "target_jp": None, "met": None},  # before the rule
        {"year": 2025, "hours": 6, "target_jp": None, "met": None},  # a CPNS's year
        {"year": 2026, "hours": 8, "target_jp": 20, "met": False},  # short
    ]
    svg = str(jp_chart(training))
    assert svg.count("#f2a900") == 1  # ORANGE: the one year judged short
