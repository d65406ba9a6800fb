"""The record form's lists name each code in the visitor's language: on an English page a sex is "M · Male" and an
education "S-1 · Bachelor's degree", not the Indonesian official names ("Laki-laki") the Indonesian page keeps."""

from __future__ import annotations

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


def test_the_appointment_forms_choices_are_named_in_english_on_an_english_page(world: World) -> None:
    log_in(world, "hr")
    english = world.client.get("/pages/record?kind=appointment&lang=en").get_data(as_text=True)
    assert '<option value="M">M · Male</option>' in english
    assert "Laki-laki" not in english
    indonesian = world.client.get("/pages/record?kind=appointment&lang=id").get_data(as_text=True)
    assert '<option value="M">M · Laki-laki</option>' in indonesian
