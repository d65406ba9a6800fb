"""The scorecard's judging of its training cells (Services.compliance_withheld) reads each year's staff once, of every
agency, by the fields its training compliance reports count by and are filtered on, and adds each report's reads up
from it (ComplianceReads, TrainingQueries.compliance_groups and compliance_added_up; until 2026-12-07 one query per
read, about 7 x (years + agencies - 1) reports' worth): each read so added up is its own query's answer, row for row,
on the small demo and with a unit in two spellings; each year read once and dropped once judged, one year's held
at once, and the scorecard, every cell and every one withheld, the same as when each read is its own query, an
agency's card and a unit's. Both stores. (The cells it shows and withholds, the same as before:
tests/functional/test_scorecard_training_cells_pinned_on_the_demo.py.) And the units' names its judging's reports match
their unit filter among are read once a card, not once a report (projections.units.unit_names_kept, since
2026-12-07), the cards the same."""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import pytest
from flask import Flask

from careerlog.access import expand_regions
from careerlog.sqlstore import Sql, SqlStore
from projections import units
from projections.training import TrainingQueries
from projections.units import unit_spellings
from tests.functional.conftest import World
from tests.functional.test_suppression_unions_refused import REPORTER, demo_served, get
from tests.functional.test_unit_counted_once_in_any_case import spelt_twice  # noqa: F401 (a fixture)
from web import kept, services
from web.services import ComplianceReads

pytestmark = pytest.mark.xdist_group("test_scorecard_training_reads_added_up")  # (one demo per store)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (spelt_twice's world: both stores)


@pytest.fixture(scope="module")
def demo(shared_database_url: str) -> Iterator[Flask]:
    with demo_served(shared_database_url, employees=200, seed=1) as app:
        yield app


def every_read(training: TrainingQueries, years: range, filters: list[dict[str, list[str]]]) -> None:
    """Each training compliance read of the scorecard's judging (by the fields its reports count by, filtered as they
    are: an agency, a unit in its spellings, a region's codes) added up from its year's one read (ComplianceReads) is
    its own query's answer, row for row (a field it has not read, `education`, its own query)."""
    reads = ComplianceReads(training, ["rank", "sex", "region", "unit"])
    bys = (["agency"], ["rank"], ["sex"], ["region"], ["unit"], ["agency", "rank"], ["agency", "unit"], ["unit", "sex"])
    for year in years:
        for asked in [*filters, {"education": ["S-1"]}]:
            for by in [*bys, ["education"]]:
                assert reads(year, by, asked) == training.compliance(year, by, asked), (year, by, asked)
    assert len(reads.groups) == len(years)


def test_each_read_added_up_is_its_own_querys(demo: Flask) -> None:
    training = demo.extensions["careerlog"].training
    store = demo.extensions["careerlog"].projector.views.sql
    regions = sorted(expand_regions(["12.71"]))
    filters: list[dict[str, list[str]]] = [{}, {"region": regions}, {"agency": ["PROV-SUMUT"], "region": regions}]
    for agency in ("KOTA-MEDAN", "KAB-KARO", "PROV-SUMUT"):
        filters.append({"agency": [agency]})
    filters.append({"agency": ["KOTA-MEDAN"], "unit": unit_spellings(store, ["Dinas Pendidikan"], ["KOTA-MEDAN"])})
    every_read(training, range(2019, 2026), filters)


def test_a_unit_in_other_spellings_is_added_up_once(spelt_twice: World) -> None:  # noqa: F811 (the fixture)
    store = spelt_twice.services.projector.views.sql
    spellings = unit_spellings(store, ["dinas sosial"], ["KOTA-MEDAN"])
    assert len(spellings) == 2
    every_read(spelt_twice.services.training, range(2024, 2025), [{}, {"agency": ["KOTA-MEDAN"], "unit": spellings}])


CARDS = ("agency=KOTA-MEDAN&year=2025&years=6", "agency=KOTA-MEDAN&unit=dinas+pendidikan&year=2025&years=6")


def scorecards(app: Flask) -> list[Any]:
    """The reporter's scorecards of CARDS, judged anew (none kept)."""
    app.extensions.pop(kept.EXTENSION, None)
    answers = [get(app, f"/api/v1/reports/scorecard?{asked}", REPORTER) for asked in CARDS]
    app.extensions.pop(kept.EXTENSION, None)
    assert [answer.status_code for answer in answers] == [200] * len(CARDS)
    return [answer.get_json() for answer in answers]


class EachItsOwnQuery(ComplianceReads):
    """The judging's reads each its own query (`TrainingQueries.compliance`), as until 2026-12-07."""

    def __call__(self, year: int, by: Sequence[str], filters: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        return self.training.compliance(year, by, filters)


def test_a_scorecard_judged_from_each_years_reads_is_the_one_of_each_read_its_own_query(
    demo: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    judged = scorecards(demo)
    monkeypatch.setattr(services, "ComplianceReads", EachItsOwnQuery)
    alone = scorecards(demo)
    for asked, new, old in zip(CARDS, judged, alone, strict=True):
        assert new == old, asked
        training = [v for k, item in new["indicators"].items() if k.startswith("training.") for v in item["trend"]]
        assert any(v["suppressed"] for v in training), asked
        assert not all(v["suppressed"] for v in training), asked
    monkeypatch.setattr(type(demo.extensions["careerlog"]), "compliance_withheld", lambda *args: set())
    assert scorecards(demo)[1] != judged[1]  # (the unit's card withholds cells of the training compliance's alone)


def test_a_cards_judging_reads_each_year_once_and_holds_one_year_at_a_time(
    demo: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[tuple[int, list[str], dict[str, Any], set[int]]] = []  # (year, fields, filters, the years held)

    class Spied(ComplianceReads):
        """The judging's reads, each year's groups read and the years then held."""

        def __init__(self, training: TrainingQueries, fields: Sequence[str]) -> None:
            super().__init__(training, fields)
            self.training = self  # type: ignore[assignment]  # (its reads of `training` through the spy)
            self.queries = training

        def __getattr__(self, name: str) -> Any:
            return getattr(self.queries, name)

        def compliance_groups(
            self, year: int, by: Sequence[str], filters: Mapping[str, Any] | None = None
        ) -> list[dict[str, Any]]:
            reads.append((year, list(by), dict(filters or {}), {*self.groups, *(key[0] for key in self.reads)}))
            return self.queries.compliance_groups(year, by, filters)

    monkeypatch.setattr(services, "ComplianceReads", Spied)
    scorecards(demo)
    fields = ["agency", "rank", "sex", "region"]
    # (every agency's, by unit too on the unit's card: its judging reads the tables by unit of every agency, a unit
    # filter's table without the agency's filter)
    assert [(year, by, filters) for year, by, filters, _held in reads] == [
        *((year, fields, {}) for year in range(2020, 2026)),
        *((year, [*fields, "unit"], {}) for year in range(2020, 2026)),
    ]
    assert [held for *_, held in reads] == [set()] * 12  # (the years judged before: dropped)


def test_a_cards_judging_reads_the_units_names_once(demo: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    statements: set[tuple[str, tuple[Any, ...]]] = set()  # (each read of the units' names, as `distinct_units` says it)
    reads: Counter[tuple[str, tuple[Any, ...]]] = Counter()
    listed, query = units.distinct_units, SqlStore.query

    def listing(agencies: list[str], regions: list[str] | None) -> tuple[str, list[str]]:
        statement, params = listed(agencies, regions)
        statements.add((statement, tuple(params)))
        return statement, params

    def counted(self: SqlStore, statement: str, params: Sequence[Any] = ()) -> Any:
        if (statement, tuple(params)) in statements:
            reads[(statement, tuple(params))] += 1
        return query(self, statement, params)

    monkeypatch.setattr(units, "distinct_units", listing)
    monkeypatch.setattr(SqlStore, "query", counted)
    kept_once = scorecards(demo)
    assert reads  # (the agency's, and every agency's for a report by unit)
    assert set(reads.values()) == {1}, reads
    reads.clear()
    monkeypatch.setattr(services, "unit_names_kept", contextlib.nullcontext)
    monkeypatch.setattr(services, "reads_kept", contextlib.nullcontext)  # (which keeps them too: sqlstore.reads_kept)
    assert scorecards(demo) == kept_once
    assert sum(reads.values()) > 2 * len(reads)  # (each report's filters matched anew)


def test_a_readers_card_and_its_judging_send_no_read_twice(demo: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """The card and the reports its values are judged by (the mentoring reports, the training compliance, the
    headcount) ask each read once (careerlog.sqlstore.reads_kept, since 2026-12-07: until then the mentoring
    reports' reads, the spells and each year's compliance groups were asked again, 36 reads of 305 for KOTA-MEDAN's
    card of six years on the demo of 2,000), and answer the same as when each is asked anew; but the look at the
    views being filled (the read guard's, once a second at most: Projector.guard_reads), which is not kept."""
    sent: Counter[tuple[str, tuple[Any, ...]]] = Counter()
    read, here = Sql._read, threading.get_ident()

    def counted(self: Sql, statement: str, params: Sequence[Any]) -> Any:
        if threading.get_ident() == here and "FROM view_schemas" not in statement:  # (not the follower's, the guard's)
            sent[(statement, tuple(params))] += 1
        return read(self, statement, params)

    monkeypatch.setattr(Sql, "_read", counted)
    for asked in CARDS:
        demo.extensions.pop(kept.EXTENSION, None)
        sent.clear()
        assert get(demo, f"/api/v1/reports/scorecard?{asked}", REPORTER).status_code == 200
        assert sent
        assert [(statement[:80], n) for (statement, _params), n in sent.items() if n > 1] == [], asked
    kept_once = scorecards(demo)
    monkeypatch.setattr(services, "reads_kept", contextlib.nullcontext)
    sent.clear()
    assert scorecards(demo) == kept_once
    assert any(n > 1 for n in sent.values())  # (asked again without it)
