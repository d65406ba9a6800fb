"""The API's blueprint class: every request schema decides for itself what an unknown field is."""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import flask
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, missing
from webargs.flaskparser import FlaskParser, abort, is_json_request
from werkzeug.datastructures import MultiDict

from careerlog.access import Action
from careerlog.domain.errors import cut
from careerlog.domain.payload import utf8
from careerlog.domain.wording import Reason, Refusal
from careerlog.jsontext import JSON_DEPTH_LIMIT, given_twice, json_depth_exceeded, named_once
from web.api.common import csv_documented

F = TypeVar("F", bound=Callable[..., Any])

ETAG_HEADER = {
    "description": "The answer's entity tag (a digest of its body): send it back as If-None-Match.",
    "schema": {"type": "string"},
}
NOT_MODIFIED = (
    "Not Modified: the answer would be the one whose ETag If-None-Match names (no body). The read is made as a 200's "
    "is: scope checked, access logged."
)
IF_NONE_MATCH = {
    "in": "header",
    "name": "If-None-Match",
    "required": False,
    "description": "The ETag of an answer you hold: 304 Not Modified when the answer is still that one.",
    "schema": {"type": "string"},
}


GIVEN_TWICE = "Given more than once: give it once."
# (in the client's language since 2026-12-08, where it is included: a place in the body is its path as sent)
LONE_SURROGATE = Refusal(
    "Not valid JSON: {where} holds a lone surrogate (an escape from \\ud800 to \\udfff not paired), which is no "
    "character: send the text as UTF-8 (RFC 8259, 8.2)."
)
THE_BODY = Refusal("the body").reason()
A_FIELDS_NAME = Refusal("a field's name").reason()
A_FIELDS_NAME_IN = Refusal("a field's name in {where}")


# (the refusals of a body as careerlog words them are Refusals, so the API says them in the client's language:
# web.languages; until 2026-12-08 in English whatever was asked. Python's JSON reader's own words stay English)
NOT_AN_OBJECT = Refusal("Must be a JSON object (the fields by name, between braces), not {what}.")
JSON_KINDS = {kind: Refusal(f"a {kind}").reason() for kind in ("list", "text", "number")}


def json_kind(value: Any) -> str:
    """What a JSON value read is, as a refusal names it: a list, a text, a number, true, false or null."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    return JSON_KINDS["list" if isinstance(value, list) else "text" if isinstance(value, str) else "number"]


def lone_surrogate(value: Any, where: str = "") -> Reason | str | None:
    """Where in a JSON value read a string or a field's name holds a lone surrogate: an escape (`"\\ud800"`) JSON's
    grammar allows, but which is no character: it cannot be stored nor written back in UTF-8. None when nowhere."""
    if isinstance(value, str):
        return None if utf8(value) else where or THE_BODY
    if isinstance(value, dict):
        for key, item in value.items():
            if not utf8(key):
                return A_FIELDS_NAME_IN.reason(where=where) if where else A_FIELDS_NAME
            found = lone_surrogate(item, f"{where}.{key}" if where else key)
            if found is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = lone_surrogate(item, f"{where}.{index}" if where else str(index))
            if found is not None:
                return found
    return None


class Digits(str):
    """A whole number's text in a JSON body, of more digits than int() reads (`sys.get_int_max_str_digits`)."""


def whole_or_digits(text: str) -> int | Digits:
    """A JSON whole number as int() reads it, or its text (Digits) when it has more digits than int() reads."""
    try:
        return int(text)
    except ValueError:
        return Digits(text)


Found = TypeVar("Found")


def first_in(value: Any, test: Callable[[Any, str], Found | None], where: str = "") -> Found | None:
    """The first answer of `test` (a value of a JSON value read, and where it is: `hours`, `corrected_fields.new_rank`,
    `confirm.0`, "" for the whole) that is not None, the value first, then its items', depth first."""
    found = test(value, where)
    if found is not None:
        return found
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found = first_in(item, test, f"{where}.{key}" if where else str(key))
        if found is not None:
            return found
    return None


def too_many_digits(value: Any) -> tuple[str, Digits] | None:
    """Where in a JSON value read with `whole_or_digits` a whole number has more digits than int() reads, and it."""
    return first_in(value, lambda v, where: (where or "body", v) if isinstance(v, Digits) else None)


def long_number_refusal(data: bytes) -> ValidationError:
    """The 422 naming the field of a body whose whole number has more digits than int() reads: json.loads raises
    ValueError on it (not JSONDecodeError), which was answered 500. The body, valid JSON, is read again, the number
    kept as text, to find where it is."""
    found = too_many_digits(json.loads(data, parse_int=whole_or_digits))
    where, text = found if found is not None else ("body", Digits(""))
    digits = len(text.lstrip("-"))
    reason = TOO_MANY_DIGITS.reason(number=cut(text), digits=f"{digits:,}", most=f"{sys.get_int_max_str_digits():,}")
    return ValidationError({where: [reason]})


# (the counts written as the language writes a number: "5.000 digit" in Indonesian)
TOO_MANY_DIGITS = Refusal(
    "{number} has {digits} digits, more than any number careerlog reads ({most} at most): no field takes a number so "
    "long.",
    numbers=("digits", "most"),
)
NOT_UTF8_BODY = Refusal(
    "byte {at} ({byte}) is not UTF-8, as JSON sent over a network is (RFC 8259, 8.1; a charset named in the "
    "Content-Type is not read): send the body as UTF-8"
)
BOM = Refusal(
    "the body begins with a byte-order mark (U+FEFF), which JSON sent over a network does not carry (RFC 8259, 8.1): "
    "send it without"
).reason()
# ... said as Python's JSON reader says where ("Not valid JSON: <reason>: line 1 column 1 (char 0)."), the place as
# given in either language
NOT_VALID_JSON_AT = Refusal("Not valid JSON: {reason}: line {line} column {column} (char {at}).")


class WordedDecodeError(json.JSONDecodeError):
    """A JSONDecodeError of careerlog's own reason (a Reason), which the 400 says in the client's language."""

    def __init__(self, reason: Reason, doc: str, pos: int) -> None:
        super().__init__(reason, doc, pos)
        self.reason = reason

    def said(self) -> Reason:
        """The 400's reason, as f"Not valid JSON: {error}." says a JSONDecodeError of Python's."""
        return NOT_VALID_JSON_AT.reason(reason=self.reason, line=self.lineno, column=self.colno, at=self.pos)


def read_json(data: bytes) -> Any:
    """A JSON body read as webargs reads it (core.parse_json: UTF-8, its bytes' error made a JSONDecodeError), each
    object's names given twice kept (named_once) to be refused. Bytes that are not UTF-8 and a byte-order mark are
    refused in words a client reads (they were Python's: "Bytes decoding error : invalid continuation byte",
    "Unexpected UTF-8 BOM (decode using utf-8-sig)")."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        reason = NOT_UTF8_BODY.reason(at=exc.start, byte=f"0x{data[exc.start]:02X}")
        # (its line and column counted in the characters before it, which are UTF-8: until 2026-12-08 in the bytes'
        # repr, one line, so a byte on line 3 was said to be on line 1)
        before = data[: exc.start].decode("utf-8")
        doc = before + data[exc.start :].decode("utf-8", "replace")
        raise WordedDecodeError(reason, doc=doc, pos=len(before)) from exc
    if text.startswith("\ufeff"):
        raise WordedDecodeError(BOM, doc=text, pos=0)
    at = json_depth_exceeded(text)  # (refused unread: json.loads recursed to Python's limit, careerlog.jsontext)
    if at is not None:
        too_deep(at)
    return json.loads(text, object_pairs_hook=named_once)


TOO_DEEP = Refusal(
    "Not valid JSON here: nested too deeply (more than {limit} arrays or objects one inside another, from character "
    "{at}): no field holds a value nested so deeply.",
    numbers=("limit", "at"),
)


def too_deep(at: int) -> NoReturn:
    """The 400 of a body nested more than JSON_DEPTH_LIMIT levels (refused unread, `at` the offset of the array or
    object opened past it): json.loads recursed to Python's limit on such a body, and the walks over what it read
    (lone_surrogate, given_twice) one level a call."""
    abort(400, messages={"json": {"body": [TOO_DEEP.reason(limit=JSON_DEPTH_LIMIT, at=f"{at + 1:,}")]}})


# (Refusals, so the API says them in the client's language too: web.languages; until 2026-12-07 in English alone)
BODY_AS_JSON = Refusal("Send the body as application/json, not {sent}.")
NO_CONTENT_TYPE = Refusal("without a Content-Type")


class BodyParser(FlaskParser):
    """webargs' parser, saying why a request body cannot be read instead of reading it as empty.

    webargs reads a body that is not labelled JSON as no body at all (a write then answered that
    every field was missing) and answers broken JSON with a bare 400. Here a body sent with
    another Content-Type is a 415, and broken JSON (or JSON nested too deeply: too_deep) a 400, each
    naming the reason in `errors`; a whole number of more digits than int() reads, a 422 naming its field, a body
    that is no JSON object (a list, a text...), a 422 naming `body`, and a name given twice in an object, a 422 naming
    it (as a query parameter given twice is).
    """

    def _raw_load_json(self, req: flask.Request) -> Any:
        if not is_json_request(req) and req.get_data(cache=True):
            sent = req.mimetype or NO_CONTENT_TYPE.reason()
            abort(415, messages={"json": {"Content-Type": [BODY_AS_JSON.reason(sent=sent)]}})
        if not is_json_request(req):
            return missing  # (no body: one not labelled JSON is refused above)
        try:
            body = read_json(req.get_data(cache=True))  # (a body nested too deeply refused unread: too_deep)
        except ValueError as error:  # (a JSONDecodeError, or undecodable bytes made one, is webargs' 400)
            if isinstance(error, json.JSONDecodeError | UnicodeDecodeError):
                raise
            raise long_number_refusal(req.get_data(cache=True)) from None
        where = lone_surrogate(body)
        if where is not None:
            abort(400, messages={"json": {"body": [LONE_SURROGATE.reason(where=where)]}})
        if not isinstance(body, dict):  # (marshmallow's refusal names no field: _schema)
            raise ValidationError({"body": [NOT_AN_OBJECT.reason(what=json_kind(body))]})
        repeated = given_twice(body)  # (json.loads keeps the last value given, the other dropped unseen)
        if repeated is not None:
            raise ValidationError({repeated: [GIVEN_TWICE]})
        return body

    def load_files(self, req: flask.Request, schema: Schema) -> Any:
        """The files of a multipart body with its other fields (webargs reads the files alone): a field or a file the
        schema does not take is refused by it, and a field given more than once here (webargs took the first)."""
        sent = MultiDict([*req.form.items(multi=True), *req.files.items(multi=True)])
        repeated = sorted(name for name in sent if len(sent.getlist(name)) > 1)
        if repeated:
            raise ValidationError({name: [GIVEN_TWICE] for name in repeated})
        return self._makeproxy(sent, schema)

    def load_querystring(self, req: flask.Request, schema: Schema) -> Any:
        """The query, refusing a parameter of one value given more than once (webargs took the first)."""
        query = super().load_querystring(req, schema)
        known = {field.data_key or name for name, field in schema.fields.items()}
        repeated = sorted(
            k for k in req.args if k in known and k not in query.multiple_keys and len(req.args.getlist(k)) > 1
        )
        if repeated:
            raise ValidationError({name: [GIVEN_TWICE] for name in repeated})
        return query

    def _handle_invalid_json_error(
        self, error: json.JSONDecodeError | UnicodeDecodeError, req: flask.Request, *args: Any, **kwargs: Any
    ) -> NoReturn:
        said = error.said() if isinstance(error, WordedDecodeError) else f"Not valid JSON: {error}."
        abort(400, exc=error, messages={"json": {"body": [said]}})


class ApiBlueprint(Blueprint):
    """flask-smorest's Blueprint whose parser leaves `unknown` to each schema's Meta.

    webargs ignores unknown query parameters by default; the API's query schemas refuse them
    (web.api.schemas.RequestOptionsSchema), so a misspelt filter is a 422, not a wider answer.
    """

    ARGUMENTS_PARSER = BodyParser(unknown=None)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._prepare_doc_cbks.append(self._prepare_conditional_doc)

    @staticmethod
    def _prepare_conditional_doc(doc: dict[str, Any], doc_info: dict[str, Any], *, method: str, **_: Any) -> Any:
        """A read's ETag on its 200, its If-None-Match header and its 304 (web.api.common.conditional)."""
        if method != "get":
            return doc
        responses = doc.setdefault("responses", {})
        # (a fact's is its own; a copy of the module's each time: flask-smorest merges an operation's own header
        # documentation into it in place, and the audited lists' ETag, merged into the module's, was every later
        # app's, in a process making several: tests/functional/test_openapi_written_when_read.py)
        etag = responses[200].setdefault("headers", {}).setdefault("ETag", copy.deepcopy(ETAG_HEADER))
        responses[304] = {"description": NOT_MODIFIED, "headers": {"ETag": etag}}
        doc.setdefault("parameters", []).append(IF_NONE_MATCH)
        return doc

    @staticmethod
    def _prepare_response_doc(doc: dict[str, Any], doc_info: dict[str, Any], **kwargs: Any) -> Any:
        """flask-smorest's, with the 400, 413 and 415 of an operation taking a body (no JSON, too large, not
        labelled JSON; a file upload's is only too large), the 401 every operation answers without a valid token,
        the 406 it answers to an Accept header allowing none of its media types, the 429 past the token's rate limit
        (web.api.guard) and the 503 of a database that could not be used, a view being filled or a `wait_for` timed
        out (web.errors), each with its Retry-After (web.api.RETRY_AFTER)."""
        responses = doc_info.setdefault("response", {}).setdefault("responses", {})
        body = doc.get("requestBody", {}).get("content", {})
        if body:  # (a body larger than CAREERLOG_MAX_UPLOAD_MB, werkzeug's 413: web.errors)
            responses.setdefault(413, ["REQUEST_ENTITY_TOO_LARGE"])
        if "application/json" in body:  # (a body that is no JSON, or not labelled JSON: BodyParser)
            responses.setdefault(400, ["BAD_REQUEST"])
            responses.setdefault(415, ["UNSUPPORTED_MEDIA_TYPE"])
        responses.setdefault(401, ["UNAUTHORIZED"])
        responses.setdefault(406, ["NOT_ACCEPTABLE"])
        responses.setdefault(429, ["TOO_MANY_REQUESTS"])
        responses.setdefault(503, ["SERVICE_UNAVAILABLE"])
        return Blueprint._prepare_response_doc(doc, doc_info, **kwargs)

    def requires(self, action: Action) -> Callable[[F], F]:
        """Mark a view as taking `action`: a role that may not take it is refused (403) before the request's
        arguments are read (web.api.common.refuse_role), and the view documents the 403."""

        def decorate(view: F) -> F:
            view.careerlog_action = action  # type: ignore[attr-defined]
            return self.alt_response(403, response="FORBIDDEN")(view)

        return decorate

    def read(
        self, query: type[Schema], answer: type[Schema], *, refusal: tuple[int, str] = (403, "FORBIDDEN")
    ) -> Callable[[F], F]:
        """A read's documentation: its query, its 200 answer, the refusal it may give, and its CSV form."""

        def decorate(view: F) -> F:
            view = csv_documented(view)
            view = self.alt_response(refusal[0], response=refusal[1])(view)
            view = self.response(200, answer)(view)
            # An instance, built once: given the class, webargs would build one on every request.
            return self.arguments(query(), location="query")(view)

        return decorate
