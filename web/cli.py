"""What `careerlog serve` (the API on gunicorn) and `careerlog run` (the demo) run: their commands and options are
web.commands, which imports this module only as they run."""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import queue
import signal
import socket
import sys
import time
from collections.abc import MutableMapping
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, cast

import click
from flask import Flask
from gunicorn import glogging, util
from gunicorn.app.base import BaseApplication
from gunicorn.http.errors import LimitRequestLine
from gunicorn.workers import gthread
from gunicorn.workers.gthread import ThreadWorker

from careerlog import reference
from careerlog.accounts import open_accounts
from careerlog.cli import Context, Progress
from careerlog.config import Settings
from careerlog.visible import on_terminal, say
from projections.merit.fairness import import_statistics
from projections.registry import projector
from projections.scorecard.findings import settings as scorecard_settings

# (the commands, where an installation made before they moved to web.commands still names them: setup.cfg)
from web.commands import run_command, serve_command  # noqa: F401
from web.config import WebSettings, checked_cell_key_secret, checked_secret_key
from web.demo import DEMO_LOGINS, ensure_demo_accounts
from web.errors import PROBLEM_JSON, problem_document
from web.logs import logged_path, redact
from web.pages import import_pages
from web.security import URL_TOO_LONG, security_headers

if TYPE_CHECKING:
    from gunicorn.glogging import _AtomsDict

# gunicorn's ceiling on a request line (its limit_request_line, at most this): every URL up to the app's
# own limit (web.security.MAX_URL_BYTES, below it) reaches the app, which refuses a longer one.
REQUEST_LINE_LIMIT = 8190

# How long a new connection may stay without its first bytes once the worker stops: as long as gunicorn keeps a
# kept-alive one then (a request the client may already be sending), not the 5 s a running worker gives it.
STOP_LINGER = float(getattr(gthread, "STOP_KEEPALIVE_LINGER", 2.0))
WAIT_SLICE = 0.1  # seconds: how often a thread waiting for a new connection's first bytes looks for the stop


class Worker(ThreadWorker):
    """gunicorn's threaded worker, answering a request line over REQUEST_LINE_LIMIT as the app answers
    a URL over its limit (a 414 problem+json naming it), not with gunicorn's own HTML page, and stopping
    promptly beside connections that have sent nothing.

    gunicorn (from 24) gives each new connection a thread that waits up to 5 s for its first bytes, and
    a stopping worker waits for its threads: a connection opened and left idle (a browser's speculative
    one, a load balancer's probe) held SIGTERM for 5 s, and one queued behind it 5 s more, until the
    master's graceful timeout (10 s) killed the worker, with any request still in it. Here the wait
    looks for the stop every WAIT_SLICE and ends STOP_LINGER after it: the connection is closed, having
    sent nothing; one whose bytes have come is served (tests/integration/test_serve_stops_promptly.py).
    """

    stopping_since: float | None = None
    stopped = False  # its loop ended (not a failed boot, whose exit code the master reads)

    def run(self) -> None:
        super().run()
        self.stopped = True

    def handle_exit(self, sig: Any, frame: Any) -> None:
        if self.stopping_since is None:
            self.stopping_since = time.monotonic()
        super().handle_exit(sig, frame)

    def handle(self, conn: Any) -> Any:
        waits = hasattr(conn, "data_ready") and hasattr(gthread, "_DEFER")  # a gunicorn whose threads wait
        if waits and not conn.initialized and not conn.data_ready and not self.first_bytes(conn):
            if self.alive:
                # as gunicorn's own: the poller waits for it, without a thread (gunicorn 27's: types-gunicorn is 26's)
                return gthread._DEFER  # type: ignore[attr-defined]
            with contextlib.suppress(OSError):  # nothing to answer or drain: a graceful close waits 2 s for it
                conn.sock.shutdown(socket.SHUT_RDWR)
            return False  # closed, not kept
        return super().handle(conn)

    def first_bytes(self, conn: Any) -> bool:
        """Whether the connection's first bytes (or its end) came within gunicorn's wait, cut short by a stop."""
        deadline = time.monotonic() + float(getattr(gthread, "DEFAULT_WORKER_DATA_TIMEOUT", 5.0))
        while True:
            if not self.alive:
                self.stopping_since = self.stopping_since or time.monotonic()
                deadline = min(deadline, self.stopping_since + STOP_LINGER)
            left = deadline - time.monotonic()
            if conn.wait_for_data(max(0.0, min(left, WAIT_SLICE))):
                return True
            if left <= 0:
                return False

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        if not isinstance(exc, LimitRequestLine):
            super().handle_error(req, client, addr, exc)
            return
        self.log.warning("Invalid request from ip=%s: %s", addr[0] if addr else "?", exc)
        status = HTTPStatus.REQUEST_URI_TOO_LONG
        body = json.dumps(problem_document(status, URL_TOO_LONG))
        # the headers the app gives every answer (web.security): no-store above all, a 414 being one a cache may
        # keep unasked (RFC 9111); the path is not known (the request line was not read), so any path's
        secured = "".join(f"{name}: {value}\r\n" for name, value in security_headers("/", False))
        head = (
            f"HTTP/1.1 {status.value} {status.phrase}\r\nConnection: close\r\n"
            f"Content-Type: {PROBLEM_JSON}\r\nContent-Length: {len(body)}\r\n{secured}\r\n"
        )
        try:
            util.write_nonblock(client, (head + body).encode())
        except OSError:
            self.log.debug("Failed to send error message.")


class AccessLog(glogging.Logger):
    """gunicorn's access log, one line per request (its default format), without personal data: the path's NIPs
    written `{nip}` and the rest of it percent-encoded (web.logs.logged_path: a newline or control character sent as
    %0A cannot forge a line), and neither the query (a name searched, `q=`; a cursor holding a page's last name and NIP;
    filters) nor the Referer (a page's URL, NIP and query with it). The app's own access log says who read whose
    record; this log says what was asked, its status and time, for operations. Its error log alike
    (web.logs.Redacted: a request the app did not answer is logged by gunicorn with its URI or request line whole,
    "Error handling request GET /api/v1/employees/1986...?q=Budi+Siregar", "Invalid request from ip=...: Invalid HTTP
    Version 'GET /pages/find?nip=Budi ...'", and an exception's traceback may quote a value of it)."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        redact(self.error_log)

    def atoms(self, resp: Any, req: Any, environ: MutableMapping[str, Any], request_time: Any) -> _AtomsDict:
        atoms: dict[str, Any] = dict(super().atoms(resp, req, environ, request_time))
        path = logged_path(str(environ.get("PATH_INFO") or ""))  # (NIPs as {nip}, the rest percent-encoded)
        # no Basic authorization's user name (`u`): careerlog authenticates by bearer token and page session, so one
        # is whatever a client sent, a credential maybe
        atoms.update(
            U=path, q="", f="-", u="-", r=f"{environ.get('REQUEST_METHOD')} {path} {environ.get('SERVER_PROTOCOL')}"
        )
        # the other texts a client gives (the User-Agent: ESC [2J, U+202E, a C1 control) with their control characters
        # visible (careerlog.visible.on_terminal), as the command line shows a text: written raw, they ran on the
        # terminal of whoever watched the log
        kept = {
            k: on_terminal(v) if isinstance(v, str) else v
            for k, v in atoms.items()
            if not k.startswith("{") or k.endswith("}o")
        }
        return cast("_AtomsDict", kept)  # (gunicorn adds a `{name}i` atom per header, which _AtomsDict leaves out)


# The signals that stop a worker (gunicorn's Worker.init_signals: SIGTERM gracefully, SIGINT and SIGQUIT at once).
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT)


def post_fork(arbiter: Any, worker: Any) -> None:
    """gunicorn's post_fork hook: a new worker stops on a stop signal that comes before gunicorn sets its own
    handlers (Worker.init_signals, in init_process). Until then the worker has the master's handlers, which
    queue the signal in the worker's copy of the master's queue, where nothing reads it: a worker still
    starting when the server was stopped served on until the master's graceful timeout (10 s) and was killed
    (seen in a loaded test run: stopped in 11.1 s). Here such a signal, or one the master's handler queued before
    this hook ran, ends the worker's loop before it starts, as gunicorn's own handler would (its handle_exit wakes a
    poller not made yet, so not it); gunicorn's handlers replace these once set."""

    def stop(signum: int, frame: Any) -> None:
        worker.stopping_since = worker.stopping_since or time.monotonic()
        worker.alive = False

    for stop_signal in STOP_SIGNALS:
        signal.signal(stop_signal, stop)
    # One that came before this hook (gunicorn sets the process title and logs "Booting worker" first) is in the
    # worker's copy of the master's queue, with any the master had not handled yet at the fork: a stop too.
    queued = getattr(arbiter, "SIG_QUEUE", None)
    while queued is not None:
        try:
            signum = queued.get_nowait()
        except queue.Empty:
            break
        if signum in STOP_SIGNALS:
            stop(signum, None)


def worker_exit(arbiter: Any, worker: Any) -> None:
    """gunicorn's worker_exit hook: a worker whose loop ended closes the app's services (the SQLite follower
    ends its batch and gives up its lock; the pools close their connections) and ends without tearing the
    interpreter down, which took 0.7-2.5 s of CPU per worker on a loaded 2-core machine, all at once."""
    if not getattr(worker, "stopped", False):
        return
    services = getattr(getattr(worker, "wsgi", None), "extensions", {}).get("careerlog")
    if services is not None:
        services.close()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def post_worker_init(worker: Any) -> None:
    """gunicorn's post_worker_init hook: a worker whose app is loaded starts its one thread running import jobs
    (web.import_jobs.JobRunner), in the worker, after the fork; stopped by worker_exit (the services closed)."""
    jobs = getattr(getattr(worker, "wsgi", None), "extensions", {}).get("careerlog_jobs")
    if jobs is not None:
        jobs.start()


class Server(BaseApplication):
    """gunicorn serving `create_app(settings, web=web)`; each worker builds its own app."""

    def __init__(self, settings: Settings, web: WebSettings, options: dict[str, Any]):
        self.settings = settings
        self.web = web
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings:  # settings of newer gunicorns are skipped on older ones
                self.cfg.set(key, value)

    # (types-gunicorn's WSGI app calls a start_response returning None, which no PEP 3333 app, Flask's, is typed for)
    def load(self) -> Flask:  # type: ignore[override]
        from web import create_app

        return create_app(self.settings, web=self.web)


def serve(settings: Settings, bind: str, workers: int, threads: int = 4) -> None:
    """Serve the API until interrupted (gunicorn's threaded workers, access log on stdout).

    The web settings are read here, once, and handed to every worker's app: without
    CAREERLOG_SECRET_KEY the workers share the one key drawn here (in memory, not in the
    environment their child processes inherit), so that a page's session and log-in form signed
    by one worker hold on the others (sessions then end with the server).

    The statistics libraries are imported here too, once, before gunicorn forks the workers, which inherit them:
    imported in a worker on its first fairness or scorecard request, they added 1.5-2.5 s of CPU to it, the
    first view of each worker, and again after every worker restart (docs/performance.md). So are the pages'
    modules (matplotlib for their charts): imported by each worker's first app, they took it 0.8-1.2 s of CPU.
    """
    web = WebSettings.from_env()
    free_to_serve_on(bind)
    import_statistics()
    import_pages()
    Server(settings, web, serve_options(bind, workers, threads)).run()


def free_to_serve_on(bind: str) -> None:
    """Refuse, once, an address another server listens on: a message and exit 1. gunicorn said "Connection in use"
    five times, a second apart, and exited after about 22 s. (A unix socket is left to gunicorn.)"""
    parsed = util.parse_address(bind)
    if not isinstance(parsed, tuple):
        return
    host, port = parsed
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # (as gunicorn binds: a port in TIME_WAIT serves)
        try:
            probe.bind((host, port))
        except OSError as e:
            if e.errno != errno.EADDRINUSE:
                return  # (another trouble, an address not of this host: gunicorn says it)
            raise click.ClickException(
                f"address {on_terminal(bind)} is in use: another server listens there. Stop it, or serve on another "
                "port with --bind. Nothing was served."
            ) from None


def serve_options(bind: str, workers: int, threads: int) -> dict[str, Any]:
    """gunicorn's settings as `careerlog serve` gives them."""
    return {
        "bind": bind,
        "workers": workers,
        "worker_class": Worker,
        "limit_request_line": REQUEST_LINE_LIMIT,
        "threads": threads,
        "accesslog": "-",
        "logger_class": AccessLog,  # (without the query, the Referer and NIPs)
        "timeout": 60,
        "graceful_timeout": 10,
        "control_socket_disable": True,
        "post_fork": post_fork,
        "post_worker_init": post_worker_init,
        "worker_exit": worker_exit,
    }


# What `serve` says of a store that is not there (Settings.existing_does)
NOT_THERE = (
    "serves a store already there (its log or its accounts: `careerlog import` or `careerlog accounts create` make "
    "one; give --create-store to serve a new, empty one)"
)


# The files settings name that requests read, each read before the workers start (check_before_serving): a file not
# there or not TOML is refused naming its variable, exit 1 (careerlog.reference.from_environment), where the scorecard's
# was found by the first request reading it (a 500, the server up)
READ_FILES = (reference.rules, reference.name_spellings, scorecard_settings)  # CAREERLOG_RULES_FILE, _NAMES_FILE,
# CAREERLOG_SCORECARD_FILE


def check_before_serving(obj: Context) -> None:
    """What every worker would find as it boots, found once here: a message and exit 1, not a traceback each."""
    WebSettings.from_env()  # a bad web setting names itself
    checked_secret_key()  # a short one refused (the demo's `run` too); its warning when unset is serve's alone
    checked_cell_key_secret()  # none under perturb refused (`run` too: each worker's create_app would refuse it)
    for read in READ_FILES:  # each file a setting names read as the first request reading it would
        read()
    obj.settings.prepare()  # the store reached, its schema made, the encryption key checked against it
    projector(obj.settings).close()  # the views opened as each worker opens them: a newer release's refused


def prepare_demo(obj: Context, employees: int) -> str:
    """The demo data, accounts and up-to-date views; the demo employee's NIP."""
    app = obj.app
    if app.max_notification_id() == 0:
        from careerlog.demo import load_demo

        with Progress(employees, "employee", "demo") as bar:
            click.echo(load_demo(app, employees=employees, seed=1, progress=bar.update))
    elif not next(app.iter_events(batch=1))[1].recorded_by.startswith("demo:"):
        # the demo's log-ins have published passwords and tokens (a national administrator among them)
        raise click.ClickException(
            f"careerlog run serves the demo, and {obj.settings.display_url} holds records it did not load: "
            "it would add the demo's log-ins, whose passwords are published. Serve a real store with "
            "careerlog serve; for the demo, point CAREERLOG_DATABASE_URL at a new file."
        )
    worker = projector(obj.settings, app=app)
    try:
        with Progress(None, "event", "views") as bar:
            worker.catch_up(progress=bar.update)
        accounts = open_accounts(obj.settings, worker.views.sql)
        return ensure_demo_accounts(accounts, app)
    finally:
        worker.close()


def print_logins(bind: str, nip: str) -> None:
    """The demo's log-ins and where it is served: the lines naming --bind as given with its control characters
    visible (careerlog.visible.say)."""
    url = f"http://{bind}"
    click.echo()
    say(f"careerlog serves the demo at {url}  (API documentation: {url}/api/docs)")
    say(f"Open {url}/pages/ in a browser and log in with one of these accounts (docs/pages.md).")
    click.echo()
    click.echo("Demo log-ins (user, password, role, API token):")
    for login in DEMO_LOGINS:
        click.echo(f"  {login.username:<10} {login.password:<20} {login.role:<10} {login.token}")
    click.echo(f"The demo employee (pegawai) has NIP {nip}.\n")
    click.echo("To try the examples in docs/api.md, paste into a shell:")
    tokens = " ".join(f"{login.variable}={login.token}" for login in DEMO_LOGINS)
    say(f"  export CAREERLOG_URL={url} {tokens} NIP={nip}")
    click.echo()
