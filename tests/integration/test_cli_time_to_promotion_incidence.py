"""`careerlog audit time-to-promotion` gives the cumulative incidence of promotion (leaving competing) and those
who left per group in its table and CSV as its JSON does, on each store."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime

import pytest

from careerlog.sqlstore import SqlStore
from tests import factories as f
from tests.conftest import projected
from tests.integration.test_fairness_queries import audit, populate

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

COLUMNS = ("separated", "incidence_4y", "incidence_4y_ci", "incidence_8y", "incidence_8y_ci")


@pytest.fixture
def store(database_url: str) -> Iterator[SqlStore]:
    with projected(database_url, populate, clock=f.Clock(datetime.fromisoformat("2026-06-01T02:00:00+00:00"))) as views:
        yield views


def test_time_to_promotion_table_and_csv_give_the_incidence_and_those_who_left(
    store: SqlStore, database_url: str
) -> None:
    as_json = audit(database_url, "time-to-promotion", "--by", "sex", "--min-cell", "1", "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    groups = {g["group"]: g for g in json.loads(as_json.output)["groups"]}
    assert groups["M"]["separated"] == 1  # fajar left in 2018, in III/a
    assert groups["M"]["incidence_4y"] is not None

    as_csv = audit(database_url, "time-to-promotion", "--by", "sex", "--min-cell", "1", "--format", "csv")
    assert as_csv.exit_code == 0, as_csv.output
    rows = {row["group"]: row for row in csv.DictReader(io.StringIO(as_csv.output))}
    assert set(rows) == set(groups)
    for name, group in groups.items():
        for column in COLUMNS:
            value = group[column]
            expected = "" if value is None else f"[{value[0]}, {value[1]}]" if isinstance(value, list) else str(value)
            assert rows[name][column] == expected, (name, column)

    table = audit(database_url, "time-to-promotion", "--by", "sex", "--min-cell", "1")
    assert table.exit_code == 0, table.output
    header = table.output.splitlines()[0].split()
    assert all(column in header for column in COLUMNS)
    assert str(groups["M"]["incidence_4y"]) in table.output.splitlines()[1 + sorted(groups).index("M")]
