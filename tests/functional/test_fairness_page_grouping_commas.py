"""The fairness page and its downloads read `by` written as the API and the reports pages write it, fields between
commas (`by=sex,education`), as they read the form's two selects (`by=sex&by=education`).

Before, /pages/fairness?by=sex,education (the API's /api/v1/audits/fairness?by=sex,education, or a reports page's
`by=agency,unit`, carried over) was a 422: "Unknown grouping 'sex,education'; one of sex, agency, ..." / "Pengelompokan
'sex,education' tidak dikenal", though both fields are groupings. Now it is the intersection, the same table as the
two selects give; a field left empty (`by=sex,`) is still refused. Both stores."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def inspector(world: World) -> World:
    log_in(world, "inspector")
    return world


@pytest.mark.parametrize("path", ["/pages/fairness", "/pages/fairness.csv", "/pages/time-to-promotion.csv"])
def test_a_grouping_between_commas_reads_as_the_two_selects(inspector: World, path: str) -> None:
    commas = inspector.client.get(f"{path}?by=sex,education&lang=en")
    selects = inspector.client.get(f"{path}?by=sex&by=education&lang=en")
    assert commas.status_code == 200, commas.get_data(as_text=True)[-600:]
    assert tables(commas.get_data(as_text=True)) == tables(selects.get_data(as_text=True))


def tables(text: str) -> list[str]:
    """A page's tables (its language links and downloads keep the address as written), or a download whole."""
    found = re.findall(r"<table.*?</table>", text, flags=re.S)
    return found or [text]


def test_the_page_shows_the_intersection_chosen_in_its_form(inspector: World) -> None:
    text = inspector.client.get("/pages/fairness?by=sex,education&lang=en").get_data(as_text=True)
    assert '<option value="education" selected>' in text  # the second select shows the intersection asked for


@pytest.mark.parametrize("by", ["sex,", ",sex", "sex,,education"])
def test_a_field_left_empty_between_commas_is_still_refused(inspector: World, by: str) -> None:
    response = inspector.client.get(f"/pages/fairness?by={by}&lang=en")
    assert response.status_code == 422
    # beside the grouping, in the API's words (until 2026-12-06 "Unknown dimension ''")
    said = f"An empty code in &#39;{by}&#39;: write a code on each side of every comma."
    assert f'id="by-error">{said}' in response.get_data(as_text=True)
