"""A reader of aggregates (a reporter, a policy maker) combines at most CAREERLOG_MAX_REPORT_FILTERS filters (4 by
default) in one request of an aggregate report: the headcount, training compliance, programmes and mentoring. Each
filtered answer is judged against the same report without each filter, each judged so in turn, at a cost growing
about 3^filters: until 2026-12-07 a reporter's training compliance of four one-value filters took 11 s of CPU on
the demo of 2,000, each filter more multiplying the tables judged. More is a 422 problem+json naming every filter
given, each beside the limit, in English and Indonesian, before anything is read; at the cap the report answers.
Inspectors and administrators, whose figures are exact and judged against nothing, combine any. Both stores."""

from __future__ import annotations

import re
from typing import Any

import pytest

from careerlog.config import ConfigurationError
from tests.functional.conftest import World
from tests.functional.test_api_errors_in_the_clients_language import both
from tests.functional.test_suppression import HEADCOUNT
from tests.functional.test_suppression import staffed as staffed  # (the fixture)
from web.config import WebSettings

pytestmark = pytest.mark.disclosure("withhold")

COMPLIANCE = "/api/v1/reports/training-compliance?year=2020&by=sex"
# Four one-value filters of the headcount and of the training compliance, and a fifth of each
FOUR = (("agency", "KOTA-MEDAN"), ("unit", "BKPSDM"), ("employment_kind", "PNS"), ("education", "S-1"))
FIFTH = ("sex", "M")
TOO_MANY = re.compile(r"At most 4 filters at once for a reader of aggregates, got 5 \(([a-z_, ]+)\): leave some out")
TERLALU_BANYAK = re.compile(r"Paling banyak 4 filter sekaligus bagi pembaca agregat, diisi 5 \(([a-z_, ]+)\): hilang")


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def query(path: str, filters: tuple[tuple[str, str], ...]) -> str:
    return path + ("&" if "?" in path else "?") + "&".join(f"{name}={value}" for name, value in filters)


def refused_naming_each(world: World, path: str, who: str, fields: list[str]) -> dict[str, Any]:
    """The request refused `who` 422 as problem+json, in Indonesian and English, each of `fields` named beside the
    limit; the English problem."""
    indonesian, english = both(world, "GET", path, who, 422)
    assert set(english["errors"]) == set(fields), english
    for name in fields:
        for problem, reason in ((english, TOO_MANY), (indonesian, TERLALU_BANYAK)):
            [said] = problem["errors"][name]
            named = reason.match(said)
            assert named is not None, said
            assert set(named[1].split(", ")) == set(fields), said
    return english


@pytest.mark.parametrize("who", ["reporter", "policy"])
def test_a_headcount_of_five_filters_is_refused_a_reader_of_aggregates_naming_each(staffed: World, who: str) -> None:
    path = query(f"{HEADCOUNT}?by=rank", (*FOUR, FIFTH))
    refused_naming_each(staffed, path, who, ["agency", "unit", "employment_kind", "education", "sex"])


def test_a_training_compliance_of_five_filters_is_refused_a_reporter_naming_each(staffed: World) -> None:
    path = query(COMPLIANCE, (*FOUR, FIFTH))
    refused_naming_each(staffed, path, "reporter", ["agency", "unit", "employment_kind", "education", "sex"])


@pytest.mark.parametrize("path", [f"{HEADCOUNT}?by=sex", COMPLIANCE])
def test_four_filters_are_answered_a_reporter(staffed: World, path: str) -> None:
    # (the headcount's default filter, the active statuses, is none given: four given, at the cap)
    answer = staffed.get(query(path, FOUR), "reporter")
    assert answer.status_code == 200, answer.get_data(as_text=True)


@pytest.mark.parametrize("who", ["inspector_medan", "admin"])
@pytest.mark.parametrize("path", [f"{HEADCOUNT}?by=sex", COMPLIANCE])
def test_inspectors_and_administrators_combine_any_filters(staffed: World, path: str, who: str) -> None:
    answer = staffed.get(query(path, (*FOUR, FIFTH, ("rank", "III/a"))), who)
    assert answer.status_code == 200, answer.get_data(as_text=True)


def test_the_programmes_and_mentoring_reports_are_capped_alike(staffed: World) -> None:
    programmes = "/api/v1/reports/programmes?agency=KOTA-MEDAN&unit=BKPSDM&region=12.71&kind=TEKNIS&year=2020"
    refused_naming_each(staffed, programmes, "reporter", ["agency", "unit", "region", "kind", "year"])
    mentoring = "/api/v1/reports/mentoring?agency=KOTA-MEDAN&unit=BKPSDM&region=12.71&rank=III/a&focus=Kearsipan"
    refused_naming_each(staffed, mentoring, "policy", ["agency", "unit", "region", "rank", "focus"])
    at_the_cap = "/api/v1/reports/mentoring?agency=KOTA-MEDAN&unit=BKPSDM&region=12.71&rank=III/a"
    assert staffed.get(at_the_cap, "reporter").status_code == 200


def test_the_cap_is_a_setting_of_at_least_three() -> None:
    assert WebSettings.from_env({}).max_report_filters == 4
    assert (
        WebSettings.from_env({"CAREERLOG_MAX_REPORT_FILTERS": "6"}).flask_config()["CAREERLOG_MAX_REPORT_FILTERS"] == 6
    )
    for bad in ("2", "3.5", "many"):
        with pytest.raises(ConfigurationError, match="CAREERLOG_MAX_REPORT_FILTERS"):
            WebSettings.from_env({"CAREERLOG_MAX_REPORT_FILTERS": bad})


@pytest.mark.parametrize("test_config", [{"TESTING": True, "CAREERLOG_MAX_REPORT_FILTERS": 3}])
def test_a_deployment_sets_a_lower_cap(staffed: World, test_config: dict[str, Any]) -> None:
    answer = staffed.get(query(f"{HEADCOUNT}?by=sex", FOUR), "reporter")
    assert answer.status_code == 422, answer.get_data(as_text=True)
    assert "At most 3 filters at once for a reader of aggregates, got 4" in str(answer.get_json()["errors"]["agency"])
