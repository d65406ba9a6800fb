"""The command line reads its numbers in digits 0-9, as the API, the imports and the pages do: click's INT and
FLOAT call int() and float(), which also read other scripts' digits and '1_0'; such a value is refused naming the
option, with exit 2, as any other value that is no number."""

from __future__ import annotations

from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from careerlog.cli import main
from careerlog.cli_numbers import PlainNumber, WholeNumber

ARABIC_2024 = "\u0662\u0660\u0662\u0664"


def every_parameter(command: click.Command, path: str = "careerlog") -> Iterator[tuple[str, click.Parameter]]:
    """Each parameter of the command and of its subcommands (the plugins' too: the group loads them by name)."""
    for parameter in command.params:
        yield path, parameter
    if isinstance(command, click.Group):
        with click.Context(command) as ctx:
            for name in command.list_commands(ctx):
                found = command.get_command(ctx, name)
                assert found is not None, name
                yield from every_parameter(found, f"{path} {name}")


def test_every_number_of_the_command_line_is_read_in_digits_0_to_9() -> None:
    numbers = [
        (path, parameter)
        for path, parameter in every_parameter(main)
        if isinstance(parameter.type, (click.types.IntParamType, click.types.FloatParamType))
    ]
    assert len(numbers) >= 14  # (import, demo, tokens, projections, serve, run, audit and report commands)
    assert [(path, p.name) for path, p in numbers if not isinstance(p.type, (WholeNumber, PlainNumber))] == []


@pytest.mark.parametrize(
    "args",
    [
        ["report", "scorecard", "--agency", "KOTA-MEDAN", "--year", ARABIC_2024],
        ["audit", "grade-inflation", "--from", ARABIC_2024],
        ["audit", "fairness", "--by", "sex", "--min-cell", "\uff15"],  # a full-width 5
        ["audit", "promotion", "198609262010031701", "\u0662"],
        ["tokens", "create", "--account", "siti", "--days", "9_0"],
        ["projections", "run", "--poll", "\u0661.\u0665"],
    ],
)
def test_a_number_in_other_digits_is_refused_naming_the_option(args: list[str], tmp_path: object) -> None:
    result = CliRunner().invoke(main, args, env={"CAREERLOG_DATABASE_URL": f"sqlite:///{tmp_path}/none.db"})
    assert result.exit_code == 2, result.output
    assert "write it in digits 0-9." in result.output
    assert "Invalid value for" in result.output


def test_a_number_in_digits_0_to_9_is_read() -> None:
    assert WholeNumber(min=1).convert("12", None, None) == 12
    assert PlainNumber().convert("1.5", None, None) == 1.5
    with pytest.raises(click.BadParameter):
        WholeNumber(min=1).convert("0", None, None)


def test_the_help_of_a_number_of_no_bounds_shows_no_range() -> None:
    result = CliRunner().invoke(main, ["demo", "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "None" not in result.output
    assert "[default: 1]" in result.output  # --seed: any whole number
    assert "[default: 1000; x>=1]" in result.output  # --employees keeps its bound
