"""careerlog.visible.on_terminal and json_on_terminal: the characters a terminal runs rather than shows (an escape
sequence, a carriage return, a backspace, a newline, a C1 control, a bidi override) are shown visibly, ordinary text
of any language as it is; the workbook's own set (visible_controls) is unchanged."""

from __future__ import annotations

import json

import click
from click.testing import CliRunner

from careerlog.visible import json_on_terminal, on_terminal, say, visible_controls

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_every_c0_control_shows_as_its_control_picture_on_a_terminal() -> None:
    assert on_terminal("".join(map(chr, range(32)))) == "".join(chr(0x2400 + c) for c in range(32))
    assert on_terminal("Budi\x1b[2J\rSari\x08\nx\ty") == "Budi␛[2J␍Sari␈␊x␉y"


def test_del_c1_controls_bidi_controls_and_line_separators_show_escaped_on_a_terminal() -> None:
    assert on_terminal("a\x7fb") == "a␡b"
    assert on_terminal("\x9b2J\x85") == "\\x9b2J\\x85"
    assert on_terminal(BIDI) == "".join(f"\\u{ord(c):04x}" for c in BIDI)
    assert on_terminal("\u2028\u2029") == "\\u2028\\u2029"
    assert on_terminal("SK-\u202e9102/321") == "SK-\\u202e9102/321"


def test_ordinary_text_of_any_language_is_shown_as_it_is_on_a_terminal() -> None:
    for text in (
        "Dra. Nur'aini Siregar, M.Si.",
        "Pelatihan Kepemimpinan Tingkat IV — Angkatan 2",
        "Ma\u2019ruf Çelik Ñúñez Ødegård",
        "ภาษาไทย 日本語 العربية עברית",  # right-to-left letters are letters, not overrides
        "nilai 100% \u00a0(tanpa spasi)",
        "👩\u200d⚕️ keluarga",  # a zero-width joiner in an emoji stays
        "C:\\arsip\\sk.pdf",
    ):
        assert on_terminal(text) == text


def test_the_workbook_keeps_tab_newline_and_carriage_return_and_shows_the_other_c0_controls() -> None:
    assert visible_controls("a\tb\nc\rd\x0be\x1b") == "a\tb\nc\rd␋e␛"
    assert visible_controls("\u202e\x85\x7f") == "\u202e\x85\x7f"  # (a workbook holds them)


def test_json_for_the_terminal_escapes_what_json_leaves_and_reads_as_the_same_values() -> None:
    value = {"unit": "Bagian\x1b[2J\u202eUmum\x9b\x7f\u2028", "nama": "Siti Aisyah Ñ 日本"}
    text = json.dumps(value, ensure_ascii=False, indent=2)
    shown = json_on_terminal(text)
    assert json.loads(shown) == value
    assert not any(c in shown for c in "\x1b\u202e\x9b\x7f\u2028")
    assert "\\u202e" in shown
    assert "\\u001b" in shown
    assert "Siti Aisyah Ñ 日本" in shown


def test_say_writes_one_line_with_the_text_s_newlines_and_escapes_visible() -> None:
    @click.command()
    def shown() -> None:
        say("name: Budi\x1b[2J\nOK: no findings\u202e")

    result = CliRunner().invoke(shown)
    assert result.output == "name: Budi␛[2J␊OK: no findings\\u202e\n"


def test_a_csv_cell_for_a_terminal_is_defused_then_shown_and_one_line_else_as_recorded() -> None:
    from projections.merit.cli import csv_cell, csv_text

    assert csv_cell("=A1\n\x1b[2J\u202e", shown=True) == "'=A1␊␛[2J\\u202e"
    assert csv_cell("=A1\n\x1b[2J\u202e") == "'=A1\n\x1b[2J\u202e"
    assert csv_text([{"unit": "Bagian\r\nUmum"}], ("unit",), shown=True) == "unit\nBagian␍␊Umum"
    assert csv_text([{"unit": "Bagian\r\nUmum"}], ("unit",)) == 'unit\n"Bagian\r\nUmum"'
