"""An imported row's `version` below 1 was refused as "Not a valid integer." (-1, which is one) or as "Would be
version 2 of ..., not 0: the store holds other records for this subject." (0, as if the record could have had
another version 0): a record's versions count its events from 1. Both are refused naming `version` with that reason;
nothing is recorded."""

from __future__ import annotations

import io
import json

import pytest

from careerlog.domain.payload import NOT_INTEGER
from careerlog.importing import FIRST_VERSION
from tests import factories as f
from tests.functional.conftest import BUDI, World


def refused(world: World, version: object) -> dict[str, list[str]]:
    """The errors of a training row of this `version` imported through the API, after checking nothing was recorded."""
    row = {"kind": "training", "nip": BUDI, **f.training("2024-05-10", hours=8), "version": version}
    upload = {"file": (io.BytesIO(json.dumps(row).encode() + b"\n"), "rows.jsonl")}
    before = world.log()
    answer = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data")
    assert answer.status_code == 200, answer.get_json()
    [rejected] = answer.get_json()["rejected"]
    assert world.log() == before
    errors: dict[str, list[str]] = rejected["errors"]
    return errors


@pytest.mark.parametrize("version", [0, -1, "-1", "0"])
def test_a_version_below_one_is_refused_for_its_range(world: World, version: object) -> None:
    assert refused(world, version) == {"version": [FIRST_VERSION]}


@pytest.mark.parametrize("version", ["9" * 5000, "-" + "9" * 5000])
def test_a_version_of_more_digits_than_read_is_refused_naming_version(world: World, version: str) -> None:
    """A version cell of more digits than int() reads (4,300) stopped the import on a ValueError (a 500; the command
    line's internal error): refused naming version, as any text that is not a version, nothing recorded."""
    assert refused(world, version) == {"version": [NOT_INTEGER]}
