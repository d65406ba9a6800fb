"""A training recorded twice with the history (the same day, title, organiser and JP), which training.duplicate refuses
when recorded live unless confirmed but a migration carries, is flagged on the career page beside the later record,
naming the record it repeats: its JP count again in the year's total until HR retracts one. Both stores.

Found by an exploratory tester (2026-12-06, demo of seed 3): 197907252012031001's records 46 and 47, the same day,
title, organiser and 4 JP, made 2026 read 50 JP with nothing said."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_career_page_eligible_while_the_next_date_waits import recorded
from tests.functional.test_pages_auth import log_in
from web.pages.career import probable_duplicates


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (both stores)


def text_of(world: World, lang: str) -> str:
    page = world.client.get(f"/pages/employees/{BUDI}?lang={lang}").get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Probably a duplicate of record no. {version}: the same day, title, organiser and JP."),
        ("id", "Kemungkinan duplikat catatan no. {version}: hari, judul, penyelenggara, dan JP yang sama."),
    ],
)
def test_a_migrated_training_recorded_twice_is_flagged_beside_the_later(world: World, lang: str, said: str) -> None:
    training = f.training("2024-03-06", hours=4, start="2024-03-05")
    recorded(world, BUDI, "training", training, date(2024, 3, 10))
    recorded(world, BUDI, "training", {**training, "reference": "CERT-AGAIN"}, date(2024, 3, 11))
    recorded(world, BUDI, "training", f.training("2024-05-06", hours=4, start="2024-05-05"), date(2024, 5, 10))
    world.catch_up()
    items = world.get(f"/api/v1/employees/{BUDI}/timeline", "admin").get_json()["items"]
    first, _, other = [i["version"] for i in items if i["kind"] == "training"]
    log_in(world, "hr")
    text = text_of(world, lang)
    assert said.format(version=first) in text
    assert text.count(said.split(" {")[0].split(" no.")[0]) == 1  # the later alone; the other training not flagged
    assert said.format(version=other) not in text


def test_a_repeat_confirmed_as_attended_again_or_retracted_is_not_flagged() -> None:
    values = {"effective_date": "2024-03-06", "title": "Arsip", "organiser": "BKPSDM", "hours": 4}
    first = {"kind": "training", "version": 3, "values": values, "retracted": None, "confirmed": []}
    again = {**first, "version": 5}
    assert probable_duplicates([again, first]) == {5: 3}
    assert probable_duplicates([first, {**again, "confirmed": ["training.duplicate"]}]) == {}
    assert probable_duplicates([{**first, "retracted": {"version": 6}}, again]) == {}
    assert probable_duplicates([first, {**again, "values": {**values, "hours": 8}}]) == {}
