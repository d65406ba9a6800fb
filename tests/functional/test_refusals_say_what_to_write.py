"""Refusals that say what to write: the API's date refusal names its format, YYYY-MM-DD, as the page's does (it read
"Not a valid date."); a `by` of too many fields says at most how many, naming those given (it read marshmallow's
"Length must be between 1 and 2."); a `by` field is read in any letter case, as a filter's code is (`by=Sex` was
refused where `agency=kota-medan` is read); and a page's unknown agency points to where a page's reader reads the
codes, the API's reference table (it named the command `careerlog reference agencies`), in English and Indonesian.
Both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


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
        ("en", "Not a known code: &#39;kota-medann&#39; (see GET /api/v1/reference/agencies)."),
        ("id", "Bukan kode yang dikenal: &#39;kota-medann&#39; (lihat GET /api/v1/reference/agencies)."),
    ],
)
def test_a_pages_unknown_agency_points_to_the_reference_a_page_reader_reads(
    world: World, lang: str, words: str
) -> None:
    log_in(world, "inspector")
    response = world.client.get(f"/pages/audits?agency=kota-medann&lang={lang}")
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert words in body
    assert "careerlog reference" not in body
