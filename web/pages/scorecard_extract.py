"""Babel extraction for the scorecard page (babel.cfg): the messages of web/pages/scorecard_view.py, then
every indicator's title, definition, numerator and denominator. Those are written once, in English, in
projections/scorecard; extracted here, they are translated in web/translations like any page text and
the page and its PDF show them with gettext."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from web.pages.labels import Extracted, python_messages


def extract(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[Extracted]:
    yield from python_messages(fileobj, keywords, comment_tags, options)
    from projections.scorecard.scorecard import DEFINITIONS

    for d in DEFINITIONS:
        for text in (d.title, d.definition, d.numerator, d.denominator):
            yield 0, None, text, [f"scorecard indicator {d.id}"]
