"""The API's blueprint class: every request schema decides for itself what an unknown field is."""

from __future__ import annotations

from flask_smorest import Blueprint
from webargs.flaskparser import FlaskParser


class ApiBlueprint(Blueprint):  # type: ignore[misc]
    """flask-smorest's Blueprint whose parser leaves `unknown` to each schema's Meta.

    webargs ignores unknown query parameters by default; the API's query schemas refuse them
    (web.api.schemas.RequestOptionsSchema), so a misspelt filter is a 422, not a wider answer.
    """

    ARGUMENTS_PARSER = FlaskParser(unknown=None)
