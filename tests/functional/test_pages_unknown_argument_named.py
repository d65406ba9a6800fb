"""A page's argument it does not read is refused under its own name, as the API names an unknown field
(`/api/v1/audits/promotions?foo=1`: `{"foo": ["Unknown field."]}`), keeping the page's wording: an exploratory
tester (inspector, PostgreSQL) found `/pages/audits.csv?foo=bar`, `fairness.csv?by=sex&foo=1`,
`audits/posts.xlsx?per_page=3` and `time-to-promotion.csv?by=sex&after=x` answering 422 with every such reason under
`_schema`, naming no field; the HTML page still shows the reason above its form."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in

DOWNLOADS = [
    ("/pages/audits.csv?foo=bar", "foo"),
    ("/pages/fairness.csv?by=sex&foo=1", "foo"),
    ("/pages/audits/posts.xlsx?per_page=3", "per_page"),
    ("/pages/time-to-promotion.csv?by=sex&after=x", "after"),
]


@pytest.mark.parametrize(("path", "name"), DOWNLOADS)
def test_a_download_names_the_argument_it_does_not_read(world: World, path: str, name: str) -> None:
    log_in(world, "inspector")
    response = world.client.get(f"{path}&lang=id", headers={"Accept": "*/*"})
    assert (response.status_code, response.mimetype) == (422, "application/problem+json")
    errors = response.get_json()["errors"]
    assert list(errors) == [name]
    assert errors[name][0].startswith(f"{name} bukan saringan halaman ini; saringannya adalah ")


def test_the_page_names_it_too_and_shows_it_above_its_form(world: World) -> None:
    log_in(world, "inspector")
    response = world.client.get("/pages/audits?foo=bar&lang=en")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert '<p class="error" role="alert">foo is not a filter of this page; its filters are from, to, ' in page
    assert 'name="agency"' in page  # the form again, to ask otherwise
    download = world.client.get("/pages/audits.csv?foo=bar&lang=en")  # a browser's: the error page, unlabelled
    assert download.status_code == 422
    assert "<p>foo is not a filter of this page" in download.get_data(as_text=True)
