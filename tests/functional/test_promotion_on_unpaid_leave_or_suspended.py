"""No promotion while on unpaid leave (CLTN) or suspended (pemberhentian sementara): rule promotion.legal_status (I,
configurable: rules.toml `blocking_statuses`, docs/rules.md).

Found by helper inspecthunt (2026-12-03): an employee recorded on unpaid leave from 2015 to 2019 was promoted in 2016
with a compliant verdict, and a suspended employee was told by the eligibility answer that nothing was missing and
counted in every round's pool as eligible and not promoted (the fairness statistics' denominator).
"""

from __future__ import annotations

from datetime import date

import pytest
from babel.dates import format_date

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_basis import page_text


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def rated(world: World, sequence: int, sex: str = "M") -> str:
    """An S-1 at III/a since 1 March 2012 in KAB-LANGKAT, confirmed in 2013, rated Baik for 2012-2017."""
    nip = f.nip(date(1985, 5, 5), date(2012, 3, 1), sex, sequence=sequence)
    ledger = world.services.ledger
    placed = {"agency": "KAB-LANGKAT", "region": "12.05", "unit": "BKD"}
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a", **placed), actor="test")
    confirmation = {"effective_date": "2013-03-01", "reference": "SK-PNS-1", "latsar_certificate": "LATSAR-1"}
    ledger.record(nip, "confirmation", confirmation, actor="test")
    for year in range(2012, 2018):
        ledger.record(nip, "performance_rating", f.rating(year), actor="test")
    return nip


def test_a_promotion_while_on_unpaid_leave_is_a_finding(world: World) -> None:
    nip = rated(world, 781)
    ledger = world.services.ledger
    ledger.record(nip, "status_change", f.status("UNPAID_LEAVE", "2015-06-01"), actor="test")
    promoted = ledger.record(nip, "rank_promotion", f.promotion("III/b", "2016-04-01"), actor="test")
    world.catch_up()
    body = world.get(f"/api/v1/audits/promotions/{nip}-{promoted.version}", "admin").get_json()
    assert body["verdict"] == "findings"
    (finding,) = body["findings"]
    assert finding["rule"] == "promotion.legal_status"
    assert finding["message"] == "status UNPAID_LEAVE on 2016-04-01 bars a promotion"
    assert [e["kind"] for e in finding["evidence"]] == ["status_change"]


def test_a_promotion_after_returning_from_unpaid_leave_is_compliant(world: World) -> None:
    nip = rated(world, 782)
    ledger = world.services.ledger
    ledger.record(nip, "status_change", f.status("UNPAID_LEAVE", "2015-06-01"), actor="test")
    ledger.record(nip, "status_change", f.status("ACTIVE", "2016-04-01"), actor="test")
    promoted = ledger.record(nip, "rank_promotion", f.promotion("III/b", "2016-04-01"), actor="test")
    world.catch_up()
    body = world.get(f"/api/v1/audits/promotions/{nip}-{promoted.version}", "admin").get_json()
    assert body["verdict"] == "compliant"


def test_a_suspended_employee_is_neither_offered_a_promotion_nor_in_the_rounds_pool(world: World) -> None:
    working, suspended = rated(world, 783), rated(world, 784)
    world.services.ledger.record(suspended, "status_change", f.status("SUSPENDED", "2016-01-10"), actor="test")
    world.catch_up()
    offered = world.get(f"/api/v1/employees/{suspended}/eligibility", "admin").get_json()
    (regular,) = offered["items"]
    assert "promotion.legal_status" in regular["missing"]
    other = world.get(f"/api/v1/employees/{working}/eligibility", "admin").get_json()
    assert "promotion.legal_status" not in other["items"][0]["missing"]
    answer = world.get(
        "/api/v1/audits/fairness?by=sex&agency=KAB-LANGKAT&from=2016-04-01&to=2016-04-01", "admin"
    ).get_json()
    assert [(g["group"], g["pool"], g["promoted"]) for g in answer["groups"]] == [("M", 1, 0)]


def test_the_career_page_says_in_plain_words_that_the_suspension_bars_the_promotion(world: World) -> None:
    suspended = rated(world, 785)
    world.services.ledger.record(suspended, "status_change", f.status("SUSPENDED", "2016-01-10"), actor="test")
    world.catch_up()
    day = judged_on(world, suspended)  # (the first promotion date after today: the page says it as the day judged)
    english = page_text(world, suspended)
    said = f"Your legal status on {format_date(day, 'medium', 'en')}, Temporarily dismissed, bars a promotion while it"
    assert f"{said} lasts" in english
    indonesian = page_text(world, suspended, "id")
    said = f"Kedudukan hukum Anda pada {format_date(day, 'medium', 'id')}, Pemberhentian sementara, menghalangi"
    assert f"{said} kenaikan pangkat" in indonesian
    working = rated(world, 786)
    world.catch_up()
    said = "No legal status (such as unpaid leave or suspension) bars a promotion on"
    assert f"{said} {format_date(judged_on(world, working), 'medium', 'en')}" in page_text(world, working)


def judged_on(world: World, nip: str) -> date:
    """The day the regular promotion's requirements are judged on (eligibility), which the career page names."""
    (regular,) = world.get(f"/api/v1/employees/{nip}/eligibility", "admin").get_json()["items"]
    return date.fromisoformat(regular["judged_on"])
