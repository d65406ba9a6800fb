"""The start page's "Open a career record by NIP" form sent empty shows the start page again with the reason
beside the field, in the visitor's language; it answered a bare "Page not found (404)" page, as if a record were
missing, found walking the demo as HR, an inspector and the administrator."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_appointment_form_half_filled import beside
from tests.functional.test_pages_auth import log_in


@pytest.mark.parametrize(("lang", "reason"), [("en", "Missing data for required field."), ("id", "Isian wajib")])
@pytest.mark.parametrize("typed", ["", "   "])
def test_an_empty_nip_is_refused_beside_the_field_on_the_start_page(
    world: World, lang: str, reason: str, typed: str
) -> None:
    log_in(world, "hr")
    answer = world.client.get("/pages/find", query_string={"nip": typed, "lang": lang})
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert reason in beside(page)["nip"]
    assert '<input id="f-nip" name="nip" autocomplete="off" aria-invalid="true" ' in page
    assert 'aria-describedby="nip-error"' in page
    assert "(404)" not in page


def test_a_nip_given_twice_is_refused_beside_the_field(world: World) -> None:
    # the first NIP alone was opened, the second dropped unseen, where every other page refuses an argument of one
    # value given twice
    log_in(world, "hr")
    answer = world.client.get("/pages/find", query_string=[("nip", "Budi"), ("nip", "Sari"), ("lang", "en")])
    assert answer.status_code == 422
    assert beside(answer.get_data(as_text=True))["nip"] == "Given more than once: give it once."
