"""A reporter's headcounts counted by and filtered on agency, unit, status and sex alone are each part of one table:
the reporter's scope by those four fields with every margin, suppressed once (Services.as_published). Each request's
own withholding, decided alone until 2026-12-07, let a reporter asking many such headcounts work withheld cells out
by linear programming (bench.disclosure --lp: 20 of the 500-employee demo's 164). Every figure shown now was shown
before (nothing more is disclosed), and none a cell the table withholds. Both stores."""

from __future__ import annotations

import math
from datetime import date
from typing import Any
from urllib.parse import urlencode

import pytest

from bench.disclosure import LP_FIELDS, cells_of, figures, linear_bounds, lp_requests
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_suppression import HEADCOUNT, record, staff
from web.services import Services

pytestmark = pytest.mark.disclosure("withhold")

# (unit, sex, people): beside staff's BKPSDM of 7 men, Bappeda's Sari and Dinas Pendidikan's 1 in KOTA-MEDAN
MORE = (("Bappeda", "M", 3), ("Dinas Pendidikan", "F", 6), ("Dinas Pendidikan", "M", 2), ("BKPSDM", "F", 5))


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def populated(world: World) -> World:
    staff(world)
    sequence = 700
    for unit, sex, people in MORE:
        for n in range(people):
            sequence += 1
            nip = f.nip(date(1990, 1, 1 + n), date(2017, 3, 1), sex, sequence=sequence)
            record(world, nip, "appointment", appointment_of(nip, unit=unit))
    world.catch_up()
    return world


def answers(world: World) -> tuple[list[tuple[Any, ...]], list[tuple[dict[str, str], dict[str, Any]]]]:
    """The reporter's cross table's cells, and every headcount of bench.disclosure's linear-programming attack."""

    def ask(by: list[str], filters: dict[str, str]) -> dict[str, Any]:
        answer = world.get(f"{HEADCOUNT}?{urlencode({'by': ','.join(by), **filters})}", "reporter")
        assert answer.status_code == 200, answer.get_json()
        return dict(answer.get_json())

    table = ask(list(LP_FIELDS), {})
    keys = [tuple(item[n] for n in LP_FIELDS) for item in table["items"]]
    return keys, [(filters, ask(by, filters)) for by, filters in lp_requests(keys)]


def shown(
    keys: list[tuple[Any, ...]], found: list[tuple[dict[str, str], dict[str, Any]]]
) -> dict[Any, tuple[frozenset[int], int | None]]:
    """Each figure of the answers, by the cells it adds up (the answer's position and the figure's, when withheld)."""
    return {
        (n, i): (cells_of(keys, shared), figure)
        for n, (filters, answer) in enumerate(found)
        for i, (shared, figure) in enumerate(figures(answer, filters))
    }


def recovered(keys: list[tuple[Any, ...]], figures_shown: dict[Any, Any], truth: dict[tuple[Any, ...], int]) -> int:
    """The small cells the reporter's figures give away exactly (bench.disclosure's linear programs)."""
    known: dict[frozenset[int], float] = {}
    for cells, figure in figures_shown.values():
        if figure is not None and cells:
            known[cells] = figure
    bounded = [(cells, value, value) for cells, value in known.items()]
    found = 0
    for i, key in enumerate(keys):
        if truth[key] < 5 and frozenset({i}) not in known:
            least, most = linear_bounds(len(keys), bounded, i)
            found += math.ceil(least - 1e-6) == math.floor(most + 1e-6)
    return found


def test_every_figure_shown_was_shown_before_and_none_gives_a_withheld_cell_away(
    populated: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys, now = answers(populated)
    with monkeypatch.context() as before:  # (each request's own withholding alone: until 2026-12-07)
        before.setattr(Services, "as_published", lambda self, *args: tuple(args[3:6]))
        old_keys, then = answers(populated)
    assert old_keys == keys
    new, old = shown(keys, now), shown(keys, then)
    assert new.keys() <= old.keys()
    for at, (cells, figure) in new.items():
        assert figure is None or old[at] == (cells, figure), at
    withheld_now = [at for at, (_, figure) in new.items() if figure is None and old[at][1] is not None]
    assert withheld_now  # (some figure each request showed alone is withheld as the one table withholds it)
    exact = populated.services.queries.headcount(list(LP_FIELDS), {})
    truth = {tuple(r[n] for n in LP_FIELDS): r["count"] for r in exact}
    assert recovered(keys, new, truth) == 0
