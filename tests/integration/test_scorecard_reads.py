"""The scorecard reads what its years and agencies share once: the JP of a year, who was in post on a day,
the spells, the post appointments, the rounds that passed someone over. Its answers are those of measuring
each year and agency on its own, and its findings name the irregularities the demo injected, on the command line
too (the demo, on both stores, recorded once for the module's tests, which read it only)."""

from __future__ import annotations

import gc
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner

from careerlog import demo as demos
from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.sqlstore import Sql, SqlStore
from projections.mentoring import MentoringQueries
from projections.scorecard import ScorecardQueries
from projections.scorecard.findings import Settings
from projections.scorecard.indicators import Context, Indicator, Scope
from projections.scorecard.scorecard import indicators
from tests.conftest import projected
from tests.demos import shared

pytestmark = pytest.mark.xdist_group("test_scorecard_reads")  # its module fixture is built once, on one worker

TODAY = date(2026, 6, 30)
# The demo's employees: 300 before; 150 hold as much for these tests (the three agencies, the irregular awards and the
# low-relevance training the demo injects, mentees and peers promoted), recorded and caught up in half the time.
EMPLOYEES = 150


def record_demo(app: CareerLog) -> None:
    """load_demo(app, employees=EMPLOYEES, seed=2, today=TODAY, workers=1), of the demo generated once per process (the
    irregularities' test reads it too): load_demo generates it anew for each store (0.8 s of CPU a time)."""
    demos.record_demo(app, shared(EMPLOYEES, 2, TODAY), workers=1)


@pytest.fixture(scope="module")
def views(shared_database_url: str) -> Iterator[SqlStore]:
    with projected(shared_database_url, record_demo, batch_size=2000) as found:
        yield found


class EachOnItsOwn(ScorecardQueries):
    """Every year and agency measured with nothing shared: the spells read for its agency alone."""

    def _measure(self, config: Settings, agencies: list[str], exact_below: int | None = None) -> Any:
        def measure(scope: Scope, year: int) -> list[Indicator]:
            return indicators(Context(self.store, scope, year, self.today, config.window_months), config)

        return measure


@pytest.mark.parametrize(("agency", "year", "options"), [("KOTA-MEDAN", 2025, {}), ("PROV-SUMUT", 2023, {"years": 5})])
def test_the_scorecard_answers_as_each_year_and_agency_measured_on_its_own(
    views: SqlStore, agency: str, year: int, options: dict[str, Any]
) -> None:
    card = ScorecardQueries(views, today=TODAY).scorecard(agency, year, **options)
    assert card == EachOnItsOwn(views, today=TODAY).scorecard(agency, year, **options)
    assert len(card["indicators"]["training.jp_share"]["comparison"]) == 3  # the demo's three agencies


def test_a_scorecard_sends_no_statement_twice_with_the_same_parameters(
    views: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: Counter[tuple[str, tuple[Any, ...]]] = Counter()
    query = Sql.query
    here = threading.get_ident()

    def counted(self: Sql, statement: str, params: Any = ()) -> Any:
        if threading.get_ident() == here:  # not another test's site following its views in this process
            sent[(statement, tuple(params))] += 1
        return query(self, statement, params)

    monkeypatch.setattr(Sql, "query", counted)
    ScorecardQueries(views, today=TODAY).scorecard("KOTA-MEDAN", 2025, years=3)
    assert gc.get_freeze_count() == 0  # the objects its Holm steps left out of their collections are put back
    assert [s for s, n in sent.items() if n > 1] == []
    # a year's JP of everyone: read once for each year the scorecard looks at (2023-2025, two earlier years)
    yearly = [
        p for s, p in sent if s.startswith("SELECT subject, SUM(counted_hours) AS hours FROM training WHERE year = ?")
    ]
    assert sorted(yearly) == [(2021,), (2022,), (2023,), (2024,), (2025,)]


def test_the_mentoring_indicators_are_the_mentoring_reports_promotions(views: SqlStore) -> None:
    card = ScorecardQueries(views, today=TODAY).scorecard("KOTA-MEDAN", 2025, years=1)
    reports = MentoringQueries(views, today=TODAY)
    for indicator, group in (("outcomes.promotion_mentored", "mentees"), ("outcomes.promotion_unmentored", "peers")):
        for item in card["indicators"][indicator]["comparison"]:
            report = reports.mentoring_outcomes({"agency": item["agency"]}, window_months=24)
            expected = (report[group]["promoted"], report[group]["count"], report[group]["promotion_rate"])
            assert (item["numerator"], item["denominator"], item["value"]) == expected, item["agency"]
            assert item["details"]["window_complete"] == report["window_complete"]
        assert any(item["numerator"] for item in card["indicators"][indicator]["comparison"]), indicator


def test_a_scorecard_narrowed_to_a_region_gives_its_staff_by_region(views: SqlStore) -> None:
    """The region of the by-region rows is the scope's: it was given twice to the rows' filter (TypeError, a 500)."""
    card = ScorecardQueries(views, today=TODAY).scorecard("KOTA-MEDAN", 2025, years=1, region="12.71")
    by_region = card["indicators"]["training.jp_share_by_region"]["trend"]
    assert [(i["group"], i["rows"]["filter"]["region"]) for i in by_region] == [({"region": "12.71"}, "12.71")]
    whole = card["indicators"]["training.jp_share"]["trend"][0]
    assert (by_region[0]["numerator"], by_region[0]["denominator"]) == (whole["numerator"], whole["denominator"])


def test_the_scorecard_of_the_demo_shows_the_irregularities_it_injected_also_on_the_command_line(
    views: SqlStore, shared_database_url: str
) -> None:
    demo = shared(EMPLOYEES, 2, TODAY)  # the demo record_demo recorded
    queries = ScorecardQueries(views, today=TODAY)
    injected = Counter((e["agency"], int(e["effective_date"][:4])) for e in demo.irregular_awards)
    for (agency, year), count in injected.items():
        card = queries.scorecard(agency, year, years=1)
        irregular = card["indicators"]["awards.irregular"]["trend"][0]
        assert irregular["numerator"] == count, (agency, year)
        assert any(f["indicator"] == "awards.irregular" for f in card["findings"])
    low = demo.low_relevance
    card = queries.scorecard(low["agency"], max(low["years"]), years=2)
    written = [f for f in card["findings"] if f["indicator"] == "training.programme_relevance"]
    assert written
    assert all(f["years"] == low["years"] for f in written)
    assert all(v < 3 for f in written for v in f["values"])
    env = {"CAREERLOG_DATABASE_URL": shared_database_url}
    done = CliRunner().invoke(
        main, ["report", "scorecard", "--agency", "KOTA-MEDAN", "--year", "2025", "--format", "csv"], env=env
    )
    assert done.exit_code == 0, done.output
    header, first = done.output.splitlines()[:2]
    columns = "indicator,scope,agency,unit,region,year,group,numerator,denominator,value,rows,suppressed,untested"
    assert header == columns
    assert first.startswith("training.jp_share,trend,KOTA-MEDAN,,,2023,")
    bad = CliRunner().invoke(main, ["report", "scorecard", "--agency", "NOPE", "--year", "2025"], env=env)
    assert bad.exit_code == 1
    assert "agency: Unknown agency 'NOPE'" in bad.output
