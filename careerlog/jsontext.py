"""How deeply JSON text nests, found without reading it: untrusted JSON text (a typed field on the command line, an
API body, a form's JSON field) nested deeper than JSON_DEPTH_LIMIT is refused before json.loads reads it.

json.loads recurses once a level, to Python's recursion limit on deeper text; catching its RecursionError is not
enough: the garbage collector running that deep found finalizers failing there (an unraisable RecursionError, seen in
a clean-clone CI run of test_corrected_fields_nested_too_deep_to_read_is_refused_naming_it). No field holds a value
nested anywhere near so deep. (orjson, which the import reads with, does not recurse in Python: it refuses text past
1,024 levels itself, and the import refuses a value past 16: careerlog.importing.MAX_NESTING.)
"""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

import orjson

from careerlog.domain.payload import names_given_twice

JSON_DEPTH_LIMIT = 100
# A JSON string (its escapes read, so that \" does not end it; one left open runs to the text's end), or a bracket
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"?')
_TOKENS = re.compile(_JSON_STRING.pattern + r"|[\[\]{}]")
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_DEPTH_CHANGE = {"[": 1, "{": 1, "]": -1, "}": -1}


def json_depth_exceeded(value: str, limit: int = JSON_DEPTH_LIMIT) -> int | None:
    """Where (the offset in `value` of the array or object opened) JSON text first opens more than `limit` arrays or
    objects one inside another, brackets in its strings left out; None if it never does. Read without recursion, and
    at once for text of no more than `limit` brackets opening in all (any text a field holds)."""
    if value.count("[") + value.count("{") <= limit:
        return None
    brackets = _NOT_BRACKETS.sub("", _JSON_STRING.sub("", value))  # (its brackets alone, their depths summed in C)
    if max(itertools.accumulate(map(_DEPTH_CHANGE.__getitem__, brackets)), default=0) <= limit:
        return None
    depth = 0
    for token in _TOKENS.finditer(value):  # (too deep: where, read again token by token)
        ch = token.group()
        if ch == "[" or ch == "{":
            depth += 1
            if depth > limit:
                return token.start()
        elif ch == "]" or ch == "}":
            depth -= 1
    raise AssertionError("unreachable: found too deep above")  # pragma: no cover


def json_too_deep(value: str, limit: int = JSON_DEPTH_LIMIT) -> bool:
    """Whether JSON text opens more than `limit` arrays or objects one inside another (its strings left out), read
    without recursion."""
    return json_depth_exceeded(value, limit) is not None


class Repeated(dict[str, Any]):
    """A JSON object read whose names were given more than once (`repeated`, in the order of their second mention);
    json.loads keeps a name's last value."""

    repeated: tuple[str, ...] = ()


def named_once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object read (json.loads' object_pairs_hook): a dict, or a Repeated naming the names given twice (the
    API's body, web.api.blueprint.read_json, and an import's text read again, name_given_twice)."""
    twice = names_given_twice(pairs)
    if not twice:
        return dict(pairs)
    found = Repeated(pairs)
    found.repeated = tuple(twice)
    return found


def _none(_: str) -> None:
    return None


def name_given_twice(text: str | bytes, value: Any, coloned: tuple[str, ...] = ()) -> str | None:
    """Where JSON text that orjson read as `value` gives one name twice in an object, named by its path as the API
    names it (given_twice: `hours`; `corrected_fields.hours` inside an object of an object; `a.0.hours` in an object of
    a list), the first so given; None if it never does. orjson, as json.loads, keeps a name's last value and drops the
    other unseen, and has no object_pairs_hook.

    Nearly every text is judged at once, without reading it again: each name written is followed by a colon outside
    its string, so a text holding as many colons as the names read gave no name twice; nor one holding as many as the
    names and the colons of the texts `coloned` names (an export's recorded_at, 2024-05-03T02:00:00+00:00) when it
    escapes nothing (no backslash: its texts are as read), nor one holding as many as the names and texts read (`value`
    written again by orjson, which writes one colon after each name and escapes none) when it writes no colon as an
    escape (\\u003a). Otherwise it is read again with json.loads, its objects' names kept (its numbers not read: only
    its names are asked). Text nested past JSON_DEPTH_LIMIT is not read again: None (the callers refuse it first,
    careerlog.importing.MAX_NESTING)."""
    if isinstance(text, bytes):
        colons, backslash = text.count(b":"), b"\\" in text  # (a byte's search, as fast as memchr: most have none)
        escaped = backslash and b"\\u003" in text
    else:
        colons, backslash = text.count(":"), "\\" in text
        escaped = backslash and "\\u003" in text
    if type(value) is dict:
        names = len(value)
        if colons == names:
            return None
        if coloned and not backslash:
            for name in coloned:
                given = value.get(name)
                if type(given) is str:
                    names += given.count(":")
            if colons == names:
                return None
    if not escaped:
        try:
            if colons == orjson.dumps(value).count(b":"):  # (the names and texts read, written again)
                return None
        except orjson.JSONEncodeError:  # (nested past the 254 levels orjson writes: read again below)
            pass
    written = (text.decode() if isinstance(text, bytes) else text).removeprefix("\ufeff")
    if json_too_deep(written):
        return None
    return given_twice(json.loads(written, object_pairs_hook=named_once, parse_int=_none, parse_float=_none))


def given_twice(read: Any) -> str | None:
    """Where in a JSON value read with named_once an object gives a name twice, named by its path as the API and an
    import name it (`hours`, `corrected_fields.hours`, `confirm.0.hours` in an object of a list), the first found
    depth first (an object before what it holds); None if none does. Walked without recursion."""
    stack: list[tuple[Any, str]] = [(read, "")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, Repeated):
            return f"{where}.{value.repeated[0]}" if where else value.repeated[0]
        if isinstance(value, dict):
            items: Any = value.items()
        elif isinstance(value, list):
            items = enumerate(value)
        else:
            continue
        stack.extend(reversed([(item, f"{where}.{key}" if where else str(key)) for key, item in items]))
    return None
