"""The career page shows a code by its reference name, in both languages (web.pages.career.shown_value): the names
are the official Indonesian terms, without an English gloss that an Indonesian page would show half in English.
The acceptance pass of 2026-12-02 found 'Anumerta (posthumous)', 'Ujian dinas tingkat I (II/d to III/a)' and
'Komunitas belajar (community of practice)'; the next, 'Ujian penyesuaian kenaikan pangkat (new degree)'."""

from __future__ import annotations

import pytest

from careerlog.reference import reference

GLOSSES = (
    "posthumous",
    "retirement",
    " to ",
    "practice",
    "outstanding",
    "achievement",
    "appointment",
    "award",
    "upgrading",
    "internship",
    "secondment",
    "exchange",
    "self-development",
    "guidance",
    "degree",
)
SHOWN = ("promotion_kinds", "exams", "award_kinds", "training_kinds", "employment_kinds", "statuses", "post_kinds")


@pytest.mark.parametrize("table", SHOWN)
def test_reference_names_shown_on_the_career_page_carry_no_english_gloss(table: str) -> None:
    glossed = [c.name for c in reference().table(table) if any(g in c.name for g in GLOSSES)]
    assert glossed == []


def test_the_education_level_names_no_profession_as_the_persons() -> None:
    """S-2 was named "Magister (S-2), dokter, apoteker", which made an S.K.M., M.Kes. read as a doctor and a
    pharmacist on their career page: the level is named as a level, the old name still read as S-2 (a file written
    with it)."""
    education = reference().table("education")
    assert education["S-2"].name == "Magister (S-2) atau setara"
    assert education.normalise("Magister (S-2), dokter, apoteker") == "S-2"
