"""Refusals that say what to write: the API's date refusal names its format, YYYY-MM-DD, as the page's does (it read
"Not a valid date."); a `by` of too many fields says at most how many, naming those given (it read marshmallow's
"Length must be between 1 and 2."); a `by` field is read in any letter case, as a filter's code is (`by=Sex` was
refused where `agency=kota-medan` is read); and a page's unknown agency points to where a page's reader reads the
codes, the form's list beside it (it named the command `careerlog reference agencies`, then the API's path), in
English and Indonesian, the API's naming its reference table's path; a moment that does not read names its forms and
the zone of one without an offset (it read "Not a valid datetime."). Both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World, own_client
from tests.functional.test_pages_auth import log_in
from web.api.fields import DATE_TIME_FORMAT

# Its tests only read the world or are refused: one world per store for the module (world_of_each_store)
pytestmark = pytest.mark.xdist_group("test_refusals_say_what_to_write")


@pytest.fixture
def world(world_of_each_store: World) -> World:
    return own_client(world_of_each_store)


def refused(world: World, path: str) -> dict[str, list[str]]:
    response = world.get(path, "inspector")
    assert response.status_code == 422, response.get_json()
    errors: dict[str, list[str]] = response.get_json()["errors"]
    return errors


def test_the_apis_date_refusal_names_the_format(world: World) -> None:
    assert refused(world, "/api/v1/audits/promotions?from=20200101") == {"from": ["Must be a date YYYY-MM-DD."]}


def test_too_many_fields_to_group_by_says_at_most_how_many(world: World) -> None:
    errors = refused(world, "/api/v1/audits/fairness?by=sex,agency,region")
    assert errors == {"by": ["At most 2 fields to group by, got 3: 'sex', 'agency', 'region'."]}


@pytest.mark.parametrize("path", ["/api/v1/audits/fairness", "/api/v1/audits/time-to-promotion"])
def test_a_field_to_group_by_is_read_in_any_letter_case(world: World, path: str) -> None:
    lower = world.get(f"{path}?by=sex,education", "inspector")
    mixed = world.get(f"{path}?by=Sex,EDUCATION", "inspector")
    assert (lower.status_code, mixed.status_code) == (200, 200), mixed.get_json()
    assert mixed.get_json() == lower.get_json()
    log_in(world, "inspector")
    page = world.client.get("/pages/fairness?by=Sex&lang=en")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert 'id="by-error"' not in body
    assert "Female (F)" in body


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "Not a known code: &#39;kota-medann&#39;; choose one from the list."),
        ("id", "Bukan kode yang dikenal: &#39;kota-medann&#39;; pilih salah satu dari daftar."),
    ],
)
def test_a_pages_unknown_agency_points_to_the_forms_list_not_the_api(world: World, lang: str, words: str) -> None:
    # (until 2026-12-06 "(see GET /api/v1/reference/agencies)", "(lihat GET ...)": the API's path on a user's page)
    log_in(world, "inspector")
    response = world.client.get(f"/pages/audits?agency=kota-medann&lang={lang}")
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert words in body
    assert "careerlog reference" not in body
    assert "/api/v1" not in body.split('id="agency-error"')[1].split("</span>")[0]


def test_a_pages_unknown_region_says_how_a_region_is_written(world: World) -> None:
    log_in(world, "inspector")
    response = world.client.get("/pages/audits?region=12.7&lang=en")
    assert response.status_code == 422
    said = "Not a known code: &#39;12.7&#39;; write a region&#39;s code, such as 12 (a province) or 12.71 (a regency"
    assert said in response.get_data(as_text=True)


def test_the_apis_unknown_agency_still_names_its_reference_table(world: World) -> None:
    answer = world.get("/api/v1/audits/promotions?agency=kota-medann", "inspector")
    assert answer.status_code == 422
    assert "GET /api/v1/reference/agencies" in answer.get_json()["errors"]["agency"][0]


def test_an_unreadable_moment_names_its_forms_and_its_zone(world: World) -> None:
    # (until 2026-12-06 marshmallow's "Not a valid datetime.", naming neither the format nor the zone)
    errors = refused(world, f"/api/v1/employees/{BUDI}/timeline?known_at=2019-13-01")
    assert errors == {"known_at": [DATE_TIME_FORMAT]}
    assert "YYYY-MM-DD" in DATE_TIME_FORMAT
    assert "read as UTC" in DATE_TIME_FORMAT
