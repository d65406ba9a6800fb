"""An appointment of a NIP already appointed is a 409 of its own problem type,
`urn:careerlog:problem:already-appointed`, naming `nip`: within the writer's scope (the ledger's refusal) and
outside it (the scope's, which tells nothing of the record) alike. It was `idempotency-conflict`, the type of an
Idempotency-Key or reference used before for other values, which a client retries under a new key: here no key
helps: the NIP is appointed again only once its record is voided. The OpenAPI document lists the type among the
problem types."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of
from web.errors import DOMAIN_ERRORS, PROBLEM_TYPES, UNREADABLE

ALREADY = f"NIP {BUDI} is already appointed (a NIP is appointed again only after its record is voided)."
TYPE = "urn:careerlog:problem:already-appointed"


@pytest.mark.parametrize("who", ["hr", "hr_karo", "admin"])  # (hr_karo: BUDI works outside its scope)
def test_an_appointment_of_a_nip_already_appointed_has_its_own_problem_type(world: World, who: str) -> None:
    if who == "hr_karo":
        body = {"nip": BUDI, **appointment_of(BUDI, name="Budi Lain", agency="KAB-KARO", region="12.06")}
    else:
        body = {"nip": BUDI, **appointment_of(BUDI, name="Budi Lain", reference="SK-LAIN")}
    before = world.log()
    answer = world.post("/api/v1/employees", who, json=body)
    assert answer.status_code == 409, answer.get_json()
    problem = answer.get_json()
    assert (problem["type"], problem["detail"], problem["errors"]) == (TYPE, ALREADY, {"nip": [ALREADY]})
    assert world.log() == before


def test_a_key_used_again_for_other_values_is_still_an_idempotency_conflict(world: World) -> None:
    training = {"kind": "training", **f.training("2020-01-06", reference="T-1")}
    key = {"Idempotency-Key": "K-1"}
    assert world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=training, headers=key).status_code == 201
    again = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json={**training, "hours": 4}, headers=key)
    assert (again.status_code, again.get_json()["type"]) == (409, "urn:careerlog:problem:idempotency-conflict")


def test_the_openapi_document_lists_the_problem_types(world: World) -> None:
    described = world.get("/api/openapi.json", None).get_json()["components"]["schemas"]["Problem"]
    text = described["properties"]["type"]["description"]
    for slug in ("already-appointed", "idempotency-conflict", "conflict", "invalid-input", "forbidden"):
        assert f"`urn:careerlog:problem:{slug}`" in text


def test_every_problem_type_answered_is_listed_and_documented() -> None:
    listed = {slug for slug, _, _ in PROBLEM_TYPES}
    answered = {slug for _, slug in DOMAIN_ERRORS.values()} | {slug for _, slug in UNREADABLE.values()}
    assert answered <= listed
    documented = (Path(__file__).parents[2] / "docs" / "api.md").read_text()
    for slug in listed:
        assert f"`{slug}`" in documented, slug
