"""The next promotion date of an offer not every requirement of which is met says it is the earliest, if the missing
ones are met by then (the exploratory tester's finding of 2026-12-07: /pages/employees/197609012005011001 read "Next
promotion date: Feb 1, 2027" with the service exam UD_I not passed, the API's `decision` `not_eligible`, as if the
promotion were due that day). On both stores."""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.domain.ledger import latest_today
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_basis import page_text

QUALIFIER = "the earliest it can be, and only if the requirements still missing below are met by then"


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def test_a_next_date_with_the_service_exam_missing_is_said_to_be_the_earliest_if_it_is_met(world: World) -> None:
    # an SLTA at II/d since 2016, rated Baik every year: the 101 to III/a asks UD_I, not passed
    nip = f.nip(date(1976, 9, 1), date(2005, 1, 1), "M", sequence=793)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="II/a", education="SLTA"), actor="test")
    confirmation = {"effective_date": "2006-01-01", "reference": "SK-PNS-1", "latsar_certificate": "LATSAR-1"}
    ledger.record(nip, "confirmation", confirmation, actor="test")
    for rank, day in (("II/b", "2009-04-01"), ("II/c", "2013-04-01"), ("II/d", "2017-04-01")):
        ledger.record(nip, "rank_promotion", f.promotion(rank, day), actor="test")
    for year in range(2005, latest_today().year):
        ledger.record(nip, "performance_rating", f.rating(year), actor="test")
    world.catch_up()

    (item,) = world.get(f"/api/v1/employees/{nip}/eligibility", "admin").get_json()["items"]
    # not_eligible once its judged date has come, to_come before (the exam then "not due yet"): missing either way
    assert item["decision"] in ("not_eligible", "to_come")
    assert "promotion.service_exam" in item["missing"]
    assert item["next_date"] is not None
    assert item["next_date"] != item["earliest_date"]
    assert "Next promotion date: " in page_text(world, nip)
    assert QUALIFIER in page_text(world, nip)
    assert "paling cepat, dan hanya jika persyaratan yang masih kurang di bawah ini terpenuhi" in page_text(
        world, nip, "id"
    )
