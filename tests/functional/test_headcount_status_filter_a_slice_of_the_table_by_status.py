"""A headcount filtered by status is a slice of the headcount by status, and is withheld as that table withholds:
a reader of aggregates no longer works a withheld status out of the statuses it is filtered to, nor out of its
count of every status (`total_all_statuses`). A tester, 2026-12-06 (demo 500 seed 3, KOTA-MEDAN): `by=status`
showed ACTIVE 129 and withheld DECEASED and RETIRED (total 165); `by=sex&status=RETIRED` showed 32 of 165, so
DECEASED was 165 - 129 - 32 = 4; `by=status&status=ACTIVE&status=RETIRED` showed RETIRED 32 as a cell (refused a
reader of aggregates since 2026-12-06: one value per filter); a national
reporter asking `agency=KAB-DELISERDANG&status=RETIRED` (and DECEASED) was shown the two counts `by=status` withheld.
Inspectors see every figure. Both stores."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import TEST_CONFIG, World, appointment_of, disclosure_of, own_client, served_world

# They assert the headcount's withholding (CAREERLOG_DISCLOSURE=withhold): the default, pinned
pytestmark = [
    pytest.mark.disclosure("withhold"),
    pytest.mark.xdist_group("test_headcount_status_filter_a_slice_of_the_table_by_status"),
]

HEADCOUNT = "/api/v1/reports/headcount?"
# (5 retired, men 3 and women 2, 1 deceased, 5 active: with Budi, Sari and Rina, all PNS, ACTIVE 8, RETIRED 5,
# DECEASED 1)
SEPARATED = ["RETIRED"] * 5 + ["DECEASED"] + [None] * 5


SEPARATED_PEOPLE: list[tuple[str, str | None, dict[str, str]]] = [
    ("MF"[i % 2], status, {"name": "Andi Lubis"}) for i, status in enumerate(SEPARATED)
]


@pytest.fixture
def statuses(world: World) -> World:
    """Eleven more employees (SEPARATED); a minimum cell of 3: by status, DECEASED withheld and RETIRED with it (its
    complement), the total 14 shown. Recorded for each test: for the modules that take it (this module's own tests
    read `separated`)."""
    appointed(world, SEPARATED_PEOPLE, 821)
    world.services.min_cell = 3
    return world


@pytest.fixture(scope="module")
def staff(request: pytest.FixtureRequest, shared_database_url: str) -> Iterator[World]:
    """The world of `statuses` in a store of each kind, recorded once: this module's tests only read it."""
    with staffed(request.node, shared_database_url, SEPARATED_PEOPLE, 821) as world:
        yield world


@pytest.fixture
def separated(staff: World) -> World:
    return own_client(staff)


def appointed(world: World, people: list[tuple[str, str | None, dict[str, str]]], sequence: int) -> None:
    """Employees appointed in March 2015 (NIPs from `sequence` on), each of a sex, with a status changed on
    2025-10-01 (None: active) and the appointment's overrides."""
    for i, (sex, status, overrides) in enumerate(people):
        nip = f.nip(date(1990, 1, 1) + timedelta(days=i), date(2015, 3, 1), sex, sequence=sequence + i)
        world.services.ledger.record(nip, "appointment", appointment_of(nip, **overrides), actor="test")
        if status:
            world.services.ledger.record(nip, "status_change", f.status(status, "2025-10-01"), actor="test")
    world.catch_up()


@contextmanager
def staffed(
    module: pytest.Module, url: str, people: list[tuple[str, str | None, dict[str, str]]], sequence: int
) -> Iterator[World]:
    """The world in the store at `url` with these employees (`appointed`) and a minimum cell of 3, under the module's
    disclosure: recorded once for a module whose tests only read it (each with a client of its own, own_client)."""
    with served_world(url, {**TEST_CONFIG, **disclosure_of(module)}) as world:
        appointed(world, people, sequence)
        world.services.min_cell = 3
        yield world


def headcount(world: World, query: str, who: str = "reporter") -> dict[str, Any]:
    answer = world.get(f"{HEADCOUNT}{query}", who)
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    by = body["by"]
    cells = {tuple(str(i[b]) for b in by): i["count"] for i in body["items"]}
    return {"cells": cells, "total": body["total"], "every": body["total_all_statuses"]}


def test_the_table_by_status_withholds_the_deceased_and_the_retired_with_them(separated: World) -> None:
    table = headcount(separated, "by=status")
    assert table == {"cells": {("ACTIVE",): 8, ("DECEASED",): None, ("RETIRED",): None}, "total": 14, "every": 14}


@pytest.mark.parametrize("status", ["RETIRED", "retired", "DECEASED"])
@pytest.mark.parametrize("by", ["employment_kind", "sex"])
def test_a_headcount_filtered_to_a_status_the_table_withholds_is_withheld(
    separated: World, status: str, by: str
) -> None:
    # (was: RETIRED 5 of 14, and 14 - 8 - 5 the one deceased; by sex, M 3 shown and F 2 withheld, or both, the
    # total 5 shown; and until 2026-12-06 its groups listed, each withheld, which told which were occupied: no group
    # is listed of people withheld)
    sliced = headcount(separated, f"by={by}&status={status}")
    assert (sliced["cells"], sliced["total"], sliced["every"]) == ({}, None, None)


def test_the_statuses_asked_together_are_refused_a_reader_of_aggregates(separated: World) -> None:
    # (was: cells ACTIVE 8 and RETIRED 5, only their total withheld; then both withheld, ACTIVE as the complement of a
    # lone withheld row of a table with a total; since 2026-12-06 a union of statuses is refused: one value per filter)
    answer = separated.get(f"{HEADCOUNT}by=status&status=ACTIVE&status=RETIRED", "reporter")
    assert answer.status_code == 422, answer.get_data(as_text=True)
    assert list(answer.get_json()["errors"]) == ["status"]


def test_the_active_staff_the_table_shows_are_still_counted(separated: World) -> None:
    assert headcount(separated, "by=employment_kind") == {"cells": {("PNS",): 8}, "total": 8, "every": 14}
    assert headcount(separated, "by=employment_kind&status=ACTIVE") == {"cells": {("PNS",): 8}, "total": 8, "every": 14}


def test_an_inspector_sees_every_status_exactly(separated: World) -> None:
    assert headcount(separated, "by=employment_kind&status=RETIRED", "inspector") == {
        "cells": {("PNS",): 5},
        "total": 5,
        "every": 14,
    }
    asked = headcount(separated, "by=status&status=ACTIVE&status=RETIRED", "inspector")
    assert asked == {"cells": {("ACTIVE",): 8, ("RETIRED",): 5}, "total": 13, "every": 14}
