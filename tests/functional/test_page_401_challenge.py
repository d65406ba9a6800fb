"""A page's 401 challenges with the pages' own scheme, `Session`, naming the log-in page (docs/security.md): the pages
take the session a log-in gives, never a bearer token. Until 2026-12-06 a download refused to a client that takes no
HTML said `WWW-Authenticate: Bearer realm="careerlog"`, the API's, as if a token would do, and the HTML page carried no
challenge, which RFC 9110 (15.5.2) requires of every 401."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

CHALLENGE = 'Session realm="careerlog", login="/pages/login"'


@pytest.mark.parametrize(
    ("path", "accept", "mimetype"),
    [
        # (/pages/ asked for HTML is sent to the log-in page since 2026-12-06: its 401 is a client's, not a browser's)
        ("/pages/", None, "text/html"),
        ("/pages/audits", "text/html", "text/html"),
        ("/pages/employees/198609262010031701", None, "text/html"),
        ("/pages/audits.csv", "text/csv", "application/problem+json"),
        ("/pages/audits.csv", "*/*", "application/problem+json"),
    ],
)
def test_a_page_refused_to_nobody_signed_in_challenges_with_the_session_log_in(
    client: FlaskClient, path: str, accept: str | None, mimetype: str
) -> None:
    answer = client.get(path, headers={"Accept": accept} if accept else {})
    assert answer.status_code == 401, answer.text
    assert answer.mimetype == mimetype
    assert answer.headers.get_all("WWW-Authenticate") == [CHALLENGE]


def test_a_bearer_token_sent_to_a_page_is_told_the_page_takes_a_session_and_the_api_still_a_token(
    client: FlaskClient,
) -> None:
    token = {"Authorization": "Bearer not-a-token"}
    page = client.get("/pages/audits.csv", headers={"Accept": "text/csv", **token})
    assert page.status_code == 401
    assert page.headers.get_all("WWW-Authenticate") == [CHALLENGE]
    api = client.get("/api/v1/employees", headers=token)
    assert api.status_code == 401
    assert api.headers["WWW-Authenticate"].startswith('Bearer realm="careerlog", error="invalid_token"')
