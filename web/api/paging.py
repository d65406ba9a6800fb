"""The window of rows a list reads by page number (CAREERLOG_MAX_PAGE_OFFSET, like Elasticsearch's
index.max_result_window): a page by number is read with OFFSET, which reads and skips every row before
it, so `page` x `per_page` may not pass the window. The roster, the audited promotions, posts and awards,
grade inflation, the access log and the account changes read on past it after a cursor (each page's
`next`, passed as `after`: careerlog.keyset), which also keeps their pages from shifting as rows arrive.
Page 1 skips nothing and is always allowed. The API answers a page past the window with a 422 naming
`page`, saying to read on by cursor; the HTML pages offer no link past it."""

from __future__ import annotations

from typing import Any

from flask import current_app
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from projections.queries import MAX_PAGE_SIZE, PAGE_OR_AFTER
from web.api.fields import WholeNumber
from web.config import MAX_WINDOW

DEFAULT_MAX_PAGE_OFFSET = 10_000
READ_ON_BY_CURSOR = "read on after a cursor instead: pass each page's `next` as `after` (without `page`)"


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
    return (
        f"Pages by number reach only the first {limit} rows (page x per_page at most {limit}; "
        f"with per_page={per_page} the last page is {last_page(per_page)}): {READ_ON_BY_CURSOR}."
    )


PAGE_DESCRIPTION = (
    "The page number, from 1. Pages by number reach only the first CAREERLOG_MAX_PAGE_OFFSET rows "
    "(page x per_page at most that, default 10,000; page 1 always): past it the answer is 422."
)


# A cursor as a page gives it (careerlog.keyset.encode_cursor: URL-safe base64), as the OpenAPI document describes it
A_CURSOR = {"pattern": "^[A-Za-z0-9_=-]+$"}
AFTER_DESCRIPTION = (
    "Read on after this cursor (a page's `next`, with the same filters) instead of by page number (leave `page` "
    "out): rows added since before the cursor do not shift the pages after it, and the last page is as fast as "
    "the first."
)


class PageOrCursorSchema(Schema):
    """`page` and `per_page`, with the window checked, or `after` a cursor (a page's `next`) and `per_page`: not
    both `page` and `after`."""

    page = WholeNumber(load_default=1, validate=validate.Range(min=1), metadata={"description": PAGE_DESCRIPTION})
    per_page = WholeNumber(load_default=50, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))
    after = fields.String(
        validate=validate.Length(min=1, max=1000), metadata={**A_CURSOR, "description": AFTER_DESCRIPTION}
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
