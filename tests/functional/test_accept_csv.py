"""CSV asked for by an Accept header with parameters (`text/csv; charset=utf-8`, RFC 4180's `header=present`)
is CSV, as the bare media type is: the parameters do not make the offer miss."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World

ACCEPTS = [
    "text/csv; charset=utf-8",
    "text/csv;header=present",
    "text/csv; charset=utf-8, application/json;q=0.5",
]
PATHS = ["/api/v1/employees?per_page=5", f"/api/v1/employees/{BUDI}/timeline", "/api/v1/audits/promotions"]


@pytest.mark.parametrize("accept", ACCEPTS)
@pytest.mark.parametrize("path", PATHS)
def test_an_accept_header_asking_for_csv_with_parameters_is_answered_in_csv(
    world: World, path: str, accept: str
) -> None:
    response = world.get(path, headers={"Accept": accept})

    assert response.status_code == 200
    assert response.mimetype == "text/csv"


@pytest.mark.parametrize("accept", ["text/csv;q=0, application/json", "application/json; charset=utf-8, text/csv;q=.5"])
def test_json_preferred_with_parameters_or_csv_refused_is_still_json(world: World, accept: str) -> None:
    response = world.get("/api/v1/employees?per_page=5", headers={"Accept": accept})

    assert response.status_code == 200
    assert response.mimetype == "application/json"
