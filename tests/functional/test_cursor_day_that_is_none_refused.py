"""A hand-made cursor whose day is no day (1990-13-45, 2024-02-30, `soon`, 19900101) is refused as any cursor the
list did not give, a 422 naming `after`: the roster sorted by a column of days (birth date, rank since, appointed
on) and the lists read in order of a day (audited promotions by TMT, awards by their date). It was compared as
text, and answered 200 with an empty page (or a page of whatever sorted after it), as if the list ended there.
A cursor a page gave, and one naming a real day no row holds, read on as before."""

from __future__ import annotations

from typing import Any

import pytest

from careerlog.keyset import decode_cursor, encode_cursor
from tests.functional.conftest import BUDI, World

NOT_DAYS = ["1990-13-45", "2024-02-30", "soon", "19900101", "1990-1-011"]


def roster(world: World, sort: str, after: str) -> Any:
    return world.get(f"/api/v1/employees?sort={sort}&after={after}")


@pytest.mark.parametrize("day", NOT_DAYS)
@pytest.mark.parametrize("sort", ["birth_date", "rank_since", "appointed_on"])
def test_a_roster_cursor_of_no_day_is_refused_naming_after(world: World, sort: str, day: str) -> None:
    answer = roster(world, sort, encode_cursor([sort, False, day, BUDI]))
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"]["after"] == [
        "Not a cursor of this list: pass the `next` of a page with the same sort."
    ]


@pytest.mark.parametrize("sort", ["birth_date", "rank_since", "appointed_on"])
def test_a_roster_cursor_of_a_day_reads_on(world: World, sort: str) -> None:
    first = roster(world, sort, encode_cursor([sort, False, "1900-01-01", "0"])).get_json()
    assert first["total"] == 3
    assert len(first["items"]) == 3  # every row's day is after 1900-01-01
    given = world.get(f"/api/v1/employees?sort={sort}&per_page=1").get_json()["next"]
    # (the roster's own values after the filters' digest: web.api.paging.bound_cursor)
    assert decode_cursor(given)[2] == sort
    assert len(roster(world, sort, given).get_json()["items"]) == 2


@pytest.mark.parametrize("day", NOT_DAYS)
@pytest.mark.parametrize(
    ("path", "name"), [("/api/v1/audits/promotions", "promotions"), ("/api/v1/audits/awards", "awards")]
)
def test_a_cursor_of_a_list_by_day_of_no_day_is_refused_naming_after(
    world: World, path: str, name: str, day: str
) -> None:
    answer = world.get(f"{path}?after={encode_cursor([name, day, BUDI, 2])}", "inspector")
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"]["after"] == [
        "Not a cursor of this list: pass the `next` of a page of the same list."
    ]


def test_a_cursor_of_audited_promotions_at_a_day_reads_on(world: World) -> None:
    answer = world.get(
        f"/api/v1/audits/promotions?after={encode_cursor(['promotions', '1900-01-01', '0', 0])}", "inspector"
    )
    assert answer.status_code == 200
    assert [item["nip"] for item in answer.get_json()["items"]] == [BUDI]  # (his III/b of 2014)
