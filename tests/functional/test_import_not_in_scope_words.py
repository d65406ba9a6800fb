"""A scoped import's row naming a NIP outside the writer's scope says what the record form says (web.scoping
NOT_IN_SCOPE), in the same words whether the NIP is another agency's or was never appointed: the report tells nothing
of another agency's records. A national administrator's import keeps "has been appointed" for a NIP never appointed."""

from __future__ import annotations

from datetime import date

from tests import factories as f
from tests.functional.conftest import RINA, World
from tests.functional.test_imports import jsonl, upload
from web.scoping import NOT_IN_SCOPE

NEVER = f.nip(date(1980, 2, 2), date(2005, 3, 1), "M", sequence=791)  # appointed nowhere


def refused(world: World, who: str, nip: str) -> list[str]:
    row = {"kind": "training", "nip": nip, **f.training("2016-01-08", reference=f"IMP-{nip}")}
    report = world.post("/api/v1/imports", who, **upload(jsonl(row), "events.jsonl")).get_json()
    assert report["recorded"] == 0
    [problem] = report["rejected"]
    return list(problem["errors"]["nip"])


def test_another_agencys_nip_and_one_never_appointed_read_alike_as_the_form_says(world: World) -> None:
    other, never = refused(world, "hr", RINA), refused(world, "hr", NEVER)
    assert other == [str(NOT_IN_SCOPE.reason(nip=RINA))]
    assert other[0].startswith(f"No employee with NIP {RINA} is in your scope's records: ")
    assert [t.replace(RINA, "N") for t in other] == [t.replace(NEVER, "N") for t in never]


def test_a_national_import_says_a_nip_was_never_appointed(world: World) -> None:
    assert refused(world, "admin", NEVER) == [f"No employee with NIP {NEVER} has been appointed."]
