"""The pages' static files (web/static: pages.css) under a URL naming their content, kept a year by it.

`url_for("static", filename=...)` adds `v=`, the file's SHA-256 (its first 16 hex digits), as a query string:
Flask's own static route serves the file, the digest only names what it is. An answer to the URL of the file's
current digest may be kept a year by any cache (`public, max-age=31536000, immutable`: the files hold no
personal data, and a release that changes a file links it under a new URL); the file asked for without `v=`
or by another digest (an older release's page, a hand-typed URL) is answered as Flask answers it, revalidated
at every use (`no-cache`, its ETag). Pages stay `no-store` (web.security). The digests are read once per
process: the files are installed with the release.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app, request
from werkzeug.security import safe_join

VERSION = "v"  # the query parameter naming the content
KEPT_A_YEAR = "public, max-age=31536000, immutable"


def digest(app: Flask, filename: str) -> str | None:
    """The digest of a static file (None: not one of them), read once per process."""
    known: dict[str, str | None] = app.extensions.setdefault("careerlog-static-digests", {})
    if filename not in known:
        path = safe_join(app.static_folder or "", filename)
        known[filename] = (
            hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16] if path and Path(path).is_file() else None
        )
    return known[filename]


def add_version(endpoint: str, values: dict[str, Any]) -> None:
    """url_defaults: a static file's URL carries its digest."""
    if endpoint == "static" and VERSION not in values and "filename" in values:
        version = digest(current_app, str(values["filename"]))
        if version is not None:
            values[VERSION] = version


def send_static(filename: str) -> Response:
    """Flask's static view (send_static_file: 404, ETag, 304), the file asked for by its current digest kept a year.

    The view, not a request hook: the fast reads stand in for the app's hooks and stay off beside others."""
    response = current_app.send_static_file(filename)
    asked = request.args.get(VERSION)
    if response.status_code in (200, 304) and asked and asked == digest(current_app, filename):
        response.headers["Cache-Control"] = KEPT_A_YEAR
    return response


def favicon() -> Response:
    """/favicon.ico, which a browser asks of every site whatever the page's link names (it was a 404 on each first
    load): the static file's."""
    return send_static("favicon.ico")


def init_app(app: Flask) -> None:
    app.url_defaults(add_version)
    app.view_functions["static"] = send_static  # Flask's static route, this view
    app.add_url_rule("/favicon.ico", "favicon", favicon)
