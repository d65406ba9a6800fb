"""A `by` with a field left empty beside a comma is refused in a code filter's words, and a refusal lists a few values.

An exploratory tester sent `GET /api/v1/audits/fairness?by=` and 3,000 commas: a 24 KB 422 listing 3,001 empty
values, and `by=sex,` was refused as "Not one of the known values: ''". Now an empty part is refused whole, as a code
filter's is ("An empty code in 'sex,': write a code on each side of every comma.", careerlog.reference.EMPTY_PART,
its value cut as every refusal quotes one), and a refusal naming the values it does not take lists the first five
and how many more (careerlog.domain.errors.quoted_values). Both stores."""

from __future__ import annotations

import pytest

from careerlog.reference import EMPTY_PART
from tests.functional.conftest import World, own_client
from tests.functional.test_pages_auth import log_in

GROUPED = [
    "/api/v1/audits/fairness?by={by}",
    "/api/v1/audits/time-to-promotion?by={by}",
    "/api/v1/reports/headcount?by={by}",
    "/api/v1/reports/training-compliance?year=2024&by={by}",
]


# Its tests only read the world or are refused: one world per store for the module (world_of_each_store)
pytestmark = pytest.mark.xdist_group("test_grouping_empty_part_and_long_refusals")


@pytest.fixture
def world(world_of_each_store: World) -> World:
    return own_client(world_of_each_store)


@pytest.mark.parametrize("path", GROUPED)
@pytest.mark.parametrize("by", ["sex,", ",sex", "sex,,agency", " ,sex"])
def test_an_empty_field_beside_a_comma_is_refused_as_a_code_filter_refuses_it(world: World, path: str, by: str) -> None:
    answer = world.get(path.format(by=by), "inspector")
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"]["by"] == [f"An empty code in {by!r}: write a code on each side of every comma."]


@pytest.mark.parametrize("path", GROUPED)
def test_three_thousand_commas_are_refused_in_one_short_reason(world: World, path: str) -> None:
    answer = world.get(path.format(by="," * 3000), "inspector")
    assert answer.status_code == 422
    assert answer.get_json()["errors"]["by"] == [EMPTY_PART.reason(value=repr("," * 39 + "…"))]
    assert len(answer.get_data()) < 1000


def test_a_refusal_lists_the_first_five_values_it_does_not_take_and_counts_the_others(world: World) -> None:
    unknown = ",".join(f"x{n}" for n in range(300))
    answer = world.get(f"/api/v1/audits/fairness?by={unknown}", "inspector")
    assert answer.status_code == 422
    too_many, unknown_ones = answer.get_json()["errors"]["by"]
    assert too_many == "At most 2 fields to group by, got 300: 'x0', 'x1', 'x2', 'x3', 'x4' and 295 more."
    assert unknown_ones.startswith("Not one of the known values: 'x0', 'x1', 'x2', 'x3', 'x4' and 295 more (")
    assert len(answer.get_data()) < 1500
    [roster] = world.get(f"/api/v1/employees?agency={unknown}", "hr").get_json()["errors"]["agency"]
    assert roster.startswith("Not one of the known values: 'x0', 'x1', 'x2', 'x3', 'x4' and 295 more (")


def test_an_indonesian_page_counts_the_others_in_indonesian(world: World) -> None:
    # (until 2026-12-06 "... 'X4' and 1,295 more; pilih ...": the API's English inside the translated reason)
    log_in(world, "inspector")
    unknown = ",".join(f"x{n}" for n in range(1300))
    page = world.client.get(f"/pages/audits?agency={unknown}&lang=id").get_data(as_text=True)
    assert "&#39;x4&#39; dan 1.295 lagi; pilih salah satu dari daftar." in page
    english = world.client.get(f"/pages/audits?agency={unknown}&lang=en").get_data(as_text=True)
    assert "&#39;x4&#39; and 1,295 more; choose one from the list." in english


def test_a_few_values_are_all_listed(world: World) -> None:
    [said] = world.get("/api/v1/audits/fairness?by=colour,height", "inspector").get_json()["errors"]["by"]
    assert "'colour', 'height'" in said
    assert "more" not in said
