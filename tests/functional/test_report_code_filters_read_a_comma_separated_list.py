"""A repeatable code filter reads a comma-separated list as the codes repeated (`status=ACTIVE,DECEASED,RETIRED` as
`status=ACTIVE&status=DECEASED&status=RETIRED`), as docs/api.md says "every status by listing them". A reporting
client's tester, 2026-12-06: the comma-separated list was a 422 "Not one of the known values"."""

from __future__ import annotations

from careerlog.reference import reference
from tests.functional.conftest import World
from tests.functional.test_headcount_status_filter_a_slice_of_the_table_by_status import (
    headcount,
    statuses,
)
from web.api.schemas import FILTER_TABLES

__all__ = ["statuses"]


def test_no_filter_code_holds_a_comma() -> None:
    codes = [c for tables in FILTER_TABLES.values() for t in tables for c in reference().table(t).codes]
    assert codes
    assert not [c for c in codes if "," in c]


def test_a_comma_separated_status_counts_as_the_statuses_repeated(statuses: World) -> None:
    listed = headcount(statuses, "by=sex&status=ACTIVE,DECEASED,RETIRED", who="inspector")
    repeated = headcount(statuses, "by=sex&status=ACTIVE&status=DECEASED&status=RETIRED", who="inspector")
    assert listed == repeated
    assert listed["total"] == 14


def test_an_unknown_code_in_a_comma_separated_list_is_named_alone(statuses: World) -> None:
    answer = statuses.get("/api/v1/reports/headcount?by=sex&status=ACTIVE,RETIRD", "inspector")
    assert answer.status_code == 422
    text = str(answer.get_json())
    assert "'RETIRD'" in text
    assert "'ACTIVE,RETIRD'" not in text
