"""Credit points (promotion.credit_points) are earned while holding a functional post (PermenPANRB 1/2023): the years
counted start at the later of the rank's year and the post's, and a year with no functional post earns none.

Found by helper emphunt (2026-12-03): the count ran from the rank's year, so an employee at III/b since 2014 who took
up an Ahli Muda post in 2024 read as "met" (12 years x 25) where 50 of the 100 needed were earned in the post: in the
eligibility answer, on the career page and in the audit of a recorded 202. Both stores.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from careerlog.domain.ledger import latest_today
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_basis import page_text


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def functional_since(world: World, sequence: int, posts: list[tuple[str, str]], rated_until: int) -> str:
    """A confirmed PNS at III/b since 2014, rated Baik every year from 2014 to `rated_until` (excluded), holding the
    definitive posts `posts` (post kind or functional level, from the day given)."""
    nip = f.nip(date(1985, 5, 5), date(2010, 3, 1), "F", sequence=sequence)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    confirmation = {"effective_date": "2011-03-01", "reference": "SK-PNS-1", "latsar_certificate": "LATSAR-1"}
    ledger.record(nip, "confirmation", confirmation, actor="test")
    ledger.record(nip, "rank_promotion", f.promotion("III/b", "2014-04-01"), actor="test")
    for i, (level, day) in enumerate(posts):
        post: dict[str, Any] = {"post_kind": "PELAKSANA", "title": "Pengadministrasi Umum"}
        if level != "PELAKSANA":
            post = {"post_kind": "FUNGSIONAL", "level": level, "title": "Analis SDM Aparatur"}
        post |= {"unit": "BKPSDM", "assignment": "DEFINITIVE", "effective_date": day, "reference": f"SK-JF-{i}"}
        ledger.record(nip, "post_appointment", post, actor="test")
    for year in range(2014, rated_until):
        ledger.record(nip, "performance_rating", f.rating(year), actor="test")
    world.catch_up()
    return nip


def credit_requirement(world: World, nip: str) -> dict[str, Any]:
    body = world.get(f"/api/v1/employees/{nip}/eligibility", "admin").get_json()
    (offer,) = [i for i in body["items"] if i["kind"] == "202"]
    (found,) = [r for r in offer["requirements"] if r["rule"] == "promotion.credit_points"]
    return found


def test_the_eligibility_answer_counts_credit_from_the_functional_posts_start(world: World) -> None:
    this_year = latest_today().year
    nip = functional_since(world, 801, [("AHLI_MUDA", f"{this_year - 2}-03-01")], this_year)
    found = credit_requirement(world, nip)
    assert found["outcome"] == "missing"  # it was met: 25 a year counted since 2014
    assert found["message"] == f"credit 50 of 100 since {this_year - 2}"
    english = page_text(world, nip)  # the career page reads it
    assert f"Credit points (angka kredit): 50 of the 100 your level needs, counted from {this_year - 2}" in english


def test_years_between_functional_spells_earn_no_credit(world: World) -> None:
    """Ahli Muda in 2016-2017, an administrative post from 2018, Ahli Muda again from two years ago: the years of the
    two spells count (the first year of each whole), the years between do not."""
    this_year = latest_today().year
    posts = [("AHLI_MUDA", "2016-06-01"), ("PELAKSANA", "2018-01-01"), ("AHLI_MUDA", f"{this_year - 2}-03-01")]
    nip = functional_since(world, 802, posts, this_year)
    found = credit_requirement(world, nip)
    assert found["outcome"] == "met"
    assert found["message"] == "credit 100 of 100 since 2016"  # 2016, 2017 and the last two years


def test_the_audit_of_a_recorded_202_finds_credit_earned_before_the_post(world: World) -> None:
    nip = functional_since(world, 803, [("AHLI_MUDA", "2023-03-01")], 2025)
    world.services.ledger.record(nip, "rank_promotion", f.promotion("III/c", "2025-04-01", kind="202"), actor="test")
    world.catch_up()
    audited = world.get("/api/v1/audits/promotions?rule=promotion.credit_points&from=2025-04-01", "inspector")
    (decision,) = audited.get_json()["items"]  # none: it counted 2014-2024, 11 x 25
    assert decision["nip"] == nip
    body = world.get(f"/api/v1/audits/promotions/{nip}-{decision['version']}", "inspector").get_json()
    (finding,) = [x for x in body["findings"] if x["rule"] == "promotion.credit_points"]
    assert finding["message"] == "credit 50 of 100 since 2023"
