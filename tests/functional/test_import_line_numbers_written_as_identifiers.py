"""A line of an imported file is an identifier HR finds the row by, never a quantity: an Indonesian import's refusal
names "baris 1234", as the file's editor numbers it (careerlog.domain.wording.IDENTIFIERS). Until 2026-12-07 the
Indonesian page wrote "baris 1.234", and an English page "line 1,234". Both stores."""

from __future__ import annotations

import html
import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_import_page_header_refused_apart import imported_answer

HEADER = "nip,training_kind,title,organiser,hours,start_date,effective_date,reference\n"
# 1,232 blank lines after the header, then a row of four cells of eight: refused on line 1234
FILE = HEADER + "\n" * 1232 + f"{BUDI},TEKNIS,Excel,BPSDM\n"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.mark.parametrize(("lang", "said"), [("id", "Baris 1234 memiliki 4 sel"), ("en", "Line 1234 has 4 cells")])
def test_the_import_page_names_a_line_without_thousands_separators(world: World, lang: str, said: str) -> None:
    page = imported_answer(world, FILE, lang)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(page.get_data(as_text=True))))
    assert said in text, text[-2000:]
    assert "1.234" not in text
    assert "1,234" not in text
