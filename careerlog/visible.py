"""Recorded texts shown with their control characters visible: in a workbook cell, and on a terminal.

A recorded text (a name, a training's title, an SK reference, a reason, a file's name) may hold control characters,
from an import file or the API. A workbook cannot hold most of them (XML 1.0 has no place for them: openpyxl refuses
them, and the download failed), and a terminal runs them: an escape sequence (ESC [2J) clears the screen, a carriage
return or a backspace writes over what was shown, a bidi override (U+202E) shows the text after it backwards, and a
newline makes a line of output the command never wrote. So an inspector reading `careerlog audit` would not see what
is recorded. Each such character is shown instead as its visible symbol of Unicode's Control Pictures (U+2400 to
U+241F: U+001B as ␛, U+000B as ␋; DEL as ␡), or, having none, as Python writes it escaped (\\x9b, \\u202e); ordinary
text (Indonesian and every other language's letters) is shown as it is, and a recorded text is never dropped.

Only what is shown is changed: files written (exports, reports, refused rows, --output) keep the texts byte for byte,
as do CSV and `careerlog export`'s JSON Lines on standard output unless it is a terminal (`stdout_is_terminal`,
`is_terminal`).
"""

from __future__ import annotations

import re
import sys
from typing import IO, Any

import click

# What a terminal runs that JSON (json.dumps with ensure_ascii=False) writes unescaped: DEL, the C1 controls (U+009B is
# a terminal's CSI, as ESC [ is), the bidi marks, embeddings, overrides and isolates, and the line and paragraph
# separators
_UNESCAPED_BY_JSON = "\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"

# The control characters a workbook cannot hold (tab, newline and carriage return it can)
WORKBOOK_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# The characters a terminal runs rather than shows: every C0 control (newline, tab, carriage return, ESC...) and those
TERMINAL_CONTROLS = re.compile(f"[\x00-\x1f{_UNESCAPED_BY_JSON}]")
# What a log line shows visibly: a terminal's controls but the newline and the tab a traceback is written with (a log
# file is read on a terminal too: `tail -f`, `less -R`, journalctl)
LOG_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f{_UNESCAPED_BY_JSON}]")
_JSON_UNESCAPED = re.compile(f"[{_UNESCAPED_BY_JSON}]")


def visible_controls(text: str, controls: re.Pattern[str] = WORKBOOK_CONTROLS) -> str:
    """The text with each of `controls` (by default those a workbook cannot hold) visible: a C0 control as its
    Control Picture (␋ for U+000B, ␛ for ESC), DEL as ␡, any other as Python escapes it (\\x9b, \\u202e)."""
    return controls.sub(_visible, text)


def _visible(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def on_terminal(text: str) -> str:
    """A text as a terminal shows it safely: every character it would run instead of showing (TERMINAL_CONTROLS: a
    newline and a tab too) visible. For a text or a line of the command line's that holds recorded text: a newline
    the command writes itself is written apart (`say`, one call a line)."""
    return visible_controls(text, TERMINAL_CONTROLS) if not text.isprintable() else text


def say(line: Any = "", *, err: bool = False, nl: bool = True) -> None:
    """click.echo of one line of the command line's own that may hold recorded or given text, that text's control
    characters visible (on_terminal): the only newline written is the one after the line."""
    click.echo(on_terminal(str(line)), err=err, nl=nl)


def json_on_terminal(text: str) -> str:
    """JSON text (json.dumps with ensure_ascii=False) with the characters a terminal runs that JSON leaves as they are
    (DEL, the C1 controls, bidi controls, line separators) written as JSON's \\uXXXX escapes: the same JSON values,
    read by any JSON reader as before. (JSON escapes every C0 control itself: ESC as \\u001b.) These characters occur
    only inside JSON strings, where such an escape stands for them."""
    return _JSON_UNESCAPED.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def stdout_is_terminal() -> bool:
    """Whether the command's standard output is a terminal, rather than a pipe, a file or a test's capture: CSV, which
    has no escapes to keep its values the same, is shown with its texts' control characters visible only there
    (projections.merit.cli.csv_cell), and written as recorded anywhere else."""
    return is_terminal(sys.stdout)  # (where click.echo writes)


def is_terminal(stream: IO[Any] | None) -> bool:
    """Whether `stream` writes to a terminal (standard output, or a file named on the command line that is one:
    /dev/stdout, /dev/tty), rather than to a pipe, a file or a test's capture."""
    try:
        return stream is not None and stream.isatty()
    except ValueError:  # closed
        return False


def echo_as_is(text: str, *, nl: bool = True) -> None:
    """click.echo of a text written exactly as it is, to a pipe or a file too: click.echo alone removes what looks
    like a terminal's style sequence (ESC [2J, ESC [31m) from what it writes anywhere but to a terminal."""
    click.echo(text, nl=nl, color=True)
