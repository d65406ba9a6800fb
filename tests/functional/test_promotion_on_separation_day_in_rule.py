"""A regular promotion effective on the day the service ends (TMT = the retirement's date), every rule met, is in
rule in the promotion rounds as in the audit: the audit judges it as earned in the service ending that day
(docs/audit.md, settled ambiguities), and the fairness pool counted it as `promoted_out_of_rule` all the same.

Found by helper inspecthunt (2026-12-03): the round on the separation day was judged eligible only while in service
(`day < separated`), so the promoted row read not eligible while the audit read the decision compliant.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import World, appointment_of


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def promoted_as_retiring(world: World) -> tuple[str, int]:
    """An S-1 at III/a since 2000 in KAB-LANGKAT, rated Baik, promoted to III/b on 1 April 2024, the day of their
    retirement."""
    nip = f.nip(date(1966, 3, 10), date(2000, 3, 1), "M", sequence=798)
    ledger = world.services.ledger
    placed = {"agency": "KAB-LANGKAT", "region": "12.05", "unit": "BKD"}
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a", **placed), actor="test")
    confirmation = {"effective_date": "2001-03-01", "reference": "SK-PNS-798", "latsar_certificate": "PRAJAB-798"}
    ledger.record(nip, "confirmation", confirmation, actor="test")
    for year in (2022, 2023):
        ledger.record(nip, "performance_rating", f.rating(year), actor="test")
    promoted = ledger.record(nip, "rank_promotion", f.promotion("III/b", "2024-04-01"), actor="test")
    ledger.record(nip, "status_change", f.status("RETIRED", "2024-04-01"), actor="test")
    world.catch_up()
    return nip, promoted.version


def test_a_promotion_on_the_separation_day_meeting_every_rule_is_in_rule_in_the_pool(world: World) -> None:
    nip, version = promoted_as_retiring(world)
    decision = world.get(f"/api/v1/audits/promotions/{nip}-{version}", "admin").get_json()
    assert decision["verdict"] == "compliant"
    answer = world.get(
        "/api/v1/audits/fairness?by=sex&agency=KAB-LANGKAT&from=2024-04-01&to=2024-04-01", "admin"
    ).get_json()
    assert [(g["group"], g["pool"], g["promoted"], g["promoted_out_of_rule"]) for g in answer["groups"]] == [
        ("M", 1, 1, 0)
    ]
