"""The pages' static files (pages.css) are linked under a URL carrying their content's digest and kept a year by
that URL; the pages themselves stay no-store.

pages.css was linked as /static/pages.css: a browser had to revalidate it on every page (no-cache, its ETag),
since a release's CSS at the same URL must show at once. Its URL now names its content (`?v=`, the file's
SHA-256), so a new release's CSS has a new URL and the old one may be kept as long as a browser likes.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in

CSS = Path(__file__).parents[2] / "web" / "static" / "pages.css"
A_YEAR = "public, max-age=31536000, immutable"


def test_pages_link_their_css_by_its_digest_and_it_is_kept_a_year(world: World) -> None:
    digest = hashlib.sha256(CSS.read_bytes()).hexdigest()[:16]
    for path in ("/pages/login", "/pages/"):
        if path == "/pages/":
            assert log_in(world, "hr").status_code == 302
        page = world.client.get(path)
        assert page.status_code == 200
        assert page.headers["Cache-Control"] == "no-store"
        linked = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.text)
        assert linked == [f"/static/pages.css?v={digest}"], linked
    with world.client.get(f"/static/pages.css?v={digest}") as css:
        assert css.status_code == 200
        assert css.data == CSS.read_bytes()
        assert css.headers["Cache-Control"] == A_YEAR
        assert css.headers["X-Content-Type-Options"] == "nosniff"
        tag = css.headers["ETag"]
    with world.client.get(f"/static/pages.css?v={digest}", headers={"If-None-Match": tag}) as again:
        assert (again.status_code, again.headers["Cache-Control"]) == (304, A_YEAR)


def test_the_css_by_another_digest_or_none_is_revalidated_at_every_use(world: World) -> None:
    """An older release's URL (or a hand-typed one) gets today's file, which is not what its URL names: not kept."""
    for path in ("/static/pages.css", "/static/pages.css?v=0123456789abcdef", "/static/pages.css?v="):
        with world.client.get(path) as css:
            assert css.status_code == 200, path
            assert css.headers["Cache-Control"] == "no-cache", path
    missing = world.client.get("/static/no-such.css?v=0123456789abcdef")
    assert (missing.status_code, missing.headers["Cache-Control"]) == (404, "no-store")


def test_a_favicon_is_linked_and_served_at_favicon_ico(world: World) -> None:
    """/favicon.ico was a 404 on every first load, an error in the browser's console (exploratory tester,
    2026-12-05): the pages link the icon by its digest, and /favicon.ico, which a browser asks anyway, serves it."""
    icon = (Path(__file__).parents[2] / "web" / "static" / "favicon.ico").read_bytes()
    digest = hashlib.sha256(icon).hexdigest()[:16]
    page = world.client.get("/pages/login")
    assert re.findall(r'<link rel="icon" href="([^"]+)"', page.text) == [f"/static/favicon.ico?v={digest}"]
    for url in ("/favicon.ico", f"/static/favicon.ico?v={digest}"):
        with world.client.get(url) as answer:
            assert (answer.status_code, answer.data) == (200, icon), url
            assert answer.mimetype in ("image/vnd.microsoft.icon", "image/x-icon")
