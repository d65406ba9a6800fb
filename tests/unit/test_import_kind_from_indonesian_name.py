"""An import file named in Indonesian holds the kind it names, as one named in English does: HR staff in Indonesia
name their files pelatihan.csv or "Kenaikan Pangkat 2024.csv", which were of no kind (line 1 refused, nothing read;
found by helper hrhunt). A kind's Indonesian file name is the name the pages give the kind in Indonesian (Pelatihan,
Kenaikan pangkat), its words joined by underscores, so the file named as the page names its rows is read as them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask_babel import Babel, force_locale

from careerlog.domain.events import BY_KIND
from careerlog.importing import INDONESIAN_KIND_NAMES, kind_from_name
from web.pages.labels import kind_label


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("pelatihan.csv", "training"),
        ("pelatihan (1).csv", "training"),
        ("Pelatihan - Copy.csv", "training"),
        ("PELATIHAN 2024.CSV", "training"),
        ("kenaikan_pangkat.csv", "rank_promotion"),
        ("Kenaikan Pangkat 2024.csv", "rank_promotion"),
        ("kenaikan-pangkat.csv", "rank_promotion"),
        ("umpan_balik_pelatihan.csv", "training_feedback"),
        ("pengangkatan.csv", "appointment"),
        ("pengangkatan_dalam_jabatan.csv", "post_appointment"),
        ("pengangkatan_sebagai_pns (2).csv", "confirmation"),
        ("penilaian_kinerja.csv", "performance_rating"),
        ("penilaian_kinerja_skp.csv", "performance_rating"),
        ("hukuman_disiplin.csv", "penalty"),
        ("rank promotion.csv", "rank_promotion"),  # (an English kind's words may be spaced as well)
    ],
)
def test_a_file_named_in_indonesian_holds_the_kind_it_names(name: str, kind: str) -> None:
    assert kind_from_name(name) == kind


@pytest.mark.parametrize("name", ["pelatihanku.csv", "kenaikan.csv", "pangkat.csv"])
def test_a_file_named_in_another_indonesian_word_holds_no_kind(name: str) -> None:
    assert kind_from_name(name) is None


def test_each_kinds_indonesian_file_name_is_the_pages_indonesian_name_for_it() -> None:
    app = Flask(__name__)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(Path(__file__).parents[2] / "web" / "translations")
    Babel(app)
    with app.test_request_context(), force_locale("id"):
        shown = {kind: kind_label(kind) for kind in BY_KIND}
    assert shown["training"] == "Pelatihan"  # (translated: the catalogue was found)
    expected = {kind: "_".join(re.sub(r"\(.*?\)", "", label).lower().split()) for kind, label in shown.items()}
    assert expected == INDONESIAN_KIND_NAMES
