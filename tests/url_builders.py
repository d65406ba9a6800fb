"""werkzeug's URL builders compiled once per test process for each rule, not again for every app the tests make.

Each `create_app` adds its 60-odd URL rules to a new map, and werkzeug compiles two builder functions for each rule
(`Rule._compile_builder`: an AST made, then compiled): about half of `create_app`'s CPU after the OpenAPI document
was written when read, paid by every functional test's app (and each integration test's that makes one). A server
makes its app once, so this is the tests' cost alone, and is saved here in the tests alone (imported by
tests/__init__.py, before any test module or conftest).

A builder is a function of what werkzeug compiles it from: the rule's text (its name), whether unknown arguments
are appended as a query, the rule's trace (its static parts and argument names, in order) and the names of its
defaults. It reaches the rule's converters through the rule it is bound to (`self._converters[...]`), so the same
function, bound to another app's equal rule, builds that rule's URLs. A rule with a default for one of its own
arguments has the default converted into the function (`to_url`): that one is compiled each time, as werkzeug does.
tests/functional/test_url_builders_kept.py shows every rule of an app builds the same URLs as with werkzeug's own.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from werkzeug.routing.rules import Rule

Builder = Callable[..., tuple[str, str]]
COMPILE = Rule._compile_builder  # werkzeug's own
KEPT: dict[Hashable, Builder] = {}


def builder_key(rule: Rule, append_unknown: bool) -> Hashable | None:
    """Everything a rule's builder is compiled from, or None for a rule whose builder holds a converted default."""
    defaults = rule.defaults or {}
    if any(is_dynamic and name in defaults for is_dynamic, name in rule._trace):
        return None
    return (rule.rule, append_unknown, tuple(rule._trace), tuple(str(name) for name in defaults))


def kept_builder(self: Rule, append_unknown: bool = True) -> Builder:
    key = builder_key(self, append_unknown)
    if key is None:
        return COMPILE(self, append_unknown)
    found = KEPT.get(key)
    if found is None:
        found = KEPT[key] = COMPILE(self, append_unknown)
    return found


def install() -> None:
    Rule._compile_builder = kept_builder  # type: ignore[method-assign,assignment]  # werkzeug's, for the tests
