"""A reader of aggregates' headcount reads the roster under several scopes (its own, without each filter, without two:
the tables by each filter's field it is judged against, Services.filters_sliced), each by several fields: 18 grouped
statements for `by=unit&agency=KOTA-MEDAN&sex=F` (with the default status ACTIVE), of 7 scopes. Since 2026-12-06 each
scope is read once, by every field the request counts by, and each headcount of it added up from that in Python
(web.services.ScopeCounts, projections.queries.added_up): the same rows as each one's own statement, a unit in every
spelling once under the spelling most counted, in the same order. Both stores."""

from __future__ import annotations

import pytest

from projections.queries import added_up
from tests.functional.conftest import World
from tests.functional.test_headcount_reads_its_statuses_once import roster_reads
from tests.functional.test_programme_spellings_shown import spelt as spelt  # (the fixture)
from tests.functional.test_suppression import staffed as staffed  # (the fixture)
from tests.functional.test_suppression_differenced_one_row_per_cell import spelt_units as spelt_units  # (the fixture)

pytestmark = pytest.mark.disclosure("withhold")

FIELDS = ["agency", "unit", "sex", "status", "rank"]


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize("by", [["unit"], ["agency", "unit"], ["unit", "sex"], ["sex"], ["rank"], ["age_band"]])
def test_a_headcount_added_up_from_more_fields_is_the_headcount_by_its_own(spelt_units: World, by: list[str]) -> None:
    queries = spelt_units.services.queries
    for scope in [{}, {"agency": ["KOTA-MEDAN"]}, {"sex": ["M"]}, {"status": ["ACTIVE"], "agency": ["KOTA-MEDAN"]}]:
        own = queries.headcount(by, scope)
        for more in ([f for f in FIELDS if f not in by], ["sex"] if "sex" not in by else ["rank"]):
            assert added_up(queries.headcount_groups([*more, *by], scope), by) == own, (scope, more)
    if by in (["unit"], ["agency", "unit"]):  # (a unit in two spellings counted once, as a GROUP BY alone would not)
        units = [row["unit"] for row in queries.headcount(by, {"agency": ["KOTA-MEDAN"]})]
        assert (units.count("Dinas Sosial"), units.count("dinas  sosial")) == (1, 0), units


def test_a_reporters_headcount_reads_each_scope_once(spelt_units: World, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = roster_reads(spelt_units, monkeypatch, "by=unit&agency=KOTA-MEDAN&sex=F")
    scopes = [statement.split("FROM roster")[1].split("GROUP BY")[0] + statement.split("]")[-2] for statement in reads]
    assert len(set(scopes)) == len(scopes) == 7, reads  # (was 18 statements: 4 of its own scope)
    assert all("GROUP BY unit, agency, sex, status" in statement for statement in reads), reads
    # (an inspector reads every figure exactly: the report and its count of every status alone, each by its fields)
    exact = roster_reads(spelt_units, monkeypatch, "by=unit&agency=KOTA-MEDAN&sex=F", "inspector")
    assert len(exact) == 2, exact
    assert all("GROUP BY unit " in statement for statement in exact), exact
