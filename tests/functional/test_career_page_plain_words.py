"""The career page words each requirement as a sentence an employee reads, not as the views store it.

The eligibility view stores some requirements in a developer's shorthand ("TMT 2027-02-01; permitted: day 1 of
months 2, 4, 6, 8, 10, 12", "IV/d since 2025-02-01; 2 y needed, reached on 2027-02-01", "functional level AHLI_MUDA
tops at III/d; new rank III/d"), which the English page showed as stored. The page words them from their stored
values at read time (web.pages.next_promotion.plain_requirements); the stored rows, the audit and the API keep them.
"""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_career_page_basis import ahli_muda_short_of_credit, page_text


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
    assert "The ranks of your functional level (Ahli Muda) go up to III/d; the new rank III/d is within them" in english
    assert "Confirmed as PNS" in english
    indonesian = requirements_of(page_text(world, nip, "id"))
    assert (
        "Pangkat jenjang jabatan fungsional Anda (Ahli Muda) paling tinggi III/d; pangkat baru III/d masih di dalamnya"
        in indonesian
    )
