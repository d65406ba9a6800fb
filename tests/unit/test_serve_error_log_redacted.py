"""`careerlog serve`'s error log (gunicorn's, on standard error) holds no personal data either: a request the app did
not answer is logged by gunicorn with its URI or request line whole (its worker's handle_error), which held the
NIP of the path and the query (a name searched, a cursor holding a page's last name and NIP), and an exception's
traceback may quote a value of it. Both are written as the access log writes the path: each NIP `{nip}`, no query
(web.cli.Redacted)."""

from __future__ import annotations

import pytest

from careerlog.config import Settings
from web.cli import Server, serve_options
from web.config import WebSettings

NIP = "198609262010031701"
SECRETS = (NIP, "19860926 201003 1 701", "Budi", "Siregar", "WyJyb3N0")


def error_logger() -> object:
    config = Server(
        Settings(database_url="sqlite:///unused.db"), WebSettings(secret_key="t"), serve_options("-", 1, 1)
    ).cfg
    return config.logger_class(config)


def test_a_request_the_app_did_not_answer_is_logged_without_its_nip_or_query(
    capsys: pytest.CaptureFixture[str],
) -> None:
    logger = error_logger()
    uri = f"/api/v1/employees/{NIP}/timeline?q=Budi+Siregar&after=WyJyb3N0ZXIiXQ"
    try:
        raise RuntimeError(f"the answer to {uri} broke off for 19860926 201003 1 701")
    except RuntimeError:
        logger.exception("Error handling request %s %s", "GET", uri)  # type: ignore[attr-defined]
    written = capsys.readouterr().err
    assert "Error handling request GET /api/v1/employees/{nip}/timeline" in written, written
    assert "RuntimeError: the answer to /api/v1/employees/{nip}/timeline broke off for {nip}" in written, written
    for secret in SECRETS:
        assert secret not in written, (secret, written)


@pytest.mark.parametrize(
    ("uri", "shown"),
    [
        ("/api/v1/employees/Budi%20Santoso/timeline?lang=en", "/api/v1/employees/{nip}/timeline"),
        ("/api/v1/employees/Budi%20Santoso", "/api/v1/employees/{nip}"),
        ("/pages/employees/Budi%20Santoso/record.csv", "/pages/employees/{nip}/record.csv"),
        ("/pages/audits/posts/Budi%20Santoso/2", "/pages/audits/posts/{nip}/2"),
        ("/pages/audits/Budi%20Santoso/2", "/pages/audits/{nip}/2"),
        ("/api/v1/employees/past-retirement", "/api/v1/employees/past-retirement"),
        ("/pages/audits/posts/x", "/pages/audits/posts/x"),
    ],
)
def test_a_name_in_an_employees_position_is_logged_by_the_error_log_as_the_access_log_writes_it(
    capsys: pytest.CaptureFixture[str], uri: str, shown: str
) -> None:
    """A name typed where the NIP goes was written whole by the error log (only an 18-digit NIP was `{nip}`) where
    the access log wrote the segment `{nip}`: both mask the segment in an employee's position (web.logs)."""
    logger = error_logger()
    try:
        raise RuntimeError(f"the answer to {uri} broke off")
    except RuntimeError:
        logger.exception("Error handling request %s %s", "GET", uri)  # type: ignore[attr-defined]
    written = capsys.readouterr().err
    assert f"Error handling request GET {shown}\n" in written, written
    assert f"RuntimeError: the answer to {shown} broke off" in written, written
    assert "Santoso" not in written, written


def test_a_refused_request_line_is_logged_without_its_nip_or_query(capsys: pytest.CaptureFixture[str]) -> None:
    logger = error_logger()
    line = f"GET /pages/employees/{NIP}?lang=en HTTP/1.1 /pages/find?nip=Budi+Siregar"
    logger.warning(f"Invalid request from ip=10.0.0.7: Invalid HTTP Version '{line}'")  # type: ignore[attr-defined]
    written = capsys.readouterr().err
    assert "Invalid request from ip=10.0.0.7: Invalid HTTP Version 'GET /pages/employees/{nip} HTTP/1.1" in written
    for secret in (*SECRETS, "lang=en"):
        assert secret not in written, (secret, written)


def test_other_messages_are_written_as_they_are(capsys: pytest.CaptureFixture[str]) -> None:
    logger = error_logger()
    logger.warning("Worker with pid %s was terminated due to signal %s", 4242, 9)  # type: ignore[attr-defined]
    assert "Worker with pid 4242 was terminated due to signal 9" in capsys.readouterr().err


def test_the_control_characters_a_logged_exception_quotes_are_written_visibly_its_lines_kept(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An exception's message quoting a value as sent (a unit named with ESC [2J, a carriage return, a bidi override,
    a C1 CSI): whoever watches the log on a terminal (`tail -f`) sees them, as the command line shows them, where
    they cleared the screen, wrote over the line or showed it backwards. The traceback's own lines stay lines."""
    logger = error_logger()
    try:
        raise ValueError("unit 'Bagian\x1b[2J Umum\r\u202eNAIGAPEGEK\x9b1m' refused")
    except ValueError:
        logger.exception("Error handling request %s %s", "POST", "/api/v1/events\x1b]0;x\x07")  # type: ignore[attr-defined]
    written = capsys.readouterr().err
    assert not any(c in written for c in ("\x1b", "\r", "\u202e", "\x9b", "\x07")), repr(written)
    assert "Error handling request POST /api/v1/events␛]0;x␇" in written, written
    assert "ValueError: unit 'Bagian␛[2J Umum␍\\u202eNAIGAPEGEK\\x9b1m' refused" in written, written
    assert "Traceback (most recent call last):\n" in written, written
