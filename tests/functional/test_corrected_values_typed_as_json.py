"""A correction's corrected values typed as JSON, on the record form ("Isian yang dikoreksi (JSON)") and in an
import's cell, as an HR administrator types them: `hours=32`, `{'hours': 32}` or `unit: Dinas Pendidikan` were refused
as "Not valid JSON." or "Must be a JSON object." alone; they are refused showing an example of the form an object
takes ({"hours": 32}). Curly double quotes, as autocorrect types them ({“hours”: 12}), were refused alike; they are
read as the straight ones, recorded as the same object typed straight would be. A date in the form's corrected values
typed day first ("05/03/2024") was refused as not YYYY-MM-DD beside date fields that take it; it is read as they
read it. Nothing refused is recorded."""

from __future__ import annotations

import re
from typing import Any

import pytest

from careerlog.textfiles import CORRECTED_EXAMPLE, corrected_object_refused
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_import_corrected_values_read_as_cells import imported
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

SAID = {
    "en": "Not a JSON object of the corrected fields: write each field&#39;s name, and each value that is text,",
    "id": "Bukan objek JSON dari isian yang dikoreksi: tulis nama setiap isian, dan setiap nilai yang berupa teks,",
}
EXAMPLE = CORRECTED_EXAMPLE.replace('"', "&#34;")


def said_beside(page: str, field: str = "corrected_fields") -> str:
    """The form's refusal beside the corrected fields (or one of them: `corrected_fields.hours`)."""
    found = re.search(f'class="error" id="{re.escape(field)}-error">(.*?)</', page)
    assert found, page
    return found.group(1)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


# (the trainings share their days: more than 12 JP a day together, confirmed: rule training.daily_jp)
DAILY_JP = ("training.daily_jp",)


def training(world: World, reference: str) -> int:
    fact = f.training("2024-03-06", hours=24, start="2024-03-04", reference=reference, title=reference)
    outcome = world.services.ledger.record(BUDI, "training", fact, actor="admin", confirmed=DAILY_JP)
    world.catch_up()
    return outcome.version


def corrected(world: World) -> list[dict[str, Any]]:
    """The corrected values of every correction recorded, in order."""
    events = [e for _, e in world.services.ledger.iter_events()]
    return [e.corrected_fields for e in events if hasattr(e, "corrected_fields")]


def posted(world: World, version: int, typed: str, lang: str = "en", reference: str = "RALAT-1") -> Any:
    data = {**form_of(world, "correction"), "nip": BUDI, "target_version": str(version), "reason": "Salah ketik"}
    data |= {"effective_date": "2024-04-01", "reference": reference, "corrected_fields": typed}
    # (the form opened on the fact, as the timeline's Correct link opens it: it sends the fact it shows, `shown.*`)
    data |= {"shown.nip": BUDI, "shown.target_version": str(version)}
    return world.client.post(f"/pages/record?kind=correction&lang={lang}", data=data)


@pytest.mark.parametrize("typed", ["hours=32", "{'hours': 32}", "unit: Dinas Pendidikan", "32"])
def test_corrected_values_not_typed_as_an_object_are_refused_with_an_example(world: World, typed: str) -> None:
    version = training(world, "K-1")
    log_in(world, "hr")
    before = world.log()
    for lang in ("en", "id"):
        answer = posted(world, version, typed, lang)
        assert answer.status_code == 422
        said = said_beside(answer.get_data(as_text=True))
        assert said.startswith(SAID[lang]), said
        assert said.endswith(f"{EXAMPLE}."), said
    assert world.log() == before


def test_curly_quotes_and_a_date_typed_day_first_are_recorded_as_typed_straight(world: World) -> None:
    one, two = training(world, "K-1"), training(world, "K-2")
    log_in(world, "hr")
    answer = posted(world, one, "{\u201chours\u201d: 16, \u201cstart_date\u201d: \u201c05/03/2024\u201d}")
    assert answer.status_code == 302, said_beside(answer.get_data(as_text=True)) if answer.status_code != 302 else ""
    answer = posted(world, two, '{"hours": 16, "start_date": "2024-03-05"}', reference="RALAT-2")
    assert answer.status_code == 302, said_beside(answer.get_data(as_text=True)) if answer.status_code != 302 else ""
    assert corrected(world) == [{"hours": 16, "start_date": "2024-03-05"}] * 2


def test_an_imported_cell_in_curly_quotes_is_read_and_one_of_no_object_refused_with_an_example(world: World) -> None:
    one, two = training(world, "K-1"), training(world, "K-2")
    before = world.log()
    refused = imported(world, f"{BUDI};{two};Salah ketik;hours: 12;01/06/2024;RALAT-2")
    assert [p["errors"] for p in refused["rejected"]] == [{"corrected_fields": [corrected_object_refused()]}]
    assert world.log() == before
    report = imported(world, f"{BUDI};{one};Salah ketik;{{\u201chours\u201d: 12}};01/06/2024;RALAT-1")
    assert (report["recorded"], report["rejected"]) == (1, []), report["rejected"]
    assert corrected(world) == [{"hours": 12}]
