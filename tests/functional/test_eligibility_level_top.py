"""A functional employee at the top rank of their level's range is offered no 202 promotion (since 29cd519: a
further rank needs an appointment to the next level first). The eligibility API and the career page say so,
naming the level and the next one (asn.toml functional_levels), on both stores.

The acceptance pass of 2026-12-02 found the page silent: a 101 row shown, no 202 and no reason.
"""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_eligibility_answers import ELIGIBILITY, answer_validator
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def functional(world: World, level: str) -> None:
    """Budi (III/b since 2014) holds a definitive functional post of `level` since 2016."""
    post = {"post_kind": "FUNGSIONAL", "level": level, "title": "Analis SDM", "unit": "BKPSDM"}
    post |= {"assignment": "DEFINITIVE", "effective_date": "2016-04-01", "reference": "J-LEVEL-1"}
    world.services.ledger.record(BUDI, "post_appointment", post, actor="test")
    world.catch_up()


def page_text(world: World) -> str:
    log_in(world, "employee")
    page = world.client.get(f"/pages/employees/{BUDI}?lang=en").text
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_the_top_rank_of_a_functional_level_is_said_with_the_next_level(world: World) -> None:
    functional(world, "AHLI_PERTAMA")  # its ranks: III/a-III/b
    body = world.get(ELIGIBILITY, "employee").get_json()
    assert [i["kind"] for i in body["items"]] == []  # no 101 to a functional post holder either (regular_without_post)
    assert body["level_top"] == {"level": "AHLI_PERTAMA", "rank": "III/b", "top": "III/b", "next_level": "AHLI_MUDA"}
    spec = world.get("/api/openapi.json").get_json()
    answer_validator(spec, "/api/v1/employees/{nip}/eligibility").validate(body)
    page = page_text(world)
    assert "The ranks of the Ahli Pertama level go up to III/b and you hold III/b" in page
    # it speaks of the 202, by which the post holder rises (was: "A further rank needs an appointment to the next
    # level, Ahli Muda, first."; a 101 row to III/c was shown beside it until promotion.regular_without_post)
    assert (
        "a promotion by credit points (202) to a higher rank needs an appointment to the next level, Ahli Muda, first."
        in page
    )
    assert "A further rank needs" not in page
    indonesian = re.sub(r"\s+", " ", world.client.get(f"/pages/employees/{BUDI}?lang=id").text)
    assert "Pangkat jenjang Ahli Pertama paling tinggi III/b dan pangkat Anda III/b" in indonesian


def test_a_level_with_ranks_above_the_held_one_says_nothing(world: World) -> None:
    functional(world, "AHLI_MUDA")  # III/c-III/d: a 202 to III/c is open
    body = world.get(ELIGIBILITY, "employee").get_json()
    assert "202" in [i["kind"] for i in body["items"]]
    assert body["level_top"] is None
    assert "level go up to" not in page_text(world)


def test_a_skilled_level_leads_to_the_next_of_its_own_ladder(world: World) -> None:
    functional(world, "MAHIR")  # III/a-III/b; Penyelia follows it (Ahli Muda too starts at III/c)
    assert world.get(ELIGIBILITY, "employee").get_json()["level_top"]["next_level"] == "PENYELIA"
