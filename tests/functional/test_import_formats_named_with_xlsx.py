"""The start page's import card and the import page's introduction said "JSON Lines atau CSV" and left out the Excel
workbook (.xlsx) the import reads (and whose templates the page offers). Both name it, in both languages."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


@pytest.mark.parametrize(
    ("lang", "card", "intro"),
    [
        (
            "id",
            "JSON Lines, CSV, atau buku kerja Excel (.xlsx), dengan laporan",
            "CSV, atau buku kerja Excel (.xlsx; satu",
        ),
        (
            "en",
            "JSON Lines, CSV or an Excel workbook (.xlsx), with a report",
            "CSV or an Excel workbook (.xlsx; one kind",
        ),
    ],
)
def test_the_start_page_and_the_import_page_name_the_excel_workbook(
    world: World, lang: str, card: str, intro: str
) -> None:
    log_in(world, "hr")
    assert card in world.client.get(f"/pages/?lang={lang}").get_data(as_text=True)
    assert intro in world.client.get(f"/pages/import?lang={lang}").get_data(as_text=True)
