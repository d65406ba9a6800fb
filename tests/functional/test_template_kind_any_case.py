"""A template workbook's `{kind}` is read in any letter case, as the import reads its `kind` (`kind=Training` is
training, `careerlog import --kind TRAINING` too): `/api/v1/imports/templates/Training.xlsx` and the page's
`/pages/import/templates/TRAINING.xlsx` answer training's workbook, named `training.xlsx` (its kind read again
from its name when imported). They were a 404 "Unknown kind 'Training'; one of: ..." beside an import that took
`Training`. A kind no event has is still the 404 naming the kinds."""

from __future__ import annotations

import io

import openpyxl
import pytest

from careerlog.workbook_template import XLSX_TYPE
from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


@pytest.mark.parametrize("written", ["Training", "TRAINING", "tRaInInG"])
def test_the_apis_template_of_a_kind_in_any_case_is_the_kinds(world: World, written: str) -> None:
    answer = world.get(f"/api/v1/imports/templates/{written}.xlsx", "hr")
    assert answer.status_code == 200, answer.get_json(silent=True)
    assert answer.mimetype == XLSX_TYPE
    assert answer.headers["Content-Disposition"] == 'attachment; filename="training.xlsx"'
    assert header(answer.data) == header(world.get("/api/v1/imports/templates/training.xlsx", "hr").data)
    assert "hours" in header(answer.data)


def header(workbook: bytes) -> list[object]:
    """The first sheet's first row: the kind's columns."""
    return [cell.value for cell in openpyxl.load_workbook(io.BytesIO(workbook)).worksheets[0][1]]


def test_the_pages_template_of_a_kind_in_any_case_is_the_kinds(world: World) -> None:
    log_in(world, "hr")
    answer = world.client.get("/pages/import/templates/Rank_Promotion.xlsx")
    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"] == 'attachment; filename="rank_promotion.xlsx"'


def test_a_kind_no_event_has_is_still_a_404_naming_the_kinds(world: World) -> None:
    missing = world.get("/api/v1/imports/templates/Holiday.xlsx", "hr")
    assert missing.status_code == 404
    assert missing.get_json()["detail"].startswith("Unknown kind 'Holiday'; one of: appointment, confirmation,")
