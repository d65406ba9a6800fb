"""The audited decisions' lists (the API's and the pages, their downloads too) filter by NIP: an inspector with a
complaint about one employee lists that employee's audited decisions alone.

Until 2026-12-07 no list took a `nip`: the API refused it as an unknown field and the page as "not a filter of this
page", so the inspector paged through every decision of the agency. A NIP is read as the other NIP fields read it
(spaces, dots and dashes aside, fullwidth digits as 0-9); a value that is no NIP is refused naming `nip` (422), not
answered with an empty list read as "no audited decision of this employee". Both stores."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, RINA, SARI, World
from tests.functional.test_pages_auth import log_in

LISTS = ("/api/v1/audits/promotions", "/api/v1/audits/posts", "/api/v1/audits/appointments")
PAGES = ("/pages/audits", "/pages/audits/posts", "/pages/audits/appointments")
FULLWIDTH = {ord("0") + n: 0xFF10 + n for n in range(10)}  # (0-9 as an East Asian input method types them)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def promote_rina(world: World) -> None:
    world.services.ledger.record(RINA, "rank_promotion", f.promotion("III/b", "2003-04-01"), actor="test")
    world.catch_up()


def listed(world: World, query: str) -> list[str]:
    answer = world.get(f"/api/v1/audits/promotions?{query}", "inspector")
    assert answer.status_code == 200, answer.get_json()
    return [item["nip"] for item in answer.get_json()["items"]]


def test_the_api_lists_one_employees_audited_promotions_by_nip(world: World) -> None:
    promote_rina(world)
    assert sorted(listed(world, "")) == sorted([BUDI, RINA])
    assert listed(world, f"nip={BUDI}") == [BUDI]
    assert listed(world, f"nip={RINA}") == [RINA]
    assert sorted(listed(world, f"nip={BUDI}&nip={RINA}")) == sorted([BUDI, RINA])
    assert listed(world, f"nip={SARI}") == []  # (appointed, never promoted)


def test_the_nip_filter_reads_separators_and_fullwidth_digits(world: World) -> None:
    spaced = f"{BUDI[:8]} {BUDI[8:14]} {BUDI[14]} {BUDI[15:]}"
    assert listed(world, f"nip={quote(spaced)}") == [BUDI]
    assert listed(world, f"nip={quote(BUDI.translate(FULLWIDTH))}") == [BUDI]


@pytest.mark.parametrize("route", LISTS)
def test_a_nip_filter_that_is_no_nip_is_refused_naming_nip(world: World, route: str) -> None:
    answer = world.get(f"{route}?nip=12345", "inspector")
    assert answer.status_code == 422
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.get_json()["errors"] == {"nip": ["Must be 18 digits, got '12345'."]}


def test_the_nip_filter_stays_within_the_scope(world: World) -> None:
    promote_rina(world)  # (KAB-KARO's: outside KOTA-MEDAN's inspector's scope)
    answer = world.get(f"/api/v1/audits/promotions?nip={RINA}", "inspector_medan")
    assert (answer.status_code, answer.get_json()["items"]) == (200, [])


def text(body: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_the_audits_page_and_its_download_list_one_employee_by_nip(world: World) -> None:
    promote_rina(world)
    log_in(world, "inspector")
    page = world.client.get(f"/pages/audits?lang=en&nip={RINA}")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert RINA in body
    assert BUDI not in body
    assert f'name="nip" value="{RINA}"' in body  # (the form keeps it)
    rows = world.client.get(f"/pages/audits.csv?nip={RINA}").get_data(as_text=True).splitlines()
    assert len(rows) == 2
    assert RINA in rows[1]


@pytest.mark.parametrize("route", PAGES)
def test_the_pages_refuse_a_nip_that_is_no_nip_beside_the_field(world: World, route: str) -> None:
    log_in(world, "inspector")
    page = world.client.get(f"{route}?lang=en&nip=Budi")
    assert page.status_code == 422
    assert "Must be 18 digits, got 'Budi'." in text(page.get_data(as_text=True).replace("&#39;", "'"))
    assert world.client.get(f"{route}?lang=id&nip=Budi").get_data(as_text=True).count("Harus 18 digit") == 1
