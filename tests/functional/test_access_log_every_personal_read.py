"""Every read that shows an identified employee's personal data to someone else leaves an access-log row naming the
reader and the employee, whatever the route and the format: the API's and the pages', JSON, CSV and Excel, a roster
page, a search by name, the audited decisions (docs/security.md, "Access log: which reads"). A page of results is
logged in one statement (Accounts.record_reads). The audited decisions' own pages: test_access_log_decision_colleagues;
the awards: test_api_awards."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, RINA, SARI, World
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


CSV = {"Accept": "text/csv"}
# (route, request headers, the records it shows, the action logged); BUDI has a promotion (2014-04-01) audited
API = [
    ("/api/v1/employees", {}, {BUDI, SARI, RINA}, "roster"),
    ("/api/v1/employees", CSV, {BUDI, SARI, RINA}, "roster"),
    ("/api/v1/employees?q=Budi", {}, {BUDI}, "search"),  # (a search by name: its own action, not the list's)
    ("/api/v1/employees?q=Budi", CSV, {BUDI}, "search"),
    (f"/api/v1/employees/{BUDI}", {}, {BUDI}, "profile"),
    (f"/api/v1/employees/{BUDI}/events", CSV, {BUDI}, "history"),
    (f"/api/v1/employees/{BUDI}/timeline", CSV, {BUDI}, "timeline"),
    (f"/api/v1/employees/{BUDI}/eligibility", {}, {BUDI}, "eligibility"),
    ("/api/v1/audits/promotions", {}, {BUDI}, "audits"),
    ("/api/v1/audits/promotions", CSV, {BUDI}, "audits"),
]
PAGES = [
    ("/pages/find?nip=Budi", {BUDI}, "search"),
    ("/pages/find?nip=Nasution", {SARI}, "search"),
    (f"/pages/employees/{BUDI}", {BUDI}, "career_page"),
    (f"/pages/employees/{BUDI}/record.csv", {BUDI}, "timeline"),
    (f"/pages/employees/{BUDI}/events.jsonl", {BUDI}, "history"),
    (f"/pages/record?kind=correction&nip={BUDI}&target_version=1", {BUDI}, "timeline"),
    ("/pages/audits", {BUDI}, "audits"),
    ("/pages/audits.csv", {BUDI}, "audits"),
    ("/pages/audits.xlsx", {BUDI}, "audits"),
]


def logged(world: World) -> set[tuple[str, str, str]]:
    items = world.get("/api/v1/access-log?per_page=100", "admin").get_json()["items"]
    return {(i["username"], i["nip"], i["action"]) for i in items}


@pytest.mark.parametrize(("path", "headers", "shown", "action"), API)
def test_an_api_read_of_personal_data_logs_the_reader_and_each_employee_shown(
    world: World, path: str, headers: dict[str, str], shown: set[str], action: str
) -> None:
    answer = world.get(path, "admin", headers=headers)
    assert answer.status_code == 200
    if BUDI not in path:  # (a list: each row shown by its NIP; one record's CSV is its facts)
        assert all(nip in answer.get_data(as_text=True) for nip in shown)
    assert logged(world) == {("admin", nip, action) for nip in shown}


@pytest.mark.parametrize(("path", "shown", "action"), PAGES)
def test_a_page_or_download_of_personal_data_logs_the_reader_and_each_employee_shown(
    world: World, path: str, shown: set[str], action: str
) -> None:
    log_in(world, "admin")
    answer = world.client.get(path)
    assert answer.status_code == 200
    assert logged(world) == {("admin-web", nip, action) for nip in shown}
