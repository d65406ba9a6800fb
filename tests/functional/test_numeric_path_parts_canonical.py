"""A number in a path is written one way: `/pages/audits/<nip>/033` opened version 33's page, a second address for
it, and the API's `/employees/<nip>/events/033` and decision id `<nip>-033` answered fact and decision 33. Each
`<int:...>` path part (pages and API alike) and the API's decision id now take a version with no leading zero (`0`
alone is 0): another spelling is a 404, as a path no route takes, on the pages and the API alike."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in

CANONICAL_AND_NOT = [
    (f"/pages/audits/{BUDI}/2", f"/pages/audits/{BUDI}/02"),
    (f"/pages/audits/{BUDI}/2", f"/pages/audits/{BUDI}/002"),
    (f"/api/v1/employees/{BUDI}/events/2", f"/api/v1/employees/{BUDI}/events/02"),
    (f"/api/v1/audits/promotions/{BUDI}-2", f"/api/v1/audits/promotions/{BUDI}-02"),
]


@pytest.mark.parametrize(("canonical", "leading_zero"), CANONICAL_AND_NOT)
def test_a_version_written_with_a_leading_zero_is_not_found(world: World, canonical: str, leading_zero: str) -> None:
    if canonical.startswith("/pages/"):
        log_in(world, "inspector")
        answer, other = world.client.get(canonical), world.client.get(leading_zero)
    else:
        answer, other = world.get(canonical, "admin"), world.get(leading_zero, "admin")
    assert answer.status_code == 200
    assert other.status_code == 404, leading_zero
    assert "Location" not in other.headers  # not a redirect: one address, the other is none


def test_version_zero_written_alone_is_read_as_a_version_not_found(world: World) -> None:
    """`0` is the canonical spelling of 0 (no fact has it): the route takes it, the record answers not found."""
    answer = world.get(f"/api/v1/employees/{BUDI}/events/0", "admin")
    assert answer.status_code == 404
    assert answer.mimetype == "application/problem+json"
