"""A rating of a year dated before the year has ended (rule skp.rated_after_year_end) refused by the API as a 422
problem naming effective_date, the year and the reason, and by the record form beside its field in Indonesian;
nothing is recorded."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

EVENTS = f"/api/v1/employees/{BUDI}/events"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_the_api_refuses_a_rating_dated_before_its_years_end_naming_the_date_and_the_year(world: World) -> None:
    before = world.log()
    body = {"kind": "performance_rating", **f.rating(2025, "BAIK", effective_date="2025-11-20")}
    answer = world.post(EVENTS, "hr", json=body)
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
    assert answer.get_json()["errors"] == {
        "effective_date": [
            "A rating of 2025 is given once the year has ended: its date must be on or after 2025-12-31 "
            "(rule skp.rated_after_year_end); 2025-11-20 is earlier. Check the year and the date."
        ]
    }
    assert world.log() == before
    answer = world.post(EVENTS, "hr", json={"kind": "performance_rating", **f.rating(2025, "BAIK")})
    assert answer.status_code == 201, answer.get_json()


def test_the_record_form_refuses_a_rating_dated_before_its_years_end_beside_its_field_in_indonesian(
    world: World,
) -> None:
    log_in(world, "hr")
    before = world.log()
    payload = {k: str(v) for k, v in f.rating(2025, "BAIK", effective_date="2025-06-30").items()}
    data = {**form_of(world, "performance_rating"), "nip": BUDI, **payload}
    answer = world.client.post("/pages/record?kind=performance_rating", data=data)
    assert answer.status_code == 422
    assert "Penilaian tahun 2025 diberikan setelah tahun itu berakhir" in answer.get_data(as_text=True)
    assert world.log() == before
