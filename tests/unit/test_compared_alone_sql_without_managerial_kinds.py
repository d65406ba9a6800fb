"""The lists' `not_compared` verdict reads SQL naming the managerial post kinds asn.toml lists: with none listed (the
reference data is configurable) it is still SQL, judging no post compared alone, where it was `d.kind IN ()`, a
syntax error answering every audit list a 500."""

import sqlite3
from types import SimpleNamespace

import psycopg
import pytest

from projections.merit import queries
from tests.conftest import POSTGRES_URL, require_postgres


def matches(sql: str, decision: str, kind: str) -> bool:
    """Whether decision `d` (`decision`, `kind`) meets `sql` on both stores (SQLite takes `IN ()`, PostgreSQL not)."""
    with sqlite3.connect(":memory:") as lite:
        found = lite.execute(f"SELECT {sql} FROM (SELECT ? AS decision, ? AS kind) AS d", (decision, kind)).fetchone()
    require_postgres()
    with psycopg.connect(POSTGRES_URL) as conn:
        row = conn.execute(
            f"SELECT {sql} FROM (SELECT %s::text AS decision, %s::text AS kind) AS d",
            (decision, kind),
        ).fetchone()
    assert row is not None
    assert bool(row[0]) == bool(found[0])
    return bool(row[0])


@pytest.mark.postgres
def test_no_managerial_post_kind_listed_gives_sql_that_compares_no_post_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = [SimpleNamespace(code="FUNGSIONAL", get=lambda name, default=None: default)]
    monkeypatch.setattr(queries, "reference", lambda: SimpleNamespace(post_kinds=plain))
    sql = queries.compared_alone_sql()
    assert not matches(sql, "post", "FUNGSIONAL")
    assert matches(sql, "promotion", "202")


@pytest.mark.postgres
def test_the_managerial_post_kinds_listed_are_compared_alone() -> None:
    sql = queries.compared_alone_sql()
    assert matches(sql, "post", "PENGAWAS")
    assert not matches(sql, "post", "FUNGSIONAL")
    assert not matches(sql, "promotion", "101")
