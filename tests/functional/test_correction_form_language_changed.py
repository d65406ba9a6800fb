"""A correction form opened in one language and sent after the page's language was changed (in another tab: the
language is the session's), found in the review of 2026-12-05. The value each input showed was kept beside it in
the form's language (shown.cost "1,500,000.5" on an English page) and compared with the fact's value written in the
language of the sending ("1.500.000,5"): the cost, left as shown, was refused as "Corrected since this form was
opened", though nobody had corrected it. The value shown is now kept in no page's language (1500000.5), with the
language the inputs were filled in (shown_language): an input left as shown is told by it, one changed is read in
it, and values are compared as values."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_correction_form_concurrent_correction import corrected_elsewhere, values_of
from tests.functional.test_correction_form_fields import correction, promoted
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def opened_in_english(world: World, version: int, **inputs: str) -> dict[str, str]:
    """The correction form as opened on an English page; the page's language then turned Indonesian."""
    world.client.get("/pages/record?lang=en")
    form = correction(world, version, **inputs)
    world.client.get("/pages/record?lang=id")
    return form


def test_the_value_shown_beside_a_decimal_is_kept_in_no_pages_language(world: World) -> None:
    version = promoted(world)  # (a cost of 1500000.5)
    log_in(world, "hr")
    for lang, shown in (("en", "1,500,000.5"), ("id", "1.500.000,5")):
        url = f"/pages/record?kind=correction&nip={BUDI}&target_version={version}&lang={lang}"
        page = world.client.get(url).get_data(as_text=True)
        assert f'name="corrected.cost" value="{shown}"' in page
        assert 'name="shown.cost" value="1500000.5"' in page
        assert f'name="shown_language" value="{lang}"' in page


def test_a_form_opened_in_english_and_sent_on_an_indonesian_page_corrects_only_what_was_changed(world: World) -> None:
    version = promoted(world)
    log_in(world, "hr")
    form = opened_in_english(world, version, **{"corrected.hours": "20"})
    assert (form["corrected.cost"], form["shown.cost"]) == ("1,500,000.5", "1500000.5")
    answer = world.client.post("/pages/record?kind=correction", data=form)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    sent = world.get(f"/api/v1/employees/{BUDI}/events").get_json()["items"][-1]
    assert sent["corrected_fields"] == {"hours": 20}
    values = values_of(world, version)
    assert (values["cost"], values["hours"]) == ("1500000.5", 20)


def test_a_decimal_changed_on_a_form_opened_in_english_is_read_in_english(world: World) -> None:
    version = promoted(world)
    log_in(world, "hr")
    form = opened_in_english(world, version, **{"corrected.cost": "2,000"})  # (two thousand; 2 read in Indonesian)
    answer = world.client.post("/pages/record?kind=correction", data=form)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert values_of(world, version)["cost"] == "2000"


def test_a_decimal_corrected_since_a_form_opened_in_english_is_refused_in_the_pages_language(world: World) -> None:
    version = promoted(world)
    log_in(world, "hr")
    form = opened_in_english(world, version, **{"corrected.cost": "1,750,000"})
    corrected_elsewhere(world, version, cost="2000000")
    answer = world.client.post("/pages/record?kind=correction", data=form)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    error = re.search(r'id="corrected_fields.cost-error">(.*?)</', page, re.S)
    assert error is not None
    assert "kini berisi 2.000.000, bukan 1.500.000,5" in error[1]
    assert "menjadi 1,750,000." in error[1]
    assert 'name="shown.cost" value="2000000"' in page
    assert 'name="shown_language" value="id"' in page
