"""Charts drawn on the server with matplotlib, inlined as SVG (no JavaScript, nothing fetched).

Each function takes plain data and texts already translated, and answers an accessible
`<svg role="img">` whose `<title>` is the chart's title. Text stays text (svg.fonttype none),
so the pages stay small and the labels searchable. The career page serves its two charts as
SVG images of their own requests instead (web.pages.career.career_chart), with text alternatives.
Numbers on the axes follow the visitor's language. The object API is used (never pyplot), so drawing
is safe in a threaded server.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import textwrap
import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, ParamSpec, cast

import matplotlib
from cachetools import LRUCache
from flask_babel import format_date, format_decimal, format_percent, get_locale
from markupsafe import Markup, escape
from matplotlib.axes import Axes
from matplotlib.axis import Tick
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.dates import AutoDateLocator, num2date
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import Bbox

matplotlib.use("Agg")
# Every text drawn as written: matplotlib reads a text holding two $ as mathtext (TeX), so a recorded name ("Dinas $x$",
# a unit filter) printed "x" in italics, and one that is no TeX ("$\\frac$") raised as the chart was drawn (the
# scorecard's PDF answered 500). Taken by each text as it is made, so set before any is (the PDF's too).
matplotlib.rcParams["text.parse_math"] = False
P = ParamSpec("P")
_LOCK = threading.Lock()  # rc_context changes matplotlib's global settings while a chart is saved
BLUE, ORANGE, GREY, RED = "#0b4f6c", "#f2a900", "#8a8a8a", "#b00020"
STYLE = re.compile(r'style="([^"]*)"')
STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>|<metadata>.*?</metadata>", re.S)
# figure_1, patch_2, matplotlib.axis_1...: the same in every chart, referenced nowhere
GROUP_ID = re.compile(r' id="[a-z0-9.]+_\d+"')
# The ids left (markers, clip paths, hatches: matplotlib's m0123456789, p0123456789, h0123456789) and the references to
# them (url(#...), xlink:href="#..."), which `svg` prefixes with the chart's own `chart_id`: two charts of one page
# share none.
ID_OR_REFERENCE = re.compile(r'( id="|url\(#|href="#)([A-Za-z][\w.-]*)')
SALT = "careerlog"  # svg.hashsalt: matplotlib's ids made from the chart's content, the same at each drawing
FONT_FAMILY = "system-ui, sans-serif"
MARGIN = 4.0  # points between a chart's outermost label and the figure's edge
PALETTE = ("#0b4f6c", "#c05000", "#2a7f2a", "#7a3b8f", "#8a6d00", "#00708a", "#9c2f4c", "#4a4a4a")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    muted: bool = False  # drawn grey: a suppressed or small cell


def figure(width: float = 6.4, height: float = 3.2) -> Figure:
    """A figure of one chart, its margins fitted to its labels when it is saved (`fit`): no layout engine, whose
    solving (matplotlib's constrained layout lays every label out twice more) cost more than the drawing itself."""
    fig = Figure(figsize=(width, height))
    fig.patch.set_alpha(0)
    return fig


def fit(fig: Figure) -> None:
    """Places the figure's one axes so that everything drawn around it lies inside the figure, MARGIN from its edges:
    the tick labels (rotated or not, the outermost ones' halves reaching past the axes' ends), the axis label, the
    title above and a figure legend below. Each text is measured as it will be drawn (its own font, size and
    rotation), without laying out the whole chart: placed again once, as the axes' new size may change the ticks."""
    (ax,) = fig.axes
    renderer = measuring(fig.dpi)
    width, height = fig.bbox.width, fig.bbox.height
    px = fig.dpi / 72
    pad = MARGIN * px
    title = ax.title.get_text()
    legend = fig.legends[0] if fig.legends else None
    below = extent(renderer, legend).height + pad if legend else 0.0
    for _attempt in range(2):
        box = ax.get_window_extent()
        xlabels = tick_extents(renderer, ax, "x")
        ylabels = tick_extents(renderer, ax, "y")
        xtick, ytick = ax.xaxis.get_major_ticks(1)[0], ax.yaxis.get_major_ticks(1)[0]
        xpad = (tick_pad(xtick) + xtick.get_tick_padding()) * px
        ypad = (tick_pad(ytick) + ytick.get_tick_padding()) * px
        bottom = xpad + max((b.height for b in xlabels), default=0.0)
        if ax.xaxis.label.get_text():
            bottom += ax.xaxis.labelpad * px + extent(renderer, ax.xaxis.label).height
        left = max(
            ypad + max((b.width for b in ylabels), default=0.0),
            *(box.x0 - b.x0 for b in xlabels),
            0.0,
        )
        right = max(0.0, *(b.x1 - box.x1 for b in xlabels))
        top = max(0.0, *(b.y1 - box.y1 for b in ylabels))
        if title:  # centred over the axes, or over the figure when it is wider, on as many lines as fit in it
            x0, x1 = left + pad, width - right - pad
            centre = (x0 + x1) / 2
            if extent(renderer, ax.title, title).width <= 2 * min(centre, width - centre) - 2 * pad:
                ax.title.set_text(title)
                ax.title.set_x(0.5)
            else:
                room = width - 2 * pad
                fits = extent(renderer, ax.title, title).width <= room
                ax.title.set_text(title if fits else wrapped(renderer, ax.title, room))
                ax.title.set_x((width / 2 - x0) / max(x1 - x0, 1))
            top = max(top, matplotlib.rcParams["axes.titlepad"] * px + extent(renderer, ax.title).height)
        left, right, top = left + pad, right + pad, top + pad
        bottom += pad + below
        inner = (max(width - left - right, 1.0), max(height - bottom - top, 1.0))
        ax.set_position((left / width, bottom / height, inner[0] / width, inner[1] / height))


def tick_extents(renderer: RendererAgg, ax: Axes, which: str) -> list[Bbox]:
    """Where the axis's tick labels will be drawn, in the figure's pixels: each measured in the tick labels' font
    and rotation, centred on its tick (x: below the axes, y: left of them; only the extent that matters is right)."""
    axis = ax.xaxis if which == "x" else ax.yaxis
    low, high = sorted(axis.get_view_interval())
    locs = [loc for loc in axis.get_majorticklocs() if low - 1e-9 * (high - low) <= loc <= high + 1e-9 * (high - low)]
    if not locs:
        return []
    label = axis.get_major_ticks(1)[0].label1
    found = []
    for loc, text in zip(locs, axis.get_major_formatter().format_ticks(locs), strict=True):
        size = extent(renderer, label, text)
        x, y = ax.transData.transform((loc, 0) if which == "x" else (0, loc))
        box = ax.get_window_extent()
        if which == "x":
            found.append(Bbox.from_bounds(x - size.width / 2, box.y0 - size.height, size.width, size.height))
        else:
            found.append(Bbox.from_bounds(box.x0 - size.width, y - size.height / 2, size.width, size.height))
    return found


def tick_pad(tick: Tick) -> float:
    """A tick's pad between it and its label, in points."""
    # (matplotlib's stubs type Tick.get_pad as returning None: it returns the pad)
    return cast(float, tick.get_pad())


def extent(renderer: RendererAgg, artist: Text | Legend, text: str | None = None) -> Bbox:
    """The size an artist (or its font and rotation, holding another text) is drawn at."""
    if text is None:
        return artist.get_window_extent(renderer)
    assert isinstance(artist, Text)
    probe = Text(0, 0, text, fontproperties=artist.get_fontproperties(), rotation=artist.get_rotation())
    drawn_in = artist.get_figure(root=True)
    if drawn_in is not None:  # (a text not in a figure yet has none to give)
        probe.set_figure(drawn_in)
    return probe.get_window_extent(renderer)


def wrapped(renderer: RendererAgg, title: Text, room: float) -> str:
    """A title too wide for the figure on as few lines as fit in it, broken between words."""
    text = title.get_text()
    for width in range(len(text) - 1, 10, -1):
        lines = "\n".join(textwrap.wrap(text, width))
        if extent(renderer, title, lines).width <= room:
            return lines
    return "\n".join(textwrap.wrap(text, 10))


@functools.cache
def measuring(dpi: float) -> RendererAgg:
    """A renderer that is never drawn on, only asked for text extents: kept, so are the extents it measured."""
    return RendererAgg(1, 1, dpi)


def unlabelled(fig: Figure) -> None:
    """An axis without a label is given its label's place, so that drawing it no longer measures every tick label
    again to move the label clear of them (matplotlib's Axis._update_label_position, about a tenth of drawing an
    axes): an empty label is not drawn, so the drawing is the same."""
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if not axis.label.get_text():
                axis.set_label_coords(0.5, 0.5)


def svg(fig: Figure, title: str, *, fitted: bool = True) -> Markup:
    """The figure as inline SVG, scalable to the page width, titled for screen readers (`fitted`: its one axes placed
    by `fit`; a figure of several is placed by its drawer)."""
    out = io.StringIO()
    with _LOCK, matplotlib.rc_context({"svg.fonttype": "none", "font.size": 9, "svg.hashsalt": SALT}):
        if fitted:
            fit(fig)
        unlabelled(fig)
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    text = out.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"', r'<svg \1class="chart" role="img"', text, count=1)
    text = text.replace(">", f"><title>{escape(title)}</title>", 1)
    text = STYLE.sub(presentation_attributes, GROUP_ID.sub("", STYLE_ELEMENT.sub("", text)))
    prefix = chart_id(text)
    text = ID_OR_REFERENCE.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", text)
    return Markup(text)  # noqa: S704  # matplotlib's own output; the only inserted text is escaped


def chart_id(text: str) -> str:
    """A chart's own prefix of its ids, from its whole text (title and drawing). matplotlib names a marker or clip
    path by a hash of its shape and svg.hashsalt (fixed, `SALT`: a chart is the same text at each drawing), so two
    charts of one page drawing the same tick mark would name it alike, the second's references reaching the first's
    definition: the prefix tells them apart."""
    return "chart-" + hashlib.sha256(text.encode()).hexdigest()[:10]


def presentation_attributes(match: re.Match[str]) -> str:
    """`style="fill: #fff; stroke: #000"` as `fill="#fff" stroke="#000"`: the pages' Content-Security-Policy
    refuses inline styles, but not SVG's presentation attributes."""
    found = []
    for declaration in match.group(1).split(";"):
        name, _sep, value = declaration.partition(":")
        value = FONT_FAMILY if name.strip() == "font-family" else value.strip()
        found.append(f'{name.strip()}="{escape(value)}"')
    return " ".join(found)


def put_title(ax: Axes, text: str, **font: Any) -> None:
    """The axes' title, over the axes (y 1.0, as matplotlib places it when nothing is drawn above the axes): given
    its place, matplotlib no longer measures every tick label of the value axis again at each drawing to see whether
    an axis's offset text ("1e6") might cover the title, about a third of drawing an axes. None of these charts has
    an offset text (their value axes are formatted by FuncFormatter) or ticks above the axes: drawn the same."""
    ax.set_title(text, y=1.0, **font)


def numbers(axis: matplotlib.axis.Axis, places: int = 0) -> None:
    """An axis's ticks as numbers in the visitor's language, rounded to `places`; a tick rounding to zero from below
    reads 0, not "-0" (round(-0.02) is -0.0: + 0.0 makes it 0.0)."""
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: format_decimal(round(v, places) + 0.0)))


KEPT: LRUCache[Hashable, Markup] = LRUCache(512)  # the career page's charts, some 10 KB each: about 5 MB per worker
_KEPT_LOCK = threading.Lock()


def frozen(value: object) -> Hashable:
    """A chart's input as a key: lists (steps, years, hours) as tuples."""
    if isinstance(value, list | tuple):
        return tuple(frozen(v) for v in value)
    assert isinstance(value, Hashable)
    return value


def kept(draw: Callable[P, Markup]) -> Callable[P, Markup]:
    """A chart kept under everything it is drawn from: the visitor's language and every argument (today too, for
    the rank chart). The same career page seen again is not drawn again; another language or record is drawn."""

    @functools.wraps(draw)
    def keeping(*args: P.args, **kwargs: P.kwargs) -> Markup:
        key = (draw.__name__, str(get_locale()), frozen(args), frozen(tuple(sorted(kwargs.items()))))
        with _KEPT_LOCK:
            found = KEPT.get(key)
        if found is None:
            found = draw(*args, **kwargs)
            with _KEPT_LOCK:
                KEPT[key] = found
        return found

    return keeping


@kept
def rank_chart(steps: Sequence[tuple[date, str]], ladder: Sequence[str], title: str, today: date) -> Markup:
    """The rank held over the years: a step line through each rank's start."""
    fig = figure()
    ax = fig.add_subplot()
    used = sorted({rank for _, rank in steps}, key=ladder.index)
    xs = [d for d, _ in steps] + [today]
    ys = [used.index(rank) for _, rank in steps]
    # (dates, which matplotlib plots through its date converter: its stubs take numbers and arrays alone)
    ax.step(xs, [*ys, ys[-1]], where="post", color=BLUE, linewidth=2)  # type: ignore[arg-type]
    ax.plot([d for d, _ in steps], ys, "o", color=BLUE)  # type: ignore[arg-type]
    ax.set_yticks(range(len(used)), used)
    ax.set_ylim(-0.5, len(used) - 0.5)
    ax.xaxis.set_major_locator(AutoDateLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: date_tick(num2date(v).date())))
    ax.grid(axis="y", color="#ddd")
    put_title(ax, title)
    return svg(fig, title)


def date_tick(day: date) -> str:
    """A time axis's tick in the visitor's language: a year's first day as the year ("2016"), a month's as the month
    ("Mei 2026", "May 2026"), any other day as the day ("3 Des 2026"); matplotlib's own reads "2026-05"."""
    if (day.month, day.day) == (1, 1):
        return str(day.year)
    return format_date(day, "MMM y" if day.day == 1 else "medium")


EMPTY_JP_AXIS = 20  # the JP axis of a chart of no JP and no target: 0 to a PNS's yearly 20 JP


@kept
def jp_chart(
    years: Sequence[int],
    hours: Sequence[float],
    target: float | None,
    title: str,
    target_label: str = "",
    short: Sequence[bool] | None = None,
    judged: Sequence[bool] | None = None,
) -> Markup:
    """JP per year as bars, those under the target in orange (`short`: the years judged short of it, when not every
    year is judged: before the rule, a CPNS's), with the target line over the years judged by it (`judged`; every year
    when not given; no target: bars alone): a year of no target (before the rule, a CPNS's, one ended away from duty)
    has no line over it, as its row in the table has no target. A year short with 0 JP, which has no bar to paint, has
    an orange mark on the axis."""
    fig = figure()
    ax = fig.add_subplot()
    under = short if short is not None else [target is not None and h < target for h in hours]
    colours = [ORANGE if u else BLUE for u in under]
    ax.bar([str(y) for y in years], hours, color=colours)
    empty = [i for i, (u, h) in enumerate(zip(under, hours, strict=True)) if u and h == 0]
    if empty:  # a year short with no JP at all has no bar to paint: an orange mark on the axis shows it
        ax.plot(empty, [0] * len(empty), linestyle="none", marker="^", markersize=7, color=ORANGE, clip_on=False)
    spans: list[tuple[int, int]] = []
    if target is not None:
        spans = runs(judged if judged is not None else [True] * len(years))
        for n, (first, last) in enumerate(spans):  # (the bars' positions: 0, 1, ...; each bar 0.8 of its slot)
            label = target_label if n == 0 else ""  # (the first alone: "" is hlines' own, no label)
            ax.hlines(target, first - 0.5, last + 0.5, colors=RED, linestyles="--", label=label)
    if spans:
        ax.legend(loc="upper left", frameon=False)
    ax.tick_params(axis="x", labelrotation=90 if len(years) > 12 else 0)
    # JP are never below 0: the axis starts there; with no JP at all (and no target line) matplotlib centred the empty
    # range on 0 ("-0, -0, 0, 0, 0"): it runs 0 to the yearly 20 JP of a PNS then
    if max([*hours, target or 0]) <= 0:
        ax.set_ylim(0, EMPTY_JP_AXIS)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))  # (whole JP: no 2.5 read "2")
    numbers(ax.yaxis)
    put_title(ax, title)
    return svg(fig, title)


def runs(flags: Sequence[bool]) -> list[tuple[int, int]]:
    """The first and last index of each run of True in `flags`: [False, True, True, False, True] -> [(1, 2), (4, 4)]."""
    found: list[tuple[int, int]] = []
    for i, flag in enumerate(flags):
        if flag and found and found[-1][1] == i - 1:
            found[-1] = (found[-1][0], i)
        elif flag:
            found.append((i, i))
    return found


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
        fig.legend(loc="lower center", bbox_to_anchor=(0.5, 0.0), frameon=False)  # under the tick labels: `fit`
    if share:
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_percent(v)))
    else:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        numbers(ax.xaxis)
    put_title(ax, title)
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
    put_title(ax, title)
    return svg(fig, title)
