"""Babel extraction for the scorecard page (babel.cfg): the messages of web/pages/scorecard_view.py, then
every indicator's title, definition, numerator and denominator. Those are written once, in English, in
projections/scorecard; extracted here, they are translated in web/translations like any page text and
the page and its PDF show them with gettext."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python


def extract(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[tuple[int, str | None, str | tuple[str, ...], list[str]]]:
    yield from extract_python(fileobj, keywords, comment_tags, options)
    from projections.scorecard.scorecard import DEFINITIONS

    for d in DEFINITIONS:
        for text in (d.title, d.definition, d.numerator, d.denominator):
            yield 0, None, text, [f"scorecard indicator {d.id}"]
