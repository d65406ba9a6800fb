"""A file's first run holding a fact, its retraction, then the fact again (its values, no client key): the last row was
counted already recorded, nothing recorded and nothing refused, "repeats line 1" even when it came under the reference
a correction in the file gave the fact (a review, 2026-12-07): HR was told a retracted fact is recorded. A row of a
retracted fact is already recorded only in a file run again (its retraction found recorded before the file); in the
file that retracts it, it is refused naming the retraction, as a row of it in another file is. The same file run again
is recorded already, each row of it, the fact's row under its corrected reference repeating no line (it said it
repeated the row of the reference first recorded). The import API; both stores."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_unit_new_in_agency_asked import imported

TRAINING = {"nip": BUDI, "kind": "training", **f.training("2016-02-12", hours=8, reference="C-1")}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def rows(world: World, corrected: bool) -> tuple[list[dict[str, Any]], int]:
    """The training, (`corrected`: a correction of its reference to C-2,) its retraction, then the training again
    (under C-2, its reference as corrected); with the training's version."""
    version = len(world.services.ledger.get_events(BUDI)) + 1
    fixed = [{"nip": BUDI, "kind": "correction", **f.correction(version, "2016-02-20", reference="C-2")}]
    again = {**TRAINING, "reference": "C-2"} if corrected else TRAINING
    retraction = {"nip": BUDI, "kind": "retraction", **f.retraction(version, "2016-03-01")}
    return [TRAINING, *(fixed if corrected else []), retraction, again], version


@pytest.mark.parametrize("corrected", [False, True], ids=["same reference", "reference corrected"])
def test_a_retracted_facts_row_in_the_file_retracting_it_is_refused_naming_the_retraction(
    world: World, corrected: bool
) -> None:
    file, version = rows(world, corrected)
    report = imported(world, file)
    last = len(file)
    by = version + last - 2
    assert (report["recorded"], report["already_recorded"]) == (last - 1, 0), report
    [refused] = report["rejected"]
    assert refused["line"] == last, refused
    said = refused["errors"]["reference"][0]
    named = (
        f"then corrected to these values; version {by} retracted it:" if corrected else f"which version {by} retracted:"
    )
    assert named in said, refused
    assert "a file run again does not record it again" in said, refused
    assert len(world.services.ledger.get_events(BUDI)) == version + last - 2


@pytest.mark.parametrize("corrected", [False, True], ids=["same reference", "reference corrected"])
def test_the_file_run_again_is_recorded_already(world: World, corrected: bool) -> None:
    file, _ = rows(world, corrected)
    imported(world, file)
    before = world.log()
    again = imported(world, file)
    assert (again["recorded"], again["already_recorded"], again["rejected"]) == (0, len(file), []), again
    assert world.log() == before
    # (the fact's row under its reference as corrected repeats no row of the file: line 1 gave it C-1)
    [last] = [seen for seen in again["already_recorded_rows"] if seen["line"] == len(file)]
    assert last["repeats_line"] == (None if corrected else 1), again["already_recorded_rows"]
