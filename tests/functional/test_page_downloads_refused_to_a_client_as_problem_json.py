"""A page's download refused to a client that does not take HTML is answered as problem+json; a browser keeps the
HTML page (docs/pages.md, Downloads).

Found reading the scorecard's downloads: a reporting client fetching `/pages/reports/training.csv` or
`/pages/scorecard.pdf` with curl (`Accept: */*`), refused (an agency outside its scope, 403; a bad filter, 422), got
the HTML error page with the status, and saved it as its CSV. The refusal now follows the request's Accept header as
the API reads it (web.api.common.accepted_types): naming neither text/html nor application/xhtml+xml (curl's `*/*`,
`text/csv`, `application/json`, `application/problem+json`), problem+json, `errors` naming each field; naming text/html
(every browser's navigation and download), or no Accept header at all, the HTML page as before. SQLite world."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
CLIENTS = ("*/*", "text/csv", "application/json", "application/problem+json", "text/csv, application/json;q=0.5")
OUTSIDE_SCORECARD = "/pages/scorecard.pdf?agency=KOTA-MEDAN&year=2020&lang=en"  # policy_karo reads KAB-KARO alone
BAD_YEAR = "/pages/reports/training.csv?year=soon&lang=en"
PAGE_FORMAT = "/pages/scorecard?agency=KAB-KARO&year=2020&format=csv&lang=en"


@pytest.mark.parametrize("accept", CLIENTS)
def test_a_clients_refused_download_is_problem_json_naming_the_field(world: World, accept: str) -> None:
    log_in(world, "policy_karo")
    outside = world.client.get(OUTSIDE_SCORECARD, headers={"Accept": accept})
    assert (outside.status_code, outside.mimetype) == (403, "application/problem+json")
    body = outside.get_json(force=True)
    assert (body["type"], body["status"]) == ("urn:careerlog:problem:forbidden", 403)
    assert "Agency KOTA-MEDAN is outside your scope" in body["errors"]["agency"][0]
    assert body["instance"] == "/pages/scorecard.pdf"
    bad = world.client.get(BAD_YEAR, headers={"Accept": accept})
    assert (bad.status_code, bad.mimetype) == (422, "application/problem+json")
    assert bad.get_json(force=True)["type"] == "urn:careerlog:problem:invalid-input"
    assert bad.get_json(force=True)["errors"]["year"] == ["Must be a year, e.g. 2024."]
    page = world.client.get(PAGE_FORMAT, headers={"Accept": accept})  # (the page's `format`: a download asked)
    assert (page.status_code, page.mimetype) == (422, "application/problem+json")
    assert page.get_json(force=True)["errors"] == {"format": ["Must be one of pdf; got 'csv'."]}


@pytest.mark.parametrize("accept", [BROWSER, "text/html", None])
def test_a_browsers_refused_download_is_still_the_html_page(world: World, accept: str | None) -> None:
    log_in(world, "policy_karo")
    headers = {"Accept": accept} if accept else {}
    for path, status, said in (
        (OUTSIDE_SCORECARD, 403, "Agency KOTA-MEDAN is outside your scope"),
        (BAD_YEAR, 422, "Must be a year, e.g. 2024."),
        (PAGE_FORMAT, 422, "Must be one of pdf; got &#39;csv&#39;."),
    ):
        answer = world.client.get(path, headers=headers)
        assert (answer.status_code, answer.mimetype) == (status, "text/html"), path
        assert said in answer.get_data(as_text=True), path


def test_a_clients_download_that_is_not_refused_is_the_file(world: World) -> None:
    log_in(world, "policy_karo")
    answer = world.client.get("/pages/reports/headcount.csv?agency=KAB-KARO", headers={"Accept": "*/*"})
    assert (answer.status_code, answer.mimetype) == (200, "text/csv")
    page = world.client.get("/pages/scorecard?agency=KAB-KARO&year=2020&lang=en", headers={"Accept": "*/*"})
    assert (page.status_code, page.mimetype) == (200, "text/html")  # (a page, not a download: as ever)
