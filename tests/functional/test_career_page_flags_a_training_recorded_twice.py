"""A training recorded twice with the history (the same days, title, organiser and JP), which training.duplicate refuses
when recorded live unless confirmed but a migration carries, is flagged on the career page beside the later record,
naming the record it repeats, and its JP count once (rule training.counted_once): the page says so, the timeline API
names the training it repeats (`counted_once_with`), and the training compliance report counts its JP once. Both
stores.

Found by an exploratory tester (2026-12-06, demo of seed 3): 197907252012031001's records 46 and 47, the same day,
title, organiser and 4 JP, made 2026 read 50 JP with nothing said; flagged since, they still counted twice toward
the 20 JP until 2026-12-06."""

from __future__ import annotations

import re
from datetime import date

import pytest

from projections.timeline import with_repeats
from tests import factories as f
from tests.functional.conftest import BUDI, World, confirm_world_pns
from tests.functional.test_career_page_eligible_while_the_next_date_waits import recorded
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (both stores)


def text_of(world: World, lang: str) -> str:
    page = world.client.get(f"/pages/employees/{BUDI}?lang={lang}").get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "Probably a duplicate of record no. {version}: the same days and JP, and the same title and organiser "
            "(rule training.duplicate).",
        ),
        (
            "id",
            "Kemungkinan duplikat catatan no. {version}: hari dan JP yang sama, dan judul dan penyelenggaranya sama "
            "(aturan training.duplicate).",
        ),
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


def flagged(items: list[dict[str, object]]) -> dict[object, object]:
    return {i["version"]: i["counted_once_with"] for i in with_repeats(items) if "counted_once_with" in i}


def test_a_repeat_confirmed_as_attended_again_or_retracted_is_not_flagged() -> None:
    values = {"effective_date": "2024-03-06", "start_date": "2024-03-05", "reference": "C-1"}
    values |= {"title": "Arsip", "organiser": "BKPSDM", "hours": 4}
    first = {"kind": "training", "version": 3, "effective_date": "2024-03-06", "values": values, "confirmed": []}
    first |= {"retracted": None, "corrections": []}
    again = {**first, "version": 5, "values": {**values, "reference": "C-2"}}
    assert flagged([dict(again), dict(first)]) == {5: 3}
    assert flagged([dict(first), {**again, "confirmed": ["training.duplicate"]}]) == {}
    confirming = {"version": 7, "confirmed": ["training.duplicate"]}  # (a correction of either, after both)
    assert flagged([dict(first), {**again, "corrections": [confirming]}]) == {}
    assert flagged([{**first, "corrections": [confirming]}, dict(again)]) == {}
    assert flagged([{**first, "retracted": {"version": 6}}, dict(again)]) == {}
    assert flagged([dict(first), {**again, "values": {**values, "hours": 8}}]) == {}


@pytest.fixture
def twice(world: World) -> World:
    """Budi, a PNS, with a training of 12 JP in 2024 recorded twice with the history."""
    confirm_world_pns(world)
    training = f.training("2024-03-06", hours=12, start="2024-03-05")
    recorded(world, BUDI, "training", training, date(2024, 3, 10))
    recorded(world, BUDI, "training", {**training, "reference": "CERT-AGAIN"}, date(2024, 3, 11))
    world.catch_up()
    return world


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Its JP are counted once, with those of record no. {version}, in the year's total and the audit"),
        ("id", "JP-nya dihitung sekali saja, bersama JP catatan no. {version}, dalam jumlah tahun itu dan audit"),
    ],
)
def test_the_page_says_a_duplicates_jp_are_counted_once(twice: World, lang: str, said: str) -> None:
    items = twice.get(f"/api/v1/employees/{BUDI}/timeline", "admin").get_json()["items"]
    first, later = [i for i in items if i["kind"] == "training"]
    assert "counted_once_with" not in first
    assert later["counted_once_with"] == first["version"]
    log_in(twice, "hr")
    assert said.format(version=first["version"]) in text_of(twice, lang)


def test_the_compliance_report_counts_a_duplicates_jp_once(twice: World) -> None:
    body = twice.get("/api/v1/reports/training-compliance?year=2024&agency=KOTA-MEDAN", "inspector").get_json()
    assert [(i["staff"], i["met"], i["hours"]) for i in body["items"]] == [(2, 0, 12)]  # (was 1 met of 24 JP)
