"""The career page reads the employee's roster row once for why no promotion is open and for the retirement
(EligibilityQueries.career), not once for each."""

from __future__ import annotations

from typing import Any

import pytest

from careerlog.sqlstore import Sql
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in

ROSTER_ROW = "FROM roster WHERE subject = ?"  # a read of one employee's roster row, by its primary key


def roster_reads(world: World, monkeypatch: pytest.MonkeyPatch, path: str) -> list[str]:
    """The statements reading one employee's roster row while the page at `path` is answered."""
    sent: list[str] = []
    query = Sql.query  # (SqlStore.query reads through it)

    def noted(self: Sql, statement: str, params: Any = ()) -> Any:
        sent.append(statement)
        return query(self, statement, params)

    monkeypatch.setattr(Sql, "query", noted)
    assert world.client.get(path).status_code == 200
    monkeypatch.undo()
    return [s for s in sent if ROSTER_ROW in s]


def test_the_career_page_reads_the_roster_row_for_eligibility_and_retirement_once(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_in(world, "employee")
    reads = roster_reads(world, monkeypatch, f"/pages/employees/{BUDI}")
    eligibility = [s for s in reads if "post_level" in s]  # the post held: for the 202 at a level's top and retiring
    assert len(eligibility) == 1, reads  # (was 2: EligibilityQueries.not_open's and .retirement's)
    page = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    assert "retire" in page.lower()  # the retirement still shown from that one read
