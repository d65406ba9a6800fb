"""Inspector pages' whole-number arguments: a page number or a smallest cell that is not one is refused, naming it."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


@pytest.mark.parametrize("path", ["/pages/audits", "/pages/audits/awards"])
@pytest.mark.parametrize("number", ["abc", "0", "-1", "1.5"])
def test_a_page_number_that_is_not_a_whole_number_from_1_is_refused_naming_page(
    world: World, path: str, number: str
) -> None:
    # 'abc' showed page 1 as if asked for
    log_in(world, "inspector")
    response = world.client.get(path, query_string={"page": number, "lang": "en"})
    assert response.status_code == 422
    assert "Page: Must be a whole number of at least 1." in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/pages/audits", "/pages/audits/awards"])
@pytest.mark.parametrize("number", ["\uff12", "\u00b2", "\u0663"])
def test_a_page_number_in_other_digits_than_0_9_is_refused_saying_so(world: World, path: str, number: str) -> None:
    # fullwidth 2, superscript 2, Arabic-Indic 3: until 2026-12-07 told to be a whole number, which they look like
    # ('²', str.isdigit and refused by int(), was a 500 before that)
    log_in(world, "inspector")
    response = world.client.get(path, query_string={"page": number, "lang": "en"})
    assert response.status_code == 422
    said = "Page: Must be a whole number of at least 1, written in the digits 0-9."
    assert said in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/pages/audits", "/pages/audits/awards"])
def test_a_page_number_past_the_last_still_shows_the_last_page(world: World, path: str) -> None:
    log_in(world, "inspector")
    assert world.client.get(path, query_string={"page": "99999999999999999999"}).status_code == 200


@pytest.mark.parametrize("path", ["/pages/fairness", "/pages/fairness.csv", "/pages/time-to-promotion.csv"])
@pytest.mark.parametrize("min_cell", ["²", "٣", "abc"])
def test_a_smallest_cell_that_is_not_a_whole_number_is_refused_naming_min_cell(
    world: World, path: str, min_cell: str
) -> None:
    log_in(world, "inspector")
    response = world.client.get(path, query_string={"by": "sex", "min_cell": min_cell, "lang": "en"})
    assert response.status_code == 422
    assert "min_cell" in response.get_data(as_text=True)
