"""Read the payload of a recording from plain data (JSON, CSV cells) into typed values.

The event classes are the schema: each payload field's type, whether it may be omitted,
its description and its reference table come from the dataclass. Errors name the field
and the reason; unknown fields are rejected.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import orjson

from careerlog.domain.errors import FieldErrors
from careerlog.domain.events import LedgerEvent
from careerlog.reference import reference

# Fields every event carries that the system, not the payload, sets.
SYSTEM_FIELDS = frozenset(
    {
        "originator_id",
        "originator_version",
        "originator_topic",
        "timestamp",
        "recorded_by",
        "migrated",
        "client_key",
    }
)
MAX_TEXT = 500


@dataclass(frozen=True)
class FieldSpec:
    """One payload field of an event kind."""

    name: str
    type: type
    required: bool
    doc: str
    table: str | None

    @property
    def type_name(self) -> str:
        return {date: "date", int: "integer", str: "string", Decimal: "decimal", dict: "object"}.get(
            self.type, self.type.__name__
        )


def unwrap_optional(hint: Any) -> tuple[type, bool]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return unwrap_optional(args[0])[0], True
    if origin is dict:
        return dict, False
    return hint, False


_FIELDS: dict[type, tuple[FieldSpec, ...]] = {}


def payload_fields(event_cls: type[LedgerEvent]) -> tuple[FieldSpec, ...]:
    """The fields an HR administrator supplies for an event kind, in declaration order."""
    found = _FIELDS.get(event_cls)
    if found is None:
        found = _FIELDS[event_cls] = _read_fields(event_cls)
    return found


def _read_fields(event_cls: type[LedgerEvent]) -> tuple[FieldSpec, ...]:
    hints = typing.get_type_hints(event_cls)
    specs = []
    for f in dataclasses.fields(event_cls):
        if f.name in SYSTEM_FIELDS:
            continue
        kind, optional = unwrap_optional(hints[f.name])
        specs.append(FieldSpec(f.name, kind, not optional, f.metadata.get("doc", ""), f.metadata.get("table")))
    return tuple(specs)


_BY_NAME: dict[type, dict[str, FieldSpec]] = {}


def _by_name(event_cls: type[LedgerEvent]) -> dict[str, FieldSpec]:
    found = _BY_NAME.get(event_cls)
    if found is None:
        found = _BY_NAME[event_cls] = {spec.name: spec for spec in payload_fields(event_cls)}
    return found


def parse_payload(event_cls: type[LedgerEvent], raw: Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Typed payload values from plain data; InvalidInput names every bad field.

    With partial=True (corrections) only the given fields are read and none is required.
    """
    errors = FieldErrors()
    specs = _by_name(event_cls)
    for name in raw:
        if name not in specs:
            errors.add(name, "Unknown field.")
    values: dict[str, Any] = {}
    for name, spec in specs.items():
        if name not in raw:
            if spec.required and not partial:
                errors.add(name, "Missing data for required field.")
            elif not partial:
                values[name] = None
            continue
        try:
            values[name] = parse_value(spec, raw[name])
        except ValueError as e:
            errors.add(name, str(e))
    errors.raise_if_any()
    return values


def parse_value(spec: FieldSpec, value: Any) -> Any:
    """One field's value, converted and checked against its reference table."""
    if value is None or (isinstance(value, str) and not value.strip() and spec.type is not str):
        if spec.required:
            raise ValueError("Field may not be null.")
        return None
    converted = _CONVERTERS[spec.type](value)
    if spec.table and converted is not None:
        table = reference().table(spec.table)
        if converted not in table:
            raise ValueError(f"Unknown code {converted!r}; see the {spec.table} reference table.")
        converted = table.normalise(converted)
    if spec.type is str and converted == "" and spec.required:
        raise ValueError("May not be empty.")
    if spec.type is str and converted == "":
        return None
    return converted


def _to_str(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError("Not a valid string.")
    text = str(value).strip()
    if len(text) > MAX_TEXT:
        raise ValueError(f"Longer than {MAX_TEXT} characters.")
    if "\x00" in text:
        raise ValueError("May not contain a NUL character.")  # PostgreSQL's text cannot hold one
    return text


def _to_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("Not a valid integer.")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise ValueError("Not a valid integer.")


def _to_date(value: Any) -> date:
    if isinstance(value, datetime):
        raise ValueError("Not a valid date (expected YYYY-MM-DD, got a date and time).")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"Not a valid date (expected YYYY-MM-DD): {value!r}.")


def _to_decimal(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise ValueError("Not a valid number.")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError("Not a valid number.") from None
    if not number.is_finite():
        raise ValueError("Not a valid number.")
    return number


def _to_dict(value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueError("Not a valid object.")
    return dict(value)


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0", "yes", "no"):
        return value.strip().lower() in ("true", "1", "yes")
    raise ValueError("Not a valid boolean.")


_CONVERTERS: dict[type, Any] = {
    str: _to_str,
    int: _to_int,
    date: _to_date,
    Decimal: _to_decimal,
    dict: _to_dict,
    bool: _to_bool,
}


def to_plain(value: Any) -> Any:
    """A typed payload value as plain JSON data (dates as ISO strings, decimals as strings)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value


def json_default(value: Any) -> Any:
    """What orjson cannot write itself: decimals, as strings (orjson writes dates and times as ISO strings)."""
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"Cannot store a {type(value).__name__}")


def plain_json(value: Any) -> bytes:
    """JSON of typed values, the same as `orjson.dumps(to_plain(value))` without copying them first."""
    return orjson.dumps(value, default=json_default)
