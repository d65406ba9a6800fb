"""A cell of a filtered report is withheld from a reader of aggregates when the same report with one VALUE of a filter
given several left out, less the cell, leaves a small group, as with one whole filter left out: padding a small rank
with a large one (`rank=III/c&rank=III/b` against `rank=III/b`) or a small unit with a large one gave the small one
away by subtraction (a tester recovered every withheld rank-by-sex cell of the demo agency so). Inspectors see the
same exact counts; large differences leave a reporter's cells as they were; more than MAX_FILTER_VALUES values of one
filter are refused a reader of aggregates. Both stores, the API."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from careerlog.reference import reference
from tests.functional.conftest import World, appointment_of
from tests.functional.test_pages_auth import log_in
from tests.functional.test_suppression import HEADCOUNT, f, record
from tests.functional.test_suppression import staffed as staffed  # (the fixture)
from web.services import MAX_FILTER_VALUES

# They assert the headcount's withholding (CAREERLOG_DISCLOSURE=withhold): the default, pinned
pytestmark = pytest.mark.disclosure("withhold")

COMPLIANCE = "/api/v1/reports/training-compliance?year=2020"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def padded(staffed: World) -> World:
    """Beside the staffed agency (KOTA-MEDAN): 5 women and 5 men of III/a in BKPSDM, as many of III/b in Dinas
    Kesehatan, and 2 women and 1 man of III/c in Dinas Sosial, each PNS a year after the appointment."""
    sequence = iter(range(900, 1000))
    staff = (("BKPSDM", "III/a", 5, 5), ("Dinas Kesehatan", "III/b", 5, 5), ("Dinas Sosial", "III/c", 2, 1))
    for unit, rank, women, men in staff:
        for sex in ["F"] * women + ["M"] * men:
            nip = f.nip(date(1990, 5, 5), date(2016, 3, 1), sex, sequence=next(sequence))
            record(staffed, nip, "appointment", appointment_of(nip, unit=unit, rank=rank))
            record(staffed, nip, "confirmation", f.confirmation(f.a_year_after(date(2016, 3, 1))))
    staffed.catch_up()
    return staffed


def by_sex(body: dict[str, Any]) -> dict[str, tuple[Any, bool]]:
    return {item["sex"]: (item.get("count", item.get("staff")), item["suppressed"]) for item in body["items"]}


def test_a_small_rank_padded_with_a_large_one_is_withheld_from_a_reporter(padded: World) -> None:
    alone = padded.get(f"{HEADCOUNT}?by=sex&rank=III/b", "reporter").get_json()
    # (Budi, of III/b, with the 5 men of Dinas Kesehatan; its 5 women withheld since 2026-12-06 as the table by sex
    # and rank withholds them, the complement among the women of III/c's 2, the rank filter a slice; its 6 men their
    # complement beside the total)
    assert by_sex(alone) == {"F": (None, True), "M": (None, True)}
    both = padded.get(f"{HEADCOUNT}?by=sex&rank=III/c&rank=III/b", "reporter").get_json()
    assert by_sex(both) == {"F": (None, True), "M": (None, True)}  # were 7 and 7: the 2 women and 1 man of III/c
    assert both["total"] is None
    exact = padded.get(f"{HEADCOUNT}?by=sex&rank=III/c&rank=III/b", "inspector").get_json()
    assert (by_sex(exact), exact["total"]) == ({"F": (7, False), "M": (7, False)}, 14)


def test_a_large_rank_beside_another_large_one_is_withheld_only_as_the_table_by_rank_withholds_it(
    padded: World,
) -> None:
    path = f"{HEADCOUNT}?by=rank&rank=III/a&rank=III/b"  # (III/a 18 less III/b 11, and the other way: no small group)
    exact = padded.get(path, "inspector").get_json()["items"]
    shown = padded.get(path, "reporter").get_json()["items"]
    assert [(item["rank"], item["count"]) for item in exact] == [("III/a", 18), ("III/b", 11)]
    # (III/b withheld since 2026-12-06: the table by rank withholds it, the complement of III/c's 3, and 18 and 11
    # shown beside its total 32 gave those 3 away; the rank filter a slice of it; III/a its complement here)
    assert [(item["rank"], item["count"]) for item in shown] == [("III/a", None), ("III/b", None)]


def test_a_small_unit_padded_with_a_large_one_is_withheld_from_training_compliance(padded: World) -> None:
    alone = padded.get(f"{COMPLIANCE}&by=sex&unit=Dinas Kesehatan", "policy").get_json()
    # (its 5 women and 5 men withheld since 2026-12-06 as the report by sex and unit withholds them: its men the
    # complement among the men of Dinas Sosial's 1, its women theirs; the unit filter a slice of it)
    assert by_sex(alone) == {"F": (None, True), "M": (None, True)}
    both = padded.get(f"{COMPLIANCE}&by=sex&unit=Dinas Sosial&unit=Dinas Kesehatan", "policy").get_json()
    assert by_sex(both) == {"F": (None, True), "M": (None, True)}  # were 7 and 6: Dinas Sosial's 2 women and 1 man
    assert all(item["hours"] is None for item in both["items"])
    exact = padded.get(f"{COMPLIANCE}&by=sex&unit=Dinas Sosial&unit=Dinas Kesehatan", "inspector").get_json()
    assert by_sex(exact) == {"F": (7, False), "M": (6, False)}


def test_a_small_unit_padded_under_two_spellings_is_withheld_all_the_same(padded: World) -> None:
    path = f"{COMPLIANCE}&by=sex&unit=Dinas Sosial&unit=dinas  sosial&unit=Dinas Kesehatan"
    assert by_sex(padded.get(path, "policy").get_json()) == {"F": (None, True), "M": (None, True)}


def test_more_values_of_one_filter_than_the_cap_are_refused_a_reader_of_aggregates_naming_the_field(
    padded: World,
) -> None:
    many = "&".join(f"unit=Unit {n}" for n in range(MAX_FILTER_VALUES + 1))
    refused = padded.get(f"{HEADCOUNT}?by=sex&{many}", "reporter")
    assert refused.status_code == 422
    assert "unit" in str(refused.get_json())
    assert f"At most {MAX_FILTER_VALUES} values" in str(refused.get_json())
    assert padded.get(f"{COMPLIANCE}&by=sex&{many}", "policy").status_code == 422
    unknown = padded.get(f"{HEADCOUNT}?by=sex&{many}", "inspector").get_json()  # (an inspector is not capped)
    assert "At most" not in str(unknown)
    spellings = "&".join("unit=Dinas" + " " * n + "Sosial" for n in range(1, MAX_FILTER_VALUES + 1))
    shown = padded.get(f"{HEADCOUNT}?by=sex&{spellings}", "reporter")
    assert shown.status_code == 200  # (as many values as the cap: answered)


def test_the_report_page_refuses_more_agencies_than_the_cap_beside_the_field_in_indonesian(padded: World) -> None:
    log_in(padded, "reporter")
    codes = [agency.code for agency in reference().agencies][: MAX_FILTER_VALUES + 1]  # (38 in the reference)
    many = "&".join(f"agency={code}" for code in codes)
    answer = padded.client.get(f"/pages/reports/headcount?by=sex&{many}")
    assert answer.status_code == 422
    assert f"Paling banyak {MAX_FILTER_VALUES} nilai bagi pembaca agregat, diisi {MAX_FILTER_VALUES + 1}." in (
        answer.get_data(as_text=True)
    )
