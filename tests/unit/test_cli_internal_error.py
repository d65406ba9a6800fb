"""An unexpected exception in a command (a bug, not bad input) is reported by `careerlog` (careerlog.cli.main, the
console script) as an internal error: its traceback on standard error with the control characters it quotes visible
(an escape sequence, a carriage return, a bidi override: a recorded text a terminal would otherwise run), one line
saying what happened and what to report, and exit INTERNAL_ERROR (70); before, Python printed the raw traceback.
click's own exceptions (a refusal, a usage error, Ctrl-C, an exit code) keep their output and exit status."""

from __future__ import annotations

from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

import careerlog.cli
from careerlog.cli import INTERNAL_ERROR, main

# A recorded name as a traceback would quote it: ESC [2J clears the screen, CR writes over the line, U+202E shows
# the rest backwards
NAME = "Budi \x1b[2J\r\u202eNOTPADREH"
RAW = ("\x1b", "\r", "\u202e")


def raising(error: BaseException) -> Any:
    def command_step() -> None:
        try:
            raise KeyError("cause \x1b]0;title\x07")
        except KeyError as cause:
            raise error from cause

    return command_step


def reference_raising(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> Result:
    """`careerlog reference`, whose reading of the reference tables raises `error`."""
    monkeypatch.setattr(careerlog.cli, "reference", raising(error))
    return CliRunner().invoke(main, ["reference"])


def test_an_unexpected_exception_is_an_internal_error_with_its_traceback_s_controls_visible(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = reference_raising(monkeypatch, RuntimeError(f"no rank for {NAME}\tline\nnext line"))
    assert result.exit_code == INTERNAL_ERROR == 70
    assert isinstance(result.exception, SystemExit)  # (exited, not raised through)
    assert result.stdout == ""
    said = result.stderr
    assert not any(c in said for c in RAW), said
    assert "Traceback (most recent call last):\n" in said
    assert "in command_step\n" in said  # (where it was raised)
    assert "RuntimeError: no rank for Budi ␛[2J␍\\u202eNOTPADREH\tline\nnext line\n" in said  # (tab, newline kept)
    assert "KeyError: 'cause \\x1b]0;title\\x07'" in said  # (the cause too: repr already escapes)
    last = said.splitlines()[-1]
    assert last.startswith("Error: internal error (RuntimeError): careerlog stopped on a bug")
    assert "report it" in last
    assert "traceback above" in last


def test_an_exception_s_name_with_controls_is_shown_visibly_in_the_line(monkeypatch: pytest.MonkeyPatch) -> None:
    odd = type("Odd\u202eError", (Exception,), {})  # (an exception class named with a bidi override)
    result = reference_raising(monkeypatch, odd("x"))
    assert result.exit_code == INTERNAL_ERROR
    assert "\u202e" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith("Error: internal error (Odd\\u202eError)")


@pytest.mark.parametrize(
    ("error", "code", "said"),
    [
        (click.ClickException(f"refused {NAME}"), 1, "Error: refused Budi ␛[2J␍\\u202eNOTPADREH\n"),
        (click.UsageError("bad usage"), 2, "Error: bad usage\n"),
        (click.BadParameter("bad value", param_hint="TABLE"), 2, "Error: Invalid value for TABLE: bad value\n"),
        (click.Abort(), 1, "Aborted!\n"),
        (KeyboardInterrupt(), 1, "\nAborted!\n"),
        (click.exceptions.Exit(3), 3, ""),
    ],
)
def test_click_s_own_exceptions_keep_their_message_and_exit_status(
    monkeypatch: pytest.MonkeyPatch, error: BaseException, code: int, said: str
) -> None:
    result = reference_raising(monkeypatch, error)
    assert result.exit_code == code
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    assert result.stderr.endswith(said), result.stderr


def test_outside_standalone_mode_the_exception_is_the_caller_s(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(careerlog.cli, "reference", raising(RuntimeError("raised")))
    with pytest.raises(RuntimeError, match="raised"):
        main.main(["reference"], standalone_mode=False)
