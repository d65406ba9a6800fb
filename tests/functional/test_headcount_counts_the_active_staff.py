"""The headcount counts the active staff unless asked for other statuses, and says so.

It counted every status by default (the 500-employee demo: 500 where 374 are active; a page "Pegawai" of 165 that
was 129 active, 32 retired and 4 deceased), read as the number of staff. Now the API and the pages count status
ACTIVE unless a `status` filter names others or `by=status` counts each; the page says which it counts. The
default is a filter as a given one is: for a reader of aggregates only, a cell the count of every status would give
away by subtraction is withheld. Both stores."""

from __future__ import annotations

from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import RINA, World, appointment_of
from tests.functional.test_pages_auth import log_in

HEADCOUNT = "/api/v1/reports/headcount"
MORE = [f.nip(date(1990, 1, 1 + i), date(2015, 3, 1), "M", sequence=801 + i) for i in range(2)]


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def retired(world: World) -> World:
    """Rina (KAB-KARO) retired; two more of KOTA-MEDAN, one of them retired: KOTA-MEDAN has 3 active of 4."""
    ledger = world.services.ledger
    for nip in MORE:
        ledger.record(nip, "appointment", appointment_of(nip, name="Andi Lubis"), actor="test")
    ledger.record(RINA, "status_change", f.status("RETIRED", "2025-10-01"), actor="test")
    ledger.record(MORE[0], "status_change", f.status("RETIRED", "2025-10-01"), actor="test")
    world.catch_up()
    return world


def counts(world: World, query: str, who: str = "admin") -> tuple[list[tuple[str, ...]], int | None]:
    body = world.get(f"{HEADCOUNT}?{query}", who).get_json()
    by = body["by"]
    return [(*(str(i[b]) for b in by), i["count"]) for i in body["items"]], body["total"]


def test_the_headcount_counts_the_active_staff_by_default(retired: World) -> None:
    assert counts(retired, "by=agency") == ([("KOTA-MEDAN", 3)], 3)  # (was KAB-KARO 1, KOTA-MEDAN 4: 5)
    assert counts(retired, "by=agency&status=RETIRED") == ([("KAB-KARO", 1), ("KOTA-MEDAN", 1)], 2)
    assert counts(retired, "by=agency&status=ACTIVE&status=RETIRED")[1] == 5
    assert counts(retired, "by=status")[0] == [("ACTIVE", 3), ("RETIRED", 2)]  # (every status, each apart)


def test_a_cell_the_count_of_every_status_gives_away_is_withheld(retired: World) -> None:
    retired.services.min_cell = 2  # (KOTA-MEDAN: 3 active of 4, the 1 not active a small group)
    assert counts(retired, "by=agency&agency=KOTA-MEDAN", "reporter")[0] == [("KOTA-MEDAN", None)]
    assert counts(retired, "by=agency&agency=KOTA-MEDAN", "admin")[0] == [("KOTA-MEDAN", 3)]  # (every figure exact)


def test_the_page_says_which_statuses_it_counts(retired: World) -> None:
    """In the page's language, every status left out named (until 2026-12-05 an English page read "Active staff only
    (status Aktif)", named leave and suspension alone among those left out, and said "Count by status" of the option
    labelled "Legal status")."""
    log_in(retired, "admin")
    page = retired.client.get("/pages/reports/headcount?by=agency&lang=en").get_data(as_text=True)
    note = page[page.index("Counted: legal status") :]
    note = note[: note.index("</p>")]
    assert "Aktif" not in note, note
    for left_out in ("Study leave", "Retired", "Deceased"):
        assert left_out.casefold() in note.casefold(), note
    assert "Group by legal status to count every status." in note, note
    page = retired.client.get("/pages/reports/headcount?by=agency&lang=id").get_data(as_text=True)
    assert "Dihitung: kedudukan hukum Aktif" in page
    assert "Tugas belajar" in page
    page = retired.client.get("/pages/reports/headcount?by=status&lang=en").get_data(as_text=True)
    assert "Every legal status is counted." in page


def test_the_api_and_the_downloads_say_which_statuses_they_count(retired: World) -> None:
    assert retired.get(f"{HEADCOUNT}?by=agency", "admin").get_json()["statuses"] == ["ACTIVE"]
    asked = retired.get(f"{HEADCOUNT}?by=agency&status=ACTIVE&status=RETIRED", "admin").get_json()
    assert asked["statuses"] == ["ACTIVE", "RETIRED"]
    assert "DECEASED" in retired.get(f"{HEADCOUNT}?by=status", "admin").get_json()["statuses"]
    log_in(retired, "admin")
    csv = retired.client.get("/pages/reports/headcount.csv?by=agency").get_data(as_text=True)
    header, *rows = csv.splitlines()
    assert header.endswith(",statuses"), header
    assert rows, csv
    assert all(row.endswith(",ACTIVE") for row in rows), csv
