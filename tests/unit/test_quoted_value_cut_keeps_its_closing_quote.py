"""A refusal quoting a long value cuts it to 40 characters ending in "…" and keeps its closing quote, however it came
quoted: by `quoted`, or as a repr given to a placeholder that cuts the user's text (Refusal.quotes: a title above the
header, a column's name). Until 2026-12-07 a value quoted before its placeholder cut it lost its closing quote
("Line 1 holds one cell, 'DAFTAR NOMINATIF PEGAWAI NEGERI SIPIL …: a title"), the quote cut off with the text."""

from __future__ import annotations

import pytest

from careerlog.domain.errors import QUOTED_LENGTH, cut, quoted
from careerlog.importing import TITLE_ROW
from careerlog.workbooks import MONTH_FIRST_COLUMN

LONG = "DAFTAR NOMINATIF PEGAWAI NEGERI SIPIL YANG TELAH MENGIKUTI PENDIDIKAN"
SHOWN = LONG[: QUOTED_LENGTH - 1] + "…"


def test_a_long_values_repr_is_cut_within_its_quotes() -> None:
    assert cut(repr(LONG)) == f"'{SHOWN}'" == quoted(LONG)
    assert cut(repr("it's " + LONG)) == '"' + ("it's " + LONG)[: QUOTED_LENGTH - 1] + '…"'  # (a repr in double quotes)


def test_a_value_quoted_and_cut_is_cut_no_further() -> None:
    assert cut(quoted(LONG)) == quoted(LONG)


@pytest.mark.parametrize("text", ["'short'", "''", "'", '"', "'" + "x" * QUOTED_LENGTH + "'"])
def test_a_short_or_bare_quote_is_as_it_was(text: str) -> None:
    assert cut(text) == text


def test_an_unquoted_text_is_cut_as_before() -> None:
    assert cut(LONG) == SHOWN
    assert cut("'" + LONG) == ("'" + LONG)[: QUOTED_LENGTH - 1] + "…"  # (an opening quote alone: no quoted text)


def test_a_refusal_quoting_a_repr_keeps_its_closing_quote() -> None:
    assert TITLE_ROW.reason(line=1, cell=repr(LONG)).startswith(f"Line 1 holds one cell, '{SHOWN}': a title")
    said = MONTH_FIRST_COLUMN.reason(value=quoted("05/06/2024"), column=quoted(LONG), example=quoted("13/01/2024"))
    assert f"and column '{SHOWN}' writes another date month first ('13/01/2024')" in said
