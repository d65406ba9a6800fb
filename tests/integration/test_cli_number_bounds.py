"""Every number option and argument of the command line has the bounds its meaning needs: a value outside them is
refused at once in click's words, naming the option and its range, exit 2, before the store is opened, instead of
what it did: `import --batch-size 0` saved a row per transaction and -1 dropped the rows it held back for a second
pass without a word, `serve --workers 0` started a master serving nothing, `--threads 0` a worker that could not
boot, `projections run --poll 0` checked the log without a pause (a core kept busy), `--poll nan` or `inf` stopped
the follower, and `audit promotion NIP 99999999999999999999999` ended in a traceback of a number SQLite cannot
hold. A value that means something at the edge is taken: the demo's seed is any whole number, negative too."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from careerlog.cli import main
from careerlog.cli_numbers import PlainNumber, WholeNumber
from tests.functional.test_time_to_promotion_from_after_today import this_year
from tests.integration.test_cli import APPOINTMENT, last_position, run, write
from tests.unit.test_cli_numbers import every_parameter

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = "198609262010031701"
# (the command, the option as click names it, the value refused, the range click states: {this_year} the latest year
# a scorecard reports, read when the test runs, tests/integration/test_cli_dates.py)
REFUSED = [
    (["import", "--batch-size", "0", "events.jsonl"], "--batch-size", "x>=1"),
    (["import", "--batch-size", "-1", "events.jsonl"], "--batch-size", "x>=1"),
    (["import", "--workers", "0", "events.jsonl"], "--workers", "1<=x<=64"),
    (["demo", "--employees", "0"], "--employees", "x>=1"),
    (["run", "--employees", "-5"], "--employees", "x>=1"),
    (["serve", "--workers", "0"], "--workers", "1<=x<=64"),
    (["run", "--workers", "0"], "--workers", "1<=x<=64"),
    (["serve", "--threads", "0"], "--threads", "1<=x<=256"),
    (["projections", "rebuild", "--jobs", "0"], "--jobs", "1<=x<=64"),
    (["projections", "run", "--poll", "0"], "--poll", "0.01<=x<=3600.0"),
    (["projections", "run", "--poll", "-1"], "--poll", "0.01<=x<=3600.0"),
    (["projections", "run", "--poll", "inf"], "--poll", "0.01<=x<=3600.0"),
    (["tokens", "create", "--account", "siti", "--days", "0"], "--days", "1<=x<=3650"),
    (["tokens", "create", "--account", "siti", "--days", "-30"], "--days", "1<=x<=3650"),
    (["report", "scorecard", "--agency", "KOTA-MEDAN", "--years", "0"], "--years", "1<=x<=20"),
    (["report", "scorecard", "--agency", "KOTA-MEDAN", "--year", "0"], "--year", "1900<=x<={this_year}"),
    (["audit", "fairness", "--min-cell", "0"], "--min-cell", "1<=x<=1000000"),
    (["audit", "time-to-promotion", "--min-cell", "-1"], "--min-cell", "1<=x<=1000000"),
    (["audit", "grade-inflation", "--from", "0"], "--from", "1900<=x<={this_year}"),
    (["audit", "grade-inflation", "--to", "10000"], "--to", "1900<=x<={this_year}"),
    (["audit", "grade-inflation", "--from", "99999"], "--from", "1900<=x<={this_year}"),
    (["audit", "promotion", NIP, "0"], "VERSION", "1<=x<=999999999"),
    (["audit", "promotion", NIP, "99999999999999999999999"], "VERSION", "1<=x<=999999999"),
]


def invoke(tmp_path: Path, args: list[str], store: Path) -> Result:
    """`careerlog ARGS` on `store`, the argument events.jsonl a file of one appointment in `tmp_path`."""
    write(tmp_path / "events.jsonl", APPOINTMENT)
    args = [str(tmp_path / a) if a == "events.jsonl" else a for a in args]
    return CliRunner().invoke(main, args, env={"CAREERLOG_DATABASE_URL": f"sqlite:///{store}"})


@pytest.mark.parametrize(("args", "option", "bounds"), REFUSED, ids=[" ".join(a) for a, _, _ in REFUSED])
def test_a_number_outside_its_bounds_is_refused_naming_the_option_and_its_range(
    tmp_path: Path, args: list[str], option: str, bounds: str
) -> None:
    store = tmp_path / "store.db"
    result = invoke(tmp_path, args, store)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}'" in result.output
    assert f"is not in the range {bounds.format(this_year=this_year())}." in result.output
    assert not store.exists()  # refused before the store was opened: nothing made, nothing recorded


def test_a_poll_that_is_no_finite_number_is_refused_naming_it() -> None:
    result = CliRunner().invoke(main, ["projections", "run", "--poll", "nan"])
    assert result.exit_code == 2, result.output
    assert "Invalid value for '--poll': 'nan' is not a finite number." in result.output


def test_an_import_of_a_batch_size_of_0_records_nothing_and_one_of_1_records_every_row(
    database_url: str, tmp_path: Path
) -> None:
    path = write(tmp_path / "events.jsonl", APPOINTMENT)
    refused = run(database_url, "import", "--batch-size", "0", str(path))
    assert refused.exit_code == 2, refused.output
    assert last_position(database_url) == 0
    taken = run(database_url, "import", "--batch-size", "1", str(path))
    assert taken.exit_code == 0, taken.output
    assert last_position(database_url) == 1


def test_every_number_option_has_a_least_value_but_the_demo_seed() -> None:
    unbounded = [
        (path, parameter.name)
        for path, parameter in every_parameter(main)
        if isinstance(parameter.type, (WholeNumber, PlainNumber)) and parameter.type.min is None
    ]
    assert unbounded == [("careerlog demo", "seed")]


def test_the_demo_seed_is_any_whole_number_negative_too(tmp_path: Path) -> None:
    output, irregularities = tmp_path / "demo.jsonl", tmp_path / "irregularities.json"
    args = [
        "demo",
        "--employees",
        "2",
        "--seed",
        "-7",
        "--output",
        str(output),
        "--irregularities",
        str(irregularities),
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Demo (seed -7): 2 employees" in result.output
    assert output.stat().st_size > 0


# (the command, the option, the value refused, the range click states: the fixed ceiling of a count of processes or
# of threads, careerlog.cli_numbers.MAX_PROCESSES and MAX_THREADS; docs/operations.md says why)
ABOVE_CEILING = [
    (["import", "--workers", "65", "events.jsonl"], "--workers", "65", "1<=x<=64"),
    (["serve", "--workers", "100000"], "--workers", "100000", "1<=x<=64"),
    (["run", "--workers", "65"], "--workers", "65", "1<=x<=64"),
    (["projections", "rebuild", "--jobs", "65"], "--jobs", "65", "1<=x<=64"),
    (["serve", "--threads", "257"], "--threads", "257", "1<=x<=256"),
]


@pytest.mark.parametrize(
    ("args", "option", "value", "bounds"), ABOVE_CEILING, ids=[" ".join(a) for a, *_ in ABOVE_CEILING]
)
def test_a_process_or_thread_count_above_its_ceiling_is_refused_naming_the_option_and_the_ceiling(
    tmp_path: Path, args: list[str], option: str, value: str, bounds: str
) -> None:
    # a store no process can open (its folder is a file): a count taken ends there, exit 1, before serving or forking
    result = invoke(tmp_path, args, tmp_path / "events.jsonl" / "store.db")
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}': {value} is not in the range {bounds}." in result.output


def test_every_count_of_processes_or_threads_has_a_fixed_ceiling() -> None:
    counts = [
        (path, parameter.name, parameter.type.max)
        for path, parameter in every_parameter(main)
        if parameter.name in ("workers", "jobs", "threads", "processes")
        and isinstance(parameter.type, (WholeNumber, PlainNumber))
    ]
    assert len(counts) == 5  # import, serve and run --workers, projections rebuild --jobs, serve --threads
    assert [
        (path, name, ceiling) for path, name, ceiling in counts if ceiling != (256 if name == "threads" else 64)
    ] == []
