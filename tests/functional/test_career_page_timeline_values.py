"""The career page's timeline shows a fact's dates and decimal amounts in the page's language, as it shows the
effective date beside it: the acceptance pass of 2026-12-02 read 'Tanggal lahir: 1986-09-26' and 'Tanggal mulai:
2024-05-06' on the Indonesian page. The CSV download keeps the values as recorded."""

from __future__ import annotations

import re

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in


def timeline_text(world: World, lang: str) -> str:
    log_in(world, "employee")
    page = world.client.get(f"/pages/employees/{BUDI}?lang={lang}").get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_a_facts_dates_and_cost_are_shown_in_the_pages_language(world: World) -> None:
    training = f.training("2024-05-10", hours=16, start="2024-05-06", cost="1500000.50")
    world.services.ledger.record(BUDI, "training", training, actor="test")
    world.catch_up()
    indonesian = timeline_text(world, "id")
    assert "Tanggal lahir: 26 Sep 1986" in indonesian
    assert "Tanggal mulai: 6 Mei 2024" in indonesian
    assert "1.500.000,5" in indonesian
    assert "1986-09-26" not in indonesian
    assert "2024-05-06" not in indonesian
    english = timeline_text(world, "en")
    assert "Date of birth: Sep 26, 1986" in english
    assert "1,500,000.5" in english
    record = world.client.get(f"/pages/employees/{BUDI}/record.csv").get_data(as_text=True)
    assert "1986-09-26" in record
    assert "2024-05-06" in record  # the download as recorded


def test_a_penaltys_level_is_named_as_a_penaltys_not_as_a_posts(world: World) -> None:
    """'level' is a functional post's jenjang, but a penalty's tingkat (PP 94/2021: ringan, sedang, berat): the page
    read 'Jenjang: Berat'."""
    penalty = {"level": "MEDIUM", "penalty_kind": "POTONG_TUKIN_12", "effective_date": "2024-03-01"}
    world.services.ledger.record(BUDI, "penalty", penalty | {"reference": "HD-1"}, actor="test")
    world.catch_up()
    assert "Tingkat hukuman disiplin: Sedang" in timeline_text(world, "id")
    assert "Penalty level: Moderate" in timeline_text(world, "en")
    log_in(world, "admin")
    form = world.client.get("/pages/record?kind=penalty&lang=id").get_data(as_text=True)
    assert "Tingkat hukuman disiplin" in form


def test_a_managerial_posts_level_is_its_eselon_a_functional_posts_its_jenjang(world: World) -> None:
    """A post's 'level' holds an eselon (II.b) for a managerial post and a jenjang (Ahli Muda) for a functional one:
    the page read 'Jenjang: II.b'."""
    post = {"post_kind": "PENGAWAS", "level": "IV.a", "title": "Kepala Subbagian Umum", "unit": "BKPSDM"}
    post |= {"assignment": "DEFINITIVE", "effective_date": "2020-04-01", "reference": "J-ESELON-1"}
    world.services.ledger.record(BUDI, "post_appointment", post, actor="test")
    world.catch_up()
    indonesian = timeline_text(world, "id")
    assert "Eselon: IV.a" in indonesian
    assert "Jenjang: IV.a" not in indonesian
    assert "Echelon: IV.a" in timeline_text(world, "en")
