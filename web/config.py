"""The web layer's settings from the environment, beside careerlog's own (careerlog.config).

CAREERLOG_SECRET_KEY      Flask's secret key, at least 32 characters for `careerlog serve` (default: one
                          drawn by `careerlog serve` and shared by its workers, so page sessions end when
                          it restarts, with a warning; a random one per process for an app made otherwise,
                          e.g. web.create_app in a test or under another WSGI server)
CAREERLOG_MAX_UPLOAD_MB   the largest request body, imports included (default 50)
CAREERLOG_IMPORT_JOB_ROWS the most rows the import page imports while it waits (default 1000); a file of more is
                          imported in the background as a job, its page showing the progress and then the report
CAREERLOG_WAIT_SECONDS    how long a read waits for ?wait_for (default 5; then the API answers 503, the
                          career page is shown as it stands)
CAREERLOG_MIN_CELL        the fewest people a reporter or policy maker sees a figure about (default 5)
CAREERLOG_DISCLOSURE      how the headcount protects its small cells from a reporter or policy maker: withhold
                          (default), small cells and the cells that would give them away withheld; perturb, an opt-in
                          the agency chooses in writing (docs/security.md), the cell-key method, every figure shown
                          with small noise that the same people always get, cells below CAREERLOG_MIN_CELL withheld
                          and one value per filter (so unions cannot be differenced and averaged)
CAREERLOG_CELL_KEY_SECRET the secret the people's record keys are drawn from (perturb), at least 32 characters, the
                          same on every server and kept across restarts (a new one changes every figure, and figures
                          under two secrets average the noise away); under perturb no app is made without it
                          (`careerlog serve`, `careerlog run`, an app factory's worker, a test's: web.create_app
                          refuses, naming it), none is needed under withhold
CAREERLOG_MAX_REPORT_FILTERS  the most filters a reporter or policy maker combines in one request of an aggregate
                          report (headcount, training compliance, programmes, mentoring; default 4, at least 3, the
                          scorecard's own judging asking them of an agency, its unit and region): more is a 422
                          naming them (web.services.filters_at_most). The withholding judges a filtered answer
                          against the tables without each filter, each judged so in turn, at a cost growing about
                          3^filters; inspectors, HR and administrators (exact figures, none of that judging) combine any
CAREERLOG_MAX_PAGE_OFFSET the deepest row a list reads by page number: page x per_page at most this
                          (default 10000, at most 1,000,000,000); the roster reads on past it by cursor (`after`)
CAREERLOG_ACCESS_LOG_COMMIT  durable (default): on PostgreSQL each read's access-log entry is on disk
                          before the answer; fast: committed without waiting for the disk (a crash of
                          the database server or machine may lose the last 0.6 s of entries)
CAREERLOG_FAST_READS      on (default): the timeline, eligibility and roster reads' happy path is answered
                          without Flask's request machinery, the same answer to the byte (web.fastreads);
                          off: every request goes through Flask
CAREERLOG_SESSION_IDLE_MINUTES  a page session not used for this long ends (default 30): Flask's
                          PERMANENT_SESSION_LIFETIME, the signed cookie renewed by each page opened
CAREERLOG_SESSION_HOURS   a page session ends this long after its log-in however much it is used (default 12)
CAREERLOG_SECURE_COOKIES  on (or 1, true, yes): the pages' session cookie is sent Secure, over https alone;
                          off (or 0, false, no; the default): over http too. Anything else stops the server
                          at start naming it (it was read as off: `on`, as the other settings are written,
                          left the cookie without Secure behind https)
CAREERLOG_API_RATE_LIMIT  the requests one API token may make (default 3000/minute; `N/second`, `N/minute`,
                          `N/hour`, `N per 5 minutes`...; off: no limit): past it, 429 with Retry-After
                          (web.api.ratelimit; counted in the store, so across every worker and host)
CAREERLOG_LOGIN_FAILURE_LIMIT  the failed page log-ins one user name may have, from any address (default
                          20/hour; written as CAREERLOG_API_RATE_LIMIT; off: no such limit): once reached, every
                          log-in with that user name is refused (429) until the window ends or an administrator
                          clears it (`careerlog accounts unlock`); web.pages.auth, counted in the store
CAREERLOG_TIMEZONE        the time zone the pages show recorded times in (default Asia/Jakarta): read and checked
                          as careerlog.config reads it (every command stops on a bad one), handed to flask-babel as
                          BABEL_DEFAULT_TIMEZONE (web.pages.local_datetime); the API answers UTC whatever it is
"""

from __future__ import annotations

import math
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from limits import parse

from careerlog.config import DEFAULT_TIMEZONE, ConfigurationError, switch_setting, timezone_setting

DEFAULT_RATE = "3000/minute"
DEFAULT_LOGIN_FAILURES = "20/hour"
# CAREERLOG_MAX_REPORT_FILTERS: the most filters a reader of aggregates combines in one report request, and the fewest
# a setting may give (the scorecard's judging asks the training compliance, headcount and mentoring of an agency, its
# unit and its region: web.services.card_values)
DEFAULT_MAX_REPORT_FILTERS = 4
FEWEST_REPORT_FILTERS = 3
SECRET_KEY_ENV = "CAREERLOG_SECRET_KEY"  # noqa: S105 (the variable's name, no key)
MIN_SECRET_KEY = 32  # characters: what `secrets.token_urlsafe(32)` gives is 43
CELL_KEY_SECRET_ENV = "CAREERLOG_CELL_KEY_SECRET"  # noqa: S105 (the variable's name, no secret)
DISCLOSURES = ("withhold", "perturb")  # CAREERLOG_DISCLOSURE, the default first (perturb an opt-in)
NO_SECRET_KEY = (
    f"Warning: {SECRET_KEY_ENV} is not set: this server signs page sessions with a key of its own, drawn now and "
    "shared by its workers alone, so page log-ins end when it restarts and do not hold on another server or host "
    "behind the same address. Set the same key on every server (docs/operations.md, Configuration)."
)


def checked_secret_key(env: Mapping[str, str] | None = None) -> str | None:
    """`careerlog serve`'s check of CAREERLOG_SECRET_KEY: one shorter than MIN_SECRET_KEY characters is refused
    naming the variable (a short key signing the page sessions and log-in forms can be guessed offline from one
    signed cookie); none set (or empty) gives the warning to print (NO_SECRET_KEY), a key given None."""
    env = os.environ if env is None else env
    key = env.get(SECRET_KEY_ENV) or ""
    if not key:
        return NO_SECRET_KEY
    if len(key) < MIN_SECRET_KEY:
        raise ConfigurationError(
            f"{SECRET_KEY_ENV}: {len(key)} characters, at least {MIN_SECRET_KEY} are needed (it signs the page "
            "sessions and log-in forms); make one with python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    return None


def checked_cell_key_secret(env: Mapping[str, str] | None = None) -> None:
    """`careerlog serve`'s and `careerlog run`'s check of CAREERLOG_CELL_KEY_SECRET under CAREERLOG_DISCLOSURE=perturb,
    before any worker boots (each worker's `create_app` refuses the same: `cell_key_secret_refused`)."""
    env = os.environ if env is None else env
    disclosure = _choice(env, "CAREERLOG_DISCLOSURE", DISCLOSURES)
    if refused := cell_key_secret_refused(disclosure, env.get(CELL_KEY_SECRET_ENV) or ""):
        raise ConfigurationError(refused)


def cell_key_secret_refused(disclosure: str, secret: str) -> str | None:
    """Why an app may not be made under CAREERLOG_DISCLOSURE=perturb with this CAREERLOG_CELL_KEY_SECRET (none, or
    shorter than MIN_SECRET_KEY characters), naming the variable; None when it may. Wherever the app is made
    (`careerlog serve`, `careerlog run`, a gunicorn worker of the app factory, a test): a secret drawn per process
    (until 2026-12-06 for every app not made by `serve`) gave each worker its own noise for the same people, and the
    figures of several workers average it away."""
    if disclosure != "perturb" or len(secret) >= MIN_SECRET_KEY:
        return None
    return (
        f"{CELL_KEY_SECRET_ENV}: {'not set' if not secret else f'{len(secret)} characters'}, a secret of at least "
        f"{MIN_SECRET_KEY} characters is needed under CAREERLOG_DISCLOSURE=perturb (the headcount's figures are "
        "perturbed by keys drawn from it: keep it, the same on every server); make one with python3 -c 'import "
        "secrets; print(secrets.token_urlsafe(32))', or set CAREERLOG_DISCLOSURE=withhold (docs/security.md)"
    )


@dataclass(frozen=True)
class WebSettings:
    secret_key: str = field(repr=False)  # (the secrets kept out of the repr: a log line or a traceback shows it)
    max_upload_mb: float = 50
    import_job_rows: int = 1000
    wait_seconds: float = 5.0
    min_cell: int = 5
    max_report_filters: int = DEFAULT_MAX_REPORT_FILTERS
    max_page_offset: int = 10_000
    durable_access_log: bool = True
    fast_reads: bool = True
    api_rate_limit: str | None = DEFAULT_RATE
    session_idle_minutes: float = 30
    session_hours: float = 12
    secure_cookies: bool = False
    login_failure_limit: str | None = DEFAULT_LOGIN_FAILURES
    timezone: str = DEFAULT_TIMEZONE
    disclosure: str = DISCLOSURES[0]
    cell_key_secret: str = field(default="", repr=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> WebSettings:
        env = os.environ if environ is None else environ
        return cls(
            secret_key=env.get(SECRET_KEY_ENV) or secrets.token_urlsafe(32),
            max_upload_mb=_number(env, "CAREERLOG_MAX_UPLOAD_MB", 50),
            import_job_rows=_whole(env, "CAREERLOG_IMPORT_JOB_ROWS", 1000),
            wait_seconds=_number(env, "CAREERLOG_WAIT_SECONDS", 5.0),
            min_cell=_whole(env, "CAREERLOG_MIN_CELL", 5),
            max_report_filters=_report_filters(env),
            max_page_offset=_window(env),
            durable_access_log=_choice(env, "CAREERLOG_ACCESS_LOG_COMMIT", ("durable", "fast")) == "durable",
            fast_reads=_choice(env, "CAREERLOG_FAST_READS", ("on", "off")) == "on",
            api_rate_limit=_rate(env, "CAREERLOG_API_RATE_LIMIT", DEFAULT_RATE),
            session_idle_minutes=_length(env, "CAREERLOG_SESSION_IDLE_MINUTES", 30, "minutes"),
            session_hours=_length(env, "CAREERLOG_SESSION_HOURS", 12, "hours"),
            secure_cookies=switch_setting(env, "CAREERLOG_SECURE_COOKIES"),
            login_failure_limit=_rate(
                env, "CAREERLOG_LOGIN_FAILURE_LIMIT", DEFAULT_LOGIN_FAILURES, "20/hour or 10 per 30 minutes"
            ),
            timezone=timezone_setting(env),
            disclosure=_choice(env, "CAREERLOG_DISCLOSURE", DISCLOSURES),
            cell_key_secret=env.get(CELL_KEY_SECRET_ENV) or "",  # (none drawn: create_app refuses perturb without)
        )

    def flask_config(self) -> dict[str, Any]:
        return {
            "SECRET_KEY": self.secret_key,
            "MAX_CONTENT_LENGTH": int(self.max_upload_mb * 1024 * 1024),
            "CAREERLOG_IMPORT_JOB_ROWS": self.import_job_rows,
            "CAREERLOG_WAIT_SECONDS": self.wait_seconds,
            "CAREERLOG_MIN_CELL": self.min_cell,
            "CAREERLOG_MAX_REPORT_FILTERS": self.max_report_filters,
            "CAREERLOG_MAX_PAGE_OFFSET": self.max_page_offset,
            "CAREERLOG_FOLLOW": True,
            "CAREERLOG_DURABLE_ACCESS_LOG": self.durable_access_log,
            "CAREERLOG_FAST_READS": self.fast_reads,
            "CAREERLOG_API_RATE_LIMIT": self.api_rate_limit,
            # A page session ends when not used for the idle time (the cookie's signature is renewed by each page
            # a signed-in user opens: web.pages.common) and at the latest this long after its log-in.
            "PERMANENT_SESSION_LIFETIME": timedelta(minutes=self.session_idle_minutes),
            "CAREERLOG_SESSION_HOURS": self.session_hours,
            "SESSION_COOKIE_SECURE": self.secure_cookies,
            "CAREERLOG_LOGIN_FAILURE_LIMIT": self.login_failure_limit,
            # the pages' times are shown in it (web.pages.local_datetime), flask-babel converting them from UTC
            "BABEL_DEFAULT_TIMEZONE": self.timezone,
            "CAREERLOG_DISCLOSURE": self.disclosure,
            "CAREERLOG_CELL_KEY_SECRET": self.cell_key_secret,
        }


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    """A finite number above 0: float() also reads `nan`, `inf` and `1e400`, which passed as more than 0 (an upload
    limit of inf failed each worker's boot, a wait of nan never timed out)."""
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigurationError(f"{name}: expected a number, got {raw!r}") from None
    if not math.isfinite(value):
        raise ConfigurationError(f"{name}: expected a finite number, got {raw!r}")
    if value <= 0:
        raise ConfigurationError(f"{name}: must be more than 0, got {raw!r}")
    return value


def _length(env: Mapping[str, str], name: str, default: float, unit: str) -> float:
    """A number of `unit` (a timedelta keyword) that a session may last: one that ends past the calendar (year 9999)
    is refused, as the pages counting a session's end from now failed on it (OverflowError)."""
    value = _number(env, name, default)
    try:
        datetime.now(UTC) + timedelta(**{unit: value})
    except OverflowError:
        raise ConfigurationError(
            f"{name}: too long, a session would end past the year 9999; got {env.get(name)!r}"
        ) from None
    return value


def _whole(env: Mapping[str, str], name: str, default: int) -> int:
    value = float(_number(env, name, default))
    if not value.is_integer():
        raise ConfigurationError(f"{name}: expected a whole number, got {env.get(name)!r}")
    return int(value)


# The widest window of pages by number a setting may give (web.api.paging): 1,000,000,000 rows. Past it an OFFSET
# reached what the database's 64-bit integers hold (page 10^17 of 500 rows: SQLite could not take the number,
# PostgreSQL's bigint overflowed) and the list answered 500 or 503 instead of the 422 naming `page`; no list reads a
# billion rows by OFFSET anyway.
MAX_WINDOW = 10**9


def _window(env: Mapping[str, str]) -> int:
    """CAREERLOG_MAX_PAGE_OFFSET: a window of at most 1,000,000,000 rows (an OFFSET past it reached what the database's
    64-bit integers hold, and a page there answered 500)."""
    value = _whole(env, "CAREERLOG_MAX_PAGE_OFFSET", 10_000)
    if value > MAX_WINDOW:
        raise ConfigurationError(
            f"CAREERLOG_MAX_PAGE_OFFSET: at most {MAX_WINDOW:,} rows, got {env.get('CAREERLOG_MAX_PAGE_OFFSET')!r}"
        )
    return value


def _report_filters(env: Mapping[str, str]) -> int:
    """CAREERLOG_MAX_REPORT_FILTERS: a whole number of at least FEWEST_REPORT_FILTERS (fewer would refuse the
    scorecard's own judging of a card of a unit and a region, its values then withheld)."""
    value = _whole(env, "CAREERLOG_MAX_REPORT_FILTERS", DEFAULT_MAX_REPORT_FILTERS)
    if value < FEWEST_REPORT_FILTERS:
        raise ConfigurationError(
            f"CAREERLOG_MAX_REPORT_FILTERS: at least {FEWEST_REPORT_FILTERS} (the scorecard's judging asks a report of "
            f"an agency, its unit and its region), got {env.get('CAREERLOG_MAX_REPORT_FILTERS')!r}"
        )
    return value


def _choice(env: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str:
    """One of the choices (the first when unset)."""
    raw = env.get(name) or choices[0]
    if raw not in choices:
        raise ConfigurationError(f"{name}: one of {', '.join(choices)}, got {raw!r}")
    return raw


def _rate(env: Mapping[str, str], name: str, default: str, example: str = "3000/minute or 50 per second") -> str | None:
    """A rate limit as the `limits` package writes one (`3000/minute`, `50 per second`); None for `off`."""
    raw = (env.get(name) or default).strip()
    if raw == "off":
        return None
    try:
        amount = parse(raw).amount
    except ValueError:
        amount = 0
    if amount < 1:
        raise ConfigurationError(f"{name}: a rate such as {example}, or off; got {raw!r}")
    return raw
