"""What every API module shares: the services, the caller's account, CSV and doc helpers."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar, cast

from flask import Response, current_app, g, request
from flask_smorest import Blueprint
from marshmallow import Schema

from careerlog.accounts import Account, Authenticated, AuthenticationFailed
from careerlog.domain.errors import InvalidInput
from web.services import Services

F = TypeVar("F", bound=Callable[..., Any])
CSV = "text/csv"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Views that answer in CSV too document it so.
CSV_RESPONSE = {200: {"content": {CSV: {"schema": {"type": "string"}}}}}


def services() -> Services:
    return cast(Services, current_app.extensions["careerlog"])


def caller() -> Account:
    """The account of the request (set by `authenticate`)."""
    return cast(Account, g.careerlog_auth.account)


def authenticate() -> None:
    """Find the account of the bearer token; AuthenticationFailed (401) says why not."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationFailed("Send an API token: Authorization: Bearer TOKEN.")
    g.careerlog_auth = services().accounts.authenticate(token.strip())


def authentication() -> Authenticated:
    return cast(Authenticated, g.careerlog_auth)


def wait_if_asked() -> None:
    """Before a read: wait until the views show the position in ?wait_for (503 after the timeout)."""
    raw = request.args.get("wait_for")
    if request.method != "GET" or raw is None:
        return
    if not raw.isdigit():
        raise InvalidInput("Not a valid integer.", "wait_for")
    position = int(raw)
    if position > services().ledger.max_notification_id():
        raise InvalidInput("No write has been given this position yet.", "wait_for")
    services().wait_for(position)


def csv_documented(func: F) -> F:
    """Document that the view also answers in CSV (Accept: text/csv or ?format=csv)."""
    return cast(F, Blueprint.doc(responses=CSV_RESPONSE)(func))


def wants_csv() -> bool:
    chosen = request.args.get("format")
    if chosen is not None:
        if chosen not in ("json", "csv"):
            raise InvalidInput("One of: json, csv.", "format")
        return chosen == "csv"
    return request.accept_mimetypes.best_match(["application/json", CSV]) == CSV


def json_or_csv(data: Any, schema: Schema, *, name: str, items: str | None = "items") -> Any:
    """The data for the view's response schema, or its rows (`items`) as a CSV download."""
    if not wants_csv():
        return data
    dumped = schema.dump(data)
    rows = dumped[items] if items else dumped
    response = Response(to_csv(rows), mimetype=CSV)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    if isinstance(dumped, Mapping) and "total" in dumped:
        response.headers["X-Total-Count"] = str(dumped["total"])
    return response


def to_csv(rows: Iterable[Mapping[str, Any]]) -> str:
    """Rows as CSV: columns in order of first appearance, nested values as JSON."""
    rows = list(rows)
    columns: dict[str, None] = {}
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
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text  # keep spreadsheets from running a cell as a formula
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
