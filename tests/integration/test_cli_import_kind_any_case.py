"""`careerlog import --kind` takes a kind in any letter case (--kind Training, as the page writes it), and a kind it
does not know is refused naming the kinds it takes: `--kind Training` was refused as "unknown kind 'Training'",
with no word of what it would take (found by helper hrhunt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.test_cli import APPOINTMENT, NIP, last_position, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

HEADER = "nip,training_kind,title,organiser,hours,start_date,effective_date,reference\n"


@pytest.mark.parametrize("kind", ["Training", "TRAINING", "training"])
def test_import_kind_is_read_in_any_letter_case(database_url: str, tmp_path: Path, kind: str) -> None:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    rows = tmp_path / "rows.csv"
    rows.write_text(HEADER + f"{NIP},TEKNIS,Arsip,BPSDM,8,2015-05-01,2015-05-02,K-1\n")
    result = run(database_url, "import", "--kind", kind, str(rows))
    assert result.exit_code == 0, result.output
    assert "1 row: recorded 1" in result.output


def test_an_unknown_import_kind_is_refused_naming_the_kinds_taken(database_url: str, tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text(HEADER + f"{NIP},TEKNIS,Arsip,BPSDM,8,2015-05-01,2015-05-02,K-1\n")
    before = last_position(database_url)
    result = run(database_url, "import", "--kind", "Diklat", str(rows))
    assert result.exit_code == 2, result.output
    assert "Invalid value for '--kind': 'Diklat' is not one of 'appointment', 'award'," in result.output
    assert "'rank_promotion', 'retraction'," in result.output
    assert last_position(database_url) == before


@pytest.mark.parametrize("fmt", [[], ["--format", "jsonl"]])
def test_a_kind_given_for_a_json_lines_file_is_refused_as_it_would_not_apply(
    database_url: str, tmp_path: Path, fmt: list[str]
) -> None:
    """A JSON Lines line names its own kind: `--kind rank_promotion` was ignored, its lines recorded as their own."""
    before = last_position(database_url)
    result = run(
        database_url, "import", "--kind", "rank_promotion", *fmt, str(write(tmp_path / "a.jsonl", APPOINTMENT))
    )
    assert result.exit_code == 2, result.output
    assert (
        'Invalid value for --kind: each line of a JSON Lines file names its own kind (its key "kind"), so --kind '
        "rank_promotion would not apply to them: leave --kind out"
    ) in result.output
    assert last_position(database_url) == before


@pytest.mark.parametrize("kind", ["mentee_assigned", "mentee_released", "unit_registration"])
def test_a_kind_no_import_takes_is_neither_listed_nor_taken(database_url: str, tmp_path: Path, kind: str) -> None:
    """`--help` listed mentee_assigned, mentee_released and unit_registration, which every import refused row by row
    as "Unknown kind" (the system records them: not RECORDABLE_KINDS); --kind lists the kinds an import records."""
    assert kind not in run(database_url, "import", "--help").output
    rows = tmp_path / "rows.csv"
    rows.write_text(HEADER + f"{NIP},TEKNIS,Arsip,BPSDM,8,2015-05-01,2015-05-02,K-1\n")
    result = run(database_url, "import", "--kind", kind, str(rows))
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '--kind': '{kind}' is not one of 'appointment', 'award'," in result.output
