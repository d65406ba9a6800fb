"""The record form's correction of a fact shows that fact's fields as inputs, each filled with its value as it
stands: an HR administrator changes the wrong one in place. Before, the corrected fields had to be typed as JSON
({"new_rank": "III/c"}): `{'new_rank': 'III/c'}` (single quotes, as people type) or `new_rank: III/c` were refused
as "Bukan JSON yang sah.", found walking the demo as HR from a career page's "Koreksi" link."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def promoted(world: World) -> int:
    """Record a training with a cost beside Budi's III/b promotion (version 2); its version."""
    fact = f.training("2024-05-10", hours=16, start="2024-05-08", cost="1500000.5")
    version = world.services.ledger.record(BUDI, "training", fact, actor="test").version
    world.catch_up()
    return version


def correction(world: World, version: int, nip: str = BUDI, **inputs: str) -> dict[str, Any]:
    """The correction form of `nip`'s fact of `version` as its page fills it in, with `inputs` changed."""
    url = f"/pages/record?kind=correction&nip={nip}&target_version={version}"
    page = world.client.get(url).get_data(as_text=True)
    # as a browser sends them: each input's value, a textarea's text, line breaks as CRLF
    found = re.findall(r'<input [^>]*name="((?:corrected|shown)[._]\w+)" value="([^"]*)"', page)
    found += re.findall(r'<textarea [^>]*name="(corrected\.\w+)"[^>]*>\n?(.*?)</textarea>', page, re.S)
    filled = {name: html.unescape(value).replace("\n", "\r\n") for name, value in found}
    for name, options in re.findall(r'<select [^>]*name="(corrected\.\w+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', options)
        filled[name] = chosen[1] if chosen else ""
    return {
        **form_of(world, "correction"),
        "nip": nip,
        "target_version": str(version),
        "effective_date": "2025-01-06",
        "reference": f"RALAT-{version}",
        "reason": "Salah ketik",
        **filled,
        **inputs,
    }


def changed(world: World, version: int) -> dict[str, tuple[Any, Any]]:
    """The fields of a fact its corrections changed: {field: (original, as corrected)}."""
    world.catch_up()
    items = world.get(f"/api/v1/employees/{BUDI}/timeline").get_json()["items"]
    fact = next(i for i in items if i["version"] == version)
    assert len(fact["corrections"]) == 1
    return {k: (fact["original"].get(k), v) for k, v in fact["values"].items() if fact["original"].get(k) != v}


def test_the_correction_form_shows_the_facts_fields_filled_and_asks_no_json(world: World) -> None:
    log_in(world, "hr")
    page = world.client.get(f"/pages/record?kind=correction&nip={BUDI}&target_version=2").get_data(as_text=True)
    assert '<select id="f-corrected-new_rank" name="corrected.new_rank"' in page
    assert '<option value="III/b" selected>III/b · Penata Muda Tingkat I</option>' in page
    assert 'id="f-corrected-effective_date" name="corrected.effective_date" value="2014-04-01"' in page
    assert 'name="corrected_fields"' not in page  # no JSON to type
    assert "ubah yang salah" in page


def test_a_field_changed_in_the_correction_form_is_the_one_corrected(world: World) -> None:
    log_in(world, "hr")
    answer = world.client.post(
        "/pages/record?kind=correction",
        data={**correction(world, 2, **{"corrected.new_rank": "III/c"}), "confirm": "promotion.one_step"},
    )  # III/a to III/c: a jump the decree makes, confirmed (rule promotion.one_step)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert changed(world, 2) == {"new_rank": ("III/b", "III/c")}


def test_a_decimal_changed_in_the_correction_form_is_read_in_the_pages_language(world: World) -> None:
    version = promoted(world)
    log_in(world, "hr")
    data = correction(world, version, **{"corrected.cost": "2.000.000,25"})
    assert data["corrected.hours"] == "16"
    assert world.client.post("/pages/record?kind=correction", data=data).status_code == 302
    assert changed(world, version) == {"cost": ("1500000.5", "2000000.25")}


def test_a_correction_form_sent_unchanged_is_refused_beside_the_facts_fields(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    answer = world.client.post("/pages/record?kind=correction", data=correction(world, 2))
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert '<p class="error" id="corrected_fields-error">Ubah paling sedikit satu isian fakta itu' in page
    assert world.log() == before


def test_a_refused_change_stands_beside_its_input_as_typed(world: World) -> None:
    log_in(world, "hr")
    data = correction(world, 2, **{"corrected.new_rank": "II/a"})  # below the rank held before it
    answer = world.client.post("/pages/record?kind=correction", data=data)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert '<option value="II/a" selected>' in page
    assert 'aria-describedby="corrected_fields.new_rank-error"' in page
    assert 'id="corrected_fields.new_rank-error"' in page


@pytest.mark.parametrize("typed", ["[" * 100_000, '{"cost": ' * 100_000], ids=["lists", "objects"])
def test_corrected_fields_posted_as_json_nested_too_deeply_are_refused_beside_the_field(
    world: World, typed: str
) -> None:
    """The form asks no JSON, but a POST may still carry `corrected_fields` as JSON (an older form, a script):
    nested past what Python's JSON reader can read, it was a RecursionError and a 500."""
    log_in(world, "hr")
    before = world.log()
    answer = world.client.post(
        "/pages/record?kind=correction", data={**correction(world, 2), "corrected_fields": typed}
    )
    assert answer.status_code == 422, answer.status_code
    assert '<p class="error" id="corrected_fields-error">Bukan JSON yang sah.' in answer.get_data(as_text=True)
    assert world.log() == before
