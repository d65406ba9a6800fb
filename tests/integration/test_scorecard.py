"""The scorecard on both stores: JP share trend and comparison across agencies; the demo's injected
irregularities in its scorecard; the command line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date

import pytest
from click.testing import CliRunner

from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.demo import generate, load_demo
from careerlog.domain.errors import InvalidInput
from careerlog.sqlstore import SqlStore
from projections.scorecard import ScorecardQueries
from tests.conftest import projected
from tests.integration.test_training_mentoring import TODAY, populated  # noqa: F401  (a fixture)

pytestmark = pytest.mark.xdist_group("test_scorecard")  # its module fixtures are built once, on one worker


def test_scorecard_gives_the_jp_share_trend_of_an_agency_and_the_comparison_across_agencies(
    populated: SqlStore,  # noqa: F811
) -> None:
    card = ScorecardQueries(populated, today=TODAY).scorecard("KOTA-MEDAN", 2022, years=2)
    jp = card["indicators"]["training.jp_share"]
    assert [(i["year"], i["numerator"], i["denominator"], i["value"]) for i in jp["trend"]] == [
        (2021, 0, 5, 0.0),  # Bayu still in post; nobody reached 20 JP
        (2022, 2, 4, 0.5),
    ]
    assert [(i["agency"], i["numerator"], i["denominator"], i["value"]) for i in jp["comparison"]] == [
        ("KOTA-MEDAN", 2, 4, 0.5),
        ("PROV-SUMUT", 0, 2, 0.0),
    ]
    assert jp["comparison"][0]["link"] == "/api/v1/reports/training-compliance?year=2022&agency=KOTA-MEDAN"


def test_scorecard_rejects_a_year_in_the_future_naming_the_field(populated: SqlStore) -> None:  # noqa: F811
    with pytest.raises(InvalidInput, match="year"):
        ScorecardQueries(populated, today=TODAY).scorecard("KOTA-MEDAN", 2030)


DEMO_TODAY = date(2026, 6, 30)


@pytest.fixture
def demo_views(database_url: str) -> Iterator[SqlStore]:
    """A small demo recorded and projected on the store under test."""
    with projected(database_url, record_demo, batch_size=2000) as views:
        yield views


def record_demo(app: CareerLog) -> None:
    load_demo(app, employees=300, seed=2, today=DEMO_TODAY, workers=1)


def test_the_scorecard_of_the_demo_shows_the_irregularities_it_injected_also_on_the_command_line(
    demo_views: SqlStore, database_url: str
) -> None:
    demo = generate(300, 2, DEMO_TODAY)
    queries = ScorecardQueries(demo_views, today=DEMO_TODAY)
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
    env = {"CAREERLOG_DATABASE_URL": database_url}
    done = CliRunner().invoke(
        main, ["report", "scorecard", "--agency", "KOTA-MEDAN", "--year", "2025", "--format", "csv"], env=env
    )
    assert done.exit_code == 0, done.output
    header, first = done.output.splitlines()[:2]
    assert header == "indicator,scope,agency,year,group,numerator,denominator,value,rows,suppressed"
    assert first.startswith("training.jp_share,trend,KOTA-MEDAN,2023,")
    bad = CliRunner().invoke(main, ["report", "scorecard", "--agency", "NOPE", "--year", "2025"], env=env)
    assert bad.exit_code == 1
    assert "agency: Unknown agency 'NOPE'" in bad.output
