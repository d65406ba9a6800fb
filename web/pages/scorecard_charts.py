"""The scorecard's charts: an indicator's trend over the years beside this year's comparison across
agencies, drawn on matplotlib axes so that the page (inline SVG) and the PDF draw the same thing.

A drawing is kept (`KEPT`, cachetools' LRUCache, per process, bounded) under everything it is drawn
from: the visitor's language and the view's title, values, agencies and kind of value. The same scorecard
read again (a page reloaded, another reader shown the same values) is not drawn again; another language or
other values are drawn anew, so a drawing is never shown for what it was not drawn from."""

from __future__ import annotations

import threading
from collections.abc import Hashable, Sequence

from cachetools import LRUCache, cached
from flask_babel import format_decimal, format_percent, get_locale
from flask_babel import gettext as _
from markupsafe import Markup
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from web.pages import charts
from web.pages.scorecard_view import IndicatorView

MAX_AGENCIES = 12  # the comparison chart shows the scope's agency and the others up to this many
SVG_GRID = {"left": 0.08, "right": 0.98, "bottom": 0.14, "top": 0.86, "wspace": 0.42}


KEPT: LRUCache[Hashable, Markup] = LRUCache(256)  # about 12 KB each: some 3 MB per worker


def value_axis(axis: object, share: bool) -> None:
    if share:
        axis.set_major_formatter(FuncFormatter(lambda v, _pos: format_percent(v)))  # type: ignore[attr-defined]
    else:
        axis.set_major_formatter(FuncFormatter(lambda v, _pos: format_decimal(round(v, 2))))  # type: ignore[attr-defined]


def draw_trend(ax: Axes, points: Sequence[tuple[int, float | None]], share: bool) -> None:
    """The value over the years: a line through the years that have one."""
    known = [(year, value) for year, value in points if value is not None]
    ax.plot([str(y) for y, _v in known], [v for _y, v in known], "o-", color=charts.BLUE, linewidth=2)
    if share:
        ax.set_ylim(0, 1.02)
    else:
        ax.set_ylim(bottom=0)
    value_axis(ax.yaxis, share)
    if points and not known:  # every year withheld: the years, no line (not matplotlib's -0.050 ... 0.050 of nothing)
        withheld(ax, [str(y) for y, _v in points])
    ax.grid(axis="y", color="#ddd")
    charts.put_title(ax, _("Trend"), fontsize=9)


def withheld(ax: Axes, years: Sequence[str]) -> None:
    """A trend whose every year is withheld from the reader: its years, no value axis, and a note saying so."""
    ax.set_xticks(range(len(years)), years)
    ax.set_xlim(-0.5, len(years) - 0.5)
    ax.set_yticks([])
    ax.text(0.5, 0.5, _("Withheld (small cell)"), transform=ax.transAxes, ha="center", va="center", color=charts.GREY)


def compared(points: Sequence[tuple[str, float | None]], agency: str) -> list[tuple[str, float]]:
    """The agencies with a value, highest first, keeping the scope's agency among those shown."""
    ranked = sorted(((a, v) for a, v in points if v is not None), key=lambda p: -p[1])
    shown = ranked[:MAX_AGENCIES]
    mine = [p for p in ranked if p[0] == agency]
    if mine and mine[0] not in shown:
        shown = [*shown[: MAX_AGENCIES - 1], mine[0]]
    return shown


def draw_comparison(ax: Axes, points: Sequence[tuple[str, float | None]], agency: str, share: bool) -> None:
    """This year's value of each agency, the scope's agency in orange."""
    bars = compared(points, agency)
    labels = [a for a, _v in bars]
    ax.barh(labels, [v for _a, v in bars], color=[charts.ORANGE if a == agency else charts.BLUE for a in labels])
    ax.invert_yaxis()
    ax.tick_params(axis="y", labelsize=7)
    if share:
        ax.set_xlim(0, 1.02)
    elif not bars:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    value_axis(ax.xaxis, share)
    charts.put_title(ax, _("Agencies this year"), fontsize=9)


def draw_indicator(fig: Figure | SubFigure, view: IndicatorView, agency: str, **grid: float) -> None:
    """The trend (left) and the comparison (right); `grid` places them (gridspec's left, top...)."""
    trend, comparison = fig.subplots(1, 2, width_ratios=[1, 1.4], gridspec_kw=grid or None)
    draw_trend(trend, view.trend, view.share)
    draw_comparison(comparison, view.comparison, agency, view.share)


def indicator_svg(view: IndicatorView, agency: str) -> Markup | None:
    """The trend and the comparison of an indicator without groups, as inline SVG."""
    if view.grouped or not (any(v is not None for _y, v in view.trend) or view.comparison):
        return None
    return kept_svg(view, agency)


def drawn_from(view: IndicatorView, agency: str) -> Hashable:
    """Everything an indicator's chart is drawn from: the visitor's language and the view's values."""
    return (str(get_locale()), agency, view.title, view.share, tuple(view.trend), tuple(view.comparison))


@cached(KEPT, key=drawn_from, lock=threading.Lock())  # looked up and stored under the lock, drawn outside it
def kept_svg(view: IndicatorView, agency: str) -> Markup:
    return draw_svg(view, agency)


def draw_svg(view: IndicatorView, agency: str) -> Markup:
    fig = Figure(figsize=(7.0, 2.2 + 0.12 * min(len(view.comparison), MAX_AGENCIES)))  # no layout engine: fast
    fig.patch.set_alpha(0)
    draw_indicator(fig, view, agency, **SVG_GRID)
    return charts.svg(fig, _("%(title)s: trend and agencies this year", title=view.title), fitted=False)
