"""The career page speaks to whoever reads it: to the employee reading their own record ("your", "Anda"), and of
"the employee" to HR, an inspector or an administrator reading someone else's ("The employee's service ...", "Masa
dinas yang bersangkutan ..."), whose name the heading says once instead of every line ("Budi Siregar needs ...").
Its heading names whose record it is as a government HR page does: the name, the NIP in its 8-6-1-3 display form,
the agency (instansi) and the rank held."""

from __future__ import annotations

import html
import re

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_career_page_basis import ahli_muda_short_of_credit, log_in_as_the_employee
from tests.functional.test_career_page_labels import pppk_appointed
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_promotion_kinds_in_english import main_text

OTHERS = ("hr", "inspector", "admin")


def test_the_employee_reading_their_own_page_is_spoken_to_in_both_languages(world: World) -> None:
    english = main_text(world, "employee", "en")
    assert (
        "Your service is expected to end on Sep 30, 2044, at the retirement age of 58 for an administrative post, "
        "taken as no post is held" in english
    )
    assert "The employee's service" not in english
    indonesian = main_text(world, "employee", "id")
    assert "Masa dinas Anda diperkirakan berakhir pada 30 Sep 2044" in indonesian
    assert "Masa dinas yang bersangkutan" not in indonesian


@pytest.mark.parametrize("who", OTHERS)
def test_hr_an_inspector_or_an_administrator_reads_of_the_employee_never_as_you(world: World, who: str) -> None:
    english = main_text(world, who, "en")
    assert (
        "The employee's service is expected to end on Sep 30, 2044, at the retirement age of 58 for an "
        "administrative post, taken as no post is held (an unconfirmed rule: their HR office confirms the date)."
    ) in english
    assert not re.search(r"\b(you|your)\b", english, re.IGNORECASE), english
    indonesian = main_text(world, who, "id")
    assert (
        "Masa dinas yang bersangkutan diperkirakan berakhir pada 30 Sep 2044, pada batas usia pensiun 58 tahun untuk "
        "jabatan administrasi, yang dipakai karena tidak ada jabatan yang diduduki (aturan yang belum dikonfirmasi: "
        "kantor kepegawaiannya memastikan tanggalnya)."
    ) in indonesian
    assert not re.search(r"\bAnda\b", indonesian), indonesian


def test_the_heading_names_the_employee_with_the_nip_spaced_the_agency_and_the_rank(world: World) -> None:
    spaced = f"{BUDI[:8]} {BUDI[8:14]} {BUDI[14]} {BUDI[15:]}"
    for who in ("employee", "hr"):
        log_in(world, who)
        indonesian = world.client.get(f"/pages/employees/{BUDI}?lang=id").get_data(as_text=True)
        assert "<h1>Riwayat Karier Budi Siregar</h1>" in indonesian
        assert f"<dt>NIP</dt><dd>{spaced}</dd>" in indonesian
        assert "<dt>Instansi</dt><dd>Pemerintah Kota Medan</dd>" in indonesian
        assert "<dt>Pangkat</dt><dd>III/b (Penata Muda Tingkat I)</dd>" in indonesian
        english = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
        assert "<h1>Career record of Budi Siregar</h1>" in english
        assert "<dt>Agency</dt><dd>Pemerintah Kota Medan</dd>" in english
        assert "<dt>Rank</dt><dd>III/b (Penata Muda Tingkat I)</dd>" in english


def test_the_heading_follows_a_promotion_and_a_move_to_another_agency(world: World) -> None:
    ledger = world.services.ledger
    ledger.record(BUDI, "rank_promotion", f.promotion("III/c", "2018-04-01"), actor="test")
    move = {"agency": "KAB-KARO", "unit": "Dinas Pendidikan", "region": "12.06"}
    ledger.record(BUDI, "placement", move | {"effective_date": "2020-01-02", "reference": "SK-MUT-1"}, actor="test")
    world.catch_up()
    log_in(world, "admin")
    page = world.client.get(f"/pages/employees/{BUDI}?lang=id").get_data(as_text=True)
    assert "<dt>Instansi</dt><dd>Pemerintah Kabupaten Karo</dd>" in page
    assert "<dt>Pangkat</dt><dd>III/c (Penata)</dd>" in page


def test_a_functional_levels_range_and_the_credit_still_needed_are_the_employees_to_hr(world: World) -> None:
    """A Guru Ahli Muda at III/c, 50 of the 100 credit points her level asks: HR reads her level's range and the credit
    she still needs as the employee's; she reads them as hers."""
    nip = ahli_muda_short_of_credit(world)
    english = html.unescape(main_text(world, "hr", "en", nip))  # (a worded requirement's apostrophe: &#39;)
    assert "The ranks of the employee's functional level, Ahli Muda, go up to III/d; the new rank III/d is" in english
    assert "Credit points (angka kredit): 50 of the 100 the employee's level needs, counted from " in english
    assert (
        "50 more credit points are needed: the employee's level earns 25 a year rated Baik, 37.5 rated Sangat Baik."
        in english
    )
    assert "The employee holds a definitive functional post, so rises by Selective: functional post (202)" in english
    assert "This rule is unconfirmed: the employee's HR office confirms it." in english
    assert not re.search(r"\b(you|your)\b", english, re.IGNORECASE), english
    indonesian = main_text(world, "hr", "id", nip)
    assert "Pangkat jenjang jabatan fungsionalnya, Ahli Muda, paling tinggi III/d" in indonesian
    assert "Masih diperlukan 50 angka kredit lagi: jenjangnya memperoleh 25 setahun" in indonesian
    assert (
        "Yang bersangkutan menduduki jabatan fungsional definitif, sehingga jenis kenaikan pangkatnya adalah "
        "“Pilihan: jabatan fungsional (202)”" in indonesian
    )
    assert not re.search(r"\bAnda\b", indonesian), indonesian
    log_in_as_the_employee(world, nip)
    own = world.client.get(f"/pages/employees/{nip}?lang=id").get_data(as_text=True)
    assert "Masih diperlukan 50 angka kredit lagi: jenjang Anda memperoleh 25 setahun" in own
    assert "jenjangnya memperoleh" not in own


def next_promotion_section(page: str) -> str:
    """The text of the page's next-promotion section (its sentences, requirements and advice)."""
    section = page.split('<section aria-labelledby="h-next">', 1)[1].split("</section>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section))


@pytest.mark.parametrize("lang", ["en", "id"])
def test_hr_reads_the_employees_name_once_in_the_heading_not_in_every_line(world: World, lang: str) -> None:
    """Before, HR read "Budi Siregar" in each of the section's lines ("Budi Siregar holds ...", "Credit points
    (angka kredit) of Budi Siregar ...", "Budi Siregar needs ...", "The service of Budi Siregar ..."); the
    employee still reads "your" ("Anda") there."""
    nip = ahli_muda_short_of_credit(world)
    log_in(world, "hr")
    page = world.client.get(f"/pages/employees/{nip}?lang={lang}").get_data(as_text=True)
    assert re.search(r"<h1>[^<]*Budi Siregar</h1>", page)
    lines = next_promotion_section(page)
    assert "Budi Siregar" not in lines, lines
    assert len(lines) > 500  # the section's many sentences are there
    log_in_as_the_employee(world, nip)
    own = next_promotion_section(world.client.get(f"/pages/employees/{nip}?lang={lang}").get_data(as_text=True))
    assert re.search(r"\b(your|Anda)\b", own), own
    assert "Budi Siregar" not in own


def test_a_separated_employees_status_is_said_of_them_to_hr_and_to_them_as_theirs(world: World) -> None:
    world.services.ledger.record(BUDI, "status_change", f.status("RETIRED", "2025-10-01"), actor="test")
    world.catch_up()
    assert "Your status has been " in main_text(world, "employee", "en")
    english = main_text(world, "inspector", "en")
    assert "The employee's status has been " in english
    assert "since Oct 1, 2025: their service ended and no rank promotion is open." in english
    indonesian = main_text(world, "inspector", "id")
    assert "Status kepegawaian yang bersangkutan sejak 1 Okt 2025 adalah " in indonesian
    assert "masa dinasnya telah berakhir" in indonesian


def test_a_pppk_employees_heading_gives_their_grade_and_hr_reads_why_no_rank_promotion_applies_to_them(
    world: World,
) -> None:
    nip = pppk_appointed(world)
    log_in(world, "hr")
    page = world.client.get(f"/pages/employees/{nip}?lang=id").get_data(as_text=True)
    assert "<dt>Golongan PPPK</dt><dd>IX</dd>" in page
    shown = main_text(world, "hr", "id", nip)
    assert "Pegawai PPPK tidak berada pada jenjang pangkat PNS (golongan): golongan yang bersangkutan, IX," in shown
    english = main_text(world, "hr", "en", nip)
    assert "A PPPK employee is not on the civil servants' rank ladder (golongan): this employee's grade, IX," in english
    assert "rank promotions do not apply to them." in english
    log_in_as_the_employee(world, nip)
    own = world.client.get(f"/pages/employees/{nip}?lang=en").get_data(as_text=True)
    assert "As a PPPK employee you are not on the civil servants' rank ladder" in own
