"""The advice a refusal gives about a correction names an action the system accepts, in the API and on the record
page (English and Indonesian). Found by an HR tester: a correction's reference sent again with other values was
answered "... if version 18 was wrong, record a correction of version 18.", and a correction of version 18 was then
refused as "Version 18 is a correction of version 10, not a fact"; it now names the fact, version 10, whose new
correction supersedes version 18. A correction whose fact is retracted was named "correct version 2 again ... or
retract it", both refused for a retracted fact: it now says the fact stays retracted. Nothing is recorded."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_correction_form_fields import correction, promoted
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

EVENTS = f"/api/v1/employees/{BUDI}/events"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def corrected(world: World, version: int, reference: str, hours: int) -> Any:
    body = {"kind": "correction", **f.correction(version, "2025-01-06", hours=hours), "reference": reference}
    return world.post(EVENTS, "hr", json=body)


def beside(page: str, field: str) -> str:
    found = re.search(rf'<span class="error" id="{field}-error">(.*?)</span>', page, re.S)
    assert found is not None, page[-3000:]
    return " ".join(html.unescape(found.group(1)).split())


REUSED = "Reference 'RC-{fact}' was already recorded as version {version} with different values (corrected_fields): "
ADVICE = {
    "en": "version {version} is a correction of version {fact}. If this is another event, give it its own reference "
    "number; if version {version} was wrong, record another correction of version {fact} (the latest correction's "
    "values stand).",
    "id": "versi {version} adalah koreksi atas versi {fact}. Bila ini peristiwa lain, beri nomor tersendiri; bila "
    "versi {version} yang keliru, catat koreksi lain atas versi {fact} (nilai koreksi terakhir yang berlaku).",
}


def test_a_corrections_reference_sent_again_names_the_fact_to_correct(world: World) -> None:
    fact = promoted(world)
    first = corrected(world, fact, f"RC-{fact}", 12)
    assert first.status_code == 201, first.get_json()
    version = first.get_json()["version"]
    before = world.log()
    answer = corrected(world, fact, f"RC-{fact}", 10)
    assert answer.status_code == 409
    said = (REUSED + ADVICE["en"]).format(fact=fact, version=version)
    assert answer.get_json()["errors"]["reference"] == [said]
    log_in(world, "hr")
    for lang in ("en", "id"):
        data = correction(world, fact, **{"corrected.hours": "10"})
        data["reference"] = f"RC-{fact}"
        page = world.client.post(f"/pages/record?kind=correction&lang={lang}", data=data)
        assert page.status_code == 422
        said = ADVICE[lang].format(fact=fact, version=version)
        assert beside(page.get_data(as_text=True), "reference").endswith(said)
    assert world.log() == before
    # ... and the advice followed is accepted: a correction of the fact, superseding version `version`
    answer = corrected(world, fact, f"RC-{fact}-2", 10)
    assert answer.status_code == 201, answer.get_json()


RETRACTED = {
    "en": "Version {version} is a correction of version {fact}, not a fact, and version {by} retracted version {fact}: "
    "a retracted fact stays retracted.",
    "id": "Versi {version} adalah koreksi atas versi {fact}, bukan fakta, dan versi {by} membatalkan versi {fact}: "
    "fakta yang sudah dibatalkan tetap dibatalkan.",
}
ADVICE_RETRACTED = (
    "version {version} is a correction of version {fact}, which version {by} retracted: a retracted fact stays "
    "retracted. If this is another event, give it its own reference number."
)


def test_a_correction_of_a_retracted_fact_is_named_so(world: World) -> None:
    fact = promoted(world)
    version = corrected(world, fact, f"RC-{fact}", 12).get_json()["version"]
    retraction = world.post(EVENTS, "hr", json={"kind": "retraction", **f.retraction(fact, "2025-01-07")})
    assert retraction.status_code == 201, retraction.get_json()
    by = retraction.get_json()["version"]
    before = world.log()
    answer = world.post(EVENTS, "hr", json={"kind": "retraction", **f.retraction(version, "2025-01-08")})
    assert answer.status_code == 422
    assert answer.get_json()["errors"]["target_version"] == [RETRACTED["en"].format(version=version, fact=fact, by=by)]
    answer = corrected(world, fact, f"RC-{fact}", 10)
    assert answer.status_code == 409
    said = (REUSED + ADVICE_RETRACTED).format(fact=fact, version=version, by=by)
    assert answer.get_json()["errors"]["reference"] == [said]
    log_in(world, "hr")
    for lang in ("en", "id"):
        data = {
            **form_of(world, "retraction"),
            "nip": BUDI,
            "target_version": str(version),
            "effective_date": "2025-01-08",
            "reference": "BTL-X",
            "reason": "Dicatat dua kali",
        }
        page = world.client.post(f"/pages/record?kind=retraction&lang={lang}", data=data)
        assert page.status_code == 422
        said = RETRACTED[lang].format(version=version, fact=fact, by=by)
        assert beside(page.get_data(as_text=True), "target_version") == said
    assert world.log() == before


def test_a_retractions_reference_sent_again_says_the_fact_stays_retracted(world: World) -> None:
    fact = promoted(world)
    body = {"kind": "retraction", **f.retraction(fact, "2025-01-07"), "reference": "BTL-7"}
    version = world.post(EVENTS, "hr", json=body).get_json()["version"]
    before = world.log()
    answer = world.post(EVENTS, "hr", json={**body, "reason": "Salah orang"})
    assert answer.status_code == 409, answer.get_json()
    assert answer.get_json()["errors"]["reference"] == [
        f"Reference 'BTL-7' was already recorded as version {version} with different values (reason): version "
        f"{version} is the retraction of version {fact}: a retracted fact stays retracted. If this is another event, "
        "give it its own reference number."
    ]
    assert world.log() == before
