# Types for what careerlog uses of flask-smorest 0.4x (it ships no py.typed marker; its decorators are unannotated,
# which made every API view untyped): each decorator returns the view it decorates, as flask-smorest's do (wrapped
# with functools.wraps). What careerlog does not use is left Any (__getattr__).
from collections.abc import Callable
from typing import Any, TypeVar

import flask
from marshmallow import Schema
from webargs.flaskparser import FlaskParser

_F = TypeVar("_F", bound=Callable[..., Any])

class Blueprint(flask.Blueprint):
    ARGUMENTS_PARSER: FlaskParser
    _prepare_doc_cbks: list[Callable[..., Any]]
    def route(
        self, rule: str, *, parameters: list[Any] | None = None, tags: list[str] | None = None, **options: Any
    ) -> Callable[[_F], _F]: ...
    def response(
        self,
        status_code: int | str,
        schema: Schema | type[Schema] | str | dict[str, Any] | None = None,
        *,
        content_type: str | None = None,
        description: str | None = None,
        example: Any = None,
        examples: dict[str, Any] | None = None,
        headers: dict[str, Any] | None = None,
    ) -> Callable[[_F], _F]: ...
    def alt_response(
        self,
        status_code: int | str,
        response: str | None = None,
        *,
        schema: Schema | type[Schema] | str | dict[str, Any] | None = None,
        content_type: str | None = None,
        description: str | None = None,
        example: Any = None,
        examples: dict[str, Any] | None = None,
        headers: dict[str, Any] | None = None,
        success: bool = False,
    ) -> Callable[[_F], _F]: ...
    def arguments(
        self,
        schema: Schema | type[Schema],
        *,
        location: str = "json",
        content_type: str | None = None,
        required: bool = True,
        description: str | None = None,
        example: Any = None,
        examples: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> Callable[[_F], _F]: ...
    @staticmethod
    def doc(**kwargs: Any) -> Callable[[_F], _F]: ...
    @staticmethod
    def _prepare_response_doc(doc: dict[str, Any], doc_info: dict[str, Any], **kwargs: Any) -> Any: ...
    def register_views_in_doc(self, api: Api, app: flask.Flask, spec: Any, *, name: str, parameters: Any) -> None: ...
    def __getattr__(self, name: str) -> Any: ...

class Api:
    ERROR_SCHEMA: type[Schema]
    _app: flask.Flask
    def __init__(self, app: flask.Flask | None = None, *, spec_kwargs: dict[str, Any] | None = None) -> None: ...
    def register_blueprint(self, blp: Blueprint, *, parameters: Any = None, **options: Any) -> None: ...
    def register_field(self, field: type[Any], *args: Any) -> None: ...
    def _register_etag_headers(self) -> None: ...
    def _register_pagination_header(self) -> None: ...
    def __getattr__(self, name: str) -> Any: ...
