"""An import row (JSON Lines or CSV) or a `careerlog record --client-key` whose client key was used before for another
kind of fact, or is a retracted fact's own key, is refused naming `client_key` and the key by its value.

Found by a helper's pass of 2026-12-04: these said "The client reference was already used for a training (version 2);
use a new reference." and "... for version 2, which version 3 retracted; send the fact under a new client reference
...", naming no key (and `careerlog record` named no option), where a key repeated with other values names both
(tests/integration/test_client_key_clash_named_by_key.py). Nothing is recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, last_position, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

TRAINING = {"kind": "training", "nip": NIP, **f.training("2015-05-02", hours=8, start="2015-05-01")}
RATING = {"kind": "performance_rating", "nip": NIP, **f.rating(2015)}
CSV_HEADER = "nip,training_kind,title,organiser,hours,start_date,effective_date,reference,client_key"
CSV_ROW = f"{NIP},TEKNIS,Arsip Digital,BKPSDM,8,2015-05-01,2015-05-02,CERT-CSV-1,ulang-1"


def record(kind: str, key: str, **fields: object) -> list[str]:
    return ["record", NIP, kind, *(f"{k}={v}" for k, v in fields.items()), "--client-key", key]


def training(key: str) -> list[str]:
    return record("training", key, **{**f.training("2015-05-02", hours=8, start="2015-05-01"), "reference": "R-9"})


def retract(database_url: str, version: int) -> None:
    answer = run(
        database_url, "record", NIP, "retraction", *(f"{k}={v}" for k, v in f.retraction(version, "2015-06-01").items())
    )
    assert answer.exit_code == 0, answer.output


def test_an_import_row_of_a_key_used_for_another_kind_names_client_key_and_the_key(
    database_url: str, tmp_path: Path
) -> None:
    assert (
        run(
            database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT, {**TRAINING, "client_key": "k-2"}))
        ).exit_code
        == 0
    )
    before = last_position(database_url)
    result = run(database_url, "import", str(write(tmp_path / "b.jsonl", {**RATING, "client_key": "k-2"})))
    assert result.exit_code == 1
    assert (
        "line 1: client_key: Key 'k-2' was already used for the training recorded as version 2: a new fact needs a new "
        "key."
    ) in result.output
    assert "client reference" not in result.output
    assert last_position(database_url) == before


def test_a_csv_row_of_a_retracted_facts_key_names_client_key_and_the_key(database_url: str, tmp_path: Path) -> None:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    path = tmp_path / "training.csv"
    path.write_text(f"{CSV_HEADER}\n{CSV_ROW}\n", encoding="utf-8")
    assert run(database_url, "import", str(path)).exit_code == 0
    retract(database_url, 2)
    before = last_position(database_url)
    result = run(database_url, "import", str(path))
    assert result.exit_code == 1
    assert (
        "line 2: client_key: Key 'ulang-1' was already used for the training recorded with these values as version "
        "2, which version 3 retracted: a file run again does not record it again. If it stays retracted, remove this "
        "row from the file; a new fact needs a new client_key."
    ) in " ".join(result.output.split())
    assert last_position(database_url) == before


def test_an_import_row_quotes_an_odd_key_visibly_and_a_long_one_cut(database_url: str, tmp_path: Path) -> None:
    odd, long = "kunci\tsatu", "kunci-" + "y" * 150  # (at most 200 characters: MAX_CLIENT_KEY)
    rows = [  # (two trainings: another title each, not one recorded twice, rule training.duplicate)
        {**TRAINING, "reference": f"R-{n}", "title": f"Arsip {n}", "client_key": key}
        for n, key in enumerate((odd, long))
    ]
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT, *rows))).exit_code == 0
    again = [{**RATING, "reference": f"SKP-{n}", "client_key": key} for n, key in enumerate((odd, long))]
    result = run(database_url, "import", str(write(tmp_path / "b.jsonl", *again)))
    assert result.exit_code == 1
    said = "line 1: client_key: Key 'kunci\\tsatu' was already used for the training recorded as version 2"
    assert said in result.output
    assert (
        "line 2: client_key: Key 'kunci-" + "y" * 33 + "…' was already used for the training recorded as version 3"
        in (result.output)
    )
    assert "y" * 34 not in result.output


def test_the_record_command_names_client_key_for_a_key_used_for_another_kind(database_url: str, tmp_path: Path) -> None:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    assert run(database_url, *training("K-9")).exit_code == 0
    before = last_position(database_url)
    result = run(database_url, *record("performance_rating", "K-9", **f.rating(2015)))
    assert result.exit_code == 1
    assert result.output == (
        "Error: client_key: Key 'K-9' was already used for the training recorded as version 2: a new fact needs a new "
        "key.\n"
    )
    assert last_position(database_url) == before


def test_the_record_command_names_client_key_for_a_retracted_facts_key(database_url: str, tmp_path: Path) -> None:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    assert run(database_url, *training("K-8")).exit_code == 0
    retract(database_url, 2)
    before = last_position(database_url)
    result = run(database_url, *training("K-8"))
    assert result.exit_code == 1
    assert result.output == (
        "Error: client_key: Key 'K-8' was already used for the training recorded as version 2, which version 3 "
        "retracted: to record the fact anew, send it under a new key.\n"
    )
    assert last_position(database_url) == before
    anew = run(database_url, *training("K-7"))  # the advice followed: recorded anew
    assert anew.exit_code == 0, anew.output
