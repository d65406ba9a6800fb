"""The career record's download refuses an argument it does not read, naming it, before the record is read.

Before, `/pages/employees/<NIP>/record.csv?as_of=2020-12-31` (or `order=oldest`, or a misspelt `lnag=id`) answered
200 with the whole record as it stands, in its own order and language, as if the argument had been read: a reader
asking for the record as it stood in 2020 got today's. The career page refuses its unknown arguments (9168e92), the
API an unknown parameter; the download now answers a 422 page naming each ("as_of: Unknown field." / "as_of: Isian
tidak dikenal."), and logs no read of the record (nothing was sent). `lang` is still read. Both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in

CSV = f"/pages/employees/{BUDI}/record.csv"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def reads_of_budi(world: World) -> int:
    return world.get(f"/api/v1/access-log?nip={BUDI}", "admin").get_json()["total"]


REFUSED = [
    ("as_of=2020-12-31", "as_of", "as_of"),
    ("order=oldest", "Order", "Urutan"),  # (the career page's argument, by its label)
    ("lnag=id", "lnag", "lnag"),
    ("format=xlsx", "format", "format"),
]


@pytest.mark.parametrize(("argument", "name", "nama"), REFUSED)
def test_the_record_download_refuses_an_argument_it_does_not_read_naming_it(
    world: World, argument: str, name: str, nama: str
) -> None:
    log_in(world, "hr")
    before = reads_of_budi(world)
    response = world.client.get(f"{CSV}?{argument}&lang=en")
    assert response.status_code == 422
    assert response.mimetype == "text/html"
    assert f"{name}: Unknown field." in response.get_data(as_text=True)
    indonesian = world.client.get(f"{CSV}?{argument}&lang=id")
    assert indonesian.status_code == 422
    assert f"{nama}: Isian tidak dikenal." in indonesian.get_data(as_text=True)
    assert reads_of_budi(world) == before  # refused before the record is read


def test_the_record_download_still_reads_its_language(world: World) -> None:
    log_in(world, "hr")
    for lang, header in (("en", "Effective date (TMT),"), ("id", "Tanggal berlaku (TMT);")):
        response = world.client.get(f"{CSV}?lang={lang}")
        assert response.status_code == 200
        assert response.get_data(as_text=True).lstrip("\ufeff").startswith(header)
    assert world.client.get(CSV).status_code == 200


def test_a_clients_refused_download_is_detailed_in_the_pages_language(world: World) -> None:
    """The problem's detail in the page's language, as its errors are: until 2026-12-06 `"detail": "as_of: Unknown
    field."` on the Indonesian page, beside `"errors": {"as_of": ["Isian tidak dikenal."]}`."""
    log_in(world, "hr")
    for lang, said in (("id", "Isian tidak dikenal."), ("en", "Unknown field.")):
        response = world.client.get(f"{CSV}?as_of=2020-12-31&lang={lang}", headers={"Accept": "text/csv"})
        assert response.status_code == 422
        problem = response.get_json()
        assert (problem["detail"], problem["errors"]) == (f"as_of: {said}", {"as_of": [said]})
