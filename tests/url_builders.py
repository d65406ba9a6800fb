"""werkzeug's URL builders compiled, and its URL rules parsed, once per test process for each rule, not again for
every app the tests make.

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

Once the builders were kept, parsing the rules (`Rule._parse_rule`, a regular expression's matches read part by part
into the matcher's parts, their weights and the rule's trace) was the largest part of adding them: about a fifth of
`create_app`'s CPU in the tests. A rule's parts are a function of its text and of the classes its map names its
converters by (each part's regular expression and weight are its converters', made of the arguments the text gives
them): they are kept by those, and a rule of the same text in another app takes the kept parts and trace, and
converters of its own, made for its own map as werkzeug makes them (`get_converter`, with the arguments of the text,
in the text's order). tests/functional/test_url_builders_kept.py shows every rule of an app is parsed as by
werkzeug's own (its parts, trace, arguments and converters), and matches the paths werkzeug's own rules match.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from werkzeug.routing.rules import Rule, RulePart, _part_re, parse_converter_args

Builder = Callable[..., tuple[str, str]]
COMPILE = Rule._compile_builder  # werkzeug's own
KEPT: dict[Hashable, Builder] = {}
PARSE = Rule._parse_rule  # werkzeug's own
# a rule's text and its map's converters -> its parts, its trace and its converters' (variable, name, arguments)
PARSED: dict[Hashable, tuple[list[RulePart], list[tuple[bool, str]], list[tuple[str, str, str]]]] = {}


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


def converters_named(text: str) -> list[tuple[str, str, str]]:
    """The (variable, converter's name, its arguments as written) of each variable of a rule's text, in order, read
    with werkzeug's own expression as `_parse_rule` reads them."""
    found: list[tuple[str, str, str]] = []
    pos = 0
    while pos < len(text):
        match = _part_re.match(text, pos)
        if match is None:  # (werkzeug's parse has refused it already)
            raise ValueError(f"malformed url rule: {text!r}")
        if match["variable"] is not None:
            found.append((match["variable"], match["converter"] or "default", match["arguments"] or ""))
        pos = match.end()
    return found


def kept_parse(self: Rule, text: str) -> list[RulePart]:
    assert self.map is not None  # (parsed when bound: Rule.compile)
    key = (text, tuple(sorted(self.map.converters.items())))
    found = PARSED.get(key)
    if found is None:
        traced = len(self._trace)
        parts = list(PARSE(self, text))
        PARSED[key] = (parts, self._trace[traced:], converters_named(text))
        return parts
    parts, trace, named = found
    for variable, converter, arguments in named:
        args, kwargs = parse_converter_args(arguments)
        self._converters[variable] = self.get_converter(variable, converter, args, kwargs)
        self.arguments.add(variable)
    self._trace.extend(trace)
    return list(parts)


def install() -> None:
    Rule._compile_builder = kept_builder  # type: ignore[method-assign,assignment]  # werkzeug's, for the tests
    Rule._parse_rule = kept_parse  # type: ignore[method-assign,assignment]  # werkzeug's, for the tests
