"""The fairness page's downloads of a query no group answers (an agency with no staff: /pages/fairness.csv?agency=BKN,
/pages/time-to-promotion.csv?agency=KAB-KARO with no one promoted there) were a file of a byte-order mark and a
newline, no header row, where the API's `?format=csv` of the same query is headed by its columns (a client reads a
column by its name, an empty answer too). Each is now headed by the columns the same download has with rows, and its
workbook too. Both stores."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def csv_of(world: World, path: str) -> list[list[str]]:
    answer = world.client.get(path)
    assert answer.status_code == 200, path
    return list(csv.reader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))


@pytest.mark.parametrize("download", ["fairness", "time-to-promotion"])
def test_a_statistics_download_without_rows_is_headed_by_the_columns_it_has_with_rows(
    world: World, download: str
) -> None:
    log_in(world, "admin")
    with_rows = csv_of(world, f"/pages/{download}.csv?by=sex&min_cell=1")
    assert len(with_rows) > 1  # (the world's staff: groups)
    without = csv_of(world, f"/pages/{download}.csv?by=sex&min_cell=1&agency=BKN")  # (no staff there)
    assert without == [with_rows[0]]
    sheet = load_workbook(io.BytesIO(world.client.get(f"/pages/{download}.xlsx?by=sex&agency=BKN").data)).active
    assert sheet is not None
    assert sheet.max_row == 1
    assert len([c for c in next(sheet.iter_rows(values_only=True)) if c]) == len(with_rows[0])
