"""A decision's page cites, for each finding, the regulation in force on the promotion's TMT: a 2002 promotion's
finding read "PP 99/2000 jo PP 12/2002; Peraturan BKN 4/2023" (a 2023 regulation) and its missing ratings
"PermenPANRB 6/2022". Both stores."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_pages_auth import log_in

EARLY = f.nip(date(1976, 1, 1), date(2001, 3, 1), "M", sequence=761)
LATE = f.nip(date(1996, 1, 1), date(2024, 3, 1), "M", sequence=762)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def cited(world: World, nip: str, tmt: str) -> dict[str, str]:
    """Each finding's rule and the source its page shows, for a 101 to III/b on `tmt` a year after appointment."""
    world.services.ledger.record(nip, "appointment", appointment_of(nip, unit="BKPSDM"), actor="test")
    world.services.ledger.record(nip, "rank_promotion", f.promotion("III/b", tmt), actor="test")
    world.catch_up()
    [version] = [r["version"] for r in world.services.audit_view.promotions({}) if r["subject"] == nip]
    log_in(world, "inspector")
    page = world.client.get(f"/pages/audits/{nip}/{version}?lang=en")
    assert page.status_code == 200
    found = re.findall(r"<h3>([a-z_.]+) · .*?Source: ([^<]*?) · status", page.get_data(as_text=True), re.S)
    return dict(found)


def test_a_2002_promotions_findings_cite_the_regulations_of_2002(world: World) -> None:
    sources = cited(world, EARLY, "2002-04-01")
    assert sources["promotion.time_in_rank"] == "PP 99/2000 jo PP 12/2002"
    assert sources["promotion.performance"] == "PP 99/2000 jo PP 12/2002; PP 10/1979"


def test_a_2025_promotions_findings_cite_the_current_regulations(world: World) -> None:
    sources = cited(world, LATE, "2025-04-01")
    assert sources["promotion.time_in_rank"] == "PP 99/2000 jo PP 12/2002; Peraturan BKN 4/2023"
    assert sources["promotion.performance"] == "PP 99/2000; PP 30/2019; PermenPANRB 6/2022"
