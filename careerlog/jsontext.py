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
import re

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
