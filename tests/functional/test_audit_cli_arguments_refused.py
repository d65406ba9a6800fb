"""`careerlog audit ...` refuses the arguments the API refuses, naming the option, with exit 1: an agency or region that
is no code of its reference table in any letter case (a misspelt or partial code; a lower-case one is read as the
code since 2026-12-05, tests/functional/test_coded_filters_in_any_case.py). Before, each answered with exit 0 and an
empty list (no decisions, no groups, no unit-years, "0 decision/colleague pairs"), which reads as "nothing found
there". A day not written YYYY-MM-DD, a period whose end is before its start and grade inflation's years reversed or
out of the API's range are usage errors, refused before the store is opened with exit 2
(tests/integration/test_cli_dates.py, tests/integration/test_cli_number_bounds.py). The arguments as documented
still answer (exit 0; the statistics' own tests run them with codes,
tests/integration/test_cli_audit_fairness_pool.py). The store matters not: one empty SQLite store for the module."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from careerlog.cli import main
from tests.functional.conftest import TEST_CONFIG, served_app

# its module fixture built once, on one worker
pytestmark = pytest.mark.xdist_group("test_audit_cli_arguments_refused")


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('store')) / 'careerlog.db'}"
    with served_app(url, dict(TEST_CONFIG)) as app:
        app.extensions["careerlog"].projector.catch_up()
    return url


def audit(url: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["audit", *args], env={"CAREERLOG_DATABASE_URL": url})


LISTS = ["promotions", "posts", "passed-over", "fairness", "time-to-promotion"]
REFUSED = [
    *[(command, ("--agency", "kota-medann"), "agency") for command in LISTS],
    *[(command, ("--region", "12.7"), "region") for command in LISTS],
    ("grade-inflation", ("--agency", "KOTA-MEDANN"), "agency"),
]


@pytest.mark.parametrize(("command", "args", "field"), REFUSED, ids=lambda v: " ".join(v) if type(v) is tuple else v)
def test_an_argument_the_api_refuses_is_refused_naming_its_option(
    empty_store: str, command: str, args: tuple[str, ...], field: str
) -> None:
    result = audit(empty_store, command, *args, "--format", "csv")
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"Error: {field}: "), result.output
    assert args[-1] in result.output  # the value refused is named


@pytest.mark.parametrize("command", ["promotions", "posts", "passed-over", "grade-inflation"])
def test_the_arguments_as_documented_still_answer(empty_store: str, command: str) -> None:
    period = ("--from", "2020", "--to", "2024") if command == "grade-inflation" else ("--from", "2020-01-01")
    place = () if command == "grade-inflation" else ("--region", "12.71")
    result = audit(empty_store, command, "--agency", "kota-Medan", *place, *period, "--format", "csv")
    assert result.exit_code == 0, result.output
