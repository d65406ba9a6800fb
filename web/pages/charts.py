"""Charts drawn on the server with matplotlib, inlined as SVG (no JavaScript, nothing fetched).

Each function takes plain data and texts already translated, and answers an accessible
`<svg role="img">` whose `<title>` is the chart's title. Text stays text (svg.fonttype none),
so the pages stay small and the labels searchable. Numbers on the axes follow the visitor's
language. The object API is used (never pyplot), so drawing is safe in a threaded server.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import matplotlib
from flask_babel import format_date, format_decimal, format_percent
from markupsafe import Markup, escape
from matplotlib.dates import AutoDateLocator, num2date
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

matplotlib.use("Agg")
_LOCK = threading.Lock()  # rc_context changes matplotlib's global settings while a chart is saved
BLUE, ORANGE, GREY, RED = "#0b4f6c", "#f2a900", "#8a8a8a", "#b00020"
STYLE = re.compile(r'style="([^"]*)"')
STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>|<metadata>.*?</metadata>", re.S)
GROUP_ID = re.compile(r' id="[a-z0-9]+_\d+"')  # figure_1, patch_2...: the same in every chart, referenced nowhere
FONT_FAMILY = "system-ui, sans-serif"
PALETTE = ("#0b4f6c", "#c05000", "#2a7f2a", "#7a3b8f", "#8a6d00", "#00708a", "#9c2f4c", "#4a4a4a")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    muted: bool = False  # drawn grey: a suppressed or small cell


def figure(width: float = 6.4, height: float = 3.2) -> Figure:
    fig = Figure(figsize=(width, height), layout="constrained")
    fig.patch.set_alpha(0)
    return fig


def svg(fig: Figure, title: str) -> Markup:
    """The figure as inline SVG, scalable to the page width, titled for screen readers."""
    out = io.StringIO()
    with _LOCK, matplotlib.rc_context({"svg.fonttype": "none", "font.size": 9}):
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    text = out.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"', r'<svg \1class="chart" role="img"', text, count=1)
    text = text.replace(">", f"><title>{escape(title)}</title>", 1)
    text = STYLE.sub(presentation_attributes, GROUP_ID.sub("", STYLE_ELEMENT.sub("", text)))
    return Markup(text)  # noqa: S704  # matplotlib's own output; the only inserted text is escaped


def presentation_attributes(match: re.Match[str]) -> str:
    """`style="fill: #fff; stroke: #000"` as `fill="#fff" stroke="#000"`: the pages' Content-Security-Policy
    refuses inline styles, but not SVG's presentation attributes."""
    found = []
    for declaration in match.group(1).split(";"):
        name, _sep, value = declaration.partition(":")
        value = FONT_FAMILY if name.strip() == "font-family" else value.strip()
        found.append(f'{name.strip()}="{escape(value)}"')
    return " ".join(found)


def numbers(axis: matplotlib.axis.Axis, places: int = 0) -> None:
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: format_decimal(round(v, places))))


def rank_chart(steps: Sequence[tuple[date, str]], ladder: Sequence[str], title: str, today: date) -> Markup:
    """The rank held over the years: a step line through each rank's start."""
    fig = figure()
    ax = fig.add_subplot()
    used = sorted({rank for _, rank in steps}, key=ladder.index)
    xs = [d for d, _ in steps] + [today]
    ys = [used.index(rank) for _, rank in steps]
    ax.step(xs, [*ys, ys[-1]], where="post", color=BLUE, linewidth=2)
    ax.plot([d for d, _ in steps], ys, "o", color=BLUE)
    ax.set_yticks(range(len(used)), used)
    ax.set_ylim(-0.5, len(used) - 0.5)
    ax.xaxis.set_major_locator(AutoDateLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: date_tick(num2date(v).date())))
    ax.grid(axis="y", color="#ddd")
    ax.set_title(title)
    return svg(fig, title)


def date_tick(day: date) -> str:
    """A time axis's tick in the visitor's language: a year's first day as the year ("2016"), a month's as the month
    ("Mei 2026", "May 2026"), any other day as the day ("3 Des 2026"); matplotlib's own reads "2026-05"."""
    if (day.month, day.day) == (1, 1):
        return str(day.year)
    return format_date(day, "MMM y" if day.day == 1 else "medium")


def jp_chart(
    years: Sequence[int],
    hours: Sequence[float],
    target: float | None,
    title: str,
    target_label: str = "",
    short: Sequence[bool] | None = None,
) -> Markup:
    """JP per year as bars, those under the target in orange (`short`: the years judged short of it, when not every
    year is judged: before the rule, a CPNS's), with the target line (no target: bars alone)."""
    fig = figure()
    ax = fig.add_subplot()
    under = short if short is not None else [target is not None and h < target for h in hours]
    colours = [ORANGE if u else BLUE for u in under]
    ax.bar([str(y) for y in years], hours, color=colours)
    if target is not None:
        ax.axhline(target, color=RED, linestyle="--", label=target_label)
        ax.legend(loc="upper left", frameon=False)
    ax.tick_params(axis="x", labelrotation=90 if len(years) > 12 else 0)
    numbers(ax.yaxis)
    ax.set_title(title)
    return svg(fig, title)


def bar_chart(
    bars: Sequence[Bar], title: str, *, line: float | None = None, line_label: str = "", share: bool = False
) -> Markup:
    """Horizontal bars, optionally against a reference line (e.g. four fifths of the highest rate)."""
    fig = figure(height=max(2.0, 0.35 * len(bars) + 1.0))
    ax = fig.add_subplot()
    labels = [b.label for b in bars]
    ax.barh(labels, [b.value for b in bars], color=[GREY if b.muted else BLUE for b in bars])
    ax.invert_yaxis()
    if line is not None:
        ax.axvline(line, color=RED, linestyle="--", label=line_label)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False)
    if share:
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_percent(v)))
    else:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        numbers(ax.xaxis)
    ax.set_title(title)
    return svg(fig, title)


def survival_chart(curves: Sequence[tuple[str, Sequence[float], Sequence[float]]], title: str, xlabel: str) -> Markup:
    """Kaplan-Meier curves: the share not yet promoted against years in rank, one step line per group."""
    fig = figure()
    ax = fig.add_subplot()
    for i, (label, xs, ys) in enumerate(curves):
        ax.step(xs, ys, where="post", label=label, color=PALETTE[i % len(PALETTE)], linewidth=1.8)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel(xlabel)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_percent(v)))
    numbers(ax.xaxis)
    if curves:
        ax.legend(frameon=False, fontsize=8)
    ax.set_title(title)
    return svg(fig, title)
