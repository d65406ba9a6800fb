"""A CSV file named after a kind holds that kind however its name goes on: a browser saves a second download of
training.csv as "training (1).csv", Windows copies it as "training - Copy.csv", and people name a year's file
"training 2024.csv". Only a name going on with a dash or an underscore was read (training-2024.csv): these were
imported as of no kind, line 1 refused, nothing read. A name going on with a letter is still another word
(trainings.csv: no kind); one going on with a digit is that kind (training2.csv, hukdis2.csv, since 2026-12-05:
tests/unit/test_import_kind_from_name_with_a_number.py)."""

from __future__ import annotations

import io

import pytest

from tests.functional.conftest import BUDI, World

HEADER = "nip,training_kind,title,organiser,hours,start_date,effective_date,reference\n"
ROW = f"{BUDI},TEKNIS,Arsip,BKPSDM,24,2024-03-04,2024-03-06,C-1\n"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def imported(world: World, name: str) -> dict[str, object]:
    upload = {"file": (io.BytesIO((HEADER + ROW).encode()), name)}
    return world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()


@pytest.mark.parametrize("name", ["training (1).csv", "training - Copy.csv", "Training 2024.csv", "training.2024.csv"])
def test_a_csv_named_after_a_kind_as_a_copy_or_a_year_holds_that_kind(world: World, name: str) -> None:
    report = imported(world, name)
    assert (report["recorded"], report["rejected"]) == (1, [])


@pytest.mark.parametrize("name", ["trainings.csv"])
def test_a_csv_named_after_a_kind_going_on_in_another_word_holds_no_kind(world: World, name: str) -> None:
    before = world.log()
    report = imported(world, name)
    assert report["recorded"] == 0
    assert [sorted(problem["errors"]) for problem in report["rejected"]] == [["kind"]]
    assert world.log() == before
