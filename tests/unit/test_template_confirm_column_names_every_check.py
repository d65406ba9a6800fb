"""The `confirm` (Konfirmasi) column's description, on a template's guide and the import page, is made from the checks
themselves: every check a yes confirms on a row of the kind (careerlog.importing.YES_CONFIRMS) is named, and on a
correction every check it is asked by name, in English and in Indonesian. Until 2026-12-06 each kind's text was
written by hand, and a training's named training.duplicate alone: not training.daily_jp, which a yes confirms too."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from flask import Flask
from flask_babel import Babel, force_locale, gettext

from careerlog.application import CONFIRMABLE, CONFIRMING_KINDS
from careerlog.importing import YES_CONFIRMS
from careerlog.workbook_template import GUIDE_HEADER, confirm_description, template_workbook
from careerlog.workbooks import GUIDE_SHEET

PAGES = Flask(__name__)  # (the pages' catalogue)
PAGES.config["BABEL_TRANSLATION_DIRECTORIES"] = str(Path(__file__).parents[2] / "web" / "translations")
Babel(PAGES)


def in_indonesian(text: str) -> str:
    with PAGES.test_request_context(), force_locale("id"):
        return str(gettext(text))


@pytest.mark.parametrize("kind", CONFIRMING_KINDS)
def test_the_description_names_every_check_a_yes_confirms_in_both_languages(kind: str) -> None:
    english, indonesian = confirm_description(kind), confirm_description(kind, in_indonesian)
    for check in YES_CONFIRMS[kind]:
        assert f"({check})" in english, (kind, check)
        assert f"({check})" in indonesian, (kind, check)
    assert english.startswith("ya: confirms ")
    assert indonesian.startswith("ya: mengonfirmasi ")
    assert "confirms" not in indonesian


def test_a_trainings_description_names_training_daily_jp_and_training_cost() -> None:
    described = confirm_description("training")
    assert described == (
        "ya: confirms a training the record seems to hold already, the employee having attended it twice "
        "(training.duplicate); trainings of the same days holding more JP a day together than a training day holds "
        "(training.daily_jp); a training cost holding a fraction of a rupiah, or outside the plausible range "
        "(training.cost); a second basic training (Latsar), the employee having taken it again (training.latsar_once)"
    )


def test_a_corrections_description_names_the_checks_written_by_name() -> None:
    described = confirm_description("correction")
    yes, _, named = described.partition("; written by name (a yes does not confirm it on this row): ")
    assert "(promotion.one_step)" in yes
    assert "(placement.ends_post)" in yes
    checks = ("unit.new", "training.duplicate", "training.daily_jp", "training.cost", "fact.duplicate")
    for check in (*checks, "region.outside_seat", "appointment.tmt_first_day"):
        assert f"({check})" in named
    # (fact.duplicate is asked of a correction making a fact a double since 2026-12-06: careerlog.application
    # corrected_twice; region.outside_seat and appointment.tmt_first_day of a correction changing what they read
    # since 2026-12-07: corrected_placing)
    never = {"placement.leaves_scope"}
    assert set(CONFIRMABLE) - never == {c for c in CONFIRMABLE if f"({c})" in described}


def test_the_training_templates_guide_gives_it_in_english_and_indonesian() -> None:
    guide = openpyxl.load_workbook(io.BytesIO(template_workbook("training", in_indonesian)))[GUIDE_SHEET]
    at = GUIDE_HEADER.index("Description / Keterangan")
    [described] = [row[at] for row in guide.iter_rows(min_row=2, values_only=True) if row[0] == "confirm"]
    english, indonesian = described.split(" / ")
    assert english == confirm_description("training")
    assert indonesian.startswith(
        "ya: mengonfirmasi pelatihan yang tampaknya sudah tercatat, karena pegawai memang mengikutinya dua kali "
        "(training.duplicate); pelatihan-pelatihan berhari sama yang bersama-sama memuat lebih banyak JP sehari "
        "daripada satu hari pelatihan (training.daily_jp); biaya pelatihan"
    )
