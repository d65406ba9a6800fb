"""A crossing into III/a by a regular promotion of one holding an S-1 degree is not asked the service exam level I
(promotion.service_exam's `exempt_education`, M): the audit raises no finding, and the decision page says why, in
both languages, naming the exam. Until 2026-12-05 it was the finding "exam UD_I not passed by 2014-04-01"
(merit view 43). Both stores."""

from __future__ import annotations

from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_pages_auth import log_in

CLERK = f.nip(date(1980, 2, 2), date(2006, 3, 1), "M", sequence=882)  # KOTA-MEDAN, II/c from 2006, no exam
DEGREE = {"level": "S-1", "field_of_study": "Administrasi Publik", "institution": "USU", "reference": "IJ-S1"}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_a_regular_crossing_into_iii_a_by_an_s1_holder_is_offered_and_audited_without_the_service_exam(
    world: World,
) -> None:
    ledger = world.services.ledger
    clerk = appointment_of(CLERK, name="Andi Lubis", rank="II/c", education="SLTA")  # (above SLTA's II/a: confirmed)
    ledger.record(CLERK, "appointment", clerk, actor="test", confirmed=("appointment.starting_rank",))
    ledger.record(CLERK, "rank_promotion", f.promotion("II/d", "2010-04-01"), actor="test")
    ledger.record(CLERK, "education", {**DEGREE, "effective_date": "2012-08-01"}, actor="test")
    world.catch_up()
    eligible = world.get(f"/api/v1/employees/{CLERK}/eligibility", "inspector").get_json()
    (regular,) = [x for x in eligible["items"] if x["kind"] == "101"]
    (exam,) = [r for r in regular["requirements"] if r["rule"] == "promotion.service_exam"]
    assert (regular["new_rank"], exam["outcome"]) == ("III/a", "met")
    assert exam["message"] == "exam UD_I not needed: education S-1 held"
    log_in(world, "inspector")
    career = world.client.get(f"/pages/employees/{CLERK}?lang=id").get_data(as_text=True)
    assert "Ujian dinas tingkat I (II/d ke III/a) tidak diperlukan: berpendidikan Sarjana (S-1)" in career

    ledger.record(CLERK, "rank_promotion", f.promotion("III/a", "2014-04-01"), actor="test")
    world.catch_up()
    audited = world.get(f"/api/v1/audits/promotions/{CLERK}-4", "inspector").get_json()
    assert "promotion.service_exam" not in [x["rule"] for x in audited["findings"]]
    page = world.client.get(f"/pages/audits/{CLERK}/4?lang=en").get_data(as_text=True)
    assert "Service exam" not in page
