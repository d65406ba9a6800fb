"""The text of an imported file, as a spreadsheet or an editor may have saved it.

Imports read UTF-8 (with or without a byte-order mark). A CSV is decoded with
`surrogateescape`, so a byte UTF-8 cannot read (Excel's "CSV (Comma delimited)" on Windows
writes Windows-1252: 'é' is the byte 0xE9) stays in its cell as a lone surrogate and is
reported at its own line and column (`not_utf8`), instead of failing the block of the file
the decoder had read. A file saved as UTF-16 (its first bytes a UTF-16 byte-order mark) is
refused as a whole before any row (`refuse_utf16`).
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from careerlog.domain.errors import InvalidInput

SAVE_AS_UTF8 = "save the file as UTF-8 (in a spreadsheet: CSV UTF-8)"
_UTF16_MARKS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # (UTF-32 LE starts with the first)
_ESCAPED = re.compile("[\udc80-\udcff]")  # the bytes surrogateescape could not decode
_CONTEXT = 30  # characters shown before the first byte that is not UTF-8


def refuse_utf16(start: bytes | str) -> None:
    """Refuse a file whose first bytes (or its first line decoded with surrogateescape) are a UTF-16 mark."""
    first = start[:2].encode("utf-8", "surrogateescape") if isinstance(start, str) else start[:2]
    if first in _UTF16_MARKS:
        reason = f"The file is UTF-16 text (it starts with a UTF-16 byte-order mark): {SAVE_AS_UTF8}."
        raise InvalidInput(f"{reason} Nothing was imported.", "file")


def undecodable(text: str) -> bool:
    """True when `text`, decoded with surrogateescape, holds bytes that are not UTF-8."""
    return not text.isascii() and _ESCAPED.search(text) is not None


def shown(text: str) -> str:
    """`text` with its undecodable bytes spelled \\xNN, cut to the part before the first of them."""
    at = _ESCAPED.search(text)
    start = max(0, at.start() - _CONTEXT) if at else 0
    part = text[start : at.end() if at else None]
    return ("..." if start else "") + part.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def not_utf8(row: dict[str, Any]) -> InvalidInput | None:
    """The cells of a CSV row that are not UTF-8 text, each named by its column; None if there are none."""
    bad = [(column, value) for column, value in row.items() if type(value) is str and undecodable(value)]
    if not bad:
        return None
    return InvalidInput({column: [f"Not UTF-8 text: '{shown(value)}'; {SAVE_AS_UTF8}."] for column, value in bad})
