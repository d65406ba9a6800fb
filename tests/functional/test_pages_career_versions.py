"""The career page names each fact's version, and offers those who may record links to correct or retract it.

Found by the administrator's acceptance pass of 2026-12-02: the record form's correction and
retraction ask for the version of the fact ("Versi (nomor peristiwa) fakta yang dikoreksi"),
and no page showed it: an administrator who saw a wrong fact on the career page had to read
the API's event list to learn its number.
"""

from __future__ import annotations

import html
import re

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in


def row_of(page: str, reference: str) -> str:
    """The timeline row of the fact with this reference."""
    rows = re.findall(r"<tr id=\"event-\d+\"(?: class=\"retracted\")?>(.*?)</tr>", page, re.S)
    [row] = [r for r in rows if f": {reference}<" in r or f": {reference} " in r]
    return html.unescape(row)


def record(world: World, kind: str, payload: dict[str, object]) -> int:
    """Record through the API as the administrator, the views caught up (the page reads them); the fact's version."""
    answer = world.post(f"/api/v1/employees/{BUDI}/events", json={"kind": kind, **payload})
    assert answer.status_code == 201, answer.get_json()
    world.catch_up()
    return int(answer.get_json()["version"])


def items(world: World) -> list[dict[str, object]]:
    return list(world.get(f"/api/v1/employees/{BUDI}/timeline").get_json()["items"])


RETRACTION = {"reason": "Salah orang", "effective_date": "2024-06-01", "reference": "BATAL-1"}


def test_each_fact_shows_its_version_and_the_recorder_gets_correct_and_retract_links(world: World) -> None:
    training = f.training("2024-05-10", hours=16, start="2024-05-08")
    version = record(world, "training", training)
    log_in(world, "hr")
    page = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    row = row_of(page, training["reference"])
    assert f"version {version}" in row
    assert f'href="/pages/record?kind=correction&nip={BUDI}&target_version={version}"' in row
    assert f'href="/pages/record?kind=retraction&nip={BUDI}&target_version={version}"' in row
    assert f'aria-label="Correct Training of May 10, 2024, version {version}"' in row
    indonesian = world.client.get(f"/pages/employees/{BUDI}?lang=id").get_data(as_text=True)
    assert f"versi {version}" in row_of(indonesian, training["reference"])
    assert ">Koreksi</a>" in indonesian


def test_the_appointment_may_be_corrected_not_retracted_and_a_retracted_fact_neither(world: World) -> None:
    training = f.training("2024-05-10", hours=16, start="2024-05-08")
    version = record(world, "training", training)
    record(world, "retraction", {"target_version": version, **RETRACTION})
    log_in(world, "admin")
    page = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    appointment = row_of(page, str(items(world)[0]["reference"]))
    assert "kind=correction" in appointment
    assert "kind=retraction" not in appointment
    assert "/pages/record" not in row_of(page, training["reference"])


def test_readers_who_may_not_record_see_the_record_number_last_not_the_version_first(world: World) -> None:
    """Every timeline entry led with its version to an employee ("Mentee released version 47"): a reader who may not
    record sees the fact's name alone, and its number last in its details, "Record no. 47" ("Catatan no. 47"), to
    quote to HR; no links to correct or retract."""
    training = f.training("2024-05-10", hours=16, start="2024-05-08")
    version = record(world, "training", training)
    for who in ("inspector", "employee"):
        log_in(world, who)
        page = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
        row = row_of(page, training["reference"])
        assert f"version {version}" not in row, who
        assert '<td class="event">Training' in row
        assert f"Record no. {version}" in row
        assert "/pages/record" not in page, who
        indonesian = world.client.get(f"/pages/employees/{BUDI}?lang=id").get_data(as_text=True)
        assert f"Catatan no. {version}" in row_of(indonesian, training["reference"])


def test_the_link_opens_the_form_filled_and_the_correction_is_recorded(world: World) -> None:
    training = f.training("2024-05-10", hours=16, start="2024-05-08")
    version = record(world, "training", training)
    log_in(world, "hr")
    link = f"/pages/record?kind=correction&nip={BUDI}&target_version={version}"
    form = world.client.get(link).get_data(as_text=True)
    assert f'<strong id="f-nip">{BUDI}</strong>' in form  # (shown read-only: the fact the form corrects)
    assert f'<strong id="f-target_version">{version}</strong>' in form
    key = re.search(r'name="client_key" value="([0-9a-f]+)"', form)
    assert key
    data = {
        "csrf_token": csrf_token(world.client, link),
        "client_key": key.group(1),
        "nip": BUDI,
        "target_version": str(version),
        "reason": "Salah ketik JP",
        "corrected_fields": '{"hours": 12}',
        "effective_date": "2024-06-01",
        "reference": "RALAT-1",
    }
    answer = world.client.post("/pages/record?kind=correction&lang=en", data=data)
    assert answer.status_code == 302
    world.catch_up()
    [item] = [i for i in items(world) if i["version"] == version]
    assert item["values"]["hours"] == 12  # type: ignore[index]
