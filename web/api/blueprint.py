"""The API's blueprint class: every request schema decides for itself what an unknown field is."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask_smorest import Blueprint
from marshmallow import Schema
from webargs.flaskparser import FlaskParser

from web.api.common import csv_documented

F = TypeVar("F", bound=Callable[..., Any])


class ApiBlueprint(Blueprint):  # type: ignore[misc]
    """flask-smorest's Blueprint whose parser leaves `unknown` to each schema's Meta.

    webargs ignores unknown query parameters by default; the API's query schemas refuse them
    (web.api.schemas.RequestOptionsSchema), so a misspelt filter is a 422, not a wider answer.
    """

    ARGUMENTS_PARSER = FlaskParser(unknown=None)

    def read(self, query: type[Schema], answer: type[Schema], *, refusal: tuple[int, str] = (403, "FORBIDDEN")) -> Any:
        """A read's documentation: its query, its 200 answer, the refusal it may give, and its CSV form."""

        def decorate(view: F) -> F:
            view = csv_documented(view)
            view = self.alt_response(refusal[0], response=refusal[1])(view)
            view = self.response(200, answer)(view)
            # An instance, built once: given the class, webargs would build one on every request.
            return self.arguments(query(), location="query")(view)  # type: ignore[no-any-return]

        return decorate
