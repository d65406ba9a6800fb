"""Ratings of earlier years through the API and the record form: the predicate of the year's scheme (DP3 Amat Baik
for 2012, PP 46/2011 Cukup for 2016) recorded with its score, one of another scheme refused as a 422 naming the
field, the year and the predicates accepted, and the pages naming the predicate as its scheme does."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

EVENTS = f"/api/v1/employees/{BUDI}/events"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def rating(year: int, predicate: str, **more: Any) -> dict[str, Any]:
    return {"kind": "performance_rating", **f.rating(year, predicate), **more}


def test_the_api_records_a_dp3_and_a_pp_46_2011_rating_with_their_scores(world: World) -> None:
    for body in (rating(2012, "Amat Baik", score=92.5), rating(2016, "CUKUP", score="70.25")):
        answer = world.post(EVENTS, "hr", json=body)
        assert answer.status_code == 201, answer.get_data(as_text=True)
    world.catch_up()
    timeline = world.get(f"/api/v1/employees/{BUDI}/timeline", "hr").get_json()
    rated = {i["values"]["year"]: i["values"] for i in timeline["items"] if i["kind"] == "performance_rating"}
    assert {y: (v["predicate"], v["score"]) for y, v in rated.items()} == {
        2012: ("AMAT_BAIK", "92.5"),  # (a decimal as a string, as a training's cost)
        2016: ("CUKUP", "70.25"),
    }


def test_the_api_refuses_a_predicate_of_another_scheme_naming_the_field_the_year_and_the_accepted_predicates(
    world: World,
) -> None:
    before = world.log()
    answer = world.post(EVENTS, "hr", json=rating(2012, "SANGAT_BAIK"))
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
    assert answer.get_json()["errors"] == {
        "predicate": [
            "'SANGAT_BAIK' is not a predicate of the DP3 (PP 10/1979) scheme in force for 2012; accepted for 2012: "
            "Amat Baik (AMAT_BAIK), Baik (BAIK), Cukup (CUKUP), Sedang (SEDANG), Kurang (DP3_KURANG)."
        ]
    }
    answer = world.post(EVENTS, "hr", json=rating(2016, "BAIK", score=95))
    assert answer.status_code == 422
    assert answer.get_json()["errors"] == {
        "score": ["95 is outside the band of Baik in the SKP (PP 46/2011) scheme: at least 76 and below 91."]
    }
    answer = world.post(EVENTS, "hr", json=rating(2024, "BAIK", score=80))
    assert answer.status_code == 422
    assert list(answer.get_json()["errors"]) == ["score"]
    assert world.log() == before


def rating_form(world: World, **values: str) -> dict[str, str]:
    payload = {k: str(v) for k, v in f.rating(int(values.pop("year")), values.pop("predicate")).items()}
    return {**form_of(world, "performance_rating"), "nip": BUDI, **payload, **values}


def test_the_record_form_offers_every_schemes_predicates_and_records_a_dp3_kurang_with_a_decimal_comma(
    world: World,
) -> None:
    log_in(world, "hr")
    form = world.client.get("/pages/record?kind=performance_rating").get_data(as_text=True)
    for code in ("AMAT_BAIK", "CUKUP", "BURUK", "DP3_KURANG", "BUTUH_PERBAIKAN"):
        assert f'<option value="{code}"' in form
    answer = world.client.post(
        "/pages/record?kind=performance_rating", data=rating_form(world, year="2011", predicate="Kurang", score="45,5")
    )
    assert answer.status_code == 302, answer.get_data(as_text=True)
    world.catch_up()
    page = world.client.get(f"/pages/employees/{BUDI}").get_data(as_text=True)
    assert "Kurang" in page
    assert "45,5" in page


def test_the_record_form_refuses_a_predicate_of_another_scheme_beside_its_field_in_indonesian(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    answer = world.client.post(
        "/pages/record?kind=performance_rating", data=rating_form(world, year="2016", predicate="BUTUH_PERBAIKAN")
    )
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert "bukan predikat skema SKP (PP 46/2011) yang berlaku untuk tahun 2016" in page
    assert world.log() == before


def test_the_record_form_refuses_a_score_out_of_its_band_with_the_numbers_written_in_indonesian(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    answer = world.client.post(
        "/pages/record?kind=performance_rating",
        data=rating_form(world, year="2016", predicate="BAIK", score="95,5"),
    )
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert "95,5 di luar rentang nilai Baik" in page
    assert "95.5" not in page
    assert world.log() == before
