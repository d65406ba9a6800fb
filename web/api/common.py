"""What every API module shares: the services, the caller's account, CSV and doc helpers."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Collection, Iterable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, TypeVar, cast
from urllib.parse import urlencode

import orjson
from flask import Response, current_app, g, request
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, fields, validate
from werkzeug.datastructures import Headers, MIMEAccept, MultiDict
from werkzeug.http import generate_etag, parse_etags, quote_etag
from werkzeug.wrappers import Request

from careerlog.access import require
from careerlog.accounts import Account, Authenticated, AuthenticationFailed
from careerlog.domain.errors import InvalidInput
from careerlog.domain.wording import Refusal
from careerlog.spreadsheet import defused
from web.api.fields import WholeNumber
from web.api.paging import bound_cursor
from web.errors import PROBLEM_JSON, problem
from web.services import Services

F = TypeVar("F", bound=Callable[..., Any])
CSV = "text/csv"
JSON = "application/json"

# Views that answer in CSV too document it so.
# The reads given an ETag (`conditional`): the API's (web.api.BLUEPRINTS, set there) and its OpenAPI document's.
CONDITIONAL_BLUEPRINTS: set[str] = {"api-docs"}

CSV_RESPONSE = {200: {"content": {CSV: {"schema": {"type": "string"}}}}}
# The headers of a page of a list read by number or after a cursor (`linked`), in its documentation.
PAGE_HEADERS = {
    "X-Total-Count": {"description": "As CSV: how many match (the JSON `total`).", "schema": {"type": "integer"}},
    "Link": {
        "description": 'But on the last page: `<URL>; rel="next"`, this request\'s URL reading the next page after its '
        "cursor (the JSON `next` as `after`, without `page`), in JSON and CSV alike.",
        "schema": {"type": "string"},
    },
}


def services() -> Services:
    return cast(Services, current_app.extensions["careerlog"])


def caller() -> Account:
    """The account of the request (set by `authenticate`)."""
    return cast(Account, g.careerlog_auth.account)


def hold_connection() -> None:
    """One database connection for the rest of the request (PostgreSQL), given back at its teardown."""
    stack = ExitStack()
    stack.enter_context(services().projector.views.sql.one_connection())
    g.careerlog_connection = stack


def release_connection(error: BaseException | None = None) -> None:
    stack = g.pop("careerlog_connection", None)
    if stack is not None:
        stack.close()


def authenticate() -> None:
    """Find the account of the bearer token; AuthenticationFailed (401) says why not."""
    g.careerlog_auth = services().accounts.authenticate(bearer_token(request.headers))


# The API's own refusals of how a request is sent, as Refusals so the API says them in the client's language too
# (web.languages; until 2026-12-07 they stayed English under Accept-Language: id)
NO_TOKEN = Refusal("Send an API token: Authorization: Bearer TOKEN.")
NONE_ACCEPTABLE = Refusal("Accept: {accept} allows none of the media types offered here: {offered}.")
CSV_NOT_OFFERED = Refusal("CSV is not offered here: this endpoint answers in {answered} only; leave format out.")
FORMATS = Refusal("One of: json, csv.")


def bearer_token(headers: Headers) -> str:
    """The token of the Authorization header; AuthenticationFailed when there is none."""
    scheme, _, token = headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationFailed(NO_TOKEN.reason())
    return token.strip()


def authentication() -> Authenticated:
    return cast(Authenticated, g.careerlog_auth)


# `wait_for` as the reads' query schema reads it (web.api.schemas.WaitSchema): a whole number from 0, a sign allowed
NOT_GIVEN_YET = Refusal("No write has been given this position yet.").reason()
WAIT_FOR = WholeNumber(validate=validate.Range(min=0))


def wait_if_asked() -> None:
    """Before a read (a GET or a HEAD, which answers as the GET does): wait until the views show the position in
    ?wait_for (503 after the timeout). The position is read as the query schema reads it, with its reasons: `-1` was
    "Not a valid integer." and `+5` refused, which the schema reads as 5; a HEAD did not wait, and a position no write
    has been given yet was answered 200."""
    raw = request.args.get("wait_for")
    if request.method not in ("GET", "HEAD") or raw is None:
        return
    try:
        position = WAIT_FOR.deserialize(raw)
    except ValidationError as e:
        raise InvalidInput(e.messages[0], "wait_for") from None  # (one: a field stops at its first refusal)
    if position > services().ledger.max_notification_id():
        raise InvalidInput(NOT_GIVEN_YET, "wait_for")
    services().wait_for(position)


def csv_documented(func: F) -> F:
    """Document that the view also answers in CSV (Accept: text/csv or ?format=csv); `negotiate` reads the mark."""
    func.careerlog_csv = True  # type: ignore[attr-defined]
    return Blueprint.doc(responses=CSV_RESPONSE)(func)


def view_method() -> Any:
    """The method of the view class that answers the request (`get` for a HEAD); None when there is none."""
    view_class = getattr(current_app.view_functions.get(request.endpoint or ""), "view_class", None)
    method = getattr(view_class, request.method.lower(), None)
    if method is None and request.method == "HEAD":
        method = getattr(view_class, "get", None)
    return method


def offers_csv() -> bool:
    """Whether the view of the request answers in CSV too (its method is `csv_documented`)."""
    return bool(getattr(view_method(), "careerlog_csv", False))


def refuse_role() -> None:
    """Before anything the request sent is read: AccessDenied (403) when the caller's role may not take the action
    the view takes (its method is marked by `ApiBlueprint.requires`), so that a bad argument does not answer a 422
    to a role that may not use the endpoint at all. Whether the caller's scope holds what is asked is judged later,
    on the arguments read."""
    action = getattr(view_method(), "careerlog_action", None)
    if action is not None:
        require(caller(), action)


def answers_in(media_type: str, name: str) -> Callable[[F], F]:
    """Mark a view as answering in a media type of its own (a workbook), not JSON: `negotiate` refuses an Accept
    header allowing none of it, and `format`, naming it (`name`, as a refusal says it)."""

    def mark(func: F) -> F:
        func.careerlog_media_type = (media_type, name)  # type: ignore[attr-defined]
        return func

    return mark


def negotiate() -> Response | None:
    """Before every API request: `format` refused where CSV is not offered (422), and a 406 when the Accept
    header allows none of the media types offered (JSON, and CSV where offered; a view's own, `answers_in`); None to
    go on."""
    own: tuple[str, str] | None = getattr(view_method(), "careerlog_media_type", None)
    csv_offered = offers_csv()
    if not csv_offered and "format" in request.args:
        answered = own[1] if own is not None else "JSON"
        raise InvalidInput(CSV_NOT_OFFERED.reason(answered=answered), "format")
    if own is not None:
        if accepted(request, own[0]):
            return None
        offered = own[0]
    elif chosen_type(request, csv_offered=csv_offered) is not None:
        return None
    else:
        offered = ", ".join([JSON, CSV] if csv_offered else [JSON])
    reason = NONE_ACCEPTABLE.reason(accept=request.headers.get("Accept", ""), offered=offered)
    return problem(406, reason, slug="not-acceptable", errors={"Accept": [reason]})


def accepted_types(asked: Request) -> list[tuple[str, float]]:
    """The media types the Accept header allows, by media type alone (their parameters aside: werkzeug matches an
    offer only to a value with the same parameters), without the error type: problem+json says how the client takes
    an error, not what it wants on success."""
    types = [(value.partition(";")[0].strip().lower(), quality) for value, quality in asked.accept_mimetypes]
    return [(value, quality) for value, quality in types if value != PROBLEM_JSON]


def accepted(asked: Request, media_type: str) -> bool:
    """Whether the request's Accept header allows the media type (no header, or none but the error type: any)."""
    types = accepted_types(asked)
    return not types or MIMEAccept(types).best_match([media_type]) is not None


def chosen_type(asked: Request, *, csv_offered: bool = True) -> str | None:
    """The media type the request (Flask's, or any werkzeug request) is answered in: JSON or CSV by ?format=
    where CSV is offered, else the best of those offered by the Accept header (JSON without one); None when
    the header allows none of them."""
    chosen = asked.args.get("format") if csv_offered else None
    if chosen is not None:
        if chosen not in ("json", "csv"):
            raise InvalidInput(FORMATS.reason(), "format")
        return CSV if chosen == "csv" else JSON
    # By media type alone: werkzeug matches an offer only to a value with the same parameters, so that
    # `text/csv; charset=utf-8` (or `application/json; charset=utf-8`) would miss its own type. The error
    # type (problem+json) says how the client takes an error, not what it wants on success: an Accept of
    # nothing else is no preference (JSON), as no header is.
    types = accepted_types(asked)
    if not types:
        return JSON
    return MIMEAccept(types).best_match([JSON, CSV] if csv_offered else [JSON])


def wants_csv(asked: Request = request) -> bool:
    """Whether the request (Flask's, or any werkzeug request) asks for CSV: ?format=csv or Accept."""
    return chosen_type(asked) == CSV


def json_or_csv(
    data: Any,
    schema: Schema,
    *,
    name: str,
    items: str | None = "items",
    plain: bool = False,
    groups: Collection[str] = (),
    flat: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None,
) -> Any:
    """The data for the view's response schema, or its rows (`items`) as a CSV download.

    plain=True for data that is plain JSON already, in the types the schema dumps (ISO dates,
    booleans...): the JSON answer is written by orjson with only the fields the schema
    documents, instead of marshmallow dumping it field by field (the same body; tested).
    `groups`: the row fields a grouped report fills by its `by` (a CSV without rows is headed by those asked).
    `flat`: each dumped row as its CSV row, in its columns (of none, `flat({})`'s), where a row nests what a
    spreadsheet would read as one cell of JSON (the passed-over pairs' `comparison`).
    """
    if isinstance(data, Mapping) and isinstance(data.get("next"), str):  # (a list page's: its cursor bound)
        data = {**data, "next": bound_cursor(data["next"])}
    if not wants_csv():
        return plain_json(data, schema) if plain else data
    dumped = schema.dump(data)
    rows = [interval_cells(flat(row) if flat else row) for row in dumped[items]] if items else dumped
    header = interval_columns(row_columns(schema, items, dumped, groups)) if items and not rows else None
    if flat is not None and header is not None:
        header = list(flat({}))
    response = Response(to_csv(rows, header), mimetype=CSV)
    response.headers["Content-Disposition"] = f'attachment; filename="{file_name(name)}.csv"'
    if isinstance(dumped, Mapping) and dumped.get("disclosure"):  # (the headcount's: its JSON's `disclosure`)
        response.headers["X-Disclosure"] = dumped["disclosure"]
    if isinstance(dumped, Mapping) and "per_page" in dumped and dumped.get("total") is not None:
        # A paged list's rows matching (its JSON `total`); a report's `total` counts people, not rows, and a
        # reporter's may be null (suppressed): no header there (was `X-Total-Count: None`, or the people counted).
        response.headers["X-Total-Count"] = str(dumped["total"])
    return response


@dataclass(frozen=True)
class Shape:
    """The fields a response schema documents: (key in the answer, key in the data, nested shape, many)."""

    fields: tuple[tuple[str, str, Shape | None, bool], ...]

    @cached_property
    def exact(self) -> tuple[str, ...] | None:
        """The data's keys, in order, of data that is already its own cut but for the nested fields: the
        documented fields' keys when each is its answer's key too (None when a key is renamed)."""
        if any(key != attribute for key, attribute, _, _ in self.fields):
            return None
        return tuple(key for key, _, _, _ in self.fields)

    @cached_property
    def nested(self) -> tuple[tuple[str, list[Any] | dict[str, Any]], ...]:
        """The keys of the nested fields, each with the empty value that is its own cut ([] or {})."""
        return tuple((attribute, [] if many else {}) for _, attribute, nested, many in self.fields if nested)

    def cut(self, data: Any) -> Any:
        """The data with only these fields (the nested ones cut by their own shapes).

        Data that has exactly the documented keys in their order, each nested value None or empty (a
        timeline item nothing amended), is its own cut: it is given back as it is (tests compare)."""
        if data is None:
            return None
        if self.exact is not None and tuple(data) == self.exact and self._flat(data):
            return data
        out = {}
        for key, attribute, nested, many in self.fields:
            if attribute not in data:
                continue
            value = data[attribute]
            if nested is not None and value is not None:
                value = nested.cut_each(value) if many else nested.cut(value)
            out[key] = value
        return out

    def cut_each(self, values: Iterable[Any]) -> list[Any]:
        """`cut` of each value of a list, the test for a value that is its own cut made in one loop (a list of
        timeline or roster items, most of them their own cut: a third of the calls of cutting each)."""
        exact = self.exact
        if exact is None:
            return [self.cut(v) for v in values]
        nested = self.nested
        out = []
        for value in values:
            if value is not None and tuple(value) == exact:
                for attribute, empty in nested:
                    inner = value[attribute]
                    if inner is not None and inner != empty:
                        break
                else:
                    out.append(value)  # its own cut, as `cut` finds it
                    continue
            out.append(self.cut(value))
        return out

    def _flat(self, data: Any) -> bool:
        """Whether each nested value of the data is None or empty, as its cut is."""
        for attribute, empty in self.nested:
            value = data[attribute]
            if value is not None and value != empty:
                return False
        return True


@cache
def shape_of(schema: Schema) -> Shape:
    """The shape of a schema (built once per schema instance)."""
    found = []
    for name, field in schema.fields.items():
        if field.load_only:
            continue
        nested, many = None, False
        if isinstance(field, fields.List) and isinstance(field.inner, fields.Nested):
            nested, many = shape_of(field.inner.schema), True
        elif isinstance(field, fields.Nested):
            nested, many = shape_of(field.schema), bool(field.many)
        found.append((field.data_key or name, field.attribute or name, nested, many))
    return Shape(tuple(found))


def plain_json(data: Any, schema: Schema) -> Response:
    """A JSON answer of plain data, cut to the fields the schema documents (in its order, as its dump)."""
    return Response(plain_body(data, schema), mimetype="application/json")


def plain_body(data: Any, schema: Schema) -> bytes:
    """The body of `plain_json`: the data cut to the schema's fields, as orjson writes it."""
    return orjson.dumps(shape_of(schema).cut(data))


def entity_tag(body: bytes) -> str:
    """The ETag of an answer's body, quoted: a digest of the bytes sent (werkzeug's, SHA-1), so that it changes
    exactly when the answer does, whatever made it change (a write, a view rebuilt, a rule or today's date),
    and differs between the JSON and CSV of the same data."""
    return quote_etag(generate_etag(body))


def fact_tag(version: int) -> str:
    """A fact's ETag (GET .../events/{version}): the version it was last changed in, quoted (`"7"`), as a correction
    or retraction of it sends it back in If-Match (`changed_in`)."""
    return quote_etag(str(version))


def changed_in(if_match: str | None) -> frozenset[int] | None:
    """The versions an If-Match header names a fact as last changed in (its strong ETags, fact_tag's; a weak one or
    one of no fact's never matches, as RFC 9110 compares If-Match), or None for no header, or `*` (any fact)."""
    if if_match is None:
        return None
    tags = parse_etags(if_match)
    if tags.star_tag:
        return None
    # (an empty tag, `""`, is None in the parsed set: no fact's, it never matches)
    return frozenset(int(tag) for tag in tags.as_set() if tag and tag.isascii() and tag.isdigit() and len(tag) <= 18)


IF_MATCH_NEW_FACT = Refusal(
    "Only a correction or retraction takes If-Match (the ETag of the fact it changes); a new fact has none."
).reason()


def unconditioned(body: Mapping[str, Any], if_match: str | None) -> str | None:
    """A recording's If-Match, refused beside the header (422, nothing recorded) with a new fact, which changes no
    fact whose ETag it could name: the condition would be ignored unseen."""
    if if_match is not None and body.get("kind") not in ("correction", "retraction"):
        raise InvalidInput(IF_MATCH_NEW_FACT, "If-Match")
    return if_match


def unchanged(etag: str, if_none_match: str | None) -> bool:
    """Whether an If-None-Match header names this ETag (weakly, as RFC 9110 compares it for GET) or is `*`."""
    return bool(if_none_match) and parse_etags(if_none_match).contains_weak(etag.strip('"'))


def conditional(response: Response) -> Response:
    """After an API read (GET or HEAD) answered 200: its ETag, and 304 Not Modified (no body) when the request's
    If-None-Match names it. The read itself was made (its scope checked, its access-log entry written)."""
    if (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and request.blueprint in CONDITIONAL_BLUEPRINTS
        and not response.direct_passthrough
        and response.is_sequence
    ):
        etag = response.headers.get("ETag") or entity_tag(response.get_data())  # (a fact's: its version, fact_tag)
        response.headers["ETag"] = etag
        if unchanged(etag, request.headers.get("If-None-Match")):
            response.status_code = 304
    return response


def next_page_link(path: str, args: MultiDict[str, str], cursor: str) -> str:
    """The `Link` header naming the request's URL (path and query, its parameters in their order) that reads the
    page after `cursor`: `after` set to it, without `page`. A CSV page has no body field for `next`; a JSON page
    carries both, for clients that follow links."""
    query = [(k, v) for k, v in args.items(multi=True) if k not in ("page", "after")]
    return f'<{path}?{urlencode([*query, ("after", cursor)])}>; rel="next"'


def linked(answer: Any, cursor: str | None) -> Any:
    """A list page's answer (`json_or_csv`'s: a Response, or data for the view's schema) with the `Link` header
    to the page after it, when one follows (`cursor`, the page's `next`)."""
    if cursor is None:
        return answer
    link = next_page_link(request.path, request.args, bound_cursor(cursor) or cursor)
    if isinstance(answer, Response):
        answer.headers["Link"] = link
        return answer
    return answer, 200, {"Link": link}


def file_name(name: str) -> str:
    """A download's name with only ASCII letters, digits, dots, dashes and underscores: what a path parameter
    brings into it (a NIP typed with a line break, a quote) can neither break the header nor be refused by it."""
    return "".join(c for c in name if c.isascii() and (c.isalnum() or c in "._-")) or "download"


def row_columns(schema: Schema, items: str, dumped: Any, groups: Collection[str] = ()) -> list[str]:
    """The columns of the rows under `items` as the response schema documents them, in its order: the header of
    a CSV with no rows, which has the header a CSV of the same read with rows has (a client reads a column by its
    name, an empty answer too). A grouped report's group fields (`groups`) are those its `by` asked for, first."""
    field = next(f for n, f in schema.fields.items() if (f.data_key or n) == items)
    inner = field.inner if isinstance(field, fields.List) else field
    row = inner.schema if isinstance(inner, fields.Nested) else None
    names = [] if row is None else [f.data_key or n for n, f in row.fields.items() if not f.load_only]
    by = dumped.get("by") if groups and isinstance(dumped, Mapping) else None
    if isinstance(by, list):
        names = [*by, *(n for n in names if n not in groups)]
    return names


def interval_cells(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row as plain cells: each interval (`impact_ratio_ci`, `incidence_4y_ci`, `hazard_ratio_ci`: [low, high] or
    null) as its two bounds in its place (`impact_ratio_low`, `impact_ratio_high`), numbers a spreadsheet reads; the
    API's CSVs and the pages' downloads alike (a cell "[0.8194, 0.885]" is text to a spreadsheet)."""
    cells: dict[str, Any] = {}
    for key, value in row.items():
        if key.endswith("_ci"):
            name = key.removesuffix("_ci")
            cells[f"{name}_low"], cells[f"{name}_high"] = value if value else (None, None)
        else:
            cells[key] = value
    return cells


def interval_columns(columns: Iterable[str]) -> list[str]:
    """The columns with each interval's (`..._ci`) as its two bounds', as `interval_cells` writes them."""
    return list(interval_cells(dict.fromkeys(columns)))


def to_csv(rows: Iterable[Mapping[str, Any]], header: Iterable[str] | None = None) -> str:
    """Rows as CSV: columns in order of first appearance (`header` for no rows: the columns rows would have),
    nested values as JSON."""
    rows = list(rows)
    columns: dict[str, None] = dict.fromkeys(header or ())
    for row in rows:
        columns.update(dict.fromkeys(row))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return out.getvalue()


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return defused(value) if isinstance(value, str) else str(value)  # (a formula is never run: careerlog.spreadsheet)
