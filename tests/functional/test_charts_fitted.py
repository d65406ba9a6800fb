"""The pages' charts are laid out from their labels' extents (web.pages.charts.fit, no layout engine): every label,
title and legend lies inside the drawing and none covers another, with long Indonesian labels, rotated years,
a title wider than the chart and a legend under the axis. Checked against matplotlib's own measure of the drawing."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import matplotlib
import pytest
from flask import Flask
from markupsafe import Markup
from matplotlib.figure import Figure
from matplotlib.text import Text

from web.pages import charts

LADDER = ["II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e"]
LONG_GROUP = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Daerah"
LONG_TITLE = "Tingkat seleksi per kelompok (empat perlima dari tingkat tertinggi sebagai garis pembanding)"

CHARTS: dict[str, Callable[[], Markup]] = {
    "rank": lambda: charts.rank_chart(
        [(date(2010, 3, 1), "III/a"), (date(2014, 4, 1), "III/b")], LADDER, "Pangkat/golongan", date(2026, 12, 3)
    ),
    "rank_long": lambda: charts.rank_chart(
        [(date(1990 + 3 * i, 4, 1), r) for i, r in enumerate(LADDER)], LADDER, "Pangkat", date(2026, 12, 3)
    ),
    "rank_months": lambda: charts.rank_chart([(date(2025, 10, 1), "IX")], ["IX"], "Golongan PPPK", date(2026, 12, 3)),
    "jp": lambda: charts.jp_chart(list(range(2019, 2027)), [10, 20, 30, 5, 25, 20, 18, 22], 20, "JP", "20 JP"),
    "jp_rotated": lambda: charts.jp_chart(
        list(range(2000, 2027)), [i % 30 for i in range(27)], 20, "Jam pelatihan (JP) per tahun", "20 JP setahun"
    ),
    "jp_thousands": lambda: charts.jp_chart([2019, 2020], [1200.0, 2500.0], None, "Jam pelatihan (JP) per tahun"),
    "bars_long": lambda: charts.bar_chart(
        [charts.Bar(LONG_GROUP, 0.5), charts.Bar("Dinas Pendidikan", 0.8, True), charts.Bar("Sekretariat", 0.3)],
        LONG_TITLE,
        line=0.64,
        line_label="empat perlima dari tingkat tertinggi",
        share=True,
    ),
    "bars_many": lambda: charts.bar_chart([charts.Bar(f"Unit {i}", 10 * i) for i in range(1, 25)], "Pegawai"),
    "survival": lambda: charts.survival_chart(
        [("Laki-laki", [0, 1, 2, 4], [1, 0.9, 0.7, 0.4]), ("Perempuan", [0, 1, 3], [1, 0.8, 0.5])],
        "Bagian yang belum naik pangkat (Kaplan-Meier)",
        "Tahun dalam pangkat",
    ),
}


@pytest.mark.parametrize("name", CHARTS)
def test_every_label_lies_inside_the_chart_and_none_covers_another(
    app: Flask, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[Figure] = []
    charts.KEPT.clear()  # a kept chart (the career page's) is not drawn again
    svg = charts.svg
    monkeypatch.setattr(charts, "svg", lambda fig, title, **kw: drawn.append(fig) or svg(fig, title, **kw))
    with app.test_request_context("/pages/?lang=id"), matplotlib.rc_context({"svg.fonttype": "none", "font.size": 9}):
        markup = str(CHARTS[name]())
        (fig,) = drawn  # measured as charts.svg draws it: its settings, its ticks in the page's language
        renderer = fig._get_renderer()  # type: ignore[attr-defined]
        outer = fig.get_tightbbox(renderer)
        texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
        boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    assert re.match(r'<svg [^>]*role="img"[^>]*><title>', markup), markup[:300]
    width, height = fig.get_size_inches()
    assert outer.x0 > 0, (name, outer)
    assert outer.y0 > 0, (name, outer)
    assert outer.x1 < width, (name, outer)
    assert outer.y1 < height, (name, outer)
    covered = [
        (a, b)
        for i, (a, box) in enumerate(boxes)
        for b, other in boxes[i + 1 :]
        if (overlap := box.intersection(box, other)) is not None and overlap.width > 1 and overlap.height > 1
    ]
    assert not covered, covered


def test_a_title_wider_than_the_chart_is_shown_whole_on_more_lines(app: Flask) -> None:
    with app.test_request_context("/pages/?lang=id"):
        markup = str(CHARTS["bars_long"]())
    assert f"<title>{LONG_TITLE}</title>" in markup  # read whole by a screen reader
    assert "sebagai garis pembanding)" in markup  # its drawn second line
