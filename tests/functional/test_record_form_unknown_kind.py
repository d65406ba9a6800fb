"""The record form asked for a kind it does not record (`/pages/record?kind=disciplinary_penalty`, a guess at a
penalty's kind, or an old bookmark) says so, 400, naming the kind asked and the kinds it offers: until 2026-12-05 it
showed the empty chooser, 200, as if no kind had been asked."""

from __future__ import annotations

import html
import re

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("id", "Jenis peristiwa disciplinary_penalty tidak dikenal; jenis yang tersedia: "),
        ("en", "Unknown kind of event disciplinary_penalty; the kinds offered: "),
    ],
)
def test_an_unknown_kind_asked_of_the_record_form_is_told_with_the_kinds_offered(
    world: World, lang: str, said: str
) -> None:
    text = refused_text(world, "disciplinary_penalty", lang)
    assert said in text, text
    assert "(penalty)" in text[text.index(said) :]  # the kind it meant, offered by its label and code
    assert "(training)" in text[text.index(said) :]


def test_a_known_kind_still_opens_its_form(world: World) -> None:
    log_in(world, "hr")
    assert world.client.get("/pages/record?kind=penalty").status_code == 200
    assert world.client.get("/pages/record").status_code == 200  # (the chooser, no kind asked)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("id", "Penilaian unit (unit_rating) tidak dicatat di formulir ini"),
        ("en", "A unit's own rating (unit_rating) is not recorded on this form"),
    ],
)
def test_a_unit_rating_asked_of_the_record_form_is_told_where_it_is_recorded_not_called_unknown(
    world: World, lang: str, said: str
) -> None:
    """Until 2026-12-06 the form called unit_rating, a kind careerlog records, an unknown kind."""
    text = refused_text(world, "unit_rating", lang)
    assert said in text, text
    assert "penilaian_unit.csv" in text
    assert "tidak dikenal" not in text
    assert "Unknown kind" not in text


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("id", "atau minta bagian kepegawaian instansi unit itu mengimpornya."),
        ("en", "or ask the HR office of the unit's agency to import it."),
    ],
)
def test_a_unit_rating_asked_of_the_record_form_is_told_what_to_do_on_the_pages_not_the_api(
    world: World, lang: str, said: str
) -> None:
    """Until 2026-12-06 the page told its user, who has the pages and no API, to send the rating to
    POST /api/v1/units/{agency}/{unit}/ratings (the API's own refusal keeps that: RECORDED_ELSEWHERE)."""
    text = refused_text(world, "unit_rating", lang)
    assert said in text, text
    assert "/api/" not in text
    assert " API" not in text


def refused_text(world: World, kind: str, lang: str) -> str:
    log_in(world, "hr")
    answer = world.client.get(f"/pages/record?kind={kind}&lang={lang}")
    assert answer.status_code == 400
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", answer.get_data(as_text=True))))
