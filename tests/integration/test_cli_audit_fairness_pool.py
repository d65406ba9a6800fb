"""`careerlog audit fairness` names each group's pool `pool`, as the fairness page and the API do: its column
`eligible` holds the whole pool of the rounds (the eligible and those promoted though not eligible). `eligible` stays
with the same number (deprecated, docs/fairness.md); `pool` is given in the table, the CSV (after the columns it
came after, as in the API's, so they keep their places; only `untested`, the answer's note, comes after it) and the
JSON, and `promoted_out_of_rule` before it (the eligible
alone are pool - promoted_out_of_rule, as docs/fairness.md says; the CSV did not give it). Both stores."""

from __future__ import annotations

import csv
import io
import json

import pytest

from careerlog.sqlstore import SqlStore
from tests.integration.test_fairness_queries import add_pool, audit, store  # noqa: F401 (the fixture)

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

ARGS = ("fairness", "--by", "sex", "--min-cell", "1")


def test_the_csv_gives_the_pool_after_the_other_figures_beside_the_deprecated_eligible(
    store: SqlStore,  # noqa: F811
    database_url: str,
) -> None:
    add_pool(store)
    result = audit(database_url, *ARGS, "--format", "csv")
    assert result.exit_code == 0, result.output
    header = result.output.splitlines()[0].split(",")
    assert (header[1], header[-3:]) == ("eligible", ["pool", "untested", "count"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["group"], r["pool"], r["eligible"], r["promoted"], r["promoted_out_of_rule"]) for r in rows] == [
        ("M", "5", "5", "2", "0"),
        ("F", "4", "4", "0", "0"),
    ]


def test_the_table_and_the_json_give_the_pool(store: SqlStore, database_url: str) -> None:  # noqa: F811
    add_pool(store)
    table = audit(database_url, *ARGS)
    assert table.exit_code == 0, table.output
    assert table.output.splitlines()[0].split()[-3:] == ["pool", "untested", "count"]
    groups = json.loads(audit(database_url, *ARGS, "--format", "json").output)["groups"]
    assert [(g["group"], g["pool"], g["eligible"]) for g in groups] == [("M", 5, 5), ("F", 4, 4)]
