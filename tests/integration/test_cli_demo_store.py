"""`careerlog demo` records its synthetic civil service into an empty store only: into a store holding events (a real
register, or a demo's of any seed) it recorded its careers for good beside them, until one met a record or a unit's
rating already there and it stopped on an internal error (exit 70), part of it recorded. And its list of
irregularities named as --output overwrote the demo written there, exit 0."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.test_cli import APPOINTMENT, last_position, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def test_the_demo_refuses_a_store_holding_events_and_records_nothing(database_url: str, tmp_path: Path) -> None:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    before = last_position(database_url)
    listed = tmp_path / "irregularities.json"
    result = run(database_url, "demo", "--employees", "2", "--irregularities", str(listed))
    assert result.exit_code == 1, result.output
    assert "already holds events: the demo is recorded into an empty store only" in result.output
    assert result.output.endswith("Nothing was recorded.\n")
    assert last_position(database_url) == before
    assert not listed.exists()
    skipped = run(database_url, "demo", "--employees", "2", "--irregularities", str(listed), "--if-empty")
    assert skipped.exit_code == 0
    assert skipped.output == "The store already holds events; nothing generated.\n"
    assert last_position(database_url) == before


def test_the_demo_into_an_empty_store_is_recorded(database_url: str, tmp_path: Path) -> None:
    result = run(database_url, "demo", "--employees", "2", "--irregularities", str(tmp_path / "i.json"))
    assert result.exit_code == 0, result.output
    assert last_position(database_url) > 0


def test_the_list_of_irregularities_may_not_overwrite_the_demo_written(tmp_path: Path) -> None:
    output = tmp_path / "demo.jsonl"
    result = run(
        f"sqlite:///{tmp_path}/none.db", "demo", "--employees", "2", "--output", str(output),
        "--irregularities", f"{tmp_path}/./demo.jsonl",
    )  # fmt: skip
    assert result.exit_code == 2
    assert (
        "Invalid value for --irregularities: the list of irregularities would overwrite the demo written to --output"
    ) in result.output
    assert not output.exists()


def test_the_demo_written_to_a_file_says_so_and_how_to_import_it_not_that_it_was_recorded(
    database_url: str, tmp_path: Path
) -> None:
    """`demo --output` said "N facts recorded (M events)", recording nothing and naming no file."""
    output = tmp_path / "my demo.jsonl"
    result = run(
        database_url, "demo", "--employees", "3", "--seed", "7", "--output", str(output),
        "--irregularities", str(tmp_path / "i.json"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "recorded (" not in said
    facts = len(output.read_bytes().splitlines())
    assert f" {facts} facts written to {output} (" in said
    assert said.endswith(f"Nothing was recorded: import it with careerlog import --migration '{output}'")
    assert last_position(database_url) == 0
    events = int(said.split(f"written to {output} (")[1].split(" events once imported)")[0])
    imported = run(database_url, "import", "--migration", str(output))
    assert imported.exit_code == 0, imported.output
    assert last_position(database_url) == events


def test_the_demo_written_to_a_file_lists_its_irregularities_beside_it_not_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`demo --output F` wrote demo-irregularities.json into the working directory, unasked: it is written beside F,
    named after it, unless --irregularities names another file."""
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    monkeypatch.chdir(here)
    result = run(f"sqlite:///{tmp_path}/none.db", "demo", "--employees", "2", "--output", str(there / "d.jsonl"))
    assert result.exit_code == 0, result.output
    assert list(here.iterdir()) == []
    assert sorted(p.name for p in there.iterdir()) == ["d-irregularities.json", "d.jsonl"]
