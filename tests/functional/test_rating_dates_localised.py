"""The record form's refusal of a rating dated before its year has ended (skp.rated_after_year_end) shows both its
dates in the page's language, as every other refusal's dates: "31 Des 2025" and "30 Jun 2025" on an Indonesian
page, "Dec 31, 2025" on an English one, where it showed "2025-12-31" and "2025-06-30" amid an Indonesian sentence
(the refusal did not declare its dates). The API keeps the ISO dates (tests/functional/test_rating_year_end.py)."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("id", ["31 Des 2025", "30 Jun 2025"]),
        ("en", ["Dec 31, 2025", "Jun 30, 2025"]),
    ],
)
def test_the_record_form_shows_a_ratings_year_end_dates_in_the_pages_language(
    world: World, lang: str, shown: list[str]
) -> None:
    log_in(world, "hr")
    before = world.log()
    payload = {k: str(v) for k, v in f.rating(2025, "BAIK", effective_date="2025-06-30").items()}
    world.client.get(f"/pages/record?kind=performance_rating&lang={lang}")
    data = {**form_of(world, "performance_rating"), "nip": BUDI, **payload}
    answer = world.client.post("/pages/record?kind=performance_rating", data=data)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    for day in shown:
        assert day in page
    assert "2025-12-31" not in page
    assert world.log() == before
