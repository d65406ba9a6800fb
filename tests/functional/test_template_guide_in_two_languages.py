"""The guide sheet (Petunjuk) of each kind's import template describes every column in English and Indonesian, each
by its kind's own meaning, on the import page's download and the API's alike. Found by an HR writer's pass of
2026-12-05: the training template's "Description / Keterangan" column was English alone ("First day of the
training."), and called a training's effective date, its last day, "The date the fact took effect (TMT)."
(docs/import-format.md said it was in both languages)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from careerlog.workbook_template import GUIDE_HEADER, TEMPLATE_KINDS, template_columns
from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


def guide_descriptions(workbook: bytes, kind: str) -> dict[str, str]:
    guide = openpyxl.load_workbook(io.BytesIO(workbook))["Petunjuk"]
    at = GUIDE_HEADER.index("Description / Keterangan")
    names = [column.name for column in template_columns(kind)]
    return {row[0]: row[at] for row in guide.iter_rows(min_row=2, values_only=True) if row[0] in names}


def test_the_import_pages_training_guide_describes_its_dates_by_their_meaning_in_both_languages(world: World) -> None:
    log_in(world, "hr")
    answer = world.client.get("/pages/import/templates/training.xlsx?lang=en")
    assert answer.status_code == 200
    described = guide_descriptions(answer.data, "training")
    assert described["start_date"] == "First day of the training. / Hari pertama diklat."
    assert described["effective_date"] == "Last day of the training / Hari terakhir pelatihan"
    assert "TMT" not in described["effective_date"]


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_every_column_of_every_template_is_described_in_english_and_indonesian(world: World, kind: str) -> None:
    answer = world.get(f"/api/v1/imports/templates/{kind}.xlsx", "hr")
    assert answer.status_code == 200
    described = guide_descriptions(answer.data, kind)
    assert set(described) == {column.name for column in template_columns(kind)}
    for name, text in described.items():
        english, _, indonesian = (text or "").partition(" / ")
        assert english, (kind, name, text)
        assert indonesian, (kind, name, text)
        assert indonesian != english, (kind, name, text)
