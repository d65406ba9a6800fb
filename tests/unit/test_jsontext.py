"""How deeply JSON text nests, found without reading it (careerlog.jsontext): where it first passes the limit."""

from __future__ import annotations

import pytest

from careerlog import cli, jsontext
from careerlog.jsontext import JSON_DEPTH_LIMIT, json_depth_exceeded, json_too_deep


def test_the_offset_is_of_the_array_or_object_opened_past_the_limit() -> None:
    assert json_depth_exceeded("[" * 100 + "]" * 100) is None
    assert json_depth_exceeded("[" * 101 + "]" * 101) == 100
    text = '{"a": ' * 101 + "1" + "}" * 101
    assert json_depth_exceeded(text) == text.index("{", 6 * 100)
    assert json_depth_exceeded("[" * 3, limit=2) == 2


def test_brackets_in_strings_escaped_quotes_and_an_open_string_do_not_count() -> None:
    inside = '"' + "[" * 500 + '\\"{{{"'
    assert json_depth_exceeded('{"title": ' + inside + "}") is None
    assert json_depth_exceeded('["' + "[" * 500) is None  # (an open string: json.loads refuses it unread deeper)
    assert json_depth_exceeded('["x", ' * 101 + '"' + "]" * 101) == 6 * 100


def test_text_of_few_brackets_in_all_is_not_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text opening no more than the limit's arrays and objects in all cannot nest past it: it is not walked."""

    class Unscanned:
        def sub(self, *args: object) -> object:
            raise AssertionError("scanned")

        finditer = sub

    for pattern in ("_JSON_STRING", "_NOT_BRACKETS", "_TOKENS"):
        monkeypatch.setattr(jsontext, pattern, Unscanned())
    assert json_depth_exceeded('{"a": [' + "1, " * 10_000 + "1]}") is None
    assert json_depth_exceeded("[" * 50 + "{" * 50 + "}" * 50 + "]" * 50) is None


def test_the_command_line_reads_the_shared_one() -> None:
    assert cli.json_too_deep is json_too_deep
    assert JSON_DEPTH_LIMIT == 100


def test_many_side_by_side_are_not_too_deep_and_the_first_too_deep_is_found_after_them() -> None:
    side_by_side = "[" + ", ".join(["[{}]"] * 1000) + "]"
    assert json_depth_exceeded(side_by_side) is None
    text = side_by_side[:-1] + ", " + "[" * 100 + "]" * 100 + "]"
    assert json_depth_exceeded(text) == len(side_by_side) + 1 + 99
