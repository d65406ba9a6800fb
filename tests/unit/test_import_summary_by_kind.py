"""The command line's import summary counts the rows recorded of each kind as the import page's "By kind" does:
each kind named as the page names it in English, the counts grouped in thousands and aligned, so that an
administrator importing 50,000 rows reads them at a glance; nothing when no row was recorded."""

from __future__ import annotations

from collections import Counter

from flask import Flask
from flask_babel import Babel, force_locale

from careerlog.domain.events import BY_KIND
from careerlog.importing import KIND_NAMES, ImportReport
from web.pages.labels import kind_label


def test_each_kinds_name_in_the_summary_is_the_pages_english_name_for_it() -> None:
    app = Flask(__name__)
    Babel(app)
    with app.test_request_context(), force_locale("en"):
        shown = {kind: kind_label(kind) for kind in BY_KIND}
    assert shown == KIND_NAMES


def test_the_counts_of_each_kind_are_grouped_in_thousands_and_aligned() -> None:
    report = ImportReport(recorded_by_kind=Counter(training=31245, appointment=2000, rank_promotion=7))
    assert report.kind_lines() == [
        "recorded, by kind:",
        "  Appointment      2,000",
        "  Rank promotion       7",
        "  Training        31,245",
    ]
    report.dry_run = True
    assert report.kind_lines()[0] == "would record, by kind:"


def test_an_import_that_recorded_nothing_lists_no_kind() -> None:
    assert ImportReport(rows=3, already_recorded=3).kind_lines() == []
