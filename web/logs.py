"""Logs without the personal data a request's URL carries: each NIP written `{nip}`, no query.

`careerlog serve`'s access log writes the path so (web.cli.AccessLog); its error log (gunicorn's: a request the app
did not answer, logged with its URI or request line whole) and the app's own log of an unexpected error (whose
traceback quotes the exception as raised: a database error's detail, a message formatted with a NIP or a URL) are
written through `Redacted`.
"""

from __future__ import annotations

import logging
import re

# A NIP in a path (/api/v1/employees/NIP, /pages/audits/NIP/2): 18 digits, birth date, appointment and sex in them,
# written as the API reads one too, with spaces, dots or dashes between them (careerlog.domain.nip.normalise_nip:
# "19860926 201003 1 701", as it is printed)
NIP_IN_PATH = re.compile(r"(?<!\d)\d(?:[\s.\-]*\d){17}(?!\d)")
# A URL's query in a message (`?q=Budi+Siregar&after=...`), up to the next space or quote
QUERY_IN_TEXT = re.compile(r"\?[^\s'\"]*")


def redacted(text: str) -> str:
    """A log message without the personal data a request's URL carries: each NIP written `{nip}`, each query left
    out."""
    return NIP_IN_PATH.sub("{nip}", QUERY_IN_TEXT.sub("", text))


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
