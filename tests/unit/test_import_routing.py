"""A parallel import's parent routes each JSON line to the worker of its record, parsing only the lines it must."""

from __future__ import annotations

import io

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.import_workers import _raw_rows, route_subject
from careerlog.importing import parse_jsonl_line

NIP = "198609262010031001"
LINES = [
    b'{"kind":"training","nip":"%s","hours":8}' % NIP.encode(),  # as careerlog writes: not parsed by the parent
    b'{"kind":"training","nip":"%s"}' % NIP.encode(),
    b'{"kind":"training","nip":"123","nip":"456"}',  # "nip" twice: parsed, the row's own NIP
    b'{"kind":"training","nip":"123","ni\\u0070":"456"}',  # another "nip" key spelled with an escape
    b'{"kind":"training","nip":"123","title":"nip"}',
    b'{"kind":"correction","nip":"123","corrected_fields":{"nip":"9"}}',
    b'{"kind":"training","nip":" 1986 0926 2010 03 1 001"}',  # not all digits: normalised
    b'{"kind":"unit_rating","agency":"PROV-SUMUT","unit":"Dinas"}',
    b'{ "kind": "training", "nip": "123" }',  # written otherwise: parsed
    b'{"kind":"training","nip":"123",broken',  # unreadable after a plain start: the worker reports it
    b"{not json",
    b"[1, 2]",
]


@pytest.mark.parametrize("line", LINES, ids=range(len(LINES)))
def test_each_row_goes_to_the_record_a_parsed_row_names_and_an_unreadable_one_is_reported_alike(line: bytes) -> None:
    [(number, routed, size)] = list(_raw_rows(io.BytesIO(line + b"\n")))
    assert (number, size) == (1, len(line) + 1)
    parsed = parse_jsonl_line(line + b"\n")
    if isinstance(routed, InvalidInput):  # reported by the parent
        assert isinstance(parsed, InvalidInput)
        assert routed.errors == parsed.errors
        return
    subject, raw = routed
    assert raw == line + b"\n"  # handed to the worker as it is, which parses it as the parent would
    if isinstance(parsed, InvalidInput):
        assert subject == "123"  # the digits it starts with: its worker rejects it
        return
    assert subject == route_subject(parsed)


def test_blank_lines_are_skipped_and_lines_keep_their_numbers() -> None:
    data = b"\n   \n" + LINES[0] + b"\n\n" + LINES[10] + b"\n"
    assert [number for number, _, _ in _raw_rows(io.BytesIO(data))] == [3, 5]
