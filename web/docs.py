"""The API documentation page's own files (Swagger UI), served here: no CDN, works offline."""

from __future__ import annotations

from flask import Blueprint, Response, send_from_directory
from swagger_ui_bundle import swagger_ui_path

SWAGGER_UI_FILES = ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js")

blp = Blueprint("api_docs_static", __name__, url_prefix="/api/docs/static")


@blp.route("/<path:filename>")
def swagger_ui_file(filename: str) -> Response:
    """Serve a file of the swagger-ui-bundle package."""
    return send_from_directory(str(swagger_ui_path), filename, max_age=86400)
