"""The tests' apps share the pages' compiled templates (tests/template_code.py): an app made again compiles none,
one whose environment compiles otherwise compiles its own, and each template's kept code is what an app compiles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from jinja2 import Environment

from tests.functional.conftest import TEST_CONFIG, served_app
from tests.template_code import KEPT


def templates(app: Flask) -> list[str]:
    names = app.jinja_env.list_templates()
    assert len(names) > 15  # the pages' templates and Flask-smorest's
    return names


def compiled_by(app: Flask, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The templates the app's environment compiles while each of its templates is loaded."""
    compiled: list[str] = []
    compile_ = Environment.compile

    def counted(self: Environment, source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        compiled.append(str(name))
        return compile_(self, source, name, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", counted)
    for name in templates(app):
        app.jinja_env.get_template(name)
    monkeypatch.undo()
    return compiled


def test_an_app_made_again_compiles_no_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with served_app(f"sqlite:///{tmp_path}/first.db", dict(TEST_CONFIG)) as app:
        for name in templates(app):
            app.jinja_env.get_template(name)
    with served_app(f"sqlite:///{tmp_path}/again.db", dict(TEST_CONFIG)) as app:
        assert compiled_by(app, monkeypatch) == []


def test_an_app_whose_environment_compiles_otherwise_compiles_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with served_app(f"sqlite:///{tmp_path}/first.db", dict(TEST_CONFIG)) as app:
        for name in templates(app):
            app.jinja_env.get_template(name)
    with served_app(f"sqlite:///{tmp_path}/trimmed.db", dict(TEST_CONFIG)) as app:
        app.jinja_env.trim_blocks = True  # changes the code made of a template's blocks
        assert sorted(compiled_by(app, monkeypatch)) == sorted(templates(app))


def test_each_templates_kept_code_is_the_code_an_app_compiles(tmp_path: Path) -> None:
    with served_app(f"sqlite:///{tmp_path}/first.db", dict(TEST_CONFIG)) as app:
        environment = app.jinja_env
        assert environment.bytecode_cache is KEPT
        for name in templates(app):
            environment.get_template(name)
            source, filename, _ = environment.loader.get_source(environment, name)  # type: ignore[union-attr]
            kept = KEPT.get_bucket(environment, name, filename, source)
            assert kept.code is not None, name
            assert kept.code == environment.compile(source, name, filename), name
