"""The window of rows a list reads by page number (CAREERLOG_MAX_PAGE_OFFSET, like Elasticsearch's
index.max_result_window): a page by number is read with OFFSET, which reads and skips every row before
it, so `page` x `per_page` may not pass the window. The roster, the audited promotions, posts and awards,
grade inflation, the access log and the account changes read on past it after a cursor (each page's
`next`, passed as `after`: careerlog.keyset), which also keeps their pages from shifting as rows arrive.
Page 1 skips nothing and is always allowed. The API answers a page past the window with a 422 naming
`page`, saying to read on by cursor; the HTML pages offer no link past it."""

from __future__ import annotations

import hashlib
from typing import Any

from flask import current_app, g
from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from careerlog.domain.errors import InvalidInput
from careerlog.domain.wording import Refusal
from careerlog.keyset import MAX_CURSOR_JSON, decode_cursor, encode_cursor
from projections.queries import MAX_PAGE_SIZE, PAGE_OR_AFTER
from web.api.fields import WholeNumber
from web.config import MAX_WINDOW
from web.security import MAX_URL_BYTES

DEFAULT_MAX_PAGE_OFFSET = 10_000
# (a Refusal, so the API says it in the client's language: web.languages)
BEYOND_WINDOW = Refusal(
    "Pages by number reach only the first {limit} rows (page x per_page at most {most}; with per_page={per_page} the "
    "last page is {final}): read on after a cursor instead: pass each page's `next` as `after` (without `page`).",
    numbers=("limit", "most", "final"),
)


def max_page_offset() -> int:
    """The deepest row a page by number may reach (the app's CAREERLOG_MAX_PAGE_OFFSET, at most MAX_WINDOW: web.config
    refuses more at start, an app configured otherwise is held to it)."""
    return min(int(current_app.config.get("CAREERLOG_MAX_PAGE_OFFSET", DEFAULT_MAX_PAGE_OFFSET)), MAX_WINDOW)


def last_page(per_page: int) -> int:
    """The last page number of this size inside the window (at least 1)."""
    return max(1, max_page_offset() // per_page)


def beyond_window(page: int, per_page: int) -> str | None:
    """Why this page is past the window, and what to do instead (read on by cursor); None for a page inside it."""
    if page <= last_page(per_page):
        return None
    limit = max_page_offset()
    return BEYOND_WINDOW.reason(limit=limit, most=limit, per_page=per_page, final=last_page(per_page))


PAGE_DESCRIPTION = (
    "The page number, from 1. Pages by number reach only the first CAREERLOG_MAX_PAGE_OFFSET rows "
    "(page x per_page at most that, default 10,000; page 1 always): past it the answer is 422."
)


# A cursor as a page gives it (careerlog.keyset.encode_cursor: URL-safe base64), as the OpenAPI document describes it
A_CURSOR = {"pattern": "^[A-Za-z0-9_=-]+$"}
# The longest `after` read: any cursor a list gives or gave (its sort values, texts of up to MAX_TEXT characters of up
# to 6 bytes each in JSON, a control character's escape, two of them at most, with the list's name, a NIP and the
# bound digest, 4/3 longer in base64). Those given since 2026-12-06 are packed when long (keyset.encode_cursor:
# at most about 4,100 characters); those given before were not. Until 2026-12-06 1000 characters, less than a
# roster's cursor by a 260-character unit name of accented letters (a 422 on following the page's `next`).
# No longer than a URL carries, though: the shortest list's (the roster's) with `after` alone, within the app's limit
# (web.security.MAX_URL_BYTES; a longer URL is a 414 before `after` is read), so that the OpenAPI document's maxLength
# is one a client can send (until 2026-12-08 8,266, the JSON bound's, which no URL of 8,000 bytes holds); a cursor
# given before packing is at most 7,167 characters (tests/unit/test_cursor_packing.py), below it
SHORTEST_CURSOR_URL = "/api/v1/employees?after="
MAX_CURSOR = min(MAX_CURSOR_JSON * 4 // 3, MAX_URL_BYTES - len(SHORTEST_CURSOR_URL))
AFTER_DESCRIPTION = (
    "Read on after this cursor (a page's `next`, with the same filters) instead of by page number (leave `page` "
    "out): rows added since before the cursor do not shift the pages after it, and the last page is as fast as "
    "the first."
)


# A cursor is bound to the list's query: the list's own cursor's values (careerlog.keyset) after a digest of what was
# asked besides the page (`filters_digest`), in one cursor (until 2026-12-06 the list's cursor itself, in base64 once
# more: 4/3 longer, a roster's by a 260-character unit name past `after`'s limit). Until 2026-12-06 a cursor of
# /audits/promotions?verdict=findings was read on
# /audits/promotions?verdict=compliant (200: the compliant decisions after that finding's TMT, those before skipped)
BOUND = "q"
CURSOR_OF_OTHER_FILTERS = Refusal(
    "Not a cursor of this list with these filters: pass the `next` of a page read with the same filters, or leave "
    "`after` out to read from the first page."
).reason()
# (not the list's filters: they may change on the way; a cursor of another sort is the list's own 422, saying so)
LIST_DIGEST = "careerlog_list_digest"  # (flask.g's: the digest of the list's query, as PageOrCursorSchema read it)
PAGING_ARGUMENTS = ("page", "per_page", "after", "format", "wait_for", "sort")


def filters_digest(data: dict[str, Any]) -> str:
    """A short digest of a list's query as read (its filters, each value read: `kota-medan` and KOTA-MEDAN alike),
    the paging, sort, format and wait aside: what a cursor is bound to."""
    asked = sorted(
        (name, sorted(map(str, value)) if isinstance(value, list | tuple | set) else str(value))
        for name, value in data.items()
        if name not in PAGING_ARGUMENTS
    )
    return hashlib.sha256(repr(asked).encode()).hexdigest()[:16]


def bound_cursor(cursor: str | None, digest: str | None = None) -> str | None:
    """A list's cursor bound to the query's digest (`filters_digest`: by default this request's, kept by
    PageOrCursorSchema as it read the query), as the page's `next` and its `Link` give it; None as it is."""
    digest = digest or g.get(LIST_DIGEST)
    if cursor is None or digest is None:
        return cursor
    return encode_cursor([BOUND, digest, *decode_cursor(cursor)])


def unbound_cursor(after: str, digest: str) -> str:
    """The list's own cursor inside a bound one (`bound_cursor`) given with a query of this digest; a 422 naming
    `after` for a cursor bound to other filters. Any other text is left to the list's own check (another list's
    cursor, another sort's, none at all: careerlog.keyset)."""
    try:
        found = decode_cursor(after)
    except InvalidInput:
        return after  # (not a cursor at all: the list's own check refuses it)
    if len(found) < 3 or found[0] != BOUND or not isinstance(found[1], str):
        return after  # (a list's own, as lists gave them until 2026-12-06: judged by the list alone)
    if found[1] != digest:
        raise ValidationError(CURSOR_OF_OTHER_FILTERS, field_name="after")
    return encode_cursor(found[2:])


class PageOrCursorSchema(Schema):
    """`page` and `per_page`, with the window checked, or `after` a cursor (a page's `next`) and `per_page`: not
    both `page` and `after`."""

    page = WholeNumber(load_default=1, validate=validate.Range(min=1), metadata={"description": PAGE_DESCRIPTION})
    per_page = WholeNumber(load_default=50, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))
    after = fields.String(
        validate=validate.Length(min=1, max=MAX_CURSOR), metadata={**A_CURSOR, "description": AFTER_DESCRIPTION}
    )

    @validates_schema(skip_on_field_errors=False)  # (each check named with the fields refused, in one answer)
    def page_inside_the_window(self, data: dict[str, Any], **_: Any) -> None:
        if "page" not in data or "per_page" not in data:
            return
        reason = beyond_window(data["page"], data["per_page"])
        if reason is not None:
            raise ValidationError(reason, field_name="page")

    @validates_schema(skip_on_field_errors=False)
    def page_or_after(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("after") is not None and data.get("page", 1) != 1:
            raise ValidationError(PAGE_OR_AFTER, field_name="after")

    @post_load
    def cursor_of_these_filters(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        """The query's digest kept for the page's `next` (`bound_cursor`), and `after` read back to the list's cursor
        when bound to the same query (else the 422 naming `after`)."""
        digest = filters_digest(data)
        setattr(g, LIST_DIGEST, digest)
        if data.get("after") is not None:
            return {**data, "after": unbound_cursor(data["after"], digest)}
        return data
