"""`careerlog record NIP correction corrected_fields.title=X` (a corrected field typed one by one, as an import's CSV
header or the record form names it) is refused saying how the command takes corrected fields: one JSON object, the
line to type given with the values typed (`corrected_fields='{"title": "X"}'`), naming the fields typed so, exit 2,
nothing recorded. Before, each was refused as "corrected_fields.title: Unknown field." beside "corrected_fields:
Missing data for required field.", which did not say how. Both stores."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, last_position, run, write
from tests.integration.test_cli_record_corrected_fields_not_json import error_line

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


@pytest.fixture
def trained(database_url: str, tmp_path: Path) -> str:
    """Budi appointed (version 1) and trained (version 2)."""
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    fields = f.training("2011-01-08", reference="T-1", cost="1500000")
    assert run(database_url, "record", NIP, "training", *(f"{k}={v}" for k, v in fields.items())).exit_code == 0
    return database_url


FIELDS = {"target_version": "2", "reason": "Salah ketik", "effective_date": "2012-01-06", "reference": "RALAT-1"}


def one_by_one(*typed: str) -> list[str]:
    return ["record", NIP, "correction", *(f"{k}={v}" for k, v in FIELDS.items()), *typed]


@pytest.mark.parametrize(
    ("typed", "named", "instead"),
    [
        (["corrected_fields.cost=2000000"], "corrected_fields.cost", {"cost": "2000000"}),
        (
            ["corrected_fields.title=Arsip Digital", "corrected_fields.cost=2000000"],
            "corrected_fields.title, corrected_fields.cost",
            {"title": "Arsip Digital", "cost": "2000000"},
        ),
        (["corrected.title=Rapat 'A'"], "corrected.title", {"title": "Rapat 'A'"}),  # (the record form's names)
        (
            ['corrected_fields={"title": "X"}', "corrected_fields.cost=900"],
            "corrected_fields.cost",
            {"title": "X", "cost": "900"},
        ),
    ],
)
def test_a_corrected_field_typed_one_by_one_is_refused_saying_how_to_give_it(
    trained: str, typed: list[str], named: str, instead: dict[str, str]
) -> None:
    before = last_position(trained)
    result = run(trained, *one_by_one(*typed))
    assert result.exit_code == 2, result.output
    line = "corrected_fields=" + shlex.quote(json.dumps(instead, ensure_ascii=False))
    assert error_line(result.output) == (
        f"Error: Invalid value for {named}: a correction's corrected fields are typed together as one JSON object, "
        f"not one by one: {line}"
    )
    assert "Unknown field" not in result.output
    assert last_position(trained) == before
    given = shlex.split(line)[0]  # (the line as the shell hands it over: recorded)
    assert run(trained, *one_by_one(given)).exit_code == 0


def test_a_dotted_name_of_no_corrected_fields_is_still_an_unknown_field(trained: str) -> None:
    fields = f.training("2011-01-09", reference="T-2")
    result = run(trained, "record", NIP, "training", *(f"{k}={v}" for k, v in fields.items()), "title.x=Y")
    assert result.exit_code == 1
    assert "title.x: Unknown field." in result.output
