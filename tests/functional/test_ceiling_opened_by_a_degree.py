"""What a higher degree opens for an employee at their education's ceiling (promotion.education_ceiling): the regular
promotion itself, its ceiling raised, and a promotion by degree (203) only when the degree starts above the rank held
(asn-career-rules.md section 2: the starting ranks and ceilings by education; 203's target is the new degree's
starting rank).

Found by helper emphunt (2026-12-03): a D-III employee at III/c, her ceiling, was told the blocked 101 to III/d "opens
with a higher degree recorded (a promotion by degree, 203)". An S-1 starts at III/a, an S-2 at III/b, an S-3 at III/c:
none above III/c, so no degree gives her a 203; an S-1 raises her ceiling to III/d, and the 101 opens.
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


def d3_at_iii_c(world: World) -> str:
    """A D-III pelaksana at III/c since 2021 (her regular ceiling), confirmed, rated Baik to last year."""
    nip = f.nip(date(1980, 3, 3), date(2005, 3, 1), "F", sequence=795)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="II/c", education="D-III"), actor="test")
    confirmation = {"effective_date": "2006-03-01", "reference": "SK-PNS-795", "latsar_certificate": "L-795"}
    ledger.record(nip, "confirmation", confirmation, actor="test")
    ledger.record(
        nip, "rank_promotion", f.promotion("III/c", "2021-04-01"), actor="test", confirmed=["promotion.one_step"]
    )
    for year in range(2005, latest_today().year):
        ledger.record(nip, "performance_rating", f.rating(year), actor="test")
    world.catch_up()
    return nip


def test_a_blocked_regular_promotion_is_said_to_open_with_a_higher_degree_raising_the_ceiling(world: World) -> None:
    nip = d3_at_iii_c(world)
    english = page_text(world, nip)
    assert (
        "It opens with a higher degree recorded, which raises that limit (with a promotion by degree, 203, too when "
        "the degree's starting rank is above your rank), or an appointment to a definitive managerial or functional "
        "post (201, 202)." in english
    )
    assert "(a promotion by degree, 203) or" not in english
    indonesian = page_text(world, nip, "id")
    assert (
        "Kenaikan ini terbuka bila ijazah yang lebih tinggi dicatat, yang menaikkan batas itu (juga dengan kenaikan "
        "pangkat penyesuaian ijazah, 203, bila pangkat awal ijazah itu di atas pangkat Anda)" in indonesian
    )
    # as said: an S-1 recorded opens the regular promotion to III/d, and no promotion by degree (S-1 starts at III/a)
    degree = {"level": "S-1", "field_of_study": "Hukum", "institution": "USU", "effective_date": "2025-08-01"}
    world.services.ledger.record(nip, "education", degree | {"reference": "IJZ-795"}, actor="test")
    world.catch_up()
    items = world.get(f"/api/v1/employees/{nip}/eligibility", "admin").get_json()["items"]
    assert [(i["kind"], i["new_rank"], i["blocked"]) for i in items] == [("101", "III/d", None)]
