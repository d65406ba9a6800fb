"""Logs without the personal data a request's URL carries: the segment in an employee's position of a path (a NIP, or
a name typed in its place) and each NIP elsewhere written `{nip}`, no query; the access log's path
percent-encoded (`logged_path`: no character of it can forge a line).

`careerlog serve`'s access log writes the path so (web.cli.AccessLog); its error log (gunicorn's: a request the app
did not answer, logged with its URI or request line whole) and the app's own log of an unexpected error (whose
traceback quotes the exception as raised: a database error's detail, a message formatted with a NIP or a URL) are
written through `Redacted`, which also shows the control characters they quote visibly (a log file is read on a
terminal too).
"""

from __future__ import annotations

import logging
import re
from urllib.parse import quote

from careerlog.visible import LOG_CONTROLS, visible_controls

# A NIP in a path (/api/v1/employees/NIP, /pages/audits/NIP/2): 18 digits, birth date, appointment and sex in them,
# written as the API reads one too, with spaces, dots or dashes between them (careerlog.domain.nip.normalise_nip:
# "19860926 201003 1 701", as it is printed)
NIP_IN_PATH = re.compile(r"(?<!\d)\d(?:[\s.\-]*\d){17}(?!\d)")
# The path segment in an employee's position, whatever it holds (a name typed where the NIP goes,
# /api/v1/employees/Abdul%20Rahman%20Harahap/timeline, was logged as written: only an 18-digit one was `{nip}`): the
# API's /api/v1/employees/NIP... (not its list /past-retirement), the pages' /pages/employees/NIP... and
# /pages/audits[/posts|/appointments]/NIP/VERSION (not /pages/audits/posts/x: `posts` is no employee's segment)
EMPLOYEE_IN_PATH = re.compile(
    r"^(/api/v1/employees/)(?!past-retirement$)([^/]+)"
    r"|^(/pages/employees/)([^/]+)"
    r"|^(/pages/audits/(?:(?:posts|appointments)/)?)(?!(?:posts|appointments)/)([^/]+)(?=/[^/]+$)"
)
# A URL's query in a message (`?q=Budi+Siregar&after=...`), up to the next space or quote
QUERY_IN_TEXT = re.compile(r"\?[^\s'\"]*")
# A path in a message that may carry an employee's segment (EMPLOYEE_IN_PATH), up to the next space, quote or query
PATH_IN_TEXT = re.compile(r"/(?:api/v1/employees|pages/employees|pages/audits)/[^\s'\"?]*")


# What a logged path keeps as it is besides letters, digits and "_.-~" (RFC 3986's pchar and "/"): anything else, a
# control character, a newline, a space, a quote, "%" itself, is written percent-encoded
PATH_KEPT = "/:@!$&'()*+,;="


def logged_path(path: str) -> str:
    """A request's path (PATH_INFO, decoded) as the access log writes it: the segment in an employee's position
    (EMPLOYEE_IN_PATH: a NIP, or a name typed in its place) and each NIP elsewhere written `{nip}`, the rest
    percent-encoded as a URL writes it, so that no character of it (a newline or carriage return sent as %0A, %0D, a
    quote closing the request's field, an escape sequence a terminal would run) can forge or break a log line. WSGI
    gives the path's bytes as latin-1 characters; any other character is written by its UTF-8 bytes."""
    if (employee := employee_span(path)) is not None:
        start, end = employee
        return f"{logged_path(path[:start])}{{nip}}{logged_path(path[end:])}"
    return "{nip}".join(quote(_path_bytes(piece), safe=PATH_KEPT) for piece in NIP_IN_PATH.split(path))


def employee_span(path: str) -> tuple[int, int] | None:
    """Where the segment in an employee's position (EMPLOYEE_IN_PATH) is in a path, if it has one."""
    if (employee := EMPLOYEE_IN_PATH.match(path)) is None:
        return None
    return next(employee.span(g) for g in (2, 4, 6) if employee.group(g) is not None)


def _employee_masked(found: re.Match[str]) -> str:
    """A path found in a message with the segment in an employee's position written `{nip}`, as logged_path writes it
    (the rest as it was: a message quotes a URI as sent, already percent-encoded)."""
    path = found.group()
    if (employee := employee_span(path)) is None:
        return path
    start, end = employee
    return f"{path[:start]}{{nip}}{path[end:]}"


def sent_path(path: str) -> str:
    """A request's path (PATH_INFO, decoded) percent-encoded again as the client sent it (a space as %20, \u00e9 as
    %C3%A9): a URI reference, as a problem's `instance` is (RFC 9457, 3.1.5)."""
    return quote(_path_bytes(path), safe=PATH_KEPT)


def _path_bytes(text: str) -> bytes:
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def redacted(text: str) -> str:
    """A log message without the personal data a request's URL carries: the segment in an employee's position of a
    path (EMPLOYEE_IN_PATH: a NIP, or a name typed in its place, /api/v1/employees/Budi%20Santoso/timeline) and
    each NIP elsewhere written `{nip}`, as the access log writes them, each query left out; and with the control
    characters a terminal would run instead of showing (an escape sequence ESC [2J clearing the screen of whoever
    watches the log, a carriage return writing over a line, a bidi override U+202E showing a text backwards) made
    visible as the command line shows them (careerlog.visible.LOG_CONTROLS: ESC as
    ␛, U+202E as \\u202e), the newlines and tabs of a traceback kept."""
    masked = PATH_IN_TEXT.sub(_employee_masked, QUERY_IN_TEXT.sub("", text))
    return visible_controls(NIP_IN_PATH.sub("{nip}", masked), LOG_CONTROLS)


class Redacted(logging.Filter):
    """A logger's records redacted (`redacted`): the message, and the traceback of one logged with its exception."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if redacted(message) != message:
            record.msg, record.args = redacted(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = redacted(logging.Formatter().formatException(record.exc_info))
        return True


REDACTED = Redacted()


def redact(logger: logging.Logger) -> None:
    """Write this logger's records redacted (once, however often asked)."""
    if REDACTED not in logger.filters:
        logger.addFilter(REDACTED)
