"""The Flask app factory, `create_app()` (web/__init__.py says what it builds, and reads it from here)."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, has_request_context, request
from flask.typing import ResponseReturnValue
from flask_babel import get_locale, gettext
from markupsafe import escape
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter, RequestRedirect
from werkzeug.wrappers import Response as BaseResponse

from careerlog.config import ConfigurationError, Settings
from web import errors, fastreads, security, static_files
from web.api import init_api
from web.config import WebSettings, cell_key_secret_refused
from web.docs import blp as docs_blueprint
from web.health import blp as health_blueprint
from web.import_jobs import JobRunner
from web.logs import redact
from web.pages import check_limits_in_views_only, init_pages
from web.pages.refused_rows import refused_file
from web.services import Disclosure, Services


class WholeNumberConverter(IntegerConverter):
    """A route's `<int:...>` in digits 0-9 alone (docs/api.md, "Numbers are written in digits 0-9"): werkzeug's
    reads `\\d+`, which in a str pattern is any script's digit, and int() reads them, so an inspector's decision page
    with its version in Arabic-Indic or full-width digits opened that version, where the API's decision id so
    written is a 404. Set before any rule is added (a rule takes its converter when added). Written canonically, with
    no leading zero (`0` alone is 0): `/pages/audits/<nip>/033` opened version 33, a second address for one page, and
    `/api/v1/employees/<nip>/events/033` answered fact 33; each is a 404 now, on the pages and the API alike, as the
    API's decision id `{nip}-033` is (web.api.audits.DECISION_ID)."""

    regex = r"0|[1-9][0-9]*"


class CareerlogFlask(Flask):
    """Flask, answering OPTIONS under /api/ (the API, its OpenAPI document and docs page) with a 204 No Content whose
    `Allow` names the path's methods: Flask's own answer is a 200 with an empty text/html body. No CORS headers: the
    API has no cross-origin clients, so no preflight is answered (docs/security.md)."""

    def make_default_options_response(self) -> Response:
        response = super().make_default_options_response()
        if request.path.startswith("/api/"):
            response.status_code = 204
            response.headers["Allow"] = ", ".join(sorted(response.allow))  # (a set's order otherwise)
            del response.headers["Content-Type"]
            del response.headers["Content-Length"]
        return response

    def redirect(self, location: str, code: int = 302) -> BaseResponse:
        """A redirect (every one the app makes: flask.redirect asks the app) whose body is a link to where it goes in
        the page's language: werkzeug's is English, "Redirecting... You should be redirected automatically", shown
        for a moment after an Indonesian log-in (until 2026-12-07)."""
        response = super().redirect(location, code)
        if has_request_context():
            text, lang = escape(gettext("Go on to the next page")), escape(str(get_locale() or "id"))
            target = escape(response.headers["Location"])
            response.set_data(
                f'<!doctype html>\n<html lang="{lang}">\n<meta charset="utf-8">\n<title>{text}</title>\n'
                f'<p><a href="{target}">{text}</a></p>\n</html>\n'
            )
        return response

    def handle_http_exception(self, e: HTTPException) -> HTTPException | ResponseReturnValue:
        """Routing's own redirect (a 308 to a page's path with its trailing `/`, `/pages` to `/pages/`, or its
        slashes merged, `/pages//login` to `/pages/login`) made as the app makes each of its own (`redirect`), its
        body in the page's language: werkzeug's is English (until 2026-12-07)."""
        if isinstance(e, RequestRedirect):
            return self.redirect(e.new_url, e.code)
        return super().handle_http_exception(e)


def unmerged_slashes(app: Flask) -> None:
    """A path under /api/ holding `//` is a 404 problem, as any path no route takes (a trailing `/` already is):
    werkzeug merges the slashes and answers a 308 redirect with an HTML body to the merged path, which a client
    following it sends again (a POST's body too) to a path it never wrote. The pages keep werkzeug's redirect."""
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            rule.merge_slashes = False


def create_app(
    settings: Settings | None = None, *, web: WebSettings | None = None, test_config: dict[str, Any] | None = None
) -> Flask:
    """Build the app: configuration from `settings` and `web` (by default from the environment),
    `test_config` on top of it."""
    app = CareerlogFlask(__name__)
    redact(app.logger)  # (an unexpected error's traceback: each NIP {nip}, no query; web.logs)
    app.url_map.converters["int"] = WholeNumberConverter
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep the schemas' field order
    app.config.from_mapping((web or WebSettings.from_env()).flask_config())
    app.config.update(test_config or {})
    if refused := cell_key_secret_refused(app.config["CAREERLOG_DISCLOSURE"], app.config["CAREERLOG_CELL_KEY_SECRET"]):
        raise ConfigurationError(refused)  # (wherever the app is made: no secret of a process's own under perturb)
    settings = settings or Settings.from_env()
    app.extensions["careerlog"] = Services.build(
        settings,
        follow=bool(app.config["CAREERLOG_FOLLOW"]),
        wait_timeout=float(app.config["CAREERLOG_WAIT_SECONDS"]),
        min_cell=int(app.config["CAREERLOG_MIN_CELL"]),
        max_report_filters=int(app.config["CAREERLOG_MAX_REPORT_FILTERS"]),
        disclosure=Disclosure(app.config["CAREERLOG_DISCLOSURE"], app.config["CAREERLOG_CELL_KEY_SECRET"]),
        durable_access_log=bool(app.config["CAREERLOG_DURABLE_ACCESS_LOG"]),
    )
    # A view being filled (a new version's, or rebuilt) holds part of the records: its reads are refused (503).
    app.extensions["careerlog"].projector.guard_reads()
    # The import jobs (web.import_jobs): the process's thread started by the first request it serves, its first hook
    # (after the fork, whatever the WSGI server: a worker of `gunicorn 'web:create_app()'` takes up a job a killed one
    # left; gunicorn's master serves none, so starts none), by gunicorn's post_worker_init (web.cli) or its first job
    jobs = JobRunner(app, app.extensions["careerlog"], refused_file=refused_file)
    app.extensions["careerlog_jobs"] = jobs
    app.extensions["careerlog"].on_close.append(jobs.stop)
    app.before_request(jobs.start)
    errors.init_app(app)
    security.init_app(app)
    static_files.init_app(app)  # the pages' CSS by its digest, kept a year
    init_api(app)
    app.register_blueprint(docs_blueprint)
    app.register_blueprint(health_blueprint)
    init_pages(app)
    check_limits_in_views_only(app)
    unmerged_slashes(app)
    if app.config["CAREERLOG_FAST_READS"]:
        fastreads.install(app)  # last: it checks the request hooks registered above
    return app
