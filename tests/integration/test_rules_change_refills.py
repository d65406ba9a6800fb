"""A change of the rules (CAREERLOG_RULES_FILE, another file or the same edited) refills the views judged by them,
as a new view version does.

Every eligibility row names the digest of the rules it was judged by (`rules_version`), but a process started with
other rules answered the rows judged by the old ones, and added rows judged by the new ones beside them, until
someone rebuilt the merit view by hand. The views' configuration digest is now kept beside their version
(`view_configurations`): the first process of the new rules drops the merit, awards and study_leave views and marks them
filling (their reads a 503 view-filling meanwhile); the other views keep their rows.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.reference import BUNDLED_RULES, RULES_FILE_ENV
from projections.framework import (
    RULES_READ_WHEN_QUERIED,
    Projector,
    ViewNotReady,
    rule_digest,
    without_rules,
)
from projections.registry import all_projections
from tests import factories as f

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=71)
JUDGED = ("merit", "awards", "study_leave")  # the views judged by the rules (their digest kept beside them)
# and the view judged by one rule alone (its digest kept beside it: projections.framework.rule_digest), which a change
# of that rule refills, and of another not (the training view: training.counted_once, since 2026-12-06)
ONE_RULE = {"training": "training.counted_once"}


@pytest.fixture
def store(database_url: str, tmp_path: Path, monkeypatch: Any) -> Settings:
    """A store with a PNS open to a regular promotion, its views filled under the rules of `tmp/rules.toml`."""
    rules = tmp_path / "rules.toml"
    shutil.copy(BUNDLED_RULES, rules)
    monkeypatch.setenv(RULES_FILE_ENV, str(rules))
    settings = Settings(database_url=database_url)
    with CareerLog.from_settings(settings) as app:
        app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
    worker = Projector(settings, all_projections())
    try:
        worker.catch_up()
    finally:
        worker.close()
    return settings


def edited(tmp_path: Path, monkeypatch: Any) -> str:
    """The rules file edited (a comment added: the rules read the same, the digest is another), as read by a process
    started after the edit (`rules()` keeps the rules it read for the value of CAREERLOG_RULES_FILE)."""
    again = tmp_path / "rules-edited.toml"
    again.write_text((tmp_path / "rules.toml").read_text() + "\n# edited\n")
    monkeypatch.setenv(RULES_FILE_ENV, str(again))
    return rules_digest()


def rules_digest() -> str:
    """The digest of the configured rules file less the rules read only when queried, as each eligibility row names
    it."""
    text = without_rules(Path(os.environ[RULES_FILE_ENV]).read_bytes(), RULES_READ_WHEN_QUERIED)
    return hashlib.sha256(text).hexdigest()[:12]


def states(worker: Projector) -> dict[str, str]:
    return {r["name"]: str(r["state"]) for r in worker.views.sql.query("SELECT name, state FROM view_schemas")}


def digests(worker: Projector) -> set[str]:
    return {str(r["rules_version"]) for r in worker.views.sql.query("SELECT rules_version FROM eligibility")}


def test_a_process_of_edited_rules_refills_the_views_they_judge(
    store: Settings, tmp_path: Path, monkeypatch: Any
) -> None:
    before = rules_digest()
    first = Projector(store, all_projections())
    try:
        assert digests(first) == {before}
        timeline_at = first.position(next(p for p in first.projections if p.name == "timeline"))
    finally:
        first.close()
    after = edited(tmp_path, monkeypatch)
    assert after != before
    worker = Projector(store, all_projections())  # the first process of the edited rules
    try:
        head = worker.app.max_notification_id()
        found = states(worker)
        assert found["merit"] == found["awards"] == f"filling:{head}"
        assert found["timeline"] == found["roster"] == found["training"] == "ready"
        assert worker.position(next(p for p in worker.projections if p.name == "timeline")) == timeline_at
        assert digests(worker) == set()  # no row judged by the rules before the edit is answered
        worker.guard_reads(every=0)
        with pytest.raises(ViewNotReady, match="merit"):
            worker.views.sql.query("SELECT * FROM eligibility")
        worker.catch_up()
        assert digests(worker) == {after}
        assert states(worker)["merit"] == "ready"
    finally:
        worker.close()
    again = Projector(store, all_projections())  # the next process of the same rules keeps the rows
    try:
        assert set(states(again).values()) == {"ready"}
        assert digests(again) == {after}
    finally:
        again.close()


def test_a_store_of_a_release_that_kept_no_digest_is_judged_by_its_rows(
    store: Settings, tmp_path: Path, monkeypatch: Any
) -> None:
    """Upgrading to this release: rows judged by the rules in use keep the view; rows of other rules refill it."""

    def forget() -> None:
        worker = Projector(store, all_projections())
        try:
            with worker.views.sql.transaction() as sql:
                sql.execute("DELETE FROM view_configurations")
        finally:
            worker.close()

    forget()
    kept = Projector(store, all_projections())
    try:
        assert set(states(kept).values()) == {"ready"}
        assert digests(kept) == {rules_digest()}
        recorded = kept.views.sql.query("SELECT name, digest FROM view_configurations")
        assert {r["name"]: r["digest"] for r in recorded} == {
            **dict.fromkeys(JUDGED, rules_digest()),
            **{name: rule_digest(rule) for name, rule in ONE_RULE.items()},
        }
    finally:
        kept.close()
    forget()
    edited(tmp_path, monkeypatch)
    refilled = Projector(store, all_projections())
    try:
        assert states(refilled)["merit"].startswith("filling:")
        assert states(refilled)["timeline"] == "ready"
    finally:
        refilled.close()


def test_projections_status_with_other_rules_refills_nothing_and_says_so(
    store: Settings, tmp_path: Path, monkeypatch: Any
) -> None:
    """A shell without the service's CAREERLOG_RULES_FILE (or with another) only looks: no view is dropped."""
    from click.testing import CliRunner

    from careerlog.cli import main

    before = rules_digest()
    after = edited(tmp_path, monkeypatch)
    result = CliRunner().invoke(main, ["--database-url", store.database_url, "projections", "status"])
    assert result.exit_code == 0, result.output
    assert f"merit: its rows were judged by the rules of digest {before}" in result.output
    assert f"CAREERLOG_RULES_FILE gives {after}" in result.output
    checked = CliRunner().invoke(main, ["--database-url", store.database_url, "projections", "status", "--check"])
    assert checked.exit_code == 3, checked.output  # (monitoring's check: the rows judged by other rules named)
    monkeypatch.setenv(RULES_FILE_ENV, str(tmp_path / "rules.toml"))
    kept = Projector(store, all_projections())
    try:
        assert set(states(kept).values()) == {"ready"}
        assert digests(kept) == {before}
    finally:
        kept.close()


def test_a_worker_of_the_old_rules_leaves_the_refilled_views_alone_and_stops(
    store: Settings, tmp_path: Path, monkeypatch: Any
) -> None:
    """A projection worker still running with the rules it read before another process refilled by edited rules
    writes none of its rows beside theirs: it keeps the other views and `careerlog projections run` stops, saying
    why (before, it went on adding rows judged by the old rules to the refilled view). A worker started anew with
    the old rules would refill the views by them, as any process of other rules does."""
    import threading

    from careerlog.config import ConfigurationError
    from projections.cli import follow

    old = tmp_path / "rules.toml"
    running = Projector(store, all_projections())  # started with the rules before the edit
    try:
        after = edited(tmp_path, monkeypatch)
        refiller = Projector(store, all_projections())  # a process of the edited rules: refills merit and awards
        refiller.catch_up()
        refiller.close()
        with CareerLog.from_settings(store) as app:
            app.record(BUDI, "training", f.training("2016-01-08", hours=16, start="2016-01-07"), actor="hr")
        monkeypatch.setenv(RULES_FILE_ENV, str(old))  # the running worker's rules
        running.catch_up()
        assert digests(running) == {after}  # its rows judged by the old rules were not written
        head = running.app.max_notification_id()
        positions = {p.name: running.position(p) for p in running.projections}
        assert positions["timeline"] == positions["training"] == head  # the other views are kept
        assert positions["merit"] < head
        assert set(running.configured_otherwise) == set(JUDGED)
        with pytest.raises(ConfigurationError, match="Another careerlog process fills views of this worker") as why:
            follow(running, threading.Event(), 0.1)  # `careerlog projections run`'s loop: exit 1 with the message
        assert f"merit by the rules of digest {after}" in str(why.value)
    finally:
        running.close()


def fairness_params_changed(tmp_path: Path, monkeypatch: Any) -> None:
    """The rules file with rule fairness.adverse_impact's params changed (threshold 0.9, alpha 0.01, min_cell 3),
    every other rule as it was, as read by a process started after the change."""
    text = (tmp_path / "rules.toml").read_text()
    start = text.index('id = "fairness.adverse_impact"')
    params = text.index("[rules.params]", start)
    end = text.index("[[rules]]", start)
    changed = tmp_path / "rules-fairness.toml"
    changed.write_text(text[:params] + "[rules.params]\nthreshold = 0.9\nmin_cell = 3\nalpha = 0.01\n\n" + text[end:])
    monkeypatch.setenv(RULES_FILE_ENV, str(changed))


def merit_rows(worker: Projector) -> dict[str, list[tuple[Any, ...]]]:
    merit = next(p for p in worker.projections if p.name == "merit")
    found = {}
    for table in merit.tables:
        columns = ", ".join(table.column_names)
        rows = worker.views.sql.query(f"SELECT {columns} FROM {table.name} ORDER BY {columns}")
        found[table.name] = [tuple(r[c] for c in table.column_names) for r in rows]
    return found


def test_a_change_of_the_rules_read_only_when_queried_refills_no_view_and_changes_no_merit_row(
    store: Settings, tmp_path: Path, monkeypatch: Any
) -> None:
    """Rule fairness.adverse_impact's params (threshold, alpha, min_cell) are read by the fairness and scorecard
    answers as they are asked, never by a view's rows: a process started with them changed keeps every view (the
    merit view's digest leaves them out), and the merit rows rebuilt under them are the rows it holds."""
    first = Projector(store, all_projections())
    try:
        before, digest = merit_rows(first), rules_digest()
        assert any(before.values())
    finally:
        first.close()
    fairness_params_changed(tmp_path, monkeypatch)
    assert rules_digest() == digest
    again = Projector(store, all_projections())
    try:
        assert set(states(again).values()) == {"ready"}  # nothing dropped nor marked filling
        assert again.configured_otherwise == {}
        assert merit_rows(again) == before
        again.rebuild(["merit"])  # rebuilt under the changed params: the same rows
        assert merit_rows(again) == before
    finally:
        again.close()


def test_the_views_a_change_of_the_rules_refills_are_named_with_their_rebuild(
    store: Settings, tmp_path: Path, monkeypatch: Any
) -> None:
    """`projections status` in a shell of other rules names every view judged by the rules and the one command that
    fills them again (docs/operations.md gave `rebuild merit awards`, "the two views": study_leave was refilled by
    surprise), from the registry: the views that keep the rules' digest; the training view, judged by
    training.counted_once alone, only when that rule changed (until 2026-12-06 every change of the rules named it,
    and an operator rebuilt it, its reads 503 while it filled, for nothing)."""
    from click.testing import CliRunner

    from careerlog.cli import main
    from projections.registry import judged_by_one_rule, judged_by_rules

    assert (judged_by_rules(), judged_by_one_rule()) == ([*JUDGED], ONE_RULE)
    edited(tmp_path, monkeypatch)
    result = CliRunner().invoke(main, ["--database-url", store.database_url, "projections", "status"])
    assert result.exit_code == 0, result.output
    said = "careerlog projections rebuild merit awards study_leave; training when training.counted_once changes"
    assert said in result.stderr
    assert "rebuild training" not in result.stderr
    changed = tmp_path / "rules-changed.toml"
    changed.write_text(
        re.sub(
            r'\[\[rules\]\]\nid = "training.counted_once"\n.*?\n\n',
            "",
            (tmp_path / "rules.toml").read_text(),
            flags=re.S,
        )
    )  # (renamed to an id no rule has, as before 2026-12-06, it is refused since: removed)
    monkeypatch.setenv(RULES_FILE_ENV, str(changed))  # (training.counted_once left out: changed)
    result = CliRunner().invoke(main, ["--database-url", store.database_url, "projections", "status"])
    assert result.exit_code == 0, result.output
    assert "careerlog projections rebuild training merit awards study_leave" in result.stderr
    operations = (Path(__file__).parents[2] / "docs" / "operations.md").read_text()
    assert "rebuild merit awards --jobs" not in operations
    assert "the two views" not in operations


def time_in_rank_statuses(worker: Projector) -> list[str]:
    """The stored statuses of the merit view's promotion.time_in_rank findings."""
    found = worker.views.sql.query("SELECT status FROM findings WHERE rule = ? ORDER BY version", (TIME_IN_RANK,))
    return [str(r["status"]) for r in found]


TIME_IN_RANK = "promotion.time_in_rank"


def test_a_status_note_mended_refills_the_merit_view_and_its_findings_take_the_new_status(
    store: Settings, tmp_path: Path, monkeypatch: Any
) -> None:
    """A finding stores its rule's status for the promotion's kind, which the rule's status_note gives ("201: M": M
    for a 201). The views' digest left the notes out, so a note mended ("201: I") refilled no view and the findings
    kept the old note's status until `careerlog projections rebuild merit`; the first process of the mended rules
    now refills the merit view, and its findings read the new status."""
    with CareerLog.from_settings(store) as app:  # a 201 seven months after the appointment: time in rank short
        app.record(BUDI, "rank_promotion", f.promotion("III/b", "2010-10-01", kind="201"), actor="hr")
    first = Projector(store, all_projections())
    try:
        first.catch_up()
        assert time_in_rank_statuses(first) == ["M"]
    finally:
        first.close()
    text = (tmp_path / "rules.toml").read_text()
    assert text.count('status_note = "201: M"') == 2  # (promotion.time_in_rank's two versions)
    mended = tmp_path / "rules-mended.toml"
    mended.write_text(text.replace('status_note = "201: M"', 'status_note = "201: I"'))
    monkeypatch.setenv(RULES_FILE_ENV, str(mended))
    worker = Projector(store, all_projections())  # the first process of the mended rules
    try:
        assert states(worker)["merit"].startswith("filling:")
        worker.catch_up()
        assert time_in_rank_statuses(worker) == ["I"]
        assert digests(worker) == {rules_digest()}
    finally:
        worker.close()


def test_a_worker_says_which_views_it_drops_for_other_rules_and_why(
    store: Settings, tmp_path: Path, monkeypatch: Any
) -> None:
    """`careerlog projections run` of other rules refills the views they judge: until 2026-12-07 its standard error
    said only `following the log for: ...`, while the servers of the former rules answered 503 rules-mismatch."""
    from click.testing import CliRunner

    from careerlog.cli import main

    before = rules_digest()
    after = edited(tmp_path, monkeypatch)
    result = CliRunner().invoke(main, ["--database-url", store.database_url, "projections", "run", "--once"])
    assert result.exit_code == 0, result.output
    said = [line for line in result.stderr.splitlines() if line.startswith("dropping the view")]
    assert [line.split()[3] for line in said] == list(JUDGED)
    for line in said:
        assert f"judged by the rules of digest {before}" in line, line
        assert f"({RULES_FILE_ENV}: {tmp_path / 'rules-edited.toml'}) give {after}" in line, line
    again = CliRunner().invoke(main, ["--database-url", store.database_url, "projections", "run", "--once"])
    assert again.exit_code == 0, again.output
    assert "dropping" not in again.stderr  # (filled by these rules: kept, nothing said)


def test_a_worker_says_which_views_it_drops_for_a_new_version(store: Settings, monkeypatch: Any) -> None:
    from click.testing import CliRunner

    from careerlog.cli import main

    timeline = next(p for p in all_projections() if p.name == "timeline")
    monkeypatch.setattr(type(timeline), "version", timeline.version + 1)
    result = CliRunner().invoke(main, ["--database-url", store.database_url, "projections", "run", "--once"])
    assert result.exit_code == 0, result.output
    said = [line for line in result.stderr.splitlines() if line.startswith("dropping the view")]
    assert said == [
        f"dropping the view timeline to fill it again from the first event: the store holds version "
        f"{timeline.version - 1} of it, this release's is version {timeline.version}"
    ]
