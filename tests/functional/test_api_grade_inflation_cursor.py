"""Grade inflation is read on after a cursor, as the other audit lists are (careerlog.keyset): each page carries
`next` and a `Link: <...>; rel="next"` header, and a client following them reads every unit-year once even when one
arrives meanwhile before its place (a unit rated since, whose name sorts first), where the page by number after
it shifts and repeats a unit-year. Its unit-years are still computed in full (the total counts them all); a cursor
that is not one of the list's, or given with `page`, is a 422 naming `after`. Both stores."""

from __future__ import annotations

from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_api_list_cursors import walk

INFLATION = "/api/v1/audits/grade-inflation"
UNITS = ("Bappeda", "Dinas Kesehatan", "Inspektorat")


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def inflated_unit(world: World, number: int, unit: str) -> None:
    """A KOTA-MEDAN unit rated Baik for 2023 with 5 of its 6 staff rated Baik and 1 Sangat Baik (over the cap)."""
    for n, predicate in enumerate(["BAIK"] * 5 + ["SANGAT_BAIK"]):
        nip = f.nip(date(1990, 1, 1), date(2020, 1, 1), "M", sequence=800 + 10 * number + n)
        world.services.ledger.record(nip, "appointment", appointment_of(nip, unit=unit), actor="test")
        world.services.ledger.record(nip, "performance_rating", f.rating(2023, predicate), actor="test")
    world.services.ledger.rate_unit("KOTA-MEDAN", unit, f.rating(2023), actor="test")
    world.catch_up()


@pytest.fixture
def inflated(world: World) -> World:
    for number, unit in enumerate(UNITS):
        inflated_unit(world, number, unit)
    return world


def test_following_next_reads_every_unit_year_once_while_one_arrives_before_it(inflated: World) -> None:
    whole = inflated.get(f"{INFLATION}?per_page=100", "inspector").get_json()["items"]
    assert [u["unit"] for u in whole] == list(UNITS)
    first = inflated.get(f"{INFLATION}?per_page=1", "inspector")
    body = first.get_json()
    assert (body["page"], body["items"], body["total"]) == (1, whole[:1], 3)
    assert first.headers["Link"] == f'<{INFLATION}?per_page=1&after={body["next"]}>; rel="next"'
    inflated_unit(inflated, 3, "Arsip")  # sorts before Bappeda
    assert inflated.get(f"{INFLATION}?per_page=100", "inspector").get_json()["total"] == 4
    # by number the second page now holds the first page's unit-year again: the list shifted
    assert inflated.get(f"{INFLATION}?per_page=1&page=2", "inspector").get_json()["items"] == whole[:1]
    # after the cursor: every unit-year of the list as it was, once, in order
    assert walk(inflated, INFLATION, "inspector", body, first.headers["Link"]) == whole


def test_a_csv_page_links_the_next_and_the_last_page_links_none(inflated: World) -> None:
    body = inflated.get(f"{INFLATION}?per_page=2", "inspector").get_json()
    csv = inflated.get(f"{INFLATION}?per_page=2&format=csv", "inspector")
    assert csv.mimetype == "text/csv"
    assert csv.headers["Link"] == f'<{INFLATION}?per_page=2&format=csv&after={body["next"]}>; rel="next"'
    last = inflated.get(f"{INFLATION}?per_page=100&after={body['next']}", "inspector")
    assert [u["unit"] for u in last.get_json()["items"]] == ["Inspektorat"]
    assert (last.get_json()["next"], last.get_json()["total"]) == (None, 3)
    assert "Link" not in last.headers


def test_a_cursor_not_of_the_list_or_with_a_page_is_a_422_naming_after(inflated: World) -> None:
    foreign = inflated.get("/api/v1/account-changes?per_page=1", "admin").get_json()["next"]
    roster = inflated.get("/api/v1/employees?per_page=1", "admin").get_json()["next"]
    mine = inflated.get(f"{INFLATION}?per_page=1", "inspector").get_json()["next"]
    # the list's own name with values of the wrong kinds (a year as text) or number
    wrong = ("WyJncmFkZS1pbmZsYXRpb24iLCIyMDIzIiwiS09UQS1NRURBTiIsIkJhcHBlZGEiXQ", "WyJncmFkZS1pbmZsYXRpb24iXQ")
    for cursor in ("nonsense", "WyJ4Il0", foreign, roster, "W251bGxd", *wrong):
        answer = inflated.get(f"{INFLATION}?after={cursor}", "inspector")
        assert answer.status_code == 422, (cursor, answer.get_json())
        assert answer.content_type == "application/problem+json"
        assert list(answer.get_json()["errors"]) == ["after"], cursor
    both = inflated.get(f"{INFLATION}?page=2&after={mine}", "inspector")
    assert both.status_code == 422
    assert both.get_json()["errors"] == {"after": ["Give either page or after, not both."]}


def test_the_openapi_document_names_the_cursor_the_next_and_the_link(inflated: World) -> None:
    document = inflated.get("/api/openapi.json", None).get_json()
    operation = document["paths"][INFLATION]["get"]
    assert "after" in {p["name"] for p in operation["parameters"] if p["in"] == "query"}
    answer = operation["responses"]["200"]
    assert "Link" in answer["headers"]
    schema = answer["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert {"next", "page"} <= set(document["components"]["schemas"][schema]["properties"])
