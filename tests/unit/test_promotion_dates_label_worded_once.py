"""promotion.dates' label, of the version in force on a decision's TMT (web.pages.labels `dates_label`), is worded once
per version and language, not per row: a workbook of the audits (up to a million rows) worded it for each, some 250 us
a row against some 30 us for another rule's label (the review of d3302f59, 2026-12-07)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask_babel import Babel, force_locale

import web.pages.labels as labels

TRANSLATIONS = Path(labels.__file__).resolve().parents[1] / "translations"
WORDED = {
    ("en", "2024-07-01"): "TMT on 1 February, 1 April, 1 June, 1 August, 1 October, or 1 December",
    ("en", "2018-05-01"): "TMT on 1 April or 1 October",
    ("id", "2024-07-01"): "TMT 1 Februari, 1 April, 1 Juni, 1 Agustus, 1 Oktober, atau 1 Desember",
    ("id", "2018-05-01"): "TMT 1 April atau 1 Oktober",
}


@pytest.fixture
def app() -> Flask:
    made = Flask(__name__)
    made.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS)
    Babel(made)
    return made


def test_the_label_is_worded_once_per_version_and_language(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    worded: list[list[str]] = []
    words = labels.format_list

    def counted(items: list[str], *args: Any, **kwargs: Any) -> str:
        worded.append(items)
        return str(words(items, *args, **kwargs))

    labels.permitted_dates.cache_clear()  # (worded by an earlier test of the worker)
    monkeypatch.setattr(labels, "format_list", counted)
    shown = {}
    for lang in ("en", "id"):
        with app.test_request_context(), force_locale(lang):
            for _ in range(50):
                for day in ("2024-07-01", "2018-05-01"):
                    shown[(lang, day)] = labels.rule_label("promotion.dates", day)
    assert shown == WORDED
    assert len(worded) == 4  # (two versions, two languages)
