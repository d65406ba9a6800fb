"""The whole scorecard as a PDF for a meeting (matplotlib's PdfPages), in the visitor's language.

The first pages hold the scope and the findings; then each area's indicators, three to an A4
page: title, definition, numerator and denominator, this year's value, and either the trend
beside the comparison across agencies or the table of this year's groups. Text is embedded as
TrueType (pdf.fonttype 42) so that it can be searched and extracted.

Drawing it takes seconds (matplotlib's layout of every page and the fonts' subsets), so the PDF is kept
(`KEPT`, cachetools' LRUCache, per process, bounded) under everything drawn on it: the visitor's language,
the opening pages' lines and every indicator's block as shown. The same scorecard asked for again is not
drawn again.
"""

from __future__ import annotations

import hashlib
import io
import textwrap
import threading
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

import matplotlib
from cachetools import LRUCache, cached
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure, SubFigure
from matplotlib.typing import RcKeyType

from careerlog.accounts import Account
from careerlog.reference import reference
from web.pages import charts
from web.pages.scorecard_charts import draw_indicator
from web.pages.scorecard_view import IndicatorView, areas, findings

A4 = (8.27, 11.69)
PER_PAGE = 3
LINES_PER_PAGE = 52
TABLE_ROWS = 8
WRAP = 105
KEPT: LRUCache[bytes, bytes] = LRUCache(32)  # about 100 KB each


def lines_of(text: str, width: int = WRAP, indent: str = "") -> list[str]:
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=" " * len(indent)) or [""]


def scope_lines(card: dict[str, Any]) -> list[str]:
    agency = card["agency"]
    name = reference().agencies[agency].name
    found = [
        f"{name} ({agency})",
        _("Year %(year)s; trend %(first)s-%(last)s", year=card["year"], first=card["years"][0], last=card["years"][-1]),
    ]
    if card.get("unit"):
        found.append(_("Unit: %(unit)s", unit=card["unit"]))
    if card.get("region"):
        found.append(_("Region: %(region)s", region=card["region"]))
    found.append(_("As of %(day)s", day=format_date(date.fromisoformat(card["as_of"]), "long")))
    return found


def text_pages(card: dict[str, Any]) -> Iterator[list[tuple[str, str]]]:
    """The opening pages' lines as (style, text): the scope, then every finding."""
    lines: list[tuple[str, str]] = [("title", _("Scorecard of career-development policy"))]
    lines += [("plain", line) for line in scope_lines(card)]
    lines += [("plain", ""), ("heading", _("Findings"))]
    found = findings(card)
    for text, indicator in found:
        lines += [("plain", line) for line in lines_of(f"{text} [{indicator}]", indent="- ")]
    if not found:
        lines.append(("plain", _("No indicator crossed a threshold.")))
    for start in range(0, len(lines), LINES_PER_PAGE):
        yield lines[start : start + LINES_PER_PAGE]


STYLES = {"title": (16, "bold"), "heading": (12, "bold"), "plain": (9, "normal")}


def text_page(lines: Sequence[tuple[str, str]]) -> Figure:
    fig = Figure(figsize=A4)
    y = 0.95
    for style, text in lines:
        size, weight = STYLES[style]
        fig.text(0.07, y, text, fontsize=size, fontweight=weight, va="top")
        y -= (size + 5) / 72 / A4[1]
    return fig


def block_text(view: IndicatorView, area: str) -> list[tuple[str, float, str]]:
    """The lines above an indicator's chart or table: (text, font size, weight)."""
    d = view.definition
    found = [(f"{area} · {view.title}", 10.0, "bold")]
    found += [(line, 7.0, "normal") for line in lines_of(d["definition"], 125)[:3]]
    found.append((_("Numerator: %(text)s", text=d["numerator"]), 7.0, "normal"))
    found.append((_("Denominator: %(text)s", text=d["denominator"]), 7.0, "normal"))
    if not view.grouped:
        value = view.values[0] if view.values else None
        shown = f"{value.numerator} / {value.denominator} = {value.value}" if value else "\u2013"
        found.append((_("This year: %(value)s", value=shown), 8.0, "bold"))
    found += [(line, 7.0, "bold") for text in view.findings for line in lines_of("! " + text, 125)]
    return found


def draw_block(block: SubFigure, view: IndicatorView, area: str, agency: str) -> None:
    y = 0.97
    for text, size, weight in block_text(view, area):
        block.text(0.07, y, text, fontsize=size, fontweight=weight, va="top")
        y -= (size + 3) / 72 / (A4[1] / PER_PAGE)
    top = max(y - 0.06, 0.3)
    if view.grouped:
        draw_table(block, view, top)
    else:
        draw_indicator(block, view, agency, left=0.1, right=0.95, top=top, bottom=0.1, wspace=0.45)


def draw_table(block: SubFigure, view: IndicatorView, top: float) -> None:
    ax = block.add_axes((0.07, 0.04, 0.86, top - 0.04))
    ax.axis("off")
    rows = [[v.group, v.numerator, v.denominator, v.value] for v in view.values[:TABLE_ROWS]]
    if len(view.values) > TABLE_ROWS:
        rows.append([_("and %(n)s more", n=len(view.values) - TABLE_ROWS), "", "", ""])
    if not rows:
        ax.text(0, 1, _("Nothing to count this year."), fontsize=8, va="top")
        return
    table = ax.table(
        cellText=rows,
        colLabels=[_("Group"), _("Numerator"), _("Denominator"), _("Value")],
        loc="upper left",
        colWidths=[0.55, 0.15, 0.15, 0.15],
    )
    table.auto_set_font_size(False)
    table.set_fontsize(7)


def indicator_pages(blocks: Sequence[tuple[str, IndicatorView]], agency: str) -> Iterator[Figure]:
    for start in range(0, len(blocks), PER_PAGE):
        fig = Figure(figsize=A4)
        parts = fig.subfigures(PER_PAGE, 1, squeeze=False)[:, 0]  # (a column of PER_PAGE)
        for sub, (area, view) in zip(parts, blocks[start : start + PER_PAGE], strict=False):
            draw_block(sub, view, area, agency)
        yield fig


def scorecard_pdf(account: Account, card: dict[str, Any]) -> bytes:
    """The scorecard, every page of it, as PDF bytes."""
    opening = list(text_pages(card))
    blocks = [(area, view) for area, views in areas(account, card) for view in views]
    return kept_pdf(opening, blocks, card["agency"])


def drawn_from(opening: list[list[tuple[str, str]]], blocks: list[tuple[str, IndicatorView]], agency: str) -> bytes:
    """Everything the PDF shows, with the visitor's language, as a digest."""
    return hashlib.sha256(repr((str(get_locale()), agency, opening, blocks)).encode()).digest()


@cached(KEPT, key=drawn_from, lock=threading.Lock())  # looked up and stored under the lock, drawn outside it
def kept_pdf(opening: list[list[tuple[str, str]]], blocks: list[tuple[str, IndicatorView]], agency: str) -> bytes:
    return draw_pdf(opening, blocks, agency)


def draw_pdf(opening: list[list[tuple[str, str]]], blocks: list[tuple[str, IndicatorView]], agency: str) -> bytes:
    out = io.BytesIO()
    figures = [*(text_page(lines) for lines in opening), *indicator_pages(blocks, agency)]
    metadata = {"Title": _("Scorecard of career-development policy"), "Creator": "careerlog"}
    settings: dict[RcKeyType, Any] = {"pdf.fonttype": 42, "font.size": 8}
    with charts._LOCK, matplotlib.rc_context(settings), PdfPages(out, metadata=metadata) as pdf:
        for fig in figures:
            charts.unlabelled(fig)
            pdf.savefig(fig)
    return out.getvalue()
