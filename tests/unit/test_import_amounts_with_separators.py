"""An amount written with separators that the ledger cannot read as written, in a file not known to write numbers in
Indonesian (a CSV separated by commas or tabs, a workbook's text cell), is read as the one number it is in English or
in Indonesian (careerlog.textfiles.read_separated_amounts), as an amount after the rupiah sign already was: a cost
typed "1.500.000" into a workbook's Text column is 1500000, "1,500,000" too, "1.500.000,50" 1500000.50, a score
"85,5" 85.5. Each was refused as "Not a valid number.". One that is two numbers ("1,500": 1500, or 1.5) is refused
saying so; one the ledger reads as written ("1.500", 1.5) is left to it."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest

from careerlog.domain.payload import Unreadable
from careerlog.textfiles import READS_TWO_WAYS
from careerlog.workbooks import read_xlsx
from tests.unit.test_import_csv_header import rows

NIP = "199001012015031002"
HEADER = ["NIP", "Jenis Diklat", "Nama Diklat", "Penyelenggara", "JP", "Tanggal Mulai", "Tanggal Selesai"]
HEADER += ["Nomor Sertifikat", "Biaya"]


def workbook_cost(cell: str) -> Any:
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append([NIP, "TEKNIS", "Arsip", "BPSDM", 8, "2024-05-06", "2024-05-06", "C-1", cell])
    saved = io.BytesIO()
    book.save(saved)
    saved.seek(0)
    [(_, row, _)] = list(read_xlsx(saved, "training"))
    return row["cost"]


def csv_cost(cell: str, separator: str = ",") -> Any:
    line = [NIP, "TEKNIS", "Arsip", "BPSDM", "8", "2024-05-06", "2024-05-06", "C-1", f'"{cell}"']
    [(_, row)] = rows(separator.join(HEADER) + "\r\n" + separator.join(line) + "\r\n")
    assert isinstance(row, dict)
    return row["cost"]


@pytest.mark.parametrize(
    ("cell", "amount"),
    [
        ("1.500.000", "1500000"),
        ("1,500,000", "1500000"),
        ("1.500.000,50", "1500000.50"),
        ("1,500,000.50", "1500000.50"),
        ("1500000,5", "1500000.5"),
        ("1.500", "1.500"),  # (read by the ledger as written: 1.5)
        ("1500000.5", "1500000.5"),
    ],
)
@pytest.mark.parametrize("read", [workbook_cost, csv_cost])
def test_an_amount_with_separators_is_read_as_the_one_number_it_is(read: Any, cell: str, amount: str) -> None:
    assert read(cell) == amount


@pytest.mark.parametrize("read", [workbook_cost, csv_cost])
def test_an_amount_that_reads_as_two_numbers_is_refused_saying_so(read: Any) -> None:
    cost = read("1,500")
    assert isinstance(cost, Unreadable)
    assert cost.reason == READS_TWO_WAYS.reason(amount="1,500")


def test_a_tab_files_amount_is_read_so_too() -> None:
    assert csv_cost("1.500.000", "\t") == "1500000"


@pytest.mark.parametrize(
    ("cell", "amount"),
    [
        ("Rp 1 500 000", "1500000"),
        ("1 500 000", "1500000"),
        ("IDR 1.500.000", "1500000"),
        ("idr 2.750.000", "2750000"),
    ],
)
@pytest.mark.parametrize("separator", [";", ","])
def test_a_cost_grouped_by_spaces_or_written_with_idr_is_read_as_its_amount(
    cell: str, amount: str, separator: str
) -> None:
    """Until 2026-12-06 each was refused as "Not a valid number"."""
    assert Decimal(csv_cost(cell, separator)) == Decimal(amount)


@pytest.mark.parametrize("separator", [";", ","])
@pytest.mark.parametrize("cell", ["-", "\u2013", "Rp -", "Rp. -", "IDR \u2013", "rp-"])
def test_a_cost_written_as_a_dash_is_an_empty_cell(cell: str, separator: str) -> None:
    """A dash after the rupiah sign ("Rp -", an accounting format's zero) too: until 2026-12-06 refused as no number."""
    line = [NIP, "TEKNIS", "Arsip", "BPSDM", "8", "2024-05-06", "2024-05-06", "C-1", cell]
    [(_, row)] = rows(separator.join(HEADER) + "\r\n" + separator.join(line) + "\r\n")
    assert isinstance(row, dict)
    assert "cost" not in row


@pytest.mark.parametrize("cell", ["1,500", "Rp 1,500", "12,500", "Rp 1,500.50", "IDR 250,000"])
def test_one_group_of_commas_in_an_indonesian_file_is_refused_as_english_grouping(cell: str) -> None:
    """A "1,500" in a file of Indonesian numbers passed as 1,5 rupiah until 2026-12-06: refused as "1,500,000" is."""
    cost = csv_cost(cell, ";")
    assert isinstance(cost, Unreadable), cost
    assert "separates its thousands with commas, as English writes numbers" in str(cost.reason)
    assert csv_cost("1,5", ";") == "1.5"  # (a decimal comma, as Indonesian writes it, read as before)


def test_idr_is_the_sign_only_before_no_letter() -> None:
    """A cost "IDRX 5" was read as the amount "X 5" after the sign until 2026-12-06: no amount with a sign, left for
    the ledger to refuse as written; "IDR5000" is still the sign and its amount."""
    assert csv_cost("IDRX 5", ";") == "IDRX 5"
    assert csv_cost("IDRX 5", ",") == "IDRX 5"
    assert Decimal(csv_cost("IDR5000", ";")) == Decimal(5000)


def test_a_cost_grouped_by_commas_in_an_indonesian_file_is_refused_naming_why() -> None:
    cost = csv_cost("1,500,000", ";")
    assert isinstance(cost, Unreadable)
    assert "separates its thousands with commas, as English writes numbers" in str(cost.reason)
    assert csv_cost("1,500,000", ",") == "1500000"  # (a file of commas: English, read as the one number it is)
