"""The reports list their groups by rank in the roster's order of ranks (`sort=rank`: careerlog.reference.rank_order),
PNS ranks I/a ... IV/e, then PPPK grades I ... XVII, on the API, its CSV, the reports page's table and its CSV; both
stores.

The headcount by rank read the ranks as text (SQL's ORDER BY): I, III, III/a, III/b, IV/a, IX, V, the PPPK grades
among the PNS ranks and IX before V."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date

import pytest

from careerlog.reference import rank_order
from projections.training import report_order
from tests import factories as f
from tests.conftest import STORES, shared_store
from tests.functional.conftest import World, appointment_of, own_client, served_world
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_report_downloads import csv_rows, page_rows

pytestmark = pytest.mark.xdist_group("test_reports_list_ranks_in_roster_order")

GRADES = ("IX", "V", "III", "I")  # PPPK grades, out of order, one spelt as the start of PNS ranks
IN_ORDER = ["III/a", "III/b", "IV/a", "I", "III", "V", "IX"]  # the world's PNS ranks, one more, then the grades


@pytest.fixture(scope="module", params=STORES)
def ranked_world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The world (Budi III/b, Sari and Rina III/a) with a PNS of IV/a and a PPPK of each of GRADES, on each store."""
    with shared_store(request.param, tmp_path_factory) as url, served_world(url) as world:
        ledger = world.services.ledger
        nip = f.nip(date(1975, 5, 5), date(2000, 1, 1), "F", sequence=700)
        payload = appointment_of(nip, name="Senior", rank="IV/a")  # (above S-1's III/a: confirmed, since 2026-12-07)
        ledger.record(nip, "appointment", payload, actor="test", confirmed=("appointment.starting_rank",))
        for n, grade in enumerate(GRADES):
            born = date(1991, 2, 2 + n)
            pppk = f.pppk_nip(born, 2022, "M")
            kind = {"employment_kind": "PPPK", "rank": grade}
            payload = f.appointment(born, date(2022, 3, 1), "M", name=f"Kontrak {n}", **kind)
            ledger.record(pppk, "appointment", {**payload, "recruitment_path": "PPPK"}, actor="test")
        world.catch_up()
        yield world


@pytest.fixture
def ranked(ranked_world: World) -> World:
    return own_client(ranked_world)


@pytest.mark.parametrize("who", ["reporter", "inspector"])
def test_the_headcount_by_rank_lists_pns_ranks_then_grades_as_the_roster_sorts_them(ranked: World, who: str) -> None:
    answer = ranked.get("/api/v1/reports/headcount?by=rank", who).get_json()
    assert [i["rank"] for i in answer["items"]] == IN_ORDER
    written = ranked.get("/api/v1/reports/headcount?by=rank&format=csv", who).get_data(as_text=True)
    assert [r["rank"] for r in csv.DictReader(io.StringIO(written.lstrip("\ufeff")))] == IN_ORDER
    roster = ranked.get("/api/v1/employees?sort=rank&per_page=500", "admin").get_json()["items"]
    assert list(dict.fromkeys(i["rank"] for i in roster)) == IN_ORDER  # (the roster's order, the same)


def test_the_headcount_page_and_its_csv_list_ranks_in_the_rosters_order(ranked: World) -> None:
    log_in(ranked, "inspector")
    table = page_rows(ranked, "/pages/reports/headcount?by=rank&lang=en")
    assert [row[0].split()[0] for row in table][: len(IN_ORDER)] == IN_ORDER
    written = csv_rows(ranked, "/pages/reports/headcount.csv?by=rank&lang=en")
    assert [r["rank"] for r in written] == [*IN_ORDER, "total"]


def test_a_grouping_by_agency_and_rank_orders_the_ranks_within_each_agency(ranked: World) -> None:
    items = ranked.get("/api/v1/reports/headcount?by=agency,rank", "inspector").get_json()["items"]
    assert [(i["agency"], i["rank"]) for i in items] == [
        ("KAB-KARO", "III/a"),  # Rina
        *(("KOTA-MEDAN", rank) for rank in IN_ORDER),  # Sari III/a, Budi III/b, ...
    ]


def test_the_reports_order_reads_a_rank_by_rank_order_a_missing_one_last() -> None:
    """The key the headcount, the training compliance and the scorecard's groups sort by."""
    rows = [{"rank": r} for r in (None, "IX", "XVII", "IV/e", "I/a", "V", "II/d", "X")]
    ordered = [r["rank"] for r in sorted(rows, key=report_order(["rank"]))]
    assert ordered == ["I/a", "II/d", "IV/e", "V", "IX", "X", "XVII", None]
    assert [rank_order(r) for r in ordered] == [0, 7, 16, 21, 25, 26, 33, None]
