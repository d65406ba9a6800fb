"""A penalty whose end the record does not give bars a promotion from its start on (found by helper hunt-employee,
2026-12-04).

A severe penalty of a kind with no fixed months (PEMBERHENTIAN: dismissal with honour not at one's own request, PP
94/2021) recorded without an `end_date`, and no separation recorded yet, was read as ending nowhere and so barring
nothing: the eligibility answer said "No disciplinary penalty bars a promotion" with a next promotion date, the career
page showed that date, and a 101 recorded after it was audited compliant. A penalty with no known end now stands from
its start until an end is recorded (a correction giving its `end_date`), as rule promotion.penalty reads it.
"""

from __future__ import annotations

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta

from careerlog.domain.ledger import latest_today
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_basis import page_text
from tests.functional.test_next_date_after_penalty import regular_offer

DISMISSAL = {"level": "SEVERE", "penalty_kind": "PEMBERHENTIAN", "reference": "HD-9"}


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def clerk(world: World, sequence: int) -> str:
    """An S-1 at III/b since 1 April 2019, confirmed and rated Baik every year to last year."""
    nip = f.nip(date(1985, 5, 5), date(2010, 3, 1), "M", sequence=sequence)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    confirmation = {"effective_date": "2011-03-01", "reference": "SK-PNS-1", "latsar_certificate": "LATSAR-1"}
    ledger.record(nip, "confirmation", confirmation, actor="test")
    ledger.record(nip, "rank_promotion", f.promotion("III/b", "2019-04-01"), actor="test")
    for year in range(2010, latest_today().year):
        ledger.record(nip, "performance_rating", f.rating(year), actor="test")
    return nip


def test_a_penalty_without_an_end_bars_the_promotion_with_no_next_date(world: World) -> None:
    nip = clerk(world, 811)
    start = latest_today().replace(day=1) - relativedelta(months=2)
    dismissal = DISMISSAL | {"effective_date": start.isoformat()}
    penalty = world.services.ledger.record(nip, "penalty", dismissal, actor="test")
    world.catch_up()
    item = regular_offer(world, nip)
    assert "promotion.penalty" in item["missing"]  # it was met: "No disciplinary penalty bars a promotion"
    assert item["next_date"] is None  # no day is known on which the penalty no longer bars it
    assert item["reached"] is False  # the penalty bars it: the offer's date has not come (until 2026-12-07 true)
    english = page_text(world, nip)
    assert "Next promotion date" not in english
    assert "No end of the penalty is recorded: no promotion date can be given while it stands." in english
    indonesian = page_text(world, nip, "id")
    assert "Tidak ada akhir hukuman disiplin yang tercatat" in indonesian
    # its end recorded by a correction: the next date is the first promotion date after it
    end = start + relativedelta(months=3, days=-1)
    correction = f.correction(penalty.version, start.isoformat(), end_date=end.isoformat())
    world.services.ledger.record(nip, "correction", correction, actor="test")
    world.catch_up()
    item = regular_offer(world, nip)
    assert item["next_date"] is not None
    assert item["next_date"] > end.isoformat()


def test_a_promotion_after_a_penalty_without_an_end_is_a_finding(world: World) -> None:
    nip = clerk(world, 812)
    ledger = world.services.ledger
    ledger.record(nip, "penalty", DISMISSAL | {"effective_date": "2023-01-02"}, actor="test")
    version = ledger.record(nip, "rank_promotion", f.promotion("III/c", "2023-04-01"), actor="test").version
    world.catch_up()
    audited = world.get(f"/api/v1/audits/promotions/{nip}-{version}", "admin").get_json()
    assert "promotion.penalty" in [x["rule"] for x in audited["findings"]]  # it was compliant
