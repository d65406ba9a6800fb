"""The import report and the record form name each refused field; the NIP read 'nip:' and a field within a
correction's corrected fields 'corrected_fields.hours:', raw, beside 'Jam pelajaran (JP): ...' (request of the
administrator's pass, 2026-12-02)."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_babel import Babel, force_locale

from web.pages.labels import field_label

CATALOGUE = Path(__file__).parents[2] / "web" / "translations"


NAMED = {
    "id": ("NIP", "Isian yang dikoreksi (JSON) / Jam pelajaran (JP)"),
    "en": ("NIP", "Corrected fields (JSON) / Lesson hours (JP)"),
}


def test_the_nip_and_a_field_within_a_field_are_named() -> None:
    pages = Flask(__name__)
    Babel(pages, default_translation_directories=str(CATALOGUE))
    for lang, (nip, hours) in NAMED.items():
        with pages.test_request_context(), force_locale(lang):
            assert (field_label("nip"), field_label("corrected_fields.hours")) == (nip, hours)
            assert field_label("not_a_field") == "not_a_field"
