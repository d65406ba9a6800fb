"""A unit filter is judged against the units within the reader's scope: to an inspector of one agency a unit only
another agency has reads as unknown, in the same words as a unit that never was (a 422 naming `unit`), so the filter
cannot probe which units another agency has. Until 2026-12-05 it was judged against every unit nationally. On both
stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World, own_client

PATHS = [
    ("/api/v1/audits/promotions", {}),
    ("/api/v1/audits/posts", {}),
    ("/api/v1/audits/fairness", {"by": "sex"}),
    ("/api/v1/audits/time-to-promotion", {"by": "sex"}),
]


# Its tests only read the world or are refused: one world per store for the module (world_of_each_store)
pytestmark = pytest.mark.xdist_group("test_unit_filter_judged_within_scope")


@pytest.fixture
def world(world_of_each_store: World) -> World:
    return own_client(world_of_each_store)


def refusal(world: World, who: str, path: str, query: dict[str, object], unit: str) -> tuple[int, list[str]]:
    answer = world.get(path, who, query_string={**query, "unit": unit})
    return answer.status_code, answer.get_json().get("errors", {}).get("unit", [])


@pytest.mark.parametrize(("path", "query"), PATHS)
def test_another_agencys_unit_reads_as_a_unit_that_never_was(world: World, path: str, query: dict[str, object]) -> None:
    status, [elsewhere] = refusal(world, "inspector_medan", path, query, "Dinas Pendidikan")  # KAB-KARO's alone
    never = refusal(world, "inspector_medan", path, query, "Dinas Tidak Ada")
    assert status == 422
    assert (status, [elsewhere.replace("Dinas Pendidikan", "X")]) == (
        never[0],
        [never[1][0].replace("Dinas Tidak Ada", "X")],
    )
    assert elsewhere.startswith("Unknown unit 'Dinas Pendidikan'")


@pytest.mark.parametrize(("path", "query"), PATHS)
def test_a_unit_within_the_scope_is_read(world: World, path: str, query: dict[str, object]) -> None:
    assert world.get(path, "inspector_medan", query_string={**query, "unit": "bappeda"}).status_code == 200
    for who in ("inspector", "admin"):  # (KAB-KARO is in region 12; national)
        assert world.get(path, who, query_string={**query, "unit": "Dinas Pendidikan"}).status_code == 200


def test_a_unit_of_an_agency_asked_for_outside_the_scope_is_refused_by_the_agency(world: World) -> None:
    # the agency outside the scope is refused naming it, whatever unit is asked with it (until 2026-12-05 the unit
    # read as unknown, a 422: tests/functional/test_audits_refuse_filters_outside_the_scope.py), so the answer is the
    # same for a unit of that agency and for a unit that never was
    answers = [
        world.get("/api/v1/audits/promotions", "inspector_medan", query_string={"agency": "KAB-KARO", "unit": unit})
        for unit in ("Dinas Pendidikan", "Dinas Tidak Ada")
    ]
    assert [a.status_code for a in answers] == [403, 403]
    assert answers[0].get_data() == answers[1].get_data()
    assert list(answers[0].get_json()["errors"]) == ["agency"]
