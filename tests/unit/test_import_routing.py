"""A parallel import's parent routes each JSON line to the worker of its record, parsing only the lines it must
(a block of plain lines as runs of one record's lines, each run sent as its bytes)."""

from __future__ import annotations

import io
import itertools
import random
from typing import Any

import orjson
import pytest

from careerlog import import_workers
from careerlog.domain.errors import InvalidInput
from careerlog.import_workers import Piece, RawRow, _jsonl_pieces, _raw_rows, jsonl_linking_rows, route_subject
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


def test_a_nip_in_fullwidth_digits_goes_to_the_worker_of_the_nip() -> None:
    """(isdigit() took fullwidth digits for the NIP's own: one employee's rows, in both forms, went to two workers.)"""
    fullwidth = NIP.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    assert route_subject({"kind": "training", "nip": fullwidth}) == route_subject({"kind": "training", "nip": NIP})
    assert route_subject({"kind": "training", "nip": fullwidth}) == NIP


def test_blank_lines_are_skipped_and_lines_keep_their_numbers() -> None:
    data = b"\n   \n" + LINES[0] + b"\n\n" + LINES[10] + b"\n"
    assert [number for number, _, _ in _raw_rows(io.BytesIO(data))] == [3, 5]


def expanded(pieces: list[Piece]) -> list[RawRow]:
    """Each piece's rows, one by one, as `_raw_rows` gives them (a run's lines as the worker reads them)."""
    rows: list[RawRow] = []
    for first, routed, nbytes, count in pieces:
        if isinstance(routed, InvalidInput):
            rows.append((first, routed, nbytes))
            assert count == 1
            continue
        subject, raw = routed
        lines = list(io.BytesIO(raw))
        assert (len(lines), len(raw)) == (count, nbytes)
        rows += [(first + i, (subject, line), len(line)) for i, line in enumerate(lines)]
    return rows


def comparable(rows: list[RawRow]) -> list[tuple[int, Any, int]]:
    return [(n, r.errors if isinstance(r, InvalidInput) else r, size) for n, r, size in rows]


PLAIN = [
    b'{"kind":"training","nip":"%s","hours":%d}' % (nip, hours)
    for nip in (b"198609262010031001", b"198609262010031002", b"1", b"12")
    for hours in (1, 2)
]


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("block", [1, 7, 64, 1 << 20])
def test_runs_of_plain_lines_give_the_rows_and_lines_that_routing_line_by_line_gives(
    seed: int, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_workers, "BLOCK", block)
    rng = random.Random(seed)
    odd = [*LINES, b"", b"   ", b'{"kind":"training","nip":"5"}\r']
    lines = [rng.choice(PLAIN) if rng.random() < 0.8 or seed % 4 == 0 else rng.choice(odd) for _ in range(30)]
    lines.sort(key=lambda line: line[25:40] if seed % 2 else b"")  # one record's lines together in half the files
    data = b"\n".join(lines) + (b"\n" if seed % 3 else b"")  # the last line without a newline in a third
    pieces = list(_jsonl_pieces(io.BytesIO(data)))
    assert comparable(expanded(pieces)) == comparable(list(_raw_rows(io.BytesIO(data))))
    if seed % 4 == 0 and block > 64:  # all plain: runs of one record, each line once
        assert all(isinstance(routed, tuple) for _, routed, _, _ in pieces)
        nips = [orjson.loads(line)["nip"] for line in lines]
        assert len(pieces) == 1 + sum(a != b for a, b in itertools.pairwise(nips))


@pytest.mark.parametrize("block", [1, 50, 1 << 20])
def test_the_lines_that_can_tie_records_are_found_in_blocks_as_line_by_line(
    block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_workers, "BLOCK", block)
    lines = [
        *PLAIN[:3],
        b'{"kind":"mentoring_start","nip":"1","mentor_nip":"2"}',
        b'{"kind":"retraction","nip":"3","mentor_nip":"4"}',  # both markers: once
        b'{"kind":"retraction","nip":"3",broken mentor_nip',  # unreadable: skipped
        b"",
        *PLAIN[3:],
        b'{"kind":"correction","nip":"5","corrected_fields":{"mentor_nip":"6"}}',
    ]
    data = b"\n".join(lines)  # the last line without a newline
    found = list(jsonl_linking_rows(io.BytesIO(data)))
    expected = [
        (n, orjson.loads(line), len(line) + (n < len(lines)))
        for n, line in enumerate(lines, start=1)
        if (b"mentor_nip" in line or b"retraction" in line) and b"broken" not in line
    ]
    assert found == expected
