"""The pages' Jinja templates compiled once per test process, not again by every app the tests make.

Each app has a Jinja environment of its own, which compiles a template (parsed, made into Python source, compiled)
the first time the app renders it: a page and the templates it extends and imports, 30-60 ms of CPU, paid again by
nearly every functional test that reads a page, since each makes its app (three functional modules, 96 tests in one
process: 21.8 / 24.1 -> 17.7 / 19.6 s of CPU). A server makes its app once and compiles each template once, so this
is the tests' cost alone, and is saved here in the tests alone (installed by tests/__init__.py): the apps get
Jinja's bytecode cache (Flask.jinja_options, passed to each app's environment) holding the compiled code in memory.

The cache keeps a template's code by its name and file, checked against the source's checksum (an edited template
is compiled again). The code also depends on options of the environment compiling it (its extensions, such as
Flask-Babel's i18n and its new-style gettext, its whitespace and autoescape settings), which Jinja's own key leaves
out: they are in the key here, so that an app configured otherwise compiles its own.
tests/functional/test_template_code_kept.py shows an app made again compiles no template, and that each template's
kept code is the code an app's environment compiles.
"""

from __future__ import annotations

from flask import Flask
from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache


def compiled_alike(environment: Environment) -> str:
    """What of an environment, besides a template's source, its compiled code depends on."""
    autoescape = environment.autoescape
    return repr(
        (
            sorted(environment.extensions),
            getattr(environment, "newstyle_gettext", None),
            getattr(autoescape, "__qualname__", autoescape),
            environment.trim_blocks,
            environment.lstrip_blocks,
            environment.keep_trailing_newline,
            environment.optimized,
            environment.block_start_string,
            environment.variable_start_string,
            environment.comment_start_string,
            environment.line_statement_prefix,
        )
    )


class KeptCode(BytecodeCache):
    """Templates' compiled code in memory, by template and by how the environment compiles."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = f"{self.get_cache_key(name, filename)}:{compiled_alike(environment)}"
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self.code.get(bucket.key)
        if kept is not None:
            bucket.bytecode_from_string(kept)  # reset (compiled again) when the source's checksum differs

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


KEPT = KeptCode()


def install() -> None:
    Flask.jinja_options = {**Flask.jinja_options, "bytecode_cache": KEPT}
