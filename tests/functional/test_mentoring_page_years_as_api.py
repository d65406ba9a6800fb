"""The mentoring report's page and its downloads give the figures the API's report gives: the same window and
outcome years (24 months, 2 calendar years after the year mentoring began: docs/views.md), where the page read 3
outcome years, said on neither the page nor its CSV. Found on the demo: Kota Medan's mentees' JP per year read
29.95 on the page's CSV and 28.5 in /api/v1/reports/mentoring, their mean SKP score 4.1364 and 4.0625, for the
same report. SQLite world: the store matters not."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.functional.conftest import SARI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_report_downloads import csv_rows, trained
from tests.functional.test_suppression import record, staffed

__all__ = ["staffed", "trained"]  # Sari, mentored by Budi from 2021-01-04, with no training from 2022 to 2023


@pytest.fixture
def trained_in_2024(trained: World) -> World:
    """Sari also trained 30 JP in 2024, her third year after the year her mentoring began."""
    record(trained, SARI, "training", f.training("2024-06-07", hours=30, start="2024-06-03"))
    trained.catch_up()
    return trained


def test_the_mentoring_page_gives_the_apis_figures(trained_in_2024: World) -> None:
    log_in(trained_in_2024, "inspector")
    page = {r["group"]: r for r in csv_rows(trained_in_2024, "/pages/reports/mentoring.csv")}
    api = trained_in_2024.get("/api/v1/reports/mentoring", "inspector").get_json()
    mentees = next(i for i in api["items"] if i["group"] == "mentees")
    assert (api["window_months"], api["years"], mentees["jp_per_year"]) == (24, 2, 0.0)  # 2022 and 2023
    assert float(page["mentees"]["jp_per_year"]) == mentees["jp_per_year"]
    assert float(page["mentees"]["promotion_rate"]) == mentees["promotion_rate"]
