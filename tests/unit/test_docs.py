"""The documentation stays true to the code."""

from __future__ import annotations

from datetime import date, timedelta
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


def said(day: date, edge: tuple[int, int] = (1, 1)) -> str:
    """A day as the rules tables write a period's bound: its year alone for the year's first day (`edge`; its last,
    31 December, for a period's end)."""
    return str(day.year) if (day.month, day.day) == edge else day.isoformat()


def statuses_of(rule_id: str) -> str:
    """A rule's status as docs/audit.md's tables write it: its versions' one status ("S"), or each run of versions
    of one status with its period ("M to 2021, S from 2022"), from the bundled rules file."""
    versions = sorted((v for v in rules().all if v.id == rule_id), key=lambda v: v.valid_from)
    runs: list[tuple[str, date, date | None]] = []
    for version in versions:
        if runs and runs[-1][0] == version.status:
            runs[-1] = (version.status, runs[-1][1], version.valid_to)
        else:
            runs.append((version.status, version.valid_from, version.valid_to))
    if len(runs) == 1:
        return runs[0][0]
    parts = []
    for at, (status, start, end) in enumerate(runs):
        last = None if end is None else said(end - timedelta(days=1), (12, 31))
        if at == 0 and last is not None:
            parts.append(f"{status} to {last}")
        elif last is None:
            parts.append(f"{status} from {said(start)}")
        else:
            parts.append(f"{status} {said(start)} to {last}")
    return ", ".join(parts)


def test_audit_md_gives_each_rule_the_statuses_of_rules_toml() -> None:
    """docs/audit.md's rules tables said `promotion.performance` was S from 2000 where rules.toml holds its 2000-2013
    and 2014-2021 versions M (the older rating schemes' regulations believed, not confirmed), and
    `promotion.no_probation` S where its version before 2017-03-30 is M: each row's status is its versions'."""
    ids = set(rules().ids)
    rows = 0
    for line in (DOCS / "audit.md").read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("| ") or cells[0] not in ids or len(cells) < 5:
            continue
        rows += 1
        assert cells[3] == statuses_of(cells[0]), cells[0]
    assert rows >= 20  # (the promotion, post and appointment rules' tables)


def test_api_md_says_stored_of_the_checks_a_recording_stores() -> None:
    """docs/api.md said `"confirm": ["training.duplicate"]` and `["unit.new"]` were "(not stored; ...)" after they
    were stored with the event as `confirmed` (careerlog.application STORED_CHECKS, docs/events.md)."""
    from careerlog.application import STORED_CHECKS

    text = (DOCS / "api.md").read_text()
    for check in sorted(set().union(*STORED_CHECKS.values())):
        sent = f'until sent again with `"confirm": ["{check}"]`'
        assert sent in text, check
        for told in text.split(sent)[1:]:
            assert not told.lstrip().startswith("(not stored"), check
            assert told.startswith(", which is then stored with the event"), check


def test_events_md_lists_every_upcast_made() -> None:
    """docs/events.md's "Upcasts made so far" named PerformanceRated, RankPromoted, EventCorrected and EventRetracted
    alone, where Appointed, AppointedAgain, PostAppointed, Placed and TrainingCompleted also took class version 2
    (`confirmed`) with an upcaster on 2026-12-05: every class of a version above 1 is named in a row of its upcast."""
    table = (DOCS / "events.md").read_text().split("Upcasts made so far:", 1)[1].split("\n\n", 2)[1]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    for cls in STORED_EVENTS:
        version = getattr(cls, "class_version", 1)
        for old in range(1, version):
            upcast = f"upcast_v{old}_v{old + 1}"
            assert hasattr(cls, upcast), cls.__name__
            named = [row for row in rows if f"`{cls.__name__}`" in row.split("|")[1]]
            assert any(f"{old} -> {old + 1}" in row and f"`{upcast}`" in row for row in named), cls.__name__


def test_events_md_names_every_check_a_training_stores() -> None:
    """docs/events.md said TrainingCompleted's `confirmed` held "a `training.duplicate` the writer confirmed", where
    it holds any of the checks of a training (careerlog.application STORED_CHECKS: training.daily_jp and training.cost
    too, since 2026-12-06)."""
    from careerlog.application import STORED_CHECKS

    section = (DOCS / "events.md").read_text().split("### `TrainingCompleted` (kind `training`)", 1)[1]
    said = section.split("### ", 1)[0].split("Class version 2", 1)[1]
    assert all(f"`{check}`" in said for check in STORED_CHECKS["training"])


def test_careerlog_rules_shows_the_status_of_a_part_as_rules_md_does() -> None:
    """docs/rules.md marks `promotion.time_in_rank` "S (201: M)", `post.rank_range` "S (the move: I, ...)" and
    `study_leave.penalty` "S (the reading of "in force": I)", where `careerlog rules` showed a plain S: a row whose
    status holds a part of another status, of a rule whose versions are of one status, is that rule's status_note
    (Rule.statuses, which the command shows), and every note is a row's."""
    rows: dict[str, str] = {}
    for line in (DOCS / "rules.md").read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| `") and cells[0].strip("`") in set(rules().ids):
            rows.setdefault(cells[0].strip("`"), cells[-1])
    for rule_id, cell in rows.items():
        versions = rules().versions(rule_id)
        if len({v.status for v in versions}) == 1 and " (" in cell:
            assert all(cell.startswith(v.statuses.removesuffix(")")) and v.status_note for v in versions), rule_id
    noted = {v.id for v in rules().all if v.status_note}
    assert noted >= {"promotion.time_in_rank", "post.rank_range", "study_leave.penalty"}
    assert all(rows[rule_id].startswith(rules().versions(rule_id)[0].statuses.removesuffix(")")) for rule_id in noted)
