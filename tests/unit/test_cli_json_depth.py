"""A typed JSON field nested too deeply is refused before json.loads recurses into it (careerlog.cli.json_field)."""

from __future__ import annotations

import json

import click
import pytest

from careerlog import cli


def test_json_nested_too_deeply_is_refused_without_json_loads_reading_it(monkeypatch: pytest.MonkeyPatch) -> None:
    def unread(*args: object, **kwargs: object) -> object:
        raise AssertionError("json.loads read it")

    monkeypatch.setattr(cli.json, "loads", unread)
    with pytest.raises(click.BadParameter, match="nested too deeply"):
        cli.json_field("corrected_fields", '{"cost": ' + "[" * 100_000 + "]" * 100_000 + "}")


def test_brackets_inside_strings_do_not_count_as_depth() -> None:
    deep_text = '"' + "[" * 500 + '\\"{{{"'
    assert cli.json_field("corrected_fields", '{"title": ' + deep_text + "}") == {"title": json.loads(deep_text)}
    assert not cli.json_too_deep("[" * 100 + "]" * 100)
    assert cli.json_too_deep("[" * 101 + "]" * 101)
