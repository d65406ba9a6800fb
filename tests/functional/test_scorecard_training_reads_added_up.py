"""The scorecard's judging of its training cells (Services.compliance_withheld) reads each year's staff once, of every
agency, by the fields its training compliance reports count by and are filtered on, and adds each report's reads up
from it (ComplianceReads, TrainingQueries.compliance_groups and compliance_added_up; until 2026-12-07 one query per
read, about 7 x (years + agencies - 1) reports' worth): each read so added up is its own query's answer, row for row,
on the small demo and with a unit in two spellings. Both stores. (The cells it shows and withholds, the same as
before: tests/functional/test_scorecard_training_cells_pinned_on_the_demo.py.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from careerlog.access import expand_regions
from projections.training import TrainingQueries
from projections.units import unit_spellings
from tests.functional.conftest import World
from tests.functional.test_suppression_unions_refused import demo_served
from tests.functional.test_unit_counted_once_in_any_case import spelt_twice  # noqa: F401 (a fixture)
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
