"""The start page's search opened without its parameter (`/pages/find?q=Budi`, an address written by hand or a
script's) was answered 422 "Isian wajib ini belum diisi." ("Missing data for required field."), naming no parameter
(HR tester, 2026-12-07): the answer names `nip`, the address to write and the parameters the page does not read."""

from __future__ import annotations

import html
import re

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


def said(answer_text: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", answer_text)))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "The address gives no parameter nip, from which this page reads the NIP or name to find: "
            "/pages/find?nip=... (it does not read 'q').",
        ),
        (
            "id",
            "Alamat ini tidak memberi parameter nip, tempat halaman ini membaca NIP atau nama yang dicari: "
            "/pages/find?nip=... (halaman ini tidak membaca 'q').",
        ),
    ],
)
def test_a_search_without_its_nip_parameter_names_it(world: World, lang: str, expected: str) -> None:
    log_in(world, "hr")
    answer = world.client.get(f"/pages/find?q=Budi&lang={lang}")
    assert answer.status_code == 422
    assert expected in said(answer.get_data(as_text=True))


def test_a_search_of_no_parameter_at_all_names_it_and_one_sent_empty_is_a_missing_field(world: World) -> None:
    log_in(world, "hr")
    bare = said(world.client.get("/pages/find?lang=en").get_data(as_text=True))
    assert "The address gives no parameter nip, from which this page reads the NIP or name to find: " in bare
    assert "it does not read" not in bare  # (lang, the page's language, is read)
    empty = world.client.get("/pages/find?nip=+&lang=en")
    assert empty.status_code == 422
    assert "Missing data for required field." in said(empty.get_data(as_text=True))  # (the form's field sent empty)
