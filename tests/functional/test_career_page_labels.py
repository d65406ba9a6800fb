"""The career page names a fact's fields as a civil servant reads them on the decree. A PPPK's appointment holds a
grade (golongan PPPK, Perpres 98/2020), not a rank: the page read 'Pangkat: IX' / 'Rank: IX' to a PPPK employee
whose own next-promotion section says they are not on the rank ladder. A post's title is its name (nama jabatan):
the Indonesian page read 'Judul: Kepala Subbagian Umum', a book's or a training's title."""

from __future__ import annotations

import re
from datetime import date

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in


def career_text(world: World, nip: str, lang: str) -> str:
    log_in(world, "admin")
    page = world.client.get(f"/pages/employees/{nip}?lang={lang}").get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def pppk_appointed(world: World) -> str:
    """A PPPK appointed at grade IX on 1 March 2022: their NIP."""
    nip = f.pppk_nip(date(1990, 1, 15), 2022, "F")
    payload = f.appointment(date(1990, 1, 15), date(2022, 3, 1), "F", employment_kind="PPPK", rank="IX")
    world.services.ledger.record(nip, "appointment", payload | {"recruitment_path": "PPPK"}, actor="test")
    world.catch_up()
    return nip


def test_a_pppk_appointment_shows_a_grade_not_a_rank(world: World) -> None:
    nip = pppk_appointed(world)
    indonesian = career_text(world, nip, "id")
    assert "Golongan PPPK: IX" in indonesian
    assert "Pangkat: IX" not in indonesian
    assert "PPPK grade: IX" in career_text(world, nip, "en")
    assert "Pangkat: III/a (Penata Muda)" in career_text(world, BUDI, "id")  # a civil servant's rank as before


def test_a_posts_title_is_its_name_not_a_judul(world: World) -> None:
    post = {"post_kind": "PENGAWAS", "level": "IV.a", "title": "Kepala Subbagian Umum", "unit": "BKPSDM"}
    post |= {"assignment": "DEFINITIVE", "effective_date": "2020-04-01", "reference": "J-NAMA-1"}
    world.services.ledger.record(BUDI, "post_appointment", post, actor="test")
    world.services.ledger.record(BUDI, "training", f.training("2024-05-10", hours=16, start="2024-05-06"), actor="test")
    world.catch_up()
    indonesian = career_text(world, BUDI, "id")
    assert "Nama jabatan: Kepala Subbagian Umum" in indonesian
    assert "Judul: Kepala Subbagian Umum" not in indonesian
    assert "Judul: " in indonesian  # a training's title
    assert "Post title: Kepala Subbagian Umum" in career_text(world, BUDI, "en")
    form = world.client.get("/pages/record?kind=post_appointment&lang=id").get_data(as_text=True)
    assert "Nama jabatan" in form


def test_a_rating_of_a_year_before_skp_is_labelled_a_dp3_predicate(world: World) -> None:
    """A year rated before SKP applied (2014: rule skp.scheme, PP 46/2011) was rated by DP3 (PP 10/1979): its
    predicate is a DP3 one, where the page read 'Predikat SKP: Baik' for 2012 until 2026-12-05."""
    world.services.ledger.record(BUDI, "performance_rating", f.rating(2012), actor="test")
    world.services.ledger.record(BUDI, "performance_rating", f.rating(2014), actor="test")
    world.catch_up()
    indonesian = career_text(world, BUDI, "id")
    assert indonesian.count("Predikat DP3: Baik") == 1, indonesian
    assert indonesian.count("Predikat SKP: Baik") == 1  # 2014's
    assert "DP3 predicate: Baik" in career_text(world, BUDI, "en")  # (a predicate keeps its official name)


def test_a_rating_of_a_year_before_skp_is_named_a_dp3_rating(world: World) -> None:
    """A rating of a year before SKP's first (2014: rule skp.scheme) is a DP3 rating (PP 10/1979), named so on the
    career page, in either language, where it was named 'Performance rating (SKP)' as every year's."""
    world.services.ledger.record(BUDI, "performance_rating", f.rating(2012), actor="test")
    world.services.ledger.record(BUDI, "performance_rating", f.rating(2014), actor="test")
    world.catch_up()
    english = career_text(world, BUDI, "en")
    assert english.count("Performance rating (DP3)") == 1, english
    assert english.count("Performance rating (SKP)") == 1  # 2014's
    indonesian = career_text(world, BUDI, "id")
    assert indonesian.count("Penilaian kinerja (DP3)") == 1
    assert indonesian.count("Penilaian kinerja (SKP)") == 1
