"""A record form sent without its NIP, or with a NIP of the wrong form, names every other field that is
missing or wrong too, beside each, not the NIP alone: before, an empty training form named only the NIP, and
the seven fields it also lacked only once the NIP was typed and the form sent again. Nothing is recorded."""

from __future__ import annotations

import pytest

from careerlog.domain.payload import payload_fields
from tests.functional.conftest import World
from tests.functional.test_appointment_form_half_filled import beside
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of
from web.pages.hr import event_class


@pytest.mark.parametrize("nip", ["", "12345"])
@pytest.mark.parametrize("kind", ["training", "appointment", "performance_rating", "correction"])
def test_a_form_without_a_good_nip_names_every_missing_field_too(world: World, kind: str, nip: str) -> None:
    log_in(world, "hr")
    before = world.log()
    answer = world.client.post(f"/pages/record?kind={kind}&lang=en", data={**form_of(world, kind), "nip": nip})
    assert answer.status_code == 422
    named = beside(answer.get_data(as_text=True))
    cls = event_class(kind)
    assert cls is not None
    required = {s.name for s in payload_fields(cls) if s.required}
    assert set(named) == {"nip"} | required, named
    assert named["effective_date"] == "Missing data for required field."
    assert world.log() == before


def test_a_field_of_the_wrong_form_is_named_beside_a_missing_nip(world: World) -> None:
    log_in(world, "hr")
    data = {**form_of(world, "training"), "nip": "", "hours": "many", "effective_date": "2024-02-30"}
    named = beside(world.client.post("/pages/record?kind=training&lang=en", data=data).get_data(as_text=True))
    assert named["nip"] == "Missing data for required field."
    assert "hours" in named
    assert "effective_date" in named
