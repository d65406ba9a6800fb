"""The eligibility API's answer as a client reads it against the OpenAPI document: every promotion kind the
eligibility view offers (203, by degree, since d85ca68) is one the document names, on both stores.

The acceptance pass of 2026-12-02 found the document's eligibility kind described as "101 regular, 201, 202"
while the view offered 203 too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from openapi_schema_validator import OAS30Validator

from projections.merit.eligibility import OFFERED_KINDS
from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of
from tests.functional.test_acceptance_employee import rated_and_confirmed
from tests.functional.test_pages_auth import log_in

ELIGIBILITY = f"/api/v1/employees/{BUDI}/eligibility"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def answer_validator(spec: dict[str, Any], path: str) -> OAS30Validator:
    """A validator of the 200 JSON answer of GET `path` as the document describes it."""
    answer = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    return OAS30Validator({**answer, "components": spec["components"]})  # its $ref read in the document


def by_degree(world: World) -> None:
    """Budi (III/b since 2014) earns an S-3, whose starting rank is III/c: a promotion by degree opens."""
    degree = {
        "level": "S-3",
        "field_of_study": "Administrasi Publik",
        "institution": "USU",
        "effective_date": "2025-08-20",
        "reference": "IJAZAH-S3-1",
    }
    world.services.ledger.record(BUDI, "education", degree, actor="test")
    world.catch_up()


def test_every_kind_the_view_offers_is_named_by_the_document(world: World) -> None:
    spec = world.get("/api/openapi.json").get_json()
    kind = spec["components"]["schemas"]["EligibilityItem"]["properties"]["kind"]
    assert kind["enum"] == list(OFFERED_KINDS)
    assert "203" in OFFERED_KINDS
    assert "203" in kind["description"]


def test_a_promotion_by_degree_is_answered_valid_against_the_document(world: World) -> None:
    by_degree(world)
    body = world.get(ELIGIBILITY, "employee").get_json()
    assert [(i["kind"], i["new_rank"]) for i in body["items"]] == [("101", "III/c"), ("203", "III/c")]
    spec = world.get("/api/openapi.json").get_json()
    answer_validator(spec, "/api/v1/employees/{nip}/eligibility").validate(body)
    wrong = {**body, "items": [{**body["items"][1], "kind": "299"}]}
    assert not answer_validator(spec, "/api/v1/employees/{nip}/eligibility").is_valid(wrong)


# ---------------------------------------------------------------------- why none is open
# The acceptance pass found the career page telling why no promotion is open (service ended, PPPK, IV/e) while
# the API answered the same employee an empty list with no reason.


def retired(world: World) -> str:
    world.services.ledger.record(BUDI, "status_change", f.status("RETIRED", "2025-10-01"), actor="test")
    return BUDI


def pppk(world: World) -> str:
    nip = f.pppk_nip(date(1990, 1, 15), 2022, "F")
    payload = f.appointment(
        date(1990, 1, 15), date(2022, 3, 1), "F", employment_kind="PPPK", rank="IX", recruitment_path="PPPK"
    )
    world.services.ledger.record(nip, "appointment", payload, actor="test")
    return nip


def at_the_top(world: World) -> str:
    nip = f.nip(date(1968, 5, 5), date(1993, 3, 1), "M", sequence=711)
    ledger = world.services.ledger
    payload = appointment_of(nip, rank="IV/d", education="S-3")  # (above S-3's III/c: confirmed, since 2026-12-07)
    ledger.record(nip, "appointment", payload, actor="test", confirmed=("appointment.starting_rank",))
    ledger.record(nip, "rank_promotion", f.promotion("IV/e", "2020-04-01"), actor="test")
    return nip


@pytest.mark.parametrize(
    ("make", "reason", "said"),
    [
        (retired, {"reason": "separated", "day": "2025-10-01", "status": "RETIRED", "rank": "III/b"}, "service ended"),
        (pppk, {"reason": "pppk", "day": None, "status": None, "rank": "IX"}, "A PPPK employee is not on"),
        (at_the_top, {"reason": "top_rank", "day": None, "status": None, "rank": "IV/e"}, "the highest rank, IV/e"),
    ],
    ids=["retired", "pppk", "top_rank"],
)
def test_an_empty_eligibility_says_why_in_the_api_as_on_the_career_page(
    world: World, make: Callable[[World], str], reason: dict[str, Any], said: str
) -> None:
    nip = make(world)
    world.catch_up()
    body = world.get(f"/api/v1/employees/{nip}/eligibility", "admin").get_json()
    assert body["items"] == []
    assert body["no_promotion"] == reason
    spec = world.get("/api/openapi.json").get_json()
    answer_validator(spec, "/api/v1/employees/{nip}/eligibility").validate(body)
    log_in(world, "admin")
    page = world.client.get(f"/pages/employees/{nip}?lang=en").get_data(as_text=True)
    assert said in re.sub(r"\s+", " ", page)


def test_an_open_promotion_gives_no_reason(world: World) -> None:
    body = world.get(ELIGIBILITY, "employee").get_json()
    assert body["items"]
    assert body["no_promotion"] is None


# ---------------------------------------------------------------------- stored wordings, as the page shows them


def test_the_career_page_words_the_stored_ratings_and_penalty_checks_for_the_employee(world: World) -> None:
    """The eligibility rows keep 'ratings below BAIK or absent for 2024, 2025' and a met penalty check's
    'no blocking penalty served on <day>' (stored English); the page says what they mean."""
    rated_and_confirmed(world)  # rated Baik up to 2025: the year before the day judged is not rated yet
    regular = next(i for i in world.services.eligibility_view.eligibility(BUDI) if i["kind"] == "101")
    stored = {r["rule"]: r["message"] for r in regular["requirements"]}
    assert stored["promotion.penalty"].startswith("no blocking penalty served on")
    assert stored["promotion.performance"].startswith("ratings below BAIK or absent for")  # the coming year's
    log_in(world, "employee")
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", world.client.get(f"/pages/employees/{BUDI}?lang=en").text))
    assert "blocking penalty" not in page
    assert "below BAIK" not in page
    judged = date.fromisoformat(regular["judged_on"])
    assert f"No disciplinary penalty bars a promotion on {judged:%b} {judged.day}, {judged.year}" in page
    assert "SKP ratings of at least Baik are needed for" in page
