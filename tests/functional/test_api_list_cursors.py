"""The audited promotions, posts and awards, the access log and the account changes are read on after a cursor, as
the roster is: each page carries `next` and a `Link: <...>; rel="next"` header, and a client following them reads
every row once even when rows arrive meanwhile before its place (a decision with an earlier TMT, a newer read of a
record, a new account), where the page by number after it shifts and repeats a row. Pages by number are kept. A
cursor that is not one of the list's, or given with `page`, is a 422 naming `after`. Both stores."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from careerlog.access import Scope
from tests import factories as f
from tests.functional.conftest import BUDI, RINA, SARI, World, appointment_of

DEDI = f.nip(date(1970, 3, 3), date(1995, 3, 1), "M", sequence=705)  # appointed, with a promotion and an award, later
ELSEWHERE = {"agency": "KAB-KARO", "region": "12.06", "unit": "Dinas Perhubungan"}

CURSOR_LISTS = {
    "promotions": ("/api/v1/audits/promotions", "inspector"),
    "posts": ("/api/v1/audits/posts", "inspector"),
    "awards": ("/api/v1/audits/awards", "inspector"),
    "access-log": ("/api/v1/access-log", "inspector"),
    "account-changes": ("/api/v1/account-changes", "admin"),
}
WALKED = ("promotions", "awards", "access-log", "account-changes")  # (the world has no post appointment)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def listed(world: World) -> World:
    """Three promotions (TMT 2002, 2014, 2019), three awards (2010, 2020, 2025), three reads of records by
    others, and the accounts' nine changes."""
    ledger = world.services.ledger
    ledger.record(RINA, "rank_promotion", f.promotion("III/b", "2002-04-01"), actor="test")
    ledger.record(SARI, "rank_promotion", f.promotion("III/b", "2019-04-01"), actor="test")
    for nip, day in ((RINA, "2010-08-17"), (BUDI, "2020-08-17"), (SARI, "2025-08-17")):
        ledger.record(nip, "award", f.award("SLKS_10", day), actor="test")
    world.catch_up()
    for nip in (BUDI, SARI, RINA):
        assert world.get(f"/api/v1/employees/{nip}", "admin").status_code == 200
    return world


def an_earlier_decision(world: World) -> None:
    """An employee of another unit appointed, promoted and awarded before every listed TMT and award date."""
    ledger = world.services.ledger
    ledger.record(DEDI, "appointment", appointment_of(DEDI, name="Dedi Purba", **ELSEWHERE), actor="test")
    ledger.record(DEDI, "rank_promotion", f.promotion("III/b", "1999-04-01"), actor="test")
    ledger.record(DEDI, "award", f.award("SLKS_10", "2005-08-17"), actor="test")
    world.catch_up()


def a_newer_read(world: World) -> None:
    assert world.get(f"/api/v1/employees/{BUDI}", "hr").status_code == 200


def a_new_account(world: World) -> None:
    world.services.accounts.create("late", display_name="Late", role="reporter", scope=Scope(national=True))


ARRIVING: dict[str, Callable[[World], None]] = {
    "promotions": an_earlier_decision,
    "awards": an_earlier_decision,
    "access-log": a_newer_read,
    "account-changes": a_new_account,
}


def walk(world: World, path: str, who: str, first: dict[str, Any], link: str | None) -> list[dict[str, Any]]:
    """The items of `first` and of every page after it, following each page's Link header (checked against its
    `next`)."""
    items = list(first["items"])
    body = first
    while link is not None:
        assert body["next"] is not None
        target = link.removeprefix("<").removesuffix('>; rel="next"')
        assert target.startswith(f"{path}?")
        assert f"after={body['next']}" in target
        answer = world.get(target, who)
        assert answer.status_code == 200, answer.get_json()
        body, link = answer.get_json(), answer.headers.get("Link")
        assert body["page"] is None
        items += body["items"]
    assert body["next"] is None
    return items


@pytest.mark.parametrize("name", WALKED)
def test_following_next_reads_every_row_once_while_rows_arrive_before_it(listed: World, name: str) -> None:
    path, who = CURSOR_LISTS[name]
    whole = listed.get(f"{path}?per_page=100", who).get_json()["items"]
    assert len(whole) >= 3
    first = listed.get(f"{path}?per_page=1", who)
    assert first.status_code == 200
    body = first.get_json()
    assert (body["page"], body["items"]) == (1, whole[:1])
    assert first.headers["Link"] == f'<{path}?per_page=1&after={body["next"]}>; rel="next"'
    ARRIVING[name](listed)
    assert listed.get(f"{path}?per_page=100", who).get_json()["total"] == len(whole) + 1
    # by number the second page now holds the first page's row again: the list shifted by the row that arrived
    assert listed.get(f"{path}?per_page=1&page=2", who).get_json()["items"] == whole[:1]
    # after the cursor: every row of the list as it was, once, in order
    assert walk(listed, path, who, body, first.headers["Link"]) == whole


@pytest.mark.parametrize("name", WALKED)
def test_a_csv_page_links_the_next_and_the_last_page_links_none(listed: World, name: str) -> None:
    path, who = CURSOR_LISTS[name]
    body = listed.get(f"{path}?per_page=2", who).get_json()
    csv = listed.get(f"{path}?per_page=2&format=csv", who)
    assert csv.mimetype == "text/csv"
    assert csv.headers["Link"] == f'<{path}?per_page=2&format=csv&after={body["next"]}>; rel="next"'
    last = listed.get(f"{path}?per_page=100&after={body['next']}", who)
    assert last.get_json()["next"] is None
    assert "Link" not in last.headers
    assert last.get_json()["total"] == body["total"]


@pytest.mark.parametrize("name", list(CURSOR_LISTS))
def test_a_cursor_not_of_the_list_or_with_a_page_is_a_422_naming_after(listed: World, name: str) -> None:
    path, who = CURSOR_LISTS[name]
    other = "account-changes" if name != "account-changes" else "access-log"
    foreign = listed.get(f"{CURSOR_LISTS[other][0]}?per_page=1", CURSOR_LISTS[other][1]).get_json()["next"]
    roster = listed.get("/api/v1/employees?per_page=1", "admin").get_json()["next"]
    for cursor in ("nonsense", "WyJ4Il0", foreign, roster, "W251bGxd"):
        answer = listed.get(f"{path}?after={cursor}", who)
        assert answer.status_code == 422, (cursor, answer.get_json())
        assert answer.content_type == "application/problem+json"
        assert list(answer.get_json()["errors"]) == ["after"], cursor
    both = listed.get(f"{path}?page=2&after={foreign}", who)
    assert both.status_code == 422
    assert both.get_json()["errors"] == {"after": ["Give either page or after, not both."]}


def test_the_openapi_document_names_the_cursor_the_next_and_the_link_of_each_list(listed: World) -> None:
    document = listed.get("/api/openapi.json", None).get_json()
    for path, _who in CURSOR_LISTS.values():
        operation = document["paths"][path]["get"]
        assert "after" in {p["name"] for p in operation["parameters"] if p["in"] == "query"}, path
        answer = operation["responses"]["200"]
        assert "Link" in answer["headers"], path
        schema = answer["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        assert {"next", "page"} <= set(document["components"]["schemas"][schema]["properties"]), path
