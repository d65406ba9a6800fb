"""The 20 JP a promotion's requirements read (promotion.training, the year before the TMT) is not asked of a year the
employee ended away from duty (unpaid leave, study leave, suspended), as the career page's training table and the
training compliance report do not judge such a year (projections.training.away_at_end, docs/rules.md).

Found by helper inspecthunt (2026-12-03): an employee on unpaid leave (CLTN) read "0 JP in <year>; 20 needed" under
the next promotion while the training table above it said that year was not judged.
"""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.domain.ledger import latest_today
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_basis import page_text


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def confirmed(world: World, sequence: int) -> str:
    """An S-1 at III/a since 1 March 2012, confirmed in 2013, rated Baik for 2012-2017, no training recorded."""
    nip = f.nip(date(1985, 5, 5), date(2012, 3, 1), "F", sequence=sequence)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    confirmation = {"effective_date": "2013-03-01", "reference": f"SK-PNS-{sequence}", "latsar_certificate": "L-1"}
    ledger.record(nip, "confirmation", confirmation, actor="test")
    for year in range(2012, 2018):
        ledger.record(nip, "performance_rating", f.rating(year), actor="test")
    return nip


def training_asked(world: World, nip: str) -> tuple[int, list[str]]:
    """The year the offer's JP requirement reads (the one before the day it is judged on) and what it says."""
    (regular,) = world.get(f"/api/v1/employees/{nip}/eligibility", "admin").get_json()["items"]
    year = int(regular["judged_on"][:4]) - 1
    return year, [r["message"] for r in regular["requirements"] if r["rule"] == "promotion.training"]


@pytest.mark.parametrize("status", ["UNPAID_LEAVE", "SUSPENDED"])
def test_the_promotion_requirements_do_not_ask_the_jp_of_a_year_ended_away_from_duty(world: World, status: str) -> None:
    working, away = confirmed(world, 801), confirmed(world, 802)
    world.services.ledger.record(away, "status_change", f.status(status, "2025-06-01"), actor="test")
    world.catch_up()
    year, asked = training_asked(world, working)  # judged on the first promotion date after today: this year
    assert asked == [f"0 JP in {year}; 20 needed"]
    assert training_asked(world, away) == (year, [])
    english = page_text(world, away)
    away_years = ", ".join(str(y) for y in range(2025, latest_today().year + 1))
    assert f"a year you ended away from duty is not judged: {away_years}." in english
    assert f"JP of training in {year}" not in english
