"""A JSON Lines line nested hundreds or thousands of levels is read by orjson, which does not recurse in Python (it
refuses past 1,024 levels itself), never by json.loads: the import needs no depth scan of careerlog.jsontext before
it. Kept so, under a recursion limit a few frames above the test's own: a reader recursing in Python would fail."""

from __future__ import annotations

import inspect
import io
import json
import sys
from collections.abc import Iterator

import pytest

from careerlog.importing import MAX_NESTING, InvalidInput, read_jsonl


@pytest.fixture
def shallow_stack(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """json.loads refused, and room for 60 more frames than the test's own."""

    def unread(*args: object, **kwargs: object) -> object:
        raise AssertionError("json.loads read it")

    monkeypatch.setattr(json, "loads", unread)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack(0)) + 60)
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


def line(levels: int) -> bytes:
    return ('{"nip": "x", "corrected_fields": ' + "[" * levels + "]" * levels + "}\n").encode()


@pytest.mark.parametrize(
    ("levels", "field"),
    [(MAX_NESTING + 1, "corrected_fields"), (1000, "corrected_fields"), (1024, "line"), (100_000, "line")],
)
@pytest.mark.usefixtures("shallow_stack")
def test_a_deep_line_is_refused_naming_its_line_and_field_with_no_recursion(levels: int, field: str) -> None:
    [(number, refused, _)] = list(read_jsonl(io.BytesIO(b"\n" + line(levels))))
    assert number == 2
    assert isinstance(refused, InvalidInput)
    assert list(refused.errors) == [field]
    assert "nested more than 16 levels" in refused.errors[field][0]


def test_the_stack_is_too_shallow_for_a_reader_recursing_in_python() -> None:
    read = json.loads
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack(0)) + 60)
    try:
        with pytest.raises(RecursionError):
            read(line(1000))
    finally:
        sys.setrecursionlimit(limit)
