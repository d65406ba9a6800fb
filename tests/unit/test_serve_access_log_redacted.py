"""`careerlog serve`'s access log (gunicorn's, on standard output) holds no personal data: not the query (a name
searched, a cursor holding the last name of a page), not the Referer (a page's URL with a NIP and its filters), not
the NIP of the path; the request's method, its path otherwise, the status and the time are kept."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import timedelta

import pytest

from careerlog.config import Settings
from web.cli import Server, serve_options
from web.config import WebSettings

NIP = "198609262010031701"


@dataclass
class Answered:
    status: str = "200 OK"
    sent: int = 512
    headers: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Asked:
    headers: list[tuple[str, str]]


def test_the_access_log_line_holds_no_nip_name_query_or_referer(capsys: pytest.CaptureFixture[str]) -> None:
    options = serve_options("127.0.0.1:0", 1, 1)
    server = Server(Settings(database_url="sqlite:///unused.db"), WebSettings(secret_key="test"), options)
    logger = server.cfg.logger_class(server.cfg)
    path = f"/api/v1/employees/{NIP}/timeline"
    query = "q=Budi+Siregar&after=WyJyb3N0ZXIiLCJCdWRpIFNpcmVnYXIiXQ"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"{path}?{query}",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.7",
        "HTTP_REFERER": f"https://careerlog.example/pages/employees/{NIP}?lang=en",
        "HTTP_USER_AGENT": "Mozilla/5.0",
        "HTTP_AUTHORIZATION": "Bearer clt_secret-token",
    }
    logger.access(Answered(), Asked([("AUTHORIZATION", "Bearer clt_secret-token")]), environ, timedelta(seconds=0.25))
    line = capsys.readouterr().out
    assert line.count("\n") == 1, line
    for secret in (NIP, "Budi", "Siregar", "WyJyb3N0", "clt_secret-token", "lang=en", "/pages/employees"):
        assert secret not in line, (secret, line)
    assert '"GET /api/v1/employees/{nip}/timeline HTTP/1.1" 200 512' in line, line
    assert line.startswith("10.0.0.7 "), line


@pytest.mark.parametrize(
    "written",
    [
        f"{NIP[:8]} {NIP[8:14]} {NIP[14]} {NIP[15:]}",
        f"{NIP[:8]}.{NIP[8:14]}.{NIP[14]}.{NIP[15:]}",
        f"{NIP[:8]}-{NIP[8:]}",
    ],
    ids=["spaces", "dots", "dash"],
)
def test_a_nip_written_with_separators_in_the_path_is_not_logged(
    capsys: pytest.CaptureFixture[str], written: str
) -> None:
    """The API reads a NIP written as it is printed ("19860926 201003 1 701": careerlog.domain.nip.normalise_nip), so
    the log's path hides it so written too; a decision's key (NIP-version) keeps its version."""
    config = Server(
        Settings(database_url="sqlite:///unused.db"), WebSettings(secret_key="t"), serve_options("-", 1, 1)
    ).cfg
    logger = config.logger_class(config)
    for path, shown in [
        (f"/api/v1/employees/{written}/timeline", "/api/v1/employees/{nip}/timeline"),
        (f"/api/v1/audits/promotions/{NIP}-2", "/api/v1/audits/promotions/{nip}-2"),
    ]:
        environ = {"REQUEST_METHOD": "GET", "RAW_URI": path, "PATH_INFO": path, "SERVER_PROTOCOL": "HTTP/1.1"}
        logger.access(Answered(), Asked([]), environ, timedelta(seconds=0.01))
        line = capsys.readouterr().out
        assert f'"GET {shown} HTTP/1.1" 200 512' in line, line


def logged_line(capsys: pytest.CaptureFixture[str], path: str) -> str:
    """The access log's line of a GET of `path` (PATH_INFO, decoded) answered 200."""
    config = Server(
        Settings(database_url="sqlite:///unused.db"), WebSettings(secret_key="t"), serve_options("-", 1, 1)
    ).cfg
    logger = config.logger_class(config)
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/x", "PATH_INFO": path, "SERVER_PROTOCOL": "HTTP/1.1"}
    logger.access(Answered(), Asked([]), environ, timedelta(seconds=0.01))
    line = capsys.readouterr().out
    return line


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        (
            '/api/v1/x\n10.0.0.9 - - [04/Dec/2026:10:00:00 +0000] "GET /api/v1/accounts HTTP/1.1" 200 2',
            "/api/v1/x%0A10.0.0.9%20-%20-%20%5B04/Dec/2026:10:00:00%20+0000%5D%20%22GET%20/api/v1/accounts%20HTTP/1.1%22"
            "%20200%202",
        ),
        ("/pages/x\r\x1b[2J\x00", "/pages/x%0D%1B%5B2J%00"),
        ("/pages/find/100%", "/pages/find/100%25"),
        (f"/api/v1/employees/{NIP}/timeline\n", "/api/v1/employees/{nip}/timeline%0A"),
        ("/pages/caf\xe9", "/pages/caf%E9"),
    ],
    ids=["forged-line", "control-characters", "percent", "nip-and-newline", "latin-1"],
)
def test_the_access_log_writes_the_path_percent_encoded(
    capsys: pytest.CaptureFixture[str], path: str, shown: str
) -> None:
    """The path as WSGI gives it is decoded (%0A is a newline in PATH_INFO): written as it came, a request for
    /x%0A... wrote a second line of the attacker's choosing into the log. It is written percent-encoded, NIPs as
    {nip}."""
    line = logged_line(capsys, path)
    assert line.count("\n") == 1, line
    assert "\r" not in line
    assert "\x1b" not in line
    assert f'"GET {shown} HTTP/1.1" 200 512' in line, line


def test_the_access_log_shows_a_user_agents_control_characters_visibly_and_no_basic_user_name(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """What else a client writes into the log line: not a Basic authorization's user name (UTF-8, ESC [2J and
    U+202E in it: careerlog has no Basic log-in, so it is whatever a client sent), and a User-Agent (gunicorn refuses
    C0 controls in a header but gives its other bytes as latin-1: byte 0x9B is U+009B, a terminal's CSI) with its
    control characters visible (careerlog.visible.on_terminal): written raw, they cleared or reordered the terminal
    of whoever watched `careerlog serve`'s log."""
    config = Server(
        Settings(database_url="sqlite:///unused.db"), WebSettings(secret_key="t"), serve_options("-", 1, 1)
    ).cfg
    logger = config.logger_class(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/x",
        "PATH_INFO": "/x",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_AUTHORIZATION": "Basic " + base64.b64encode("siti\x1b[2J\u202e:sandi".encode()).decode(),
        "HTTP_USER_AGENT": "curl/8\x9b2J",
    }
    logger.access(Answered(), Asked([]), environ, timedelta(seconds=0.01))
    line = capsys.readouterr().out
    assert not [c for c in ("\x1b", "\u202e", "\x9b") if c in line], line
    assert "siti" not in line, line  # (a Basic authorization's user name: not written)
    assert line.startswith("- - - ["), line
    assert line.rstrip("\n").endswith('"curl/8\\x9b2J"'), line


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/api/v1/employees/Abdul Rahman Harahap/timeline", "/api/v1/employees/{nip}/timeline"),
        ("/api/v1/employees/Abdul Rahman Harahap", "/api/v1/employees/{nip}"),
        ("/api/v1/employees/19860926/events/3", "/api/v1/employees/{nip}/events/3"),
        ("/pages/employees/Budi Siregar", "/pages/employees/{nip}"),
        ("/pages/employees/Budi/record.csv", "/pages/employees/{nip}/record.csv"),
        ("/pages/audits/Budi Siregar/2", "/pages/audits/{nip}/2"),
        ("/pages/audits/posts/Budi Siregar/2", "/pages/audits/posts/{nip}/2"),
        ("/pages/audits/appointments/Budi/2", "/pages/audits/appointments/{nip}/2"),
        ("/api/v1/employees/past-retirement", "/api/v1/employees/past-retirement"),
        ("/api/v1/employees", "/api/v1/employees"),
        ("/pages/audits/posts", "/pages/audits/posts"),
        ("/pages/audits/awards", "/pages/audits/awards"),
        ("/pages/audits/posts/x", "/pages/audits/posts/x"),  # (`posts` is no employee's segment: was {nip})
        ("/pages/audits/appointments/2", "/pages/audits/appointments/2"),
    ],
)
def test_the_segment_in_an_employees_position_is_not_logged_whatever_it_holds(
    capsys: pytest.CaptureFixture[str], path: str, shown: str
) -> None:
    """A name typed where the NIP goes (/api/v1/employees/Abdul%20Rahman%20Harahap/timeline) was logged as written:
    only a NIP-like segment became {nip}. The segment in an employee's position is {nip} whatever it holds; the
    other paths are kept."""
    line = logged_line(capsys, path)
    assert f'"GET {shown} HTTP/1.1" 200 512' in line, line
