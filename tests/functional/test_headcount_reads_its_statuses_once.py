"""A reader of aggregates' headcount filtered by status (the default's ACTIVE too) read the roster under its other
filters by status three times: the table by status (Services.status_slices), the table by its fields and status
(Services.filters_sliced, for the status filter) and the table by its fields (the count of every status,
`total_all_statuses`). The table by its fields and status now gives all three, read once; the answers are the same
(test_headcount_status_filter_a_slice_of_the_table_by_status.py). And since 2026-12-06 each scope the headcount reads
is read once, by every field it counts (web.services.ScopeCounts): the report's own scope too, by its fields and the
statuses it counts, where it was read again by them (the rows the status filter selects, `filters_sliced`'s). Both
stores."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from careerlog.sqlstore import Sql
from tests.functional.conftest import World
from tests.functional.test_headcount_counts_the_active_staff import store_url
from tests.functional.test_headcount_status_filter_a_slice_of_the_table_by_status import headcount, statuses

pytestmark = pytest.mark.disclosure("withhold")

__all__ = ["statuses", "store_url"]  # (both stores; eleven more employees, a minimum cell of 3)


def roster_reads(world: World, monkeypatch: pytest.MonkeyPatch, query: str, who: str = "reporter") -> list[str]:
    """The headcount statements (this thread's) while the headcount of `query` is answered."""
    sent: list[str] = []
    read = Sql.query
    here = threading.get_ident()

    def noted(self: Sql, statement: str, params: Any = ()) -> Any:
        if threading.get_ident() == here and "COUNT(*) AS count" in statement and "FROM roster" in statement:
            sent.append(f"{statement} {list(params)}")
        return read(self, statement, params)

    monkeypatch.setattr(Sql, "query", noted)
    headcount(world, query, who)
    monkeypatch.undo()
    return sent


def of_every_status(statement: str) -> bool:
    """Whether a headcount statement reads the roster under no status filter (these tests give no other filter)."""
    return "status" not in statement.split("FROM roster")[1].split("GROUP BY")[0]


@pytest.mark.parametrize("query", ["by=sex", "by=sex&status=RETIRED", "by=employment_kind,sex"])
def test_a_headcount_filtered_by_status_reads_the_table_of_every_status_by_status_once(
    statuses: World, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    reads = roster_reads(statuses, monkeypatch, query)
    every_status = [s for s in reads if of_every_status(s)]
    by_status = [s for s in every_status if "status" in s.split("GROUP BY")[1]]
    assert len(by_status) == 1, reads  # (was 2: by status, and by the report's fields and status)
    assert len(set(every_status)) == len(every_status), reads  # (the count of every status: was the report's
    # fields read again, as the report without its status filter read them)
    assert len(every_status) == 1, reads  # (the table by its fields and status; was 4, then 2 with the report
    # without its status filter by its fields alone)
    assert len(reads) == 2, reads  # (and the report's own scope, once: was twice, by its fields and with status)


def test_a_headcount_by_status_reads_no_table_of_every_status_again(
    statuses: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = roster_reads(statuses, monkeypatch, "by=status")
    assert len(reads) == 1, reads  # (no status filter: the report itself, of every status)
    assert of_every_status(reads[0]), reads
