"""The unknown programme's refusal, with the place it names and the programmes it may be, reads whole in Indonesian
(a reporting client's tester, 2026-12-06: "there" named no place; the near programmes are a worded part)."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_babel import Babel, force_locale

from projections.training import unknown_programme
from web.pages.messages import reason_text

CATALOGUE = Path(__file__).parents[2] / "web" / "translations"


def test_the_unknown_programme_refusal_names_the_agency_and_near_programme_in_indonesian() -> None:
    pages = Flask(__name__)
    Babel(pages, default_translation_directories=str(CATALOGUE))
    reason = unknown_programme("PRG-ARSIP-1", {"agency": ["KOTA-MEDAN"]}, ["PRG-ARSIP-01"])
    with pages.test_request_context(), force_locale("id"):
        assert reason_text(reason) == (
            "Program 'PRG-ARSIP-1' (maksud Anda 'PRG-ARSIP-01'?) tidak dikenal: tidak pernah tercatat pelatihan dari "
            "program itu di instansi KOTA-MEDAN (instansi yang diminta, atau cakupan Anda)."
        )
    assert str(reason) == (
        "Unknown programme 'PRG-ARSIP-1' (did you mean 'PRG-ARSIP-01'?): no training of that programme was ever "
        "recorded in agency KOTA-MEDAN (the agency asked, or your scope)."
    )
