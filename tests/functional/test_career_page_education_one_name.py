"""The career page names an education one way: by its name and code, "Diploma III (D-III)", "Sarjana (S-1)".

A D-III employee at her ceiling read "Blocked: your education, Diploma III (D-III), allows ..." (labels.code_name, as
the reports name a group), then under it "Your education, Diploma III, allows ranks up to III/c" and, on the timeline,
"Education: Diploma III" (the reference name alone, labels.reference_name), while an S-1 read "Sarjana (S-1)"
everywhere (its name holds its code): the same level named two ways on one page, and the code the decree and the
promotion rules use (D-III, D-IV) shown for some levels and not others. The timeline and the plain requirements now
name it as the blocked sentence does.
"""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_career_page_basis import page_text
from tests.functional.test_ceiling_opened_by_a_degree import d3_at_iii_c


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


NAMES = {"en": ("Diploma III", "Bachelor's degree"), "id": ("Diploma III", "Sarjana")}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_an_education_is_named_with_its_code_in_every_sentence_of_the_career_page(world: World, lang: str) -> None:
    nip = d3_at_iii_c(world)
    d3, s1 = NAMES[lang]
    page = page_text(world, nip, lang)
    assert page.count(d3) >= 3  # blocked, its requirement (missing, and in all requirements), the appointment
    assert page.count(d3) == page.count(f"{d3} (D-III)")  # (it read "Diploma III" in all but the blocked sentence)
    degree = {"level": "S-1", "field_of_study": "Hukum", "institution": "USU", "effective_date": "2025-08-01"}
    world.services.ledger.record(nip, "education", degree | {"reference": "IJZ-795"}, actor="test")
    world.catch_up()
    page = page_text(world, nip, lang).replace("&#39;", "'")
    assert page.count(s1) >= 2  # the requirement met, the degree on the timeline
    assert page.count(s1) == page.count(f"{s1} (S-1)")
    assert page.count(d3) == page.count(f"{d3} (D-III)")
