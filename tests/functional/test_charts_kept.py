"""The career page's charts are kept under everything they are drawn from (web.pages.charts.KEPT): the same chart
asked again is the same SVG without drawing; another language, another record or another day is drawn anew."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask

from web.pages import charts

STEPS = [(date(2010, 3, 1), "III/a"), (date(2014, 4, 1), "III/b")]
LADDER = ["III/a", "III/b", "III/c"]


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What was drawn (charts.svg's titles), with an empty keep."""
    found: list[str] = []
    svg = charts.svg
    charts.KEPT.clear()
    monkeypatch.setattr(charts, "svg", lambda fig, title, **kw: found.append(title) or svg(fig, title, **kw))
    return found


def rank(app: Flask, lang: str, steps: list[tuple[date, str]] = STEPS, today: date = date(2026, 12, 3)) -> str:
    with app.test_request_context(f"/pages/?lang={lang}"):
        return str(charts.rank_chart(steps, LADDER, "Rank", today))


def jp(app: Flask, lang: str, hours: list[float]) -> str:
    with app.test_request_context(f"/pages/?lang={lang}"):
        return str(charts.jp_chart([2024, 2025], hours, 20.0, "JP", "20 JP", short=[True, False]))


def test_the_same_chart_again_is_the_same_svg_without_drawing(app: Flask, drawn: list[str]) -> None:
    first, again = rank(app, "id"), rank(app, "id")
    assert again == first
    assert jp(app, "id", [10.0, 25.0]) == jp(app, "id", [10.0, 25.0])
    assert len(drawn) == 2


def test_another_language_record_or_day_is_drawn_anew(app: Flask, drawn: list[str]) -> None:
    short = [(date(2025, 10, 1), "III/a")]
    indonesian, english = rank(app, "id", short), rank(app, "en", short)
    assert "Mei 2026" in indonesian
    assert "May 2026" in english
    assert "Mei 2026" not in english
    rank(app, "id", [*STEPS, (date(2018, 4, 1), "III/c")])
    rank(app, "id", short, date(2026, 12, 4))
    assert jp(app, "id", [10.0, 25.0]) != jp(app, "id", [10.0, 26.0])
    assert len(drawn) == 6
