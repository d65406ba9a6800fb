"""A write's body whose bytes are not UTF-8 (a client writing Latin-1, whatever charset its Content-Type names) or
which begins with a byte-order mark (a Windows tool's "UTF-8") was refused 400 in Python's words: "Not valid JSON:
Bytes decoding error : invalid continuation byte: ..." and "Not valid JSON: Unexpected UTF-8 BOM (decode using
utf-8-sig): ...". Still a 400 naming `body`, now saying which byte and what to send; nothing is recorded."""

from __future__ import annotations

import json

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World

EVENTS = f"/api/v1/employees/{BUDI}/events"
BODY = json.dumps(
    {"kind": "training", **f.training("2024-05-10", hours=8), "title": "Pelatihan \u00e9"}, ensure_ascii=False
)


@pytest.mark.parametrize(
    ("data", "content_type", "told"),
    [
        (BODY.encode("latin-1"), "application/json; charset=latin-1", "(0xE9) is not UTF-8"),
        (BODY.encode("latin-1"), "application/json", "send the body as UTF-8"),
        (b"\xef\xbb\xbf" + BODY.encode(), "application/json", "begins with a byte-order mark (U+FEFF)"),
    ],
)
def test_a_body_not_utf8_or_with_a_bom_is_refused_saying_why(
    world: World, data: bytes, content_type: str, told: str
) -> None:
    before = world.log()
    answer = world.post(EVENTS, "hr", data=data, content_type=content_type)
    assert answer.status_code == 400
    [reason] = answer.get_json()["errors"]["body"]
    assert told in reason, reason
    assert "decoding error" not in reason
    assert "utf-8-sig" not in reason
    assert world.log() == before


def test_a_byte_not_utf8_is_placed_by_its_line_and_column(world: World) -> None:
    """A byte on the third line was said to be on line 1 (its position counted in the bytes' repr): its line and
    column are counted in the characters before it (a review, 2026-12-08)."""
    answer = world.post(EVENTS, "hr", data=b'{\n"a": 1,\n"b": "\xff"}', content_type="application/json")
    assert answer.status_code == 400
    [reason] = answer.get_json()["errors"]["body"]
    assert "byte 16 (0xFF) is not UTF-8" in reason
    assert reason.endswith("line 3 column 7 (char 16)."), reason
