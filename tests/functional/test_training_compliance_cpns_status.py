"""The training compliance report and the agency scorecard count a year's 20 JP staff by the status held on its
counting day (31 December), as the career page judges an employee's own years (`jp_by_year`): a PNS, not a CPNS
still in the probation year (the 20 JP of PP 11/2017 art. 203(4) is a PNS's; a CPNS's development is the basic
training, Latsar), nor a PPPK. The roster's spells held no confirmation date, so the report counted every PNS-track
employee in post, a CPNS appointed in November with Latsar among those meeting the 20 JP, and a CPNS confirmed late
among the staff of the year before the confirmation, where the career page judged neither.

KOTA-MEDAN: Budi (2010) and Sari (2015), PNS confirmed a year after their appointment (recorded here: without a
confirmation recorded an employee is a CPNS, however long ago appointed); Wati, appointed 1 March 2023 and confirmed
only on 3 February 2025 (a CPNS on 31 December 2024); Dodi, appointed 1 November 2025 with 40 JP of Latsar that
December (a CPNS on 31 December 2025).
"""

from __future__ import annotations

from datetime import date

import pytest

from projections.training import TrainingQueries
from tests import factories as f
from tests.functional.conftest import BUDI, SARI, World, appointment_of, confirm_world_pns
from tests.functional.test_pages_auth import log_in

WATI = f.nip(date(1995, 2, 2), date(2023, 3, 1), "F", sequence=771)
DODI = f.nip(date(2001, 6, 6), date(2025, 11, 1), "M", sequence=772)
TODAY = date(2026, 6, 30)


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


@pytest.fixture
def medan(world: World) -> World:
    confirm_world_pns(world)
    record = world.services.ledger.record
    record(WATI, "appointment", appointment_of(WATI, name="Wati Lubis"), actor="test")
    confirmation = {"effective_date": "2025-02-03", "reference": "SK-PNS-771", "latsar_certificate": "L-771"}
    record(WATI, "confirmation", confirmation, actor="test", migration=f.as_stored(world.services.ledger))
    record(DODI, "appointment", appointment_of(DODI, name="Dodi Nasution"), actor="test")
    record(DODI, "training", f.training("2025-12-12", 40, "2025-12-01"), actor="test")  # Latsar
    world.catch_up()
    return world


def staff(world: World, year: int) -> dict[str, tuple[int, int | None]]:
    """(staff, met) per agency of the compliance report."""
    queries = TrainingQueries(world.services.projector.views.sql, today=TODAY)
    return {r["agency"]: (r["staff"], r["met"]) for r in queries.compliance(year)}


def test_a_cpns_on_the_last_day_of_the_year_is_not_among_the_20_jp_staff(medan: World) -> None:
    assert staff(medan, 2025)["KOTA-MEDAN"] == (3, 0)  # Budi, Sari, Wati; not Dodi and his 40 JP of Latsar
    assert staff(medan, 2024)["KOTA-MEDAN"] == (2, 0)  # Wati was confirmed in 2025: a CPNS on 31 December 2024


def test_the_report_counts_the_years_the_career_page_judges(medan: World) -> None:
    queries = TrainingQueries(medan.services.projector.views.sql, today=TODAY)
    for year in (2023, 2024, 2025, 2026):
        judged = {
            nip
            for nip in (BUDI, SARI, WATI, DODI)
            if any(y["year"] == year and y["target_jp"] is not None for y in queries.jp_by_year(nip)["years"])
        }
        counted = sum(r["staff"] for r in queries.compliance(year, filters={"agency": "KOTA-MEDAN"}))
        assert counted == len(judged), year


def test_the_compliance_api_leaves_a_cpns_out(medan: World) -> None:
    body = medan.get("/api/v1/reports/training-compliance?year=2025&agency=KOTA-MEDAN", "inspector").get_json()
    assert [(i["agency"], i["staff"], i["met"]) for i in body["items"]] == [("KOTA-MEDAN", 3, 0)]


def test_the_scorecard_counts_the_pns_in_post_not_a_cpns(medan: World) -> None:
    card = medan.get("/api/v1/reports/scorecard?agency=KOTA-MEDAN&year=2025&years=1", "inspector").get_json()

    def whole(indicator: str) -> tuple[object, ...]:
        (item,) = [i for i in card["indicators"][indicator]["trend"] if not i["group"]]
        return item["numerator"], item["denominator"]

    assert whole("training.jp_share") == (0, 3)
    assert whole("training.hours_per_employee") == (0, 3)
    # below the 20 JP at the end of 2023 and 2024: Budi and Sari; Wati was a CPNS then, not judged short
    assert whole("training.least_trained_reached") == (0, 2)


def test_the_report_page_says_a_cpns_is_left_out(medan: World) -> None:
    log_in(medan, "inspector")
    for lang, said in (
        ("en", "a CPNS, not confirmed as PNS by then, is not"),
        ("id", "CPNS, yang belum diangkat sebagai PNS saat itu, tidak"),
    ):
        text = medan.client.get(f"/pages/reports/training?year=2025&lang={lang}").get_data(as_text=True)
        assert said in text, lang
