"""Rule placement.ends_post (M): which post kinds an inter-agency placement ends is the rules file's `post_kinds`
(bundled: the managerial kinds; a functional or pelaksana post carries over). A kind misspelt is refused when the
rules are read (it would end no post, silently); the rule is read only when a placement is written, so a change of
it refills no view (the views' digest leaves it out)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from careerlog.domain.employee import ENDS_POST, Career, posts_a_placement_ends
from careerlog.domain.ledger import Fact
from careerlog.reference import BUNDLED_RULES, ConfigurationError, load_rules, rules
from projections.framework import RULES_READ_WHEN_QUERIED, rules_digest, rules_file_digest

BUNDLED = Path(BUNDLED_RULES).read_text(encoding="utf-8")
KINDS = 'post_kinds = ["JPT_UTAMA", "JPT_MADYA", "JPT_PRATAMA", "ADMINISTRATOR", "PENGAWAS"]'


def written(tmp_path: Path, text: str, name: str = "rules.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def career(post_kind: str) -> Career:
    def fact(version: int, kind: str, day: date, **values: object) -> Fact:
        return Fact(version, kind, {"effective_date": day, "reference": f"R-{version}", **values}, day)

    return Career(
        "198609262010031701",
        [
            fact(1, "appointment", date(2010, 3, 1), agency="KOTA-MEDAN", region="12.71", unit="Bappeda"),
            fact(2, "post_appointment", date(2020, 1, 2), post_kind=post_kind, title="Post", assignment="DEFINITIVE"),
        ],
    )


MOVE = {"effective_date": date(2024, 11, 1), "agency": "PROV-SUMUT"}


def test_the_bundled_rule_ends_the_managerial_posts_and_no_functional_or_pelaksana_one() -> None:
    assert KINDS in BUNDLED
    book = rules()
    ended = {kind: [f.version for f in posts_a_placement_ends(career(kind), MOVE, book)[1]] for kind in
             ("JPT_PRATAMA", "ADMINISTRATOR", "PENGAWAS", "FUNGSIONAL", "PELAKSANA")}  # fmt: skip
    assert ended == {"JPT_PRATAMA": [2], "ADMINISTRATOR": [2], "PENGAWAS": [2], "FUNGSIONAL": [], "PELAKSANA": []}


def test_a_rules_file_listing_other_kinds_ends_those(tmp_path: Path) -> None:
    book = load_rules(written(tmp_path, BUNDLED.replace(KINDS, 'post_kinds = ["FUNGSIONAL"]')))
    assert [f.version for f in posts_a_placement_ends(career("FUNGSIONAL"), MOVE, book)[1]] == [2]
    assert posts_a_placement_ends(career("ADMINISTRATOR"), MOVE, book)[1] == []


@pytest.mark.parametrize("kinds", ['post_kinds = ["Administrator"]', 'post_kinds = "ADMINISTRATOR"'])
def test_a_kind_naming_no_post_kind_is_refused_naming_the_rule_and_param(tmp_path: Path, kinds: str) -> None:
    path = written(tmp_path, BUNDLED.replace(KINDS, kinds))
    with pytest.raises(ConfigurationError) as refused:
        load_rules(path)
    assert str(refused.value).startswith(
        f"{path}: rule {ENDS_POST} (version 1, from 1974-01-01): params.post_kinds must be a list of post kinds"
    )


def test_a_change_of_its_kinds_leaves_the_views_digest(tmp_path: Path) -> None:
    assert ENDS_POST in RULES_READ_WHEN_QUERIED
    bundled = load_rules(written(tmp_path, BUNDLED, "a.toml"))
    changed = load_rules(written(tmp_path, BUNDLED.replace(KINDS, "post_kinds = []"), "b.toml"))
    assert rules_digest(changed) == rules_digest(bundled)
    assert rules_file_digest(changed) != rules_file_digest(bundled)
