"""The command line's import summary counts the rows recorded of each kind as the import page's "By kind" does:
each kind named as the page names it in English, the counts grouped in thousands and aligned, so that an
administrator importing 50,000 rows reads them at a glance; nothing when no row was recorded. The totals of its first
line are grouped in thousands alike (before, `50000 rows: recorded 49990` above `Training  31,245`)."""

from __future__ import annotations

from collections import Counter

from flask import Flask
from flask_babel import Babel, force_locale

from careerlog.domain.events import BY_KIND
from careerlog.importing import KIND_NAMES, ImportReport, RowProblem, RowSeen
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


def test_the_first_line_s_totals_are_grouped_in_thousands_as_the_kinds_counts() -> None:
    report = ImportReport(
        rows=1_234_567, recorded=1_233_000, already_recorded=1_000, recorded_by_kind=Counter(training=1_233_000)
    )
    report.rejected = [RowProblem(line, None, None, {"nip": ["x"]}) for line in range(567)]
    assert report.summary() == "1,234,567 rows: recorded 1,233,000, already recorded 1,000, rejected 567"
    assert report.kind_lines()[1] == "  Training  1,233,000"
    report.dry_run = True
    assert report.summary().startswith("1,234,567 rows: would record 1,233,000, ")
    assert ImportReport(rows=999, recorded=999).summary() == "999 rows: recorded 999, already recorded 0, rejected 0"


def test_an_import_that_recorded_nothing_lists_no_kind() -> None:
    assert ImportReport(rows=3, already_recorded=3).kind_lines() == []


def test_one_row_is_a_row_and_the_rows_already_recorded_past_those_listed_are_grouped_in_thousands() -> None:
    assert ImportReport(rows=1, recorded=1).summary() == "1 row: recorded 1, already recorded 0, rejected 0"
    report = ImportReport(rows=12_000, already_recorded=12_000)
    report.already_listed = [RowSeen(line, "198609262010031701", "training", line) for line in (2, 3)]
    assert report.already_lines() == "already recorded: lines 2, 3 and 11,998 more"
