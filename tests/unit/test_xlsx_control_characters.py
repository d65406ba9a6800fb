"""A recorded text holding a control character a workbook cannot hold (a vertical tab or an escape pasted from
another program into a title or a unit: XML 1.0 has no place for them) is written into an exported workbook as its
visible symbol of Unicode's Control Pictures (U+000B as ␋, U+001B as ␛), the rest of the text kept: openpyxl refused
it (IllegalCharacterError), and the download failed. A tab and a line break, which a cell holds, stay as they are."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from web.pages.export import visible_controls, xlsx_download


def test_control_characters_are_written_as_visible_symbols_and_the_workbook_opens() -> None:
    rows = [{"title": "Arsip\x0bdinamis\x1b", "unit": "=Bagian\x01Umum", "remark": "baris\nkedua\tkolom"}]
    answer = xlsx_download(rows, ["title", "unit", "remark"], "daftar.xlsx")
    sheet = load_workbook(io.BytesIO(answer.get_data())).active
    assert [c.value for c in sheet[2]] == ["Arsip␋dinamis␛", "=Bagian␁Umum", "baris\nkedua\tkolom"]
    assert sheet["B2"].data_type == "s"  # (still a text, never a formula)


def test_each_control_character_a_workbook_cannot_hold_has_its_picture() -> None:
    assert visible_controls("".join(map(chr, range(32)))) == "".join(
        "\t\n\r"[(9, 10, 13).index(n)] if n in (9, 10, 13) else chr(0x2400 + n) for n in range(32)
    )
