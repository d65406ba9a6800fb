"""A correction moving a training's days so that its recorded JP no longer fit them (more than rule
training.max_jp_per_day a day) was refused beside `corrected_fields.hours`, a field not sent, in the words of a new
training's JP ("50 JP is more than 12 JP a day (training days: 4)."). It is refused beside the date corrected (its
first day, else its last), saying the recorded JP no longer fit its days; one correcting the JP too is refused beside
them, as before. Both stores."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask_babel import Babel, force_locale

from careerlog.domain.employee import JP_NO_LONGER_FIT
from tests import factories as f
from tests.functional.conftest import World
from tests.functional.test_acceptance_refusals import problem
from tests.functional.test_trainings_of_the_same_days_asked import EVENTS, appointed
from web.pages.messages import reason_text

FIVE_DAYS = {"hours": 50, "start_date": "2025-07-05", "effective_date": "2025-07-09"}
NO_LONGER = "The recorded 50 JP no longer fit the training's days: more than 12 JP a day (training days: 4)."


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def corrected(world: World, **fields: object) -> dict[str, object]:
    body = {"kind": "correction", **f.correction(2, "2025-07-10", **fields)}
    return problem(world.post(EVENTS, "hr", json=body), 422)["errors"]


def test_a_training_shortened_by_its_first_day_is_refused_beside_it(world: World) -> None:
    appointed(world, FIVE_DAYS)
    sent = {"title": "Pelatihan Arsip", "effective_date": "2025-07-09", "start_date": "2025-07-06"}
    assert corrected(world, **sent) == {"corrected_fields.start_date": [NO_LONGER]}


def test_a_training_shortened_by_its_last_day_is_refused_beside_it(world: World) -> None:
    appointed(world, FIVE_DAYS)
    assert corrected(world, effective_date="2025-07-08") == {"corrected_fields.effective_date": [NO_LONGER]}


def test_a_correction_of_the_jp_and_the_days_is_refused_beside_the_jp(world: World) -> None:
    appointed(world, FIVE_DAYS)
    found = corrected(world, hours=60, start_date="2025-07-06")
    assert found == {"corrected_fields.hours": ["60 JP is more than 12 JP a day (training days: 4)."]}


def test_the_pages_say_it_in_indonesian() -> None:
    app = Flask(__name__)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(Path(__file__).parents[2] / "web" / "translations")
    Babel(app)
    with app.test_request_context(), force_locale("id"):
        said = reason_text(JP_NO_LONGER_FIT.reason(hours=50, days=4, per_day=12))
    assert (
        said
        == "50 JP yang tercatat tidak lagi muat dalam hari pelatihannya: melebihi 12 JP per hari (hari pelatihan: 4)."
    )
