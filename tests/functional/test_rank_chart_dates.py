"""The rank chart's time axis reads in the page's language: a record of a year or two (a new PPPK's, a CPNS's)
had its ticks written "2025-11", "2026-01" (matplotlib's own date format) on an Indonesian and an English page alike;
they read "Nov 2025", "Jan 2026" ("Mei 2026" in Indonesian, "May 2026" in English), and a longer record's yearly
ticks stay the years ("2016")."""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask import Flask

from web.pages import charts


def ticks(app: Flask, lang: str, steps: list[tuple[date, str]], today: date) -> list[str]:
    with app.test_request_context(f"/pages/?lang={lang}"):
        drawn = str(charts.rank_chart(steps, ["IX", "III/a", "III/b", "III/c"], "Rank", today))
    return re.findall(r"<text[^>]*>([^<]+)</text>", drawn)


@pytest.mark.parametrize(("lang", "month"), [("id", "Mei 2026"), ("en", "May 2026")])
def test_a_short_records_rank_chart_names_its_months_in_the_pages_language(app: Flask, lang: str, month: str) -> None:
    shown = ticks(app, lang, [(date(2025, 10, 1), "IX")], date(2026, 12, 3))
    assert not [t for t in shown if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", t.strip())], shown
    assert month in [t.strip() for t in shown], shown


def test_a_long_records_rank_chart_shows_the_years(app: Flask) -> None:
    shown = [
        t.strip()
        for t in ticks(app, "id", [(date(2004, 3, 1), "III/a"), (date(2010, 4, 1), "III/b")], date(2026, 12, 3))
    ]
    assert "2008" in shown, shown
    assert not [t for t in shown if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", t)], shown
