"""A date argument of the API and of the inspector's pages is read only as documented, YYYY-MM-DD: ISO 8601's basic
and week forms, which date.fromisoformat also reads (`20200101`; `2020-W01-1`, the Monday of 2020's first week,
2019-12-30), were taken as those days at 200, while the page says "Must be a date YYYY-MM-DD." and the API refused
the ordinal `2020-001`. Now each is refused naming its field, as `2020-001` was: the API's 422 "Must be a date
YYYY-MM-DD." (until 2026-12-06 "Not a valid date."),
the page's form again with "Must be a date YYYY-MM-DD." beside the field. A date so written is still read. Both
stores."""

from __future__ import annotations

import pytest
from markupsafe import escape

from tests.functional.conftest import BUDI, World, own_client
from tests.functional.test_pages_auth import log_in

FORMS = ["20200101", "2020-W01-1", "2020-001", "2020-1-1", "\uff12\uff10\uff12\uff10-01-01", "2020-01-01T00:00"]
API = [
    ("/api/v1/audits/promotions?{name}={value}", "from"),
    ("/api/v1/audits/posts?{name}={value}", "to"),
    ("/api/v1/audits/awards?{name}={value}", "from"),
    ("/api/v1/audits/fairness?by=sex&{name}={value}", "to"),
    ("/api/v1/audits/time-to-promotion?by=sex&{name}={value}", "from"),
    (f"/api/v1/employees/{BUDI}/timeline?{{name}}={{value}}", "as_of"),
]
PAGES = [
    ("/pages/audits?{name}={value}", "from"),
    ("/pages/audits/posts?{name}={value}", "to"),
    ("/pages/audits/awards?{name}={value}", "from"),
    ("/pages/audits/passed-over?{name}={value}", "to"),
    ("/pages/fairness?by=sex&{name}={value}", "to"),
    ("/pages/fairness.csv?by=sex&{name}={value}", "from"),
]


# Its tests only read the world or are refused: one world per store for the module (world_of_each_store)
pytestmark = pytest.mark.xdist_group("test_dates_as_documented")


@pytest.fixture
def world(world_of_each_store: World) -> World:
    return own_client(world_of_each_store)


@pytest.mark.parametrize("value", FORMS)
def test_the_api_reads_a_date_only_as_yyyy_mm_dd(world: World, value: str) -> None:
    for path, name in API:
        response = world.get(path.format(name=name, value=value), "inspector")
        assert response.status_code == 422, (path, value, response.get_json())
        problem = response.get_json()
        assert name in str(problem), problem
        assert "Must be a date YYYY-MM-DD." in str(problem), problem  # (until 2026-12-06 "Not a valid date.")


@pytest.mark.parametrize("value", FORMS)
def test_the_inspectors_pages_read_a_date_only_as_yyyy_mm_dd(world: World, value: str) -> None:
    log_in(world, "inspector")
    for path, name in PAGES:
        response = world.client.get(path.format(name=name, value=value) + "&lang=en")
        assert response.status_code == 422, (path, value)
        assert "Must be a date YYYY-MM-DD." in response.get_data(as_text=True), (path, value)


def test_a_date_written_yyyy_mm_dd_is_still_read(world: World) -> None:
    for path, name in API:
        assert world.get(path.format(name=name, value="2020-01-01"), "inspector").status_code == 200, path
    log_in(world, "inspector")
    for path, name in PAGES:
        assert world.client.get(path.format(name=name, value="2020-01-01") + "&lang=en").status_code == 200, path


NO_SUCH_DAY = "No such day in the calendar, read as YYYY-MM-DD (year, month, day): check the day and the month."


def test_a_day_of_the_form_the_calendar_does_not_have_is_said_so_as_an_import_says_it(world: World) -> None:
    """2025-02-30 is written YYYY-MM-DD: until 2026-12-06 the API said "Must be a date YYYY-MM-DD." of it (found by a
    tester); now what an import says of it, on a recording's date fields and a query's alike."""
    training = {"kind": "training", "title": "x", "training_kind": "TEKNIS", "hours": 10, "reference": "C-1"}
    answer = world.post(
        f"/api/v1/employees/{BUDI}/events", "hr", json={**training, "effective_date": "2025-02-30", "start_date": "x"}
    )
    assert answer.status_code == 422
    errors = answer.get_json()["errors"]
    assert (errors["effective_date"], errors["start_date"]) == ([NO_SUCH_DAY], ["Must be a date YYYY-MM-DD."])
    queried = world.get("/api/v1/audits/promotions?from=2025-02-30", "inspector")
    assert (queried.status_code, queried.get_json()["errors"]) == (422, {"from": [NO_SUCH_DAY]})


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_inspectors_pages_say_of_a_day_the_calendar_does_not_have_what_the_api_says(
    world: World, language: str
) -> None:
    # (until 2026-12-07 "Must be a date YYYY-MM-DD." of 2025-02-30, where the API said NO_SUCH_DAY: an inspector tester)
    said = world.get(
        "/api/v1/audits/promotions?from=2025-02-30", "inspector", headers={"Accept-Language": language}
    ).get_json()["errors"]["from"][0]
    log_in(world, "inspector")
    for path, name in PAGES:
        response = world.client.get(path.format(name=name, value="2025-02-30") + f"&lang={language}")
        assert response.status_code == 422, path
        assert escape(said) in response.get_data(as_text=True), (path, language)


def test_a_corrected_day_the_calendar_does_not_have_is_said_so_alike(world: World) -> None:
    """A correction's corrected date 2014-02-30 (read by the payload, not the API's schema) is said so as a recording's
    own date is: until 2026-12-06 "Not a valid date (expected YYYY-MM-DD): '2014-02-30'."; a text of no date's form
    keeps that wording."""
    before = world.log()
    body = {"kind": "correction", "target_version": 2, "reason": "typo", "effective_date": "2024-05-06"}
    for n, (wrong, said) in enumerate(
        [("2014-02-30", NO_SUCH_DAY), ("30/02/2014", "Not a valid date (expected YYYY-MM-DD): '30/02/2014'.")]
    ):
        sent = {**body, "reference": f"KOR-{n}", "corrected_fields": {"effective_date": wrong}}
        answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=sent)
        assert answer.status_code == 422
        assert answer.get_json()["errors"]["corrected_fields.effective_date"] == [said]
    assert world.log() == before
