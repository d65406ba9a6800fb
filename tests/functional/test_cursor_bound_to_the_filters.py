"""A page's cursor is bound to the list's filters: given with other filters it is a 422 naming `after`, as
docs/api.md says of a cursor "not given by this list". Until 2026-12-06 a cursor of
/api/v1/audits/promotions?verdict=findings was read on /api/v1/audits/promotions?verdict=compliant (200: the compliant
decisions after that finding's place, every one before it skipped in silence). Read with the same filters (another
page size, CSV, another letter case of a code) it still reads on."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from careerlog.domain.payload import MAX_TEXT
from careerlog.keyset import decode_cursor, encode_cursor
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_api_list_cursors import listed
from web.api.paging import MAX_CURSOR

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


# (500 letters beyond the BMP, 4 bytes each, in an order packing hardly shortens: the longest cursor a roster gives)
SCATTERED = "".join(map(chr, random.Random(5).choices(range(0x1D400, 0x1D6A4), k=MAX_TEXT - 5)))


@pytest.mark.parametrize("letter", ["é", "ử", SCATTERED], ids=["e-acute", "u-horn-hook", "scattered-beyond-bmp"])
def test_a_cursor_the_roster_gave_for_a_long_unit_name_is_read_on(world: World, letter: str) -> None:
    """The cursor of a roster sorted by a long non-ASCII unit name (MAX_TEXT characters of up to 4 bytes each) is
    accepted back as `after`, and the page after it read, its URL well within gunicorn's default request line
    (4,094 bytes). Until 2026-12-06 the bound cursor wrapped the list's cursor in base64 once more, 4/3 longer: a
    260-character unit name of 2-byte letters gave a 1028-character cursor, refused by `after`'s 1000-character limit
    (a 422 on following `next` or the Link)."""
    unit = "Zona " + (letter if len(letter) > 1 else letter * (255 if letter == "é" else MAX_TEXT - 5))
    for sequence in (1, 2):
        nip = f.nip(date(1990, 1, 1), date(2020, 1, 1), "M", sequence=970 + sequence)
        world.services.ledger.record(nip, "appointment", appointment_of(nip, unit=unit), actor="test")
    world.catch_up()
    path = "/api/v1/employees?sort=-unit&per_page=1&agency=KOTA-MEDAN"
    cursor = first_cursor(world, path, "admin")
    assert len(f"GET {path}&after={cursor} HTTP/1.1") < 2048  # (unpacked: 2,800)
    answer = world.get(f"{path}&after={cursor}", "admin")
    assert answer.status_code == 200, answer.get_json()
    assert [row["unit"] for row in answer.get_json()["items"]] == [unit]


def test_a_list_cursor_nested_in_a_bound_one_is_not_a_cursor(listed: World) -> None:
    """The list's cursor nested in base64 under the digest was never given by a released careerlog: no longer read
    (a 422 on `after`, the list's own refusal)."""
    path = "/api/v1/audits/promotions?region=12&per_page=1"
    bound, digest, *values = decode_cursor(first_cursor(listed, path, "inspector"))
    nested = encode_cursor([bound, digest, encode_cursor(values)])
    answer = listed.get(f"{path}&after={nested}", "inspector")
    assert answer.status_code == 422, answer.get_json()
    assert list(answer.get_json()["errors"]) == ["after"]


def test_an_unbound_cursor_is_read_with_any_filters_as_docs_api_says(listed: World) -> None:
    """A cursor given before 2026-12-06 (the list's own, bound to no filters) is read with other filters, as
    docs/api.md now says, and the docs give `after`'s limit as the API reads it."""
    path = "/api/v1/audits/promotions?region=12&per_page=1"
    _, _, *values = decode_cursor(first_cursor(listed, path, "inspector"))
    unbound = encode_cursor(values)
    assert listed.get(f"{path}&verdict=compliant&after={unbound}", "inspector").status_code == 200
    docs = " ".join((Path(__file__).parents[2] / "docs" / "api.md").read_text(encoding="utf-8").split())
    assert "is still read whatever filters come with it" in docs
    assert f"`after` takes up to {MAX_CURSOR:,} characters" in docs
