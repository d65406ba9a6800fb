"""A date of a tab-separated file (a spreadsheet's "Text (Tab delimited)" saved as .csv) that reads either way round
is refused saying the file is separated by tabs too, in the page's language: its reason said "a file separated by
commas may come from a spreadsheet that writes the month first" of a file that has no comma, leaving HR to wonder
which file it meant. Nothing is recorded."""

from __future__ import annotations

import html
import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_import_refused_rows_download import imported

HEADER = "NIP\tJenis Diklat\tNama Diklat\tPenyelenggara\tJP\tTanggal Mulai\tTanggal Selesai\tNo Sertifikat"
EITHER_WAY = f"{BUDI}\tTEKNIS\tArsip\tBKPSDM\t8\t06/05/2024\t06/05/2024\tTAB-1"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.mark.parametrize(("lang", "said"), [("id", "dipisahkan koma atau tab"), ("en", "separated by commas or tabs")])
def test_a_tab_files_date_read_either_way_is_refused_naming_tabs(world: World, lang: str, said: str) -> None:
    before = world.log()
    page = html.unescape(imported(world, "\r\n".join([HEADER, EITHER_WAY]) + "\r\n", lang=lang))
    reasons = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page[page.index("06/05/2024") - 2000 :]))
    assert said in reasons, reasons[:3000]
    assert world.log() == before
