"""The record form reads a date typed day first as an import reads a file's ("01/11/2026", "1.11.2026",
"1 November 2026": careerlog.textfiles.read_day_first_dates, one parser): until 2026-12-05 it refused "01/11/2026",
which the import recorded, taking YYYY-MM-DD alone. A date that reads no way is still refused beside its field."""

from __future__ import annotations

import pytest

from careerlog.importing import NO_SUCH_DAY
from tests.functional.conftest import BUDI, World
from tests.functional.test_correction_form_fields import changed, correction, promoted
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import training_form
from tests.functional.test_pages_numbers_of_too_many_digits import errors_of


@pytest.mark.parametrize(
    ("typed", "start"),
    [
        ("10/05/2024", "08/05/2024"),
        ("10.5.2024", "8.5.2024"),
        ("10 Mei 2024", "8 Mei 2024"),
        ("2024-05-10", "2024-05-08"),
    ],
)
def test_a_date_typed_day_first_is_recorded_as_the_import_reads_it(world: World, typed: str, start: str) -> None:
    log_in(world, "hr")
    answer = world.client.post(
        "/pages/record?kind=training", data=training_form(world, effective_date=typed, start_date=start)
    )
    assert answer.status_code == 302, answer.get_data(as_text=True)
    recorded = world.services.ledger.events_of([BUDI])[BUDI][-1]
    assert (str(recorded.effective_date), str(recorded.start_date)) == ("2024-05-10", "2024-05-08")


NO_SUCH_DAY_SAID = {
    "en": str(NO_SUCH_DAY),
    "id": "Tidak ada hari seperti itu di kalender, dibaca dengan hari lebih dahulu (hari, bulan, tahun): periksa "
    "hari dan bulannya.",
}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_date_of_no_calendar_day_is_still_refused_beside_its_field(world: World, lang: str) -> None:
    """... worded as an import words it (careerlog.importing.NO_SUCH_DAY): until 2026-12-06 "Not a valid date
    (expected YYYY-MM-DD)", beside a form that takes dd/mm/yyyy."""
    log_in(world, "hr")
    before = world.log()
    form = training_form(world, start_date="31/02/2024")
    answer = world.client.post(f"/pages/record?kind=training&lang={lang}", data=form)
    assert answer.status_code == 422
    assert errors_of(answer.get_data(as_text=True))["start_date"] == NO_SUCH_DAY_SAID[lang]
    assert world.log() == before


def test_a_corrected_date_typed_day_first_is_read_as_the_facts_own_form_reads_it(world: World) -> None:
    """The correction form's date input reads the same forms (the correction's own effective date too)."""
    log_in(world, "hr")
    version = promoted(world)
    data = correction(world, version, **{"corrected.start_date": "07/05/2024", "effective_date": "06/01/2025"})
    answer = world.client.post("/pages/record?kind=correction", data=data)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert changed(world, version) == {"start_date": ("2024-05-08", "2024-05-07")}
