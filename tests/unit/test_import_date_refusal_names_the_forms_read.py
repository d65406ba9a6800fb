"""A CSV file's or workbook's date the import cannot read is refused naming the forms it reads, in English and in
Indonesian, each example one the import reads as that day: its month's name or abbreviation in either language, after
the day or before it ("Aug 17, 2021", "Agustus 17, 2021"). Until 2026-12-07 the refusal named the month's Indonesian
name after the day alone ("17 Agustus 2021"), where the import read "Aug 17, 2021" and "Agt 17,2021" too."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

from babel.support import Translations

from careerlog.importing import IMPORT_DATE, read_csv
from careerlog.textfiles import _MONTH_FIRST

NIP = "199001012015031002"
HEADER = ["NIP", "Jenis Diklat", "Nama Diklat", "Penyelenggara", "JP", "Tanggal Mulai", "Tanggal Selesai", "No SK"]
CATALOGUE = Path(__file__).parents[2] / "web" / "translations"


def examples(text: str) -> list[str]:
    """The dates a refusal gives as examples: each between its parentheses, parted by ", " or "; " (a month-first
    date's own comma, "Aug 17, 2021", is followed by its year)."""
    return [e for group in re.findall(r"\(([^)]*)\)", text) for e in re.split(r"[,;] (?![0-9]{4}\b)", group)]


def read_in_a_semicolon_file(day: str) -> object:
    cells = [NIP, "TEKNIS", "Arsip", "BKPSDM", "8", day, day, "L-1"]
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([HEADER, cells])
    [(_, row, _)] = list(read_csv(io.BytesIO(out.getvalue().encode()), "training"))
    assert isinstance(row, dict)
    return row["start_date"]


def indonesian() -> str:
    return str(Translations.load(str(CATALOGUE), ["id"]).gettext(str(IMPORT_DATE)))


def test_each_date_the_refusal_gives_as_an_example_is_read_as_that_day() -> None:
    given = examples(str(IMPORT_DATE))
    assert len(given) == 9, given
    for day in given:
        assert date.fromisoformat(str(read_in_a_semicolon_file(day))) in (date(2021, 8, 17), date(2021, 8, 7)), day


def test_the_refusal_names_the_month_first_and_english_forms_the_import_reads() -> None:
    for text in (str(IMPORT_DATE), indonesian()):
        given = examples(text)
        assert [e for e in given if _MONTH_FIRST.fullmatch(e)] == ["Agustus 17, 2021", "Aug 17, 2021"], text
        assert "17 Aug 2021" in given, text  # (an English name)
        assert "17-Agt-2021" in given, text  # (an abbreviation)


def test_the_indonesian_refusal_gives_the_english_ones_examples() -> None:
    assert examples(indonesian()) == examples(str(IMPORT_DATE))
    assert "sebelumnya (Agustus 17, 2021; Aug 17, 2021)" in indonesian()
