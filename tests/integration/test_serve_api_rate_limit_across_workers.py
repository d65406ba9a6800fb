"""The API's rate limit per token counts the requests of every worker of `careerlog serve`: 5 a minute with
CAREERLOG_API_RATE_LIMIT=5/minute, not 5 per worker (the counts are in the store: web.api.ratelimit).
"""

from __future__ import annotations

import urllib.error
import urllib.request

from tests.integration.conftest import SERVED_GROUP, TwoWorkers

pytestmark = SERVED_GROUP  # (`two_workers`: the server shared with the other modules of the group, conftest.py)


def _status(url: str, token: str | None) -> int:
    """One request on a fresh connection (gunicorn's workers take turns at them)."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except OSError:
        return 0


def test_the_sixth_request_of_a_token_in_a_minute_is_refused_whichever_worker_takes_it(
    two_workers: TwoWorkers,
) -> None:
    """On the shared server (conftest.py), CAREERLOG_API_RATE_LIMIT=5/minute; its token's counts start at none."""
    url, (token, other) = two_workers.url, two_workers.tokens
    assert [_status(f"{url}/api/v1/me", token) for _ in range(8)] == [200] * 5 + [429] * 3
    assert _status(f"{url}/api/v1/me", other) == 200  # another token of the same account counts on its own
