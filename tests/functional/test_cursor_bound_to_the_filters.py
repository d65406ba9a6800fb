"""A page's cursor is bound to the list's filters: given with other filters it is a 422 naming `after`, as
docs/api.md says of a cursor "not given by this list". Until 2026-12-06 a cursor of
/api/v1/audits/promotions?verdict=findings was read on /api/v1/audits/promotions?verdict=compliant (200: the compliant
decisions after that finding's place, every one before it skipped in silence). Read with the same filters (another
page size, CSV, another letter case of a code) it still reads on."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_api_list_cursors import listed

__all__ = ["listed"]

OTHER_FILTERS = "Not a cursor of this list with these filters"


def first_cursor(world: World, path: str, who: str) -> str:
    answer = world.get(path, who)
    assert answer.status_code == 200, answer.get_json()
    cursor: str = answer.get_json()["next"]
    assert cursor is not None
    assert f"after={cursor}" in answer.headers["Link"]  # (the Link carries the same bound cursor)
    return cursor


@pytest.mark.parametrize(
    ("path", "who", "other"),
    [
        ("/api/v1/audits/promotions", "inspector", "verdict=compliant"),
        ("/api/v1/audits/promotions", "inspector", "from=2010-01-01"),
        ("/api/v1/audits/awards", "inspector", "region=12.71"),
        ("/api/v1/employees", "admin", "agency=KAB-KARO"),
    ],
)
def test_a_cursor_given_with_other_filters_is_refused_naming_after(
    listed: World, path: str, who: str, other: str
) -> None:
    cursor = first_cursor(listed, f"{path}?per_page=1", who)
    answer = listed.get(f"{path}?per_page=1&{other}&after={cursor}", who)
    assert answer.status_code == 422, answer.get_json()
    assert list(answer.get_json()["errors"]) == ["after"]
    assert answer.get_json()["errors"]["after"][0].startswith(OTHER_FILTERS)


def test_a_cursor_given_with_the_same_filters_reads_on(listed: World) -> None:
    path = "/api/v1/audits/promotions?region=12"
    cursor = first_cursor(listed, f"{path}&per_page=1", "inspector")
    for same in (
        f"{path}&per_page=5",
        f"{path}&per_page=5&format=csv",
        "/api/v1/audits/promotions?region=12&per_page=2",
    ):
        assert listed.get(f"{same}&after={cursor}", "inspector").status_code == 200, same
    roster = first_cursor(listed, "/api/v1/employees?per_page=1&agency=KOTA-MEDAN", "admin")
    assert listed.get(f"/api/v1/employees?agency=kota-medan&after={roster}", "admin").status_code == 200
