"""The inspector's pages apply every filter their address names, as the API does, or refuse it: the audited
decisions' lists, their CSV exports and the fairness page read `unit` and `region` (the API's filters, and the
scorecard's links for a unit or a region), and an argument a page does not read (a misspelt `nips`, `rules`) is a
422 naming it. Before, the pages read `agency` alone and silently ignored the rest: `/pages/audits?unit=X` listed
all 6,424 promotions of the demo where the API listed a unit's 2,203, and its CSV exported them all. A verdict
the list cannot take was a 422 with no message on the page (the form had no place for it). Both stores."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest

from tests.functional.conftest import BUDI, World, own_client, served_world
from tests.functional.test_api_passed_over_verdict import passing_over
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_fairness_pool import rates, times

pytestmark = pytest.mark.xdist_group("test_inspector_page_filters")  # its module fixture is built once, on one worker


@pytest.fixture(scope="module")
def passed(shared_database_url: str) -> Iterator[World]:
    """Budi (KOTA-MEDAN, BKPSDM, region 12.71) promoted on 2018-04-01 (101) over Dewi: the world and the passed-over
    verdict's records, recorded once per module and store kind (every test here only reads them)."""
    with served_world(shared_database_url) as world:
        yield passing_over(world)


@pytest.fixture
def inspector(passed: World) -> World:
    """The shared world with a client of the test's own, logged in as the inspector."""
    world = own_client(passed)
    log_in(world, "inspector")
    return world


def listed(world: World, query: str) -> str:
    response = world.client.get(f"/pages/audits?{query}&lang=en")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def exported(world: World, query: str) -> list[dict[str, str]]:
    response = world.client.get(f"/pages/audits.csv?{query}")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


@pytest.mark.parametrize(
    ("name", "own", "other"), [("unit", "BKPSDM", "Dinas Pendidikan"), ("region", "12.71", "12.07")]
)
def test_the_audited_promotions_list_and_its_csv_filter_by_unit_and_region(
    inspector: World, name: str, own: str, other: str
) -> None:
    assert f">{BUDI}</a>" in listed(inspector, f"{name}={own}")
    page = listed(inspector, f"{name}={other}")
    assert f">{BUDI}</a>" not in page
    assert f'name="{name}" value="{other}"' in page  # the form shows the filter applied
    assert BUDI in {r["nip"] for r in exported(inspector, f"{name}={own}")}
    assert exported(inspector, f"{name}={other}") == []


@pytest.mark.parametrize("path", ["/pages/audits", "/pages/audits.csv", "/pages/audits/posts", "/pages/audits/awards"])
def test_an_argument_the_list_does_not_read_is_refused_naming_it(inspector: World, path: str) -> None:
    response = inspector.client.get(f"{path}?nips={BUDI}&lang=en")  # (`nip`, their filter since 2026-12-07)
    assert response.status_code == 422
    assert "nips is not a filter of this page" in response.get_data(as_text=True)
    indonesian = inspector.client.get(f"{path}?nips={BUDI}&lang=id").get_data(as_text=True)
    assert "nips bukan saringan halaman ini" in indonesian
    assert BUDI not in response.get_data(as_text=True).replace(f"nips={BUDI}", "")


def test_the_post_appointments_list_refuses_the_passed_over_filter_it_does_not_apply(inspector: World) -> None:
    response = inspector.client.get("/pages/audits/posts?passed_over=true&lang=en")
    assert response.status_code == 422
    assert "passed_over is not a filter of this page" in response.get_data(as_text=True)


def test_a_verdict_the_list_cannot_take_is_named_beside_its_field(inspector: World) -> None:
    response = inspector.client.get("/pages/audits?verdict=bogus&lang=en")
    assert response.status_code == 422
    assert 'id="verdict-error"' in response.get_data(as_text=True)


def test_the_promotion_kind_filter_reads_in_english_on_an_english_page(inspector: World) -> None:
    assert '<option value="101">Regular</option>' in listed(inspector, "")
    indonesian = inspector.client.get("/pages/audits?lang=id").get_data(as_text=True)
    assert '<option value="101">Reguler</option>' in indonesian


def test_the_fairness_page_and_its_csvs_apply_unit_and_region(
    inspector: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[dict[str, list[str]]] = []

    def asking(answer: dict[str, Any]) -> Any:
        def method(reader: Any, by: list[str], filters: dict[str, list[str]], **kwargs: Any) -> dict[str, Any]:
            asked.append({k: v for k, v in filters.items() if k in ("unit", "region")})
            return answer

        return method

    monkeypatch.setattr(inspector.services, "fairness", asking(rates()))
    monkeypatch.setattr(inspector.services, "time_to_promotion", asking(times()))
    for path, region in (
        ("/pages/fairness", "12.71"),
        ("/pages/fairness.csv", "12.07"),
        ("/pages/time-to-promotion.csv", "12.72"),
    ):
        response = inspector.client.get(f"{path}?unit=BKPSDM&region={region}&agency=KOTA-MEDAN")
        assert response.status_code == 200
    assert asked == [
        {"unit": ["BKPSDM"], "region": [region]} for region in ("12.71", "12.71", "12.07", "12.72")
    ]  # the page asks both statistics


@pytest.mark.parametrize("path", ["/pages/fairness", "/pages/fairness.csv", "/pages/time-to-promotion.csv"])
def test_an_argument_the_fairness_page_does_not_read_is_refused_naming_it(inspector: World, path: str) -> None:
    response = inspector.client.get(f"{path}?by=sex&units=BKPSDM&lang=en")
    assert response.status_code == 422
    assert "units is not a filter of this page" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/pages/audits", "/pages/audits.csv", "/pages/audits/awards", "/pages/fairness"])
@pytest.mark.parametrize(("name", "value"), [("agency", "kota-medann"), ("region", "12.7")])
def test_an_agency_or_region_no_reference_table_holds_is_refused_not_an_empty_list(
    inspector: World, path: str, name: str, value: str
) -> None:
    response = inspector.client.get(f"{path}?{name}={value}&lang=en")
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert f"Not a known code: &#39;{value}&#39;" in body or f"Not a known code: '{value}'" in body
    if not path.endswith(".csv"):
        assert f'id="{name}-error"' in body
        assert "Bukan kode yang dikenal" in inspector.client.get(f"{path}?{name}={value}&lang=id").get_data(
            as_text=True
        )


def test_the_audits_csv_writes_corrected_as_false_or_true_as_the_apis_csv(inspector: World) -> None:
    [row] = [r for r in exported(inspector, "kind=101") if r["nip"] == BUDI and r["tmt"] == "2018-04-01"]
    api = inspector.get("/api/v1/audits/promotions?format=csv&kind=101", "inspector").get_data(as_text=True)
    [from_api] = [r for r in csv.DictReader(io.StringIO(api.lstrip("\ufeff"))) if r["id"] == f"{BUDI}-{row['version']}"]
    assert row["corrected"] == from_api["corrected"] == "false"


@pytest.mark.parametrize(("value", "chosen"), [("yes", "true"), ("1", "true"), ("no", "false"), ("0", "false")])
def test_the_passed_over_filter_takes_the_apis_yes_and_no_and_shows_it_chosen(
    inspector: World, value: str, chosen: str
) -> None:
    page = listed(inspector, f"passed_over={value}")
    assert f'<option value="{chosen}" selected>' in page
    assert page.count("</tr>") == listed(inspector, f"passed_over={chosen}").count("</tr>")  # the same rows
    assert inspector.client.get("/pages/audits?passed_over=maybe").status_code == 422
