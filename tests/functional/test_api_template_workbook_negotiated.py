"""A kind's template workbook (`GET /api/v1/imports/templates/{kind}.xlsx`) is negotiated by its own media type, the
Excel workbook's: an Accept header naming it (or allowing it: `*/*`, `application/*`, none) is answered the workbook,
and one allowing none of it (`application/json`, `text/csv`) is the 406 naming the header and the workbook's type, as
every endpoint answers an Accept header allowing none of its media types. Before, the endpoint was negotiated as if it
answered JSON: a client asking for the workbook by its type was refused 406 ("allows none of the media types offered
here: application/json"), and one asking for JSON alone was sent the workbook; `?format=csv` was refused saying that
the endpoint answers in JSON only."""

from __future__ import annotations

import pytest

from careerlog.workbook_template import XLSX_TYPE
from tests.functional.conftest import World

TEMPLATE = "/api/v1/imports/templates/training.xlsx"


@pytest.mark.parametrize("accept", [XLSX_TYPE, f"{XLSX_TYPE}; q=0.9, application/json; q=0.1", "*/*", "application/*"])
def test_a_header_allowing_the_workbook_is_answered_the_workbook(world: World, accept: str) -> None:
    answer = world.get(TEMPLATE, "hr", headers={"Accept": accept})
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    assert answer.mimetype == XLSX_TYPE


@pytest.mark.parametrize("accept", ["application/json", "text/csv", f"{XLSX_TYPE}; q=0"])
def test_a_header_allowing_none_of_it_is_a_406_naming_it(world: World, accept: str) -> None:
    answer = world.get(TEMPLATE, "hr", headers={"Accept": accept})
    assert answer.status_code == 406, answer.get_data(as_text=True)[:300]
    (reason,) = answer.get_json()["errors"]["Accept"]
    assert reason == f"Accept: {accept} allows none of the media types offered here: {XLSX_TYPE}.", reason


def test_format_is_refused_naming_the_workbook(world: World) -> None:
    answer = world.get(f"{TEMPLATE}?format=csv", "hr")
    assert answer.status_code == 422
    assert answer.get_json()["errors"] == {
        "format": [
            "CSV is not offered here: this endpoint answers in an Excel workbook (.xlsx) only; leave format out."
        ]
    }
