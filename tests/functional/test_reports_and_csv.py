"""Reports within the reader's scope, and CSV for every list and report."""

from __future__ import annotations

import csv
import io

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World, confirm_world_pns


def test_headcount_counts_by_the_named_fields(world: World) -> None:
    body = world.get("/api/v1/reports/headcount?by=agency,rank").get_json()
    assert body["by"] == ["agency", "rank"]
    assert body["items"] == [
        {"agency": "KAB-KARO", "rank": "III/a", "count": 1, "suppressed": False},
        {"agency": "KOTA-MEDAN", "rank": "III/a", "count": 1, "suppressed": False},
        {"agency": "KOTA-MEDAN", "rank": "III/b", "count": 1, "suppressed": False},
    ]
    assert body["total"] == 3


def test_headcount_stays_within_the_readers_scope(world: World) -> None:
    body = world.get("/api/v1/reports/headcount?by=agency", "hr").get_json()
    assert body["items"] == [{"agency": "KOTA-MEDAN", "count": 2, "suppressed": False}]
    # an agency outside the scope is refused naming it, not an empty report read as no staff there
    outside = world.get("/api/v1/reports/headcount?by=agency&agency=KAB-KARO", "hr")
    assert outside.status_code == 403
    assert outside.get_json()["errors"] == {"agency": ["Agency KAB-KARO is outside your scope (agency KOTA-MEDAN)."]}


def test_headcount_filters_and_counts_by_age_band(world: World) -> None:
    body = world.get("/api/v1/reports/headcount?by=age_band&sex=F").get_json()
    assert sum(i["count"] for i in body["items"]) == 2
    assert world.get("/api/v1/reports/headcount?by=name").status_code == 422


MENTORING = "/api/v1/reports/mentoring"

# Each list or report, and the key of its rows in the JSON answer.
LISTS = [
    ("/api/v1/employees", "items"),
    (f"/api/v1/employees/{BUDI}/events", "items"),
    (f"/api/v1/employees/{BUDI}/timeline", "items"),
    (f"/api/v1/employees/{BUDI}/eligibility", "items"),
    ("/api/v1/audits/promotions", "items"),
    ("/api/v1/audits/fairness?by=sex", "groups"),
    ("/api/v1/audits/time-to-promotion?by=sex", "groups"),
    ("/api/v1/reports/headcount?by=agency", "items"),
    ("/api/v1/reports/training-compliance?year=2021", "items"),
    ("/api/v1/reports/programmes", "items"),
    (MENTORING, "items"),
    ("/api/v1/access-log", "items"),
]


@pytest.mark.parametrize(("path", "key"), LISTS)
@pytest.mark.parametrize("ask", ["accept", "format"])
def test_every_list_and_report_answers_in_csv(world: World, path: str, key: str, ask: str) -> None:
    confirm_world_pns(world)  # the world's PNS confirmed (unconfirmed, a CPNS: not judged by the yearly JP)
    world.get(f"/api/v1/employees/{BUDI}", "hr")  # an entry for the access log
    training = f.training("2021-03-05", 16, "2021-03-01", programme_id="PRG-CSV")
    world.services.ledger.record(BUDI, "training", training, actor="test")  # a programme
    world.catch_up()
    if ask == "accept":
        response = world.get(path, headers={"Accept": "text/csv"})
    else:
        response = world.get(path + ("&" if "?" in path else "?") + "format=csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rows, path
    as_json = world.get(path).get_json()
    assert len(rows) == len(as_json[key]) + (path == MENTORING)  # (the mentoring's difference's row after its groups')


def test_the_roster_csv_has_the_json_fields_as_columns(world: World) -> None:
    text = world.get("/api/v1/employees?format=csv").get_data(as_text=True)
    header = next(csv.reader(io.StringIO(text)))
    assert header == list(world.get("/api/v1/employees").get_json()["items"][0])


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_defused() -> None:
    from web.api.common import cell

    assert cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert cell("-12.5") == "-12.5"
    assert cell({"a": 1}) == '{"a": 1}'
    assert cell(True) == "true"
