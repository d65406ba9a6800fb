"""The rounds that passed someone over (merit.passed_over in the audited decisions' lists) are read
once per position of the merit view and kept (`AuditQueries.passed_rounds`), not joined again in
every statement of a filtered page or count: the answers are those read without keeping them, and
the kept rounds are read again as soon as the view's position moves; on both stores."""

from __future__ import annotations

from typing import Any

import pytest

from careerlog.config import Settings
from projections.merit import queries
from projections.merit.queries import AuditQueries
from projections.store import open_view_store
from tests.integration.test_merit_audit import database_url, demo_store
from tests.integration.test_merit_passed_over_verdict import audited

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

__all__ = ["audited", "database_url", "demo_store"]  # the demo (a copy of one made once) with its merit view caught up

CASES: list[tuple[dict[str, Any], dict[str, Any]]] = [
    ({}, {}),
    ({"verdict": ["findings"]}, {}),
    ({"verdict": ["compliant"]}, {}),
    ({}, {"passed_over": True}),
    ({}, {"passed_over": False}),
    ({}, {"severity": "medium"}),
    ({"verdict": ["findings"]}, {"severity": "medium"}),
    ({}, {"rule": "merit.passed_over"}),
]


@pytest.fixture
def kept(settings: Settings, audited: AuditQueries) -> AuditQueries:
    """The queries as the web service makes them: with the views' tracking table."""
    views = open_view_store(settings)
    return AuditQueries(views.sql, tracking_table=views.tracking_table)


def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the reads of the rounds' self-join (`passed_over_counts`)."""
    calls: list[int] = []
    read = queries.passed_over_counts

    def counted(store: Any) -> dict[tuple[str, str], int]:
        calls.append(1)
        return read(store)

    monkeypatch.setattr(queries, "passed_over_counts", counted)
    return calls


def move(audit: AuditQueries, statement: str | None = None) -> None:
    """The merit view's position one further (with a change of its rows, in the same transaction)."""
    with audit.store.transaction() as sql:
        if statement:
            sql.execute(statement)
        sql.execute(
            f"UPDATE {audit.tracking_table} SET notification_id = notification_id + 1 WHERE application_name = 'merit'"
        )


def test_kept_rounds_answer_every_filter_as_read_without_them(
    audited: AuditQueries, kept: AuditQueries, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = reads(monkeypatch)
    listed = audited.decisions({})
    for filters, options in CASES:
        expected = audited.decisions(filters, **options)
        assert kept.decisions(filters, **options) == expected, (filters, options)
        assert kept.decisions_count(filters, **options) == len(expected)
        for page in (1, 2, 5):
            found = kept.decisions_page(filters, page=page, per_page=7, **options)
            # (a page's rows name the rules their findings fired, `findings`: the lists' pages and downloads)
            rows = [{k: v for k, v in row.items() if k != "findings"} for row in found.rows]
            total = found.total
            assert (rows, total) == (expected[(page - 1) * 7 : page * 7], len(expected)), (filters, options, page)
            assert audited.decisions_page(filters, page=page, per_page=7, **options) == found
    assert list(kept.each_decision({"verdict": ["findings"]})) == [
        d for d in audited.each_decision({}) if d["verdict"] == "findings"
    ]
    passed = [d for d in listed if d["passed_over_count"]]
    assert passed
    assert all(d["verdict"] == "findings" for d in passed)
    # kept: one read of the rounds for all of `kept`'s pages and counts at this position
    before = len(calls)
    kept.decisions_page({"verdict": ["findings"]}, page=3, per_page=5)
    kept.decisions_count({}, passed_over=True, decision="promotion")
    assert len(calls) == before
    # the totals kept (by position) hold a mark in the rounds' place, not the rounds
    keys = [key for key in kept.totals._found if isinstance(key, tuple) and len(key) == 3]
    assert any(queries.KEPT_ROUNDS in key[2] for key in keys)
    assert not any(isinstance(p, (queries.Keys, queries.KeysText)) for key in keys for p in key[2])


def test_kept_rounds_are_read_again_once_the_view_moves(kept: AuditQueries, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = reads(monkeypatch)
    found = kept.decisions({}, passed_over=True)
    assert found
    assert len(calls) == 1
    assert kept.decisions_count({}, passed_over=True) == len(found)
    assert len(calls) == 1
    # the projector writes the rounds and the position together: one round's colleagues no longer eligible
    first = found[0]
    move(
        kept,
        "UPDATE promotion_rounds SET eligible = 0 WHERE promoted = 0 AND round_date = '{}' AND unit = "
        "(SELECT unit FROM promotion_rounds WHERE subject = '{}' AND round_date = '{}')".format(
            first["tmt"], first["subject"], first["tmt"]
        ),
    )
    assert kept.decisions_count({}, passed_over=True) == len(found) - 1
    assert len(calls) == 2
    rows = kept.decisions_page({"verdict": ["findings"]}, page=1, per_page=1000).rows
    assert (first["subject"], first["version"]) not in {(r["subject"], r["version"]) for r in rows}
    assert len(calls) == 2


def test_rounds_read_while_the_view_moved_are_not_kept(kept: AuditQueries, monkeypatch: pytest.MonkeyPatch) -> None:
    read = queries.passed_over_counts
    calls: list[int] = []

    def racing(store: Any) -> dict[tuple[str, str], int]:
        calls.append(1)
        found = read(store)
        if len(calls) == 1:
            move(kept)  # the projector commits while the rounds are read
        return found

    monkeypatch.setattr(queries, "passed_over_counts", racing)
    first = kept.decisions_count({}, passed_over=True)
    assert kept.decisions_count({}, passed_over=True) == first
    assert len(calls) == 2  # not kept at the position read before: read again
    kept.decisions_count({"verdict": ["findings"]})
    assert len(calls) == 2  # kept at the position it was read at
