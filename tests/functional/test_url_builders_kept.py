"""The tests' apps share werkzeug's URL builders (tests/url_builders.py): an app made again compiles none, and every
rule builds the URLs werkzeug's own builders build for it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from werkzeug.routing import IntegerConverter, Rule
from werkzeug.routing import rules as werkzeug_rules

from tests.functional.conftest import TEST_CONFIG, served_app
from tests.url_builders import COMPILE


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
