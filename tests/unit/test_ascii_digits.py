"""Where careerlog reads a number from a text, it reads digits 0-9 alone: int(), float(), Decimal(), Babel and a
str pattern's \\d also read other scripts' digits (Arabic-Indic, full-width) and int() reads '1_0' as 10."""

from __future__ import annotations

from decimal import Decimal

import pytest
from marshmallow import ValidationError

from careerlog.domain.payload import FieldSpec, parse_value
from careerlog.textfiles import read_day_first_dates, spreadsheet_dates
from projections.training import whole_number
from web.api.fields import PlainDecimal, PlainNumber, WholeNumber

ARABIC_12 = "\u0661\u0662"
FULL_WIDTH_12 = "\uff11\uff12"
OTHERWISE = (ARABIC_12, FULL_WIDTH_12, "1_2", "\u00a0\u0661\u0662")
# a no-break space around digits 0-9 is trimmed as a space (tests/integration/test_number_cells_read_alike.py;
# until 2026-12-04 "\u00a012" was refused here as no ASCII, where the ledger's whole numbers read it)
SPACED = ("\u00a012", "12\u202f")


@pytest.mark.parametrize("field", [WholeNumber(), PlainNumber(), PlainDecimal()], ids=type)
def test_the_apis_number_fields_read_digits_0_to_9_alone(field: WholeNumber) -> None:
    assert field.deserialize("12") == 12
    assert field.deserialize(" 12 ") == 12
    for text in SPACED:
        assert field.deserialize(text) == 12
    assert field.deserialize(12) == 12
    for text in OTHERWISE:
        with pytest.raises(ValidationError) as refused:
            field.deserialize(text)
        assert refused.value.messages in (["Not a valid integer."], ["Not a valid number."]), text


def test_a_recorded_decimal_is_read_in_digits_0_to_9_alone() -> None:
    cost = FieldSpec("cost", Decimal, False, "", None)
    assert parse_value(cost, "1500.5") == Decimal("1500.5")
    for text in OTHERWISE:
        with pytest.raises(ValueError, match="Not a valid number"):
            parse_value(cost, text)


def test_a_reports_whole_number_is_read_in_digits_0_to_9_alone() -> None:
    assert whole_number("2024", "year") == 2024
    for text in OTHERWISE:
        with pytest.raises(Exception, match="Must be a whole number"):
            whole_number(text, "year")


def test_a_csv_date_in_other_digits_is_left_as_written_for_the_ledger_to_refuse() -> None:
    arabic = str.maketrans("0123456789", "".join(chr(0x0660 + d) for d in range(10)))
    for written in ("17/08/2021", "17 Agustus 2021"):
        row = {"kind": "training", "effective_date": written.translate(arabic)}
        read_day_first_dates(row)
        assert row["effective_date"] == written.translate(arabic)
        row = {"kind": "training", "effective_date": written}
        read_day_first_dates(row)
        assert row["effective_date"] == "2021-08-17"


def test_a_day_count_in_other_digits_is_not_read_as_a_spreadsheets_day() -> None:
    row = {"kind": "training", "effective_date": "\u0664\u0664\u0665\u0669\u0661"}  # 44591 in Arabic-Indic digits
    spreadsheet_dates(row)
    assert row["effective_date"] == "\u0664\u0664\u0665\u0669\u0661"
