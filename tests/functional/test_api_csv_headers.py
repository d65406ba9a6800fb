"""The CSV answers' X-Total-Count is what a paging client reads it as: how many rows a paged list has in all
(its JSON `total`), and only there. The headcount's CSV carried its `total` of people (3 over 2 rows), and to a
reporter, whose total of few people is suppressed (null), the header `X-Total-Count: None`."""

from __future__ import annotations

import csv
import io

import pytest

from tests.functional.conftest import World

CSV = {"Accept": "text/csv"}


@pytest.mark.parametrize("who", ["reporter", "admin"])
def test_a_report_as_csv_carries_no_total_count(world: World, who: str) -> None:
    world.catch_up()
    answer = world.get("/api/v1/reports/headcount?by=agency", who, headers=CSV)
    assert answer.status_code == 200
    assert answer.mimetype == "text/csv"
    assert "X-Total-Count" not in answer.headers
    assert world.get("/api/v1/reports/headcount?by=agency", who).get_json()["total"] in (None, 3)


@pytest.mark.parametrize(
    ("path", "who"),
    [
        ("/api/v1/employees?per_page=2", "admin"),
        ("/api/v1/audits/promotions?per_page=1", "inspector"),
        ("/api/v1/access-log?per_page=1", "admin"),
        ("/api/v1/account-changes?per_page=1", "admin"),
    ],
)
def test_a_paged_list_as_csv_carries_its_rows_in_all_as_total_count(world: World, path: str, who: str) -> None:
    world.catch_up()
    world.get("/api/v1/employees/{}/timeline".format(world.get("/api/v1/employees").get_json()["items"][0]["nip"]))
    answer = world.get(path, who, headers=CSV)
    total = world.get(path, who).get_json()["total"]
    assert answer.headers["X-Total-Count"] == str(total)
    assert int(answer.headers["X-Total-Count"]) >= len(list(csv.DictReader(io.StringIO(answer.get_data(as_text=True)))))
