"""`level_top` (projections/merit/eligibility.py) says a functional employee's rank is at the top of their level's
range, so a further rank needs the next level first. It read the roster's post, which `current_post` fills with an
acting post (Plt, Plh, Pj) when no definitive one is held: a PNS acting in a functional post at the top of its level
was told they could not rise further, beside the regular (101) promotion offered to them, although an acting post
never counts for promotion (docs/rules.md "One reading", `regular_bar`). It reads the definitive post only now.
"""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_eligibility_answers import ELIGIBILITY
from tests.functional.test_eligibility_level_top import page_text


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def post(world: World, assignment: str, level: str, reference: str, day: str = "2016-04-01") -> None:
    """Budi (III/b since 2014) takes a functional post of `level` on `day`, definitive or acting."""
    values = {"post_kind": "FUNGSIONAL", "level": level, "title": "Analis SDM", "unit": "BKPSDM"}
    values |= {"assignment": assignment, "effective_date": day, "reference": reference}
    world.services.ledger.record(BUDI, "post_appointment", values, actor="test")
    world.catch_up()


def test_an_acting_functional_post_at_the_top_of_its_level_does_not_say_the_rank_is_at_the_top(world: World) -> None:
    post(world, "PLT", "AHLI_PERTAMA", "J-PLT-1")  # its ranks: III/a-III/b, Budi holds III/b
    body = world.get(ELIGIBILITY, "employee").get_json()
    assert "101" in [i["kind"] for i in body["items"]]  # an acting post bars no regular promotion
    assert body["level_top"] is None
    assert "level go up to" not in page_text(world)


def test_a_definitive_functional_post_held_beside_an_acting_one_still_says_the_top(world: World) -> None:
    post(world, "DEFINITIVE", "AHLI_PERTAMA", "J-DEF-1")
    post(world, "PLH", "AHLI_MUDA", "J-PLH-1", day="2020-01-02")  # acting in a higher level: counts for nothing
    body = world.get(ELIGIBILITY, "employee").get_json()
    assert body["level_top"] == {"level": "AHLI_PERTAMA", "rank": "III/b", "top": "III/b", "next_level": "AHLI_MUDA"}
