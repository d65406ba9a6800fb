"""The documentation stays true to the code."""

from __future__ import annotations

from pathlib import Path

from careerlog.domain.events import STORED_EVENTS
from careerlog.domain.payload import payload_fields
from careerlog.reference import rules

DOCS = Path(__file__).parents[2] / "docs"


def test_events_md_lists_every_event_with_every_field() -> None:
    text = (DOCS / "events.md").read_text()
    for cls in STORED_EVENTS:  # (AppointedAgain too: stored under a kind another class records)
        section = text.split(f"### `{cls.__name__}` (kind `{cls.KIND}`)")
        assert len(section) == 2, f"{cls.__name__} is missing from docs/events.md"
        body = section[1].split("### ")[0]
        for spec in payload_fields(cls):
            if spec.name not in ("effective_date", "reference"):
                assert f"`{spec.name}`" in body, f"{cls.__name__}.{spec.name} is missing from docs/events.md"


def test_rules_md_explains_every_configured_rule() -> None:
    text = (DOCS / "rules.md").read_text()
    for rule_id in rules().ids:
        assert f"`{rule_id}`" in text, f"{rule_id} is missing from docs/rules.md"


def test_api_md_says_an_unlock_leaves_the_limit_per_address() -> None:
    """`accounts unlock` ends the user name's lock-out, not the address's 5 attempts a minute (its help and
    docs/security.md say so): docs/api.md said only "may log in again now"."""
    text = (DOCS / "api.md").read_text()
    unlock = text.split("careerlog accounts unlock siti", 1)[1].split("\n\n", 2)[1]
    assert "not the limit of 5 log-in attempts a minute per address" in unlock
