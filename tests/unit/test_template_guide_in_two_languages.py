"""The guide sheet (Petunjuk) of each kind's import template describes every column in English and Indonesian, each
by its kind's own meaning. Found by an HR writer's pass of 2026-12-05: the training template's "Description /
Keterangan" column was English alone ("First day of the training."), and called a training's effective date, its
last day, "The date the fact took effect (TMT)." (docs/import-format.md said it was in both languages)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from careerlog.workbook_template import GUIDE_HEADER, TEMPLATE_KINDS, template_columns, template_workbook


def guide_descriptions(kind: str) -> dict[str, str]:
    guide = openpyxl.load_workbook(io.BytesIO(template_workbook(kind)))["Petunjuk"]
    at = GUIDE_HEADER.index("Description / Keterangan")
    names = [column.name for column in template_columns(kind)]
    return {row[0]: row[at] for row in guide.iter_rows(min_row=2, values_only=True) if row[0] in names}


def test_the_training_guide_describes_its_dates_by_their_meaning_in_both_languages() -> None:
    described = guide_descriptions("training")
    assert described["start_date"] == "First day of the training. / Hari pertama pelatihan."
    assert described["effective_date"] == "Last day of the training. / Hari terakhir pelatihan."


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_every_column_of_every_template_is_described_in_english_and_indonesian(kind: str) -> None:
    described = guide_descriptions(kind)
    assert set(described) == {column.name for column in template_columns(kind)}
    for name, text in described.items():
        english, _, indonesian = (text or "").partition(" / ")
        assert english, (kind, name, text)
        assert indonesian, (kind, name, text)
