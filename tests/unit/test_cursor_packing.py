"""A long cursor is packed (careerlog.keyset.encode_cursor: zlib, then base64): the longest a list can give, two texts
of MAX_TEXT characters, fits its URL comfortably within the app's limit (web.security.MAX_URL_BYTES) and the request
line `careerlog serve` lets through (web.cli.REQUEST_LINE_LIMIT). As JSON alone, two texts of control characters
(six bytes each, escaped) gave a 7,167-character cursor, near those limits with the list's URL; `after` was also
4/3 of that long in its checks (web.api.paging.MAX_CURSOR)."""

from __future__ import annotations

import base64
import random
import zlib
from collections.abc import Callable

import orjson
import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.domain.payload import MAX_TEXT
from careerlog.keyset import decode_cursor, encode_cursor
from web.api.paging import BOUND, MAX_CURSOR
from web.cli import REQUEST_LINE_LIMIT
from web.security import MAX_URL_BYTES

RANDOM = random.Random(7)
ALPHABETS: dict[str, Callable[[], str]] = {
    "control characters": lambda: chr(RANDOM.randrange(1, 32)),
    "beyond the BMP": lambda: chr(RANDOM.randrange(0x10000, 0x110000)),
    "CJK and other 3-byte": lambda: chr(RANDOM.randrange(0x800, 0xD800)),
    "mixed": lambda: chr(RANDOM.choice((RANDOM.randrange(1, 32), RANDOM.randrange(0x10000, 0x110000)))),
}
# (the longest list's path and a query besides the cursor)
URL = "/api/v1/audits/grade-inflation?per_page=500&agency=KOTA-MEDAN&after="


@pytest.mark.parametrize("alphabet", ALPHABETS)
def test_the_longest_cursor_a_list_gives_fits_its_url_comfortably(alphabet: str) -> None:
    texts = ["".join(ALPHABETS[alphabet]() for _ in range(MAX_TEXT)) for _ in range(2)]
    values = [BOUND, "0123456789abcdef", 2024, *texts]  # (a bound cursor of grade-inflation's: two texts)
    cursor = encode_cursor(values)
    assert decode_cursor(cursor) == values
    assert len(cursor) <= 4200, len(cursor)
    line = f"GET {URL}{cursor} HTTP/1.1"
    assert len(line) <= MAX_URL_BYTES - 3000 < REQUEST_LINE_LIMIT, len(line)


def test_a_short_cursor_and_one_given_before_packing_are_json_as_before() -> None:
    values = ["decisions", "2024-04-01", "199001012020011001", 3]
    unpacked = base64.urlsafe_b64encode(orjson.dumps(values)).rstrip(b"=").decode()
    assert encode_cursor(values) == unpacked
    long_one = ["roster", False, "\x01" * MAX_TEXT, "199001012020011001"]  # (as given before 2026-12-06)
    assert decode_cursor(base64.urlsafe_b64encode(orjson.dumps(long_one)).decode()) == long_one
    assert len(base64.urlsafe_b64encode(orjson.dumps(long_one)).rstrip(b"=")) <= MAX_CURSOR


@pytest.mark.parametrize(
    "packed",
    [
        zlib.compress(orjson.dumps(["roster", "a" * 1_000_000])),  # (unpacks far past any cursor: not unpacked whole)
        zlib.compress(orjson.dumps(["roster", "a"]))[:-3],  # (cut short)
        zlib.compress(b'{"not": "a list"}'),
    ],
)
def test_a_packed_text_that_is_no_cursor_is_refused(packed: bytes) -> None:
    with pytest.raises(InvalidInput):
        decode_cursor(base64.urlsafe_b64encode(packed).rstrip(b"=").decode())


def test_a_packed_cursor_with_bytes_after_its_stream_is_refused_naming_after() -> None:
    """(a code review, 2026-12-06) bytes after a whole zlib stream were ignored: two texts read as one cursor."""
    values = ["roster", False, "\x01" * MAX_TEXT, "199001012020011001"]
    cursor = encode_cursor(values)
    packed = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    assert packed[:1] == b"x"
    assert decode_cursor(cursor) == values
    for extra in (b"\x00", b"more"):
        with pytest.raises(InvalidInput) as refused:
            decode_cursor(base64.urlsafe_b64encode(packed + extra).rstrip(b"=").decode())
        assert list(refused.value.errors) == ["after"]
