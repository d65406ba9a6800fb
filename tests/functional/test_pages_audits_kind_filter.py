"""The inspector's lists of audited decisions filter by kind, as the API's `kind` does: the promotions' list by
promotion kind (101, 202, ...), the post appointments' by post kind, and their CSV exports with them. The
promotions' list had no kind filter: a functional-post (202) promotion could be found neither by its kind nor by
the colleagues passed over (which the list compares for 101s only). Chosen alone or with a passed-over, verdict,
severity or rule filter, 202 says where its colleagues are compared: on each promotion's own page, linked. A kind
no reference table holds is a 422 naming `kind` (page and API alike), not an empty list. Both stores."""

from __future__ import annotations

import csv
import io

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_api_passed_over_verdict import passed
from tests.functional.test_api_posts import STRONGER, record
from tests.functional.test_pages_auth import log_in

__all__ = ["passed"]  # Budi promoted on 2018-04-01 (101) over Dewi, clearly stronger (test_api_passed_over_verdict)

NOTE_202 = "Functional-post (202) promotions are compared with their colleagues on each promotion's own page"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def functional(passed: World) -> World:
    record(passed, STRONGER, "rank_promotion", f.promotion("III/c", "2018-10-01", kind="202"))
    passed.catch_up()
    log_in(passed, "inspector")
    return passed


def csv_rows(world: World, query: str) -> list[dict[str, str]]:
    response = world.client.get(f"/pages/audits.csv?{query}")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_the_promotions_list_and_its_csv_filter_by_kind(functional: World) -> None:
    page = functional.client.get("/pages/audits?kind=202&lang=en").get_data(as_text=True)
    assert '<select id="f-kind" name="kind"' in page
    assert '<option value="202" selected>' in page
    assert f">{STRONGER}</a>" in page
    assert f">{BUDI}</a>" not in page
    assert NOTE_202 in page
    assert f'href="/pages/audits/{STRONGER}/' in page  # its own page, where its colleagues are compared
    assert {(r["nip"], r["kind"]) for r in csv_rows(functional, "kind=202")} == {(STRONGER, "202")}
    assert {r["kind"] for r in csv_rows(functional, "kind=101")} == {"101"}
    assert NOTE_202 not in functional.client.get("/pages/audits?kind=101&lang=en").get_data(as_text=True)


def test_a_202_with_the_passed_over_filter_says_where_it_is_compared(functional: World) -> None:
    page = functional.client.get("/pages/audits?kind=202&passed_over=true&lang=en").get_data(as_text=True)
    assert NOTE_202 in page
    assert "No audited promotion matches." in page
    indonesian = functional.client.get("/pages/audits?kind=202&passed_over=true&lang=id").get_data(as_text=True)
    assert "Kenaikan pangkat jabatan fungsional (202) dibandingkan dengan rekan-rekannya" in indonesian


def test_the_post_appointments_list_filters_by_post_kind(functional: World) -> None:
    page = functional.client.get("/pages/audits/posts?kind=PENGAWAS&lang=en").get_data(as_text=True)
    assert '<option value="PENGAWAS" selected>' in page


@pytest.mark.parametrize("path", ["/pages/audits", "/pages/audits.csv", "/pages/audits/posts"])
def test_a_kind_no_reference_table_holds_is_refused_on_the_page_naming_kind(functional: World, path: str) -> None:
    response = functional.client.get(f"{path}?kind=999&lang=en")
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "999" in body
    indonesian = functional.client.get(f"{path}?kind=999&lang=id").get_data(as_text=True)
    assert "Bukan jenis" in indonesian


def test_the_api_filters_202_promotions_by_kind_and_refuses_an_unknown_kind(functional: World) -> None:
    items = functional.get("/api/v1/audits/promotions?kind=202&per_page=100", "inspector").get_json()["items"]
    assert {(i["nip"], i["kind"], i["passed_over_count"]) for i in items} == {(STRONGER, "202", None)}
    refused = functional.get("/api/v1/audits/promotions?kind=202&kind=2O2", "inspector")
    assert refused.status_code == 422
    assert refused.mimetype == "application/problem+json"
    [reason] = refused.get_json()["errors"]["kind"]
    assert "'2O2'" in reason
