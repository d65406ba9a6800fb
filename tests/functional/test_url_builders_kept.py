"""The tests' apps share werkzeug's URL builders and rules' parses (tests/url_builders.py): an app made again compiles
no builder and parses no rule, every rule builds the URLs werkzeug's own builders build for it, and is parsed (its
parts, trace, arguments and converters, of its own map) and matches paths as werkzeug's own parse makes it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from werkzeug.routing import IntegerConverter, Rule
from werkzeug.routing import rules as werkzeug_rules

from tests import url_builders
from tests.functional.conftest import TEST_CONFIG, served_app
from tests.url_builders import COMPILE, PARSE


def test_an_app_made_again_compiles_no_url_builder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with served_app(f"sqlite:///{tmp_path}/first.db", dict(TEST_CONFIG)):
        pass
    compiled: list[str] = []

    def counted(source: Any, filename: str, *args: Any, **kwargs: Any) -> Any:
        compiled.append(filename)
        return compile(source, filename, *args, **kwargs)

    monkeypatch.setattr(werkzeug_rules, "compile", counted, raising=False)  # werkzeug's builders are compiled by it
    with served_app(f"sqlite:///{tmp_path}/again.db", dict(TEST_CONFIG)) as app:
        assert len(list(app.url_map.iter_rules())) > 50
        folded = [r for r in app.url_map.iter_rules() if any(d and n in (r.defaults or {}) for d, n in r._trace)]
    assert len(compiled) == 2 * len(folded)  # only a rule with a default converted into its builder (none today)


def sample(rule: Rule, name: str) -> object:
    return 7 if isinstance(rule._converters[name], IntegerConverter) else "Dinas Pendidikan/2025 ä"


def test_every_rule_of_an_app_builds_the_urls_werkzeugs_own_builders_build(tmp_path: Path) -> None:
    with served_app(f"sqlite:///{tmp_path}/first.db", dict(TEST_CONFIG)):
        pass  # the builders kept, by another app's rules
    with served_app(f"sqlite:///{tmp_path}/again.db", dict(TEST_CONFIG)) as app:
        rules = list(app.url_map.iter_rules())
        for rule in rules:
            values = {name: sample(rule, name) for name in rule.arguments}
            for append_unknown in (False, True):
                werkzeugs = COMPILE(rule, append_unknown).__get__(rule, None)  # werkzeug's own, compiled now
                asked = {**values, "q": "a b", "page": 2} if append_unknown else values
                kept = rule._build_unknown if append_unknown else rule._build
                assert kept(**asked) == werkzeugs(**asked), rule.rule
    assert any(rule.arguments for rule in rules)


def test_an_app_made_again_parses_no_url_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with served_app(f"sqlite:///{tmp_path}/first.db", dict(TEST_CONFIG)):
        pass
    parsed: list[str] = []

    def counted(rule: Rule, text: str) -> Any:
        parsed.append(text)
        return PARSE(rule, text)

    monkeypatch.setattr(url_builders, "PARSE", counted)
    with served_app(f"sqlite:///{tmp_path}/again.db", dict(TEST_CONFIG)) as app:
        assert len(list(app.url_map.iter_rules())) > 50
    assert parsed == []


def parsed(rule: Rule) -> tuple[object, ...]:
    converters = {
        name: (type(c), c.regex, c.weight, c.part_isolating, vars(c).keys()) for name, c in rule._converters.items()
    }
    return (rule._parts, rule._trace, rule.arguments, converters)


def test_every_rule_of_an_app_is_parsed_and_matches_as_by_werkzeugs_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with served_app(f"sqlite:///{tmp_path}/first.db", dict(TEST_CONFIG)):
        pass  # the parses kept, of another app's rules
    with served_app(f"sqlite:///{tmp_path}/kept.db", dict(TEST_CONFIG)) as kept:
        with monkeypatch.context() as werkzeugs:
            werkzeugs.setattr(Rule, "_parse_rule", PARSE)
            werkzeugs.setattr(Rule, "_compile_builder", COMPILE)
            with served_app(f"sqlite:///{tmp_path}/own.db", dict(TEST_CONFIG)) as own:
                rules = {(r.rule, r.endpoint): r for r in own.url_map.iter_rules()}
        assert Rule._parse_rule is url_builders.kept_parse  # (installed again)
        kept_rules = {(r.rule, r.endpoint): r for r in kept.url_map.iter_rules()}
        assert kept_rules.keys() == rules.keys()
        for key, rule in rules.items():
            assert parsed(kept_rules[key]) == parsed(rule), key
            for name, converter in kept_rules[key]._converters.items():
                assert converter.map is kept.url_map, (key, name)  # (a converter of its own map's)
        paths = [re.sub(r"<[^>]*>", "x", re.sub(r"<int:\w+>", "7", r.rule)) for r in rules.values()]
        paths += ["/api/v1/employees/x/events/033", "/pages//login", "/pages", "/api/v1//employees", "/nowhere"]
        for path in paths:
            for method in ("GET", "POST", "OPTIONS"):
                assert matched(kept, path, method) == matched(own, path, method), (path, method)
    assert any(rule.arguments for rule in rules.values())
    assert sum(matched(own, path, "GET")[0] == "matched" for path in paths) > 50  # (most paths found a rule)


def matched(app: Any, path: str, method: str) -> tuple[object, ...]:
    try:
        return ("matched", app.url_map.bind("localhost").match(path, method=method))
    except Exception as e:  # (werkzeug's answer: a 404, 405 or redirect, compared by kind and text)
        return ("refused", type(e), str(e), getattr(e, "new_url", None), getattr(e, "valid_methods", None))
