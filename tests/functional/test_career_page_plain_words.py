"""The career page words each requirement as a sentence an employee reads, not as the views store it.

The eligibility view stores some requirements in a developer's shorthand ("TMT 2027-02-01; permitted: day 1 of
months 2, 4, 6, 8, 10, 12", "IV/d since 2025-02-01; 2 y needed, reached on 2027-02-01", "functional level AHLI_MUDA
tops at III/d; new rank III/d"), which the English page showed as stored. The page words them from their stored
values at read time (web.pages.next_promotion.plain_requirements); the stored rows, the audit and the API keep them.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from projections.merit.rules import EDUCATION_CEILING, EXAM_MISSING, EXAM_PASSED, RATINGS_MET, TRAINING
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_career_page_basis import ahli_muda_short_of_credit, page_text
from tests.functional.test_career_page_labels import pppk_appointed
from web.pages.next_promotion import plain_requirements


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def requirements_of(text: str) -> str:
    """The page's list of all requirements (English or Indonesian)."""
    start = text.index("All requirements") if "All requirements" in text else text.index("Semua syarat")
    return text[start : text.index("Rank over the years" if "Rank over the years" in text else "Pangkat dari tahun")]


def test_the_promotion_dates_read_as_days_of_the_year_not_as_months_numbered(world: World) -> None:
    english = requirements_of(page_text(world, BUDI))
    assert "permitted: day" not in english
    assert "TMT " not in english
    assert re.search(
        r"Promotions take effect on 1 February, 1 April, 1 June, 1 August, 1 October, and 1 December; "
        r"\w{3} 1, \d{4} is one of these dates \(basis: ",
        english,
    ), english
    indonesian = requirements_of(page_text(world, BUDI, "id"))
    assert re.search(
        r"Kenaikan pangkat berlaku pada 1 Februari, 1 April, 1 Juni, 1 Agustus, 1 Oktober, dan "
        r"1 Desember; 1 \w{3} \d{4} termasuk salah satunya",
        indonesian,
    ), indonesian


def test_the_years_in_rank_read_as_a_sentence(world: World) -> None:
    english = requirements_of(page_text(world, BUDI))
    assert " y needed" not in english
    assert re.search(r"At least \d years? in rank [IV]+/[a-e] \(held since \w{3} \d+, \d{4}\), reached on ", english)
    indonesian = requirements_of(page_text(world, BUDI, "id"))
    assert re.search(
        r"Paling sedikit \d tahun dalam pangkat [IV]+/[a-e] \(sejak \d+ \w{3} \d{4}\), terpenuhi pada ", indonesian
    ), indonesian


def test_a_functional_levels_range_reads_as_a_sentence_naming_the_level(world: World) -> None:
    nip = ahli_muda_short_of_credit(world)
    english = requirements_of(page_text(world, nip))
    assert "tops at" not in english
    assert "The ranks of your functional level, Ahli Muda, go up to III/d; the new rank III/d is within them" in english
    assert "Confirmed as PNS" in english
    indonesian = requirements_of(page_text(world, nip, "id"))
    assert (
        "Pangkat jenjang jabatan fungsional Anda, Ahli Muda, paling tinggi III/d; pangkat baru III/d masih di dalamnya"
        in indonesian
    )


def plain(world: World, lang: str, outcome: str, message: str) -> str:
    """The career page's sentence for one requirement stored as `message`, in `lang`."""
    found = {"eligibility": [{"kind": "101", "requirements": [{"rule": "r", "outcome": outcome, "message": message}]}]}
    with world.app.test_request_context(f"/pages/employees/{BUDI}?lang={lang}"):
        return plain_requirements(found)[("101", "r")]


def test_an_exam_to_pass_is_named_not_given_by_its_code(world: World) -> None:
    """The stored "exam UD_I not passed by 2026-12-01" read on the page as "belum lulus ujian UD_I sampai dengan ..."
    (found walking the demo's PNS pelaksana at II/d): the exam by its name, and what to do."""
    missing = EXAM_MISSING(exams="UD_I", day=date(2026, 12, 1)).text
    assert plain(world, "id", "missing", missing) == (
        "Perlu lulus lebih dahulu: Ujian dinas tingkat I (II/d ke III/a); belum lulus sampai dengan 1 Des 2026"
    )
    assert plain(world, "en", "missing", missing) == (
        "To pass first: Service exam, level I (II/d to III/a); not passed by Dec 1, 2026"
    )
    passed = EXAM_PASSED(exams="UD_I, UPKP").text
    assert plain(world, "id", "met", passed) == (
        "Sudah lulus: Ujian dinas tingkat I (II/d ke III/a) dan Ujian penyesuaian kenaikan pangkat"
    )


def test_a_past_years_training_and_an_education_read_as_sentences(world: World) -> None:
    """ "21 JP pada tahun 2025; diperlukan 20 JP" and "Pendidikan Anda (D-III)" (the code) read on the demo's pages."""
    training = TRAINING(hours=21, year=2025, needed=20).text
    assert plain(world, "id", "met", training) == "Paling sedikit 20 JP pelatihan pada tahun 2025: 21 JP tercatat"
    assert plain(world, "en", "missing", TRAINING(hours=0, year=2025, needed=20).text) == (
        "At least 20 JP of training in 2025: 0 JP recorded"
    )
    education = EDUCATION_CEILING(level="D-III", ceiling="III/c", new="III/a").text
    assert plain(world, "id", "met", education) == (
        "Pendidikan Anda, Diploma III (D-III), memungkinkan pangkat paling tinggi III/c; pangkat baru III/a masih di "
        "dalamnya"  # (its name and code, as the blocked sentence names it: test_career_page_education_one_name.py)
    )


def test_the_timeline_names_a_trainings_and_a_ratings_day_not_a_tmt(world: World) -> None:
    """Every event's effective date read "Tanggal berlaku (TMT)", a decree's term, on a training (its last day) and an
    SKP rating too (found walking the demo's PPPK and pelaksana timelines); the decrees keep it."""
    world.services.ledger.record(BUDI, "training", f.training("2024-11-15", hours=27, start="2024-11-13"), actor="t")
    world.services.ledger.record(BUDI, "performance_rating", f.rating(2024, "BAIK"), actor="t")
    world.catch_up()
    indonesian = page_text(world, BUDI, "id")
    assert "Hari terakhir pelatihan: 15 Nov 2024" in indonesian
    assert "Tanggal penilaian: 31 Des 2024" in indonesian
    assert "Tanggal berlaku (TMT): 15 Nov 2024" not in indonesian
    assert "Tanggal berlaku (TMT):" in indonesian  # the appointment's
    english = page_text(world, BUDI)
    assert "Last day of the training: Nov 15, 2024" in english
    assert "Date of the rating: Dec 31, 2024" in english


def test_a_study_leaves_and_an_educations_level_read_as_an_education_level_not_a_posts_jenjang(world: World) -> None:
    """A study leave's and an education's level read "Jenjang: Diploma III", the label of a functional post's level
    (found walking a demo employee on study leave)."""
    leave = {"effective_date": "2024-09-01", "reference": "SK-TB-1", "institution": "USU", "level": "S-1"}
    world.services.ledger.record(BUDI, "study_leave_start", leave, actor="t")
    world.catch_up()
    indonesian = page_text(world, BUDI, "id")
    assert "Jenjang pendidikan yang ditempuh: Sarjana (S-1)" in indonesian
    assert "Jenjang: Sarjana (S-1)" not in indonesian
    assert "Education level studied for: Bachelor&#39;s degree (S-1)" in page_text(world, BUDI)  # English: GROUP_LABELS


def test_a_pppks_chart_is_of_grades_not_of_ranks(world: World) -> None:
    """A PPPK's page headed its chart of grades (V, IX) "Pangkat dari tahun ke tahun" (found walking a demo PPPK)."""
    nip = pppk_appointed(world)
    indonesian = page_text(world, nip, "id")
    assert "Golongan PPPK dari tahun ke tahun" in indonesian
    assert "Pangkat dari tahun ke tahun" not in indonesian
    assert "PPPK grade over the years" in page_text(world, nip)
    assert "Pangkat dari tahun ke tahun" in page_text(world, BUDI, "id")  # a civil servant's ranks as before


def test_a_deceased_employees_page_does_not_address_them(world: World) -> None:
    """A deceased employee's page read "Sejak 17 Nov 2026 status kepegawaian Anda adalah Meninggal dunia" (found
    walking the demo's deceased): the page is read by HR or the heirs, not by them."""
    world.services.ledger.record(BUDI, "status_change", f.status("DECEASED", "2025-10-17"), actor="test")
    world.catch_up()
    indonesian = page_text(world, BUDI, "id")
    assert "Anda adalah Meninggal dunia" not in indonesian
    assert (
        "Tercatat Meninggal dunia sejak 17 Okt 2025: masa dinas telah berakhir dan tidak ada kenaikan pangkat yang "
        "terbuka." in indonesian
    )
    assert "Recorded as Deceased since Oct 17, 2025: the service ended" in page_text(world, BUDI)


def test_the_ratings_met_read_with_their_years(world: World) -> None:
    """A 201's "Predikat kinerja SKP terpenuhi" said no year (found by an exploratory tester, 2026-12-05)."""
    met = RATINGS_MET(years="2024, 2025").text
    assert plain(world, "en", "met", met) == "SKP ratings met for 2024, 2025"
    assert plain(world, "id", "met", met) == "Predikat kinerja SKP terpenuhi untuk tahun 2024, 2025"
