"""A filtered programmes report tells a reader of aggregates nothing of the programmes it withholds: it lists no
withheld row under a filter (`agency`, `unit`, `region`, `kind`, `year`), so that its answer is the same whether a
withheld programme had participants there or none (a reporting client's tester, 2026-12-07: `programme_id=P` withheld
its one participant; `&agency=PROV-SUMUT&unit=BKD&year=2019` listed the row, withheld, and `unit=BKPSDM` did not, so a
loop over the units placed every participant of the withheld programmes). A withheld row withholds its comparable
colleagues too, and an unknown programme is judged in such a reader's scope, not in the agency asked (a 422 there, a
200 where it had a participant, told the agency alike). Inspectors see every row. Both stores."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import SARI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_report_downloads import csv_rows
from tests.functional.test_suppression import record
from tests.functional.test_suppression import staffed as staffed  # (the fixture)
from tests.functional.test_suppression_slices import colleagues

PROGRAMMES = "/api/v1/reports/programmes"
FILTERED = (
    "?agency=KOTA-MEDAN",
    "?agency=KOTA-MEDAN&unit=Bappeda",
    "?agency=KOTA-MEDAN&unit=BKPSDM",
    "?year=2021",
    "?region=12",
    "?agency=KOTA-MEDAN&unit=Bappeda&year=2021",
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def shown_programme(world: World) -> None:
    """PRG-S: six new colleagues of BKPSDM, 2021, shown to a reader of aggregates under any filter holding them."""
    for nip in colleagues(world, 6):
        record(world, nip, "training", f.training("2021-03-05", 16, "2021-03-01", programme_id="PRG-S"))
    world.catch_up()


def withheld_programme(world: World) -> None:
    """PRG-W: Sari alone (KOTA-MEDAN's Bappeda), 2021: withheld from a reader of aggregates."""
    record(world, SARI, "training", f.training("2021-06-10", 8, "2021-06-09", programme_id="PRG-W"))
    world.catch_up()


def answers(world: World, who: str, queries: tuple[str, ...]) -> dict[str, tuple[int, bytes, bytes]]:
    """Each query's JSON and CSV answers as sent."""
    found = {}
    for query in queries:
        body = world.get(f"{PROGRAMMES}{query}", who)
        csv = world.get(f"{PROGRAMMES}{query}{'&' if '?' in query else '?'}format=csv", who)
        found[query] = (body.status_code, body.get_data(), csv.get_data())
    return found


def listed(world: World, query: str, who: str) -> dict[str, tuple[Any, bool]]:
    response = world.get(f"{PROGRAMMES}{query}", who)
    assert response.status_code == 200, response.get_json()
    return {i["programme_id"]: (i["participants"], i["suppressed"]) for i in response.get_json()["items"]}


def test_a_filtered_programmes_answer_is_the_same_whether_a_withheld_programme_has_participants_in_it(
    staffed: World,
) -> None:
    shown_programme(staffed)
    before = {who: answers(staffed, who, FILTERED) for who in ("reporter", "policy")}
    withheld_programme(staffed)
    after = {who: answers(staffed, who, FILTERED) for who in ("reporter", "policy")}
    assert after == before  # (was: PRG-W listed, withheld, under the filters holding Sari alone)
    assert listed(staffed, "?agency=KOTA-MEDAN&unit=Bappeda", "reporter") == {}
    assert listed(staffed, "?agency=KOTA-MEDAN&unit=BKPSDM", "reporter") == {"PRG-S": (6, False)}
    # unfiltered, the programmes of the reader's scope are listed, a withheld one too (its count withheld)
    assert listed(staffed, "", "reporter") == {"PRG-S": (6, False), "PRG-W": (None, True)}
    assert listed(staffed, "?programme_id=PRG-W", "reporter") == {"PRG-W": (None, True)}
    # a reader of records sees it where it is
    assert listed(staffed, "?agency=KOTA-MEDAN&unit=Bappeda", "inspector") == {"PRG-W": (1, False)}


def test_a_programme_named_under_a_filter_answers_alike_where_it_has_participants_or_none(staffed: World) -> None:
    shown_programme(staffed)
    withheld_programme(staffed)
    places = ("&agency=KOTA-MEDAN", "&agency=KAB-KARO", "&agency=KOTA-MEDAN&unit=Bappeda", "&region=12.71")
    named = answers(staffed, "reporter", tuple(f"?programme_id=PRG-W{place}" for place in places))
    # (was 200, the row withheld, in KOTA-MEDAN, and 422 "Unknown programme ... in agency KAB-KARO")
    assert {status for status, _json, _csv in named.values()} == {200}
    assert len({(body, csv) for _status, body, csv in named.values()}) == 1
    assert staffed.get(f"{PROGRAMMES}?programme_id=PRG-W&agency=KOTA-MEDAN", "reporter").get_json()["items"] == []
    # a programme recorded nowhere in the reader's scope is still refused, naming it
    assert staffed.get(f"{PROGRAMMES}?programme_id=NOPE&agency=KAB-KARO", "reporter").status_code == 422
    refused = staffed.get(f"{PROGRAMMES}?programme_id=PRG-W&agency=KAB-KARO", "inspector")  # (a reader of records)
    assert "in agency KAB-KARO" in refused.get_json()["errors"]["programme_id"][0]


def test_a_withheld_programmes_comparable_colleagues_are_withheld_with_it(staffed: World) -> None:
    withheld_programme(staffed)
    [row] = staffed.get(f"{PROGRAMMES}?programme_id=PRG-W", "reporter").get_json()["items"]
    comparison = ("comparable", "comparable_promoted", "comparable_promotion_rate", "promotion_rate_difference")
    assert row["suppressed"] is True
    assert [row[name] for name in comparison] == [None] * 4  # (comparable and comparable_promoted were shown)
    [exact] = staffed.get(f"{PROGRAMMES}?programme_id=PRG-W", "inspector").get_json()["items"]
    assert isinstance(exact["comparable"], int)


def test_the_programmes_page_and_its_downloads_list_no_withheld_programme_under_a_filter(staffed: World) -> None:
    shown_programme(staffed)
    withheld_programme(staffed)
    log_in(staffed, "reporter")
    rows = csv_rows(staffed, "/pages/reports/programmes.csv?agency=KOTA-MEDAN")
    assert [r["programme_id"] for r in rows] == ["PRG-S"]
    page = staffed.client.get("/pages/reports/programmes?agency=KOTA-MEDAN&lang=en").get_data(as_text=True)
    assert "PRG-S" in page
    assert "PRG-W" not in page
    assert "Filtered, no programme whose figures are withheld is listed" in page
    assert "no programme whose figures" not in staffed.client.get("/pages/reports/programmes?lang=en").get_data(
        as_text=True
    )
    unfiltered = csv_rows(staffed, "/pages/reports/programmes.csv")
    assert [(r["programme_id"], r["suppressed"]) for r in unfiltered] == [("PRG-S", "false"), ("PRG-W", "true")]
