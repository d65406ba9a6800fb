"""The record form refuses a number written with an exponent ("1e3", as a spreadsheet shows a long number, rounded)
beside its field as the API refuses it, keeping what was typed: the exponent's refusal (payload.EXPONENT), or the
field's own bound's for a number beyond it ("1e400", "2E+12" rupiah). So does the correction form for a corrected
value. Before, a cost "1e3" was recorded as 1E+3, a cost "1,5E+06" on the Indonesian page as 1.5E+6, and hours
"2E+00" or a corrected hours "1e3" were refused as no whole number. Nothing is recorded. Both stores."""

from __future__ import annotations

import pytest
from markupsafe import escape

from tests.functional.conftest import World
from tests.functional.test_correction_form_fields import correction, promoted
from tests.functional.test_numbers_written_with_exponent import COST, COST_AND_HOURS_CASES, exponent
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import training_form
from tests.functional.test_record_form_every_field_at_once import beside

EKSPONEN = (  # EXPONENT on the Indonesian page (messages.po)
    "&#39;1,5E+06&#39; ditulis dengan eksponen (notasi ilmiah), seperti lembar kerja menampilkan angka yang panjang: "
    "tulis angkanya selengkapnya, dalam digit (lembar kerja mungkin telah membulatkannya)."
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.mark.parametrize(
    ("field", "typed", "reason"),
    [
        *COST_AND_HOURS_CASES,
        ("hours", "1e3", "1,000 JP is more than 12 JP a day (training days: 3)."),
        ("hours", "1e400", exponent("1e400")),
    ],
)
def test_a_number_written_with_an_exponent_is_refused_beside_its_field_as_typed(
    world: World, field: str, typed: str, reason: str
) -> None:
    log_in(world, "hr")
    before = world.log()
    answer = world.client.post("/pages/record?kind=training&lang=en", data=training_form(world, **{field: typed}))
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert beside(page) == {field: str(escape(reason))}
    assert f'name="{field}" value="{typed}"' in page  # (what was typed, kept)
    assert world.log() == before


def test_a_cost_written_with_an_exponent_and_a_decimal_comma_is_refused_on_the_indonesian_page(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    answer = world.client.post("/pages/record?kind=training&lang=id", data=training_form(world, cost="1,5E+06"))
    assert answer.status_code == 422
    assert beside(answer.get_data(as_text=True)) == {"cost": EKSPONEN}
    assert world.log() == before


@pytest.mark.parametrize(
    ("field", "typed", "reason"),
    [
        ("cost", "1e3", exponent("1e3")),
        ("cost", "1e400", COST),
        ("hours", "2E+00", exponent("2E+00")),
        ("hours", "2E+02", "200 JP is more than 12 JP a day (training days: 3)."),
    ],
)
def test_a_corrected_number_written_with_an_exponent_is_refused_beside_its_field(
    world: World, field: str, typed: str, reason: str
) -> None:
    log_in(world, "hr")
    world.client.get("/pages/record?lang=en")  # (the page in English from now on: its inputs filled so)
    version = promoted(world)
    before = world.log()
    data = correction(world, version, **{f"corrected.{field}": typed})
    answer = world.client.post("/pages/record?kind=correction&lang=en", data=data)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert beside(page) == {f"corrected_fields.{field}": str(escape(reason))}
    assert f'name="corrected.{field}" value="{typed}"' in page
    assert world.log() == before
