"""The ratings the 202/post passed-over comparison reads of every colleague are taken from their
stored JSON by the database (projections/merit/known_ratings.py, `rating_rows`) where a row is a
rating `plain_ratings` reads, and those fields are what `plain_ratings` reads of the states; any
other row (a rating written unlike careerlog writes it, an amendment) is read from its state as
before. On both stores."""

from __future__ import annotations

from datetime import date
from typing import Any

import orjson
from eventsourcing.utils import get_topic

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.demo import load_demo
from careerlog.domain.events import BY_KIND
from careerlog.sqlstore import SqlStore
from projections.merit.known_ratings import RATED, RATING_KINDS, plain_ratings, rating_rows, typed_ratings

TOPICS = [get_topic(BY_KIND[kind]) for kind in RATING_KINDS]
RATING = {
    "effective_date": "2017-01-31",
    "timestamp": "2017-02-01T03:00:00+00:00",
    "reference": "SKP.2016/x",
    "recorded_by": "test",
    "migrated": False,
    "year": 2016,
    "predicate": "BAIK",
}


def rows_of(app: CareerLog, subjects: list[str]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for row in rating_rows(app, subjects, TOPICS, get_topic(RATED)):
        found.setdefault(row[0], []).append(row)
    return found


def test_the_fields_the_database_takes_are_those_plain_ratings_reads(database_url: str) -> None:
    app = CareerLog.from_settings(Settings(database_url=database_url))
    try:
        load_demo(app, employees=30, seed=7, today=date(2026, 11, 23))
        table = app.recorder.events_table_name
        with SqlStore(app.recorder.datastore).statements() as sql:
            subjects = sorted(r["originator_id"] for r in sql.query(f"SELECT DISTINCT originator_id FROM {table}"))
        found = rows_of(app, subjects)
        typed = 0
        for rows in found.values():
            for row in rows:
                assert (row[4] is not None) == (row[2] == get_topic(RATED))  # every rating of the demo
            ratings = typed_ratings(rows)
            if all(row[2] == get_topic(RATED) for row in rows):
                assert ratings is not None
                assert ratings == plain_ratings([r[:4] for r in rows], get_topic(RATED))
                typed += 1
            else:
                assert ratings is None  # an amendment among them
        assert typed
    finally:
        app.close()


def test_a_rating_written_otherwise_is_read_from_its_state(database_url: str) -> None:
    """A year written as a float or an exponent, a field of another type or missing, a class
    version: the database takes no field of it (plain_ratings then decides, as before)."""
    app = CareerLog.from_settings(Settings(database_url=database_url))
    try:
        odd = [
            {**RATING, "year": 2016.0},
            {**RATING, "year": "2016"},
            {**RATING, "predicate": 3},
            {key: value for key, value in RATING.items() if key != "timestamp"},
            {**RATING, "class_version": 1},
        ]
        states = [RATING, *odd]
        table = app.recorder.events_table_name
        with SqlStore(app.recorder.datastore).transaction() as sql:
            for n, state in enumerate(states):
                sql.execute(
                    f"INSERT INTO {table} (originator_id, originator_version, topic, state) VALUES (?, ?, ?, ?)",
                    [f"S{n}", 1, get_topic(RATED), orjson.dumps(state)],
                )
            sql.execute(
                f"INSERT INTO {table} (originator_id, originator_version, topic, state) VALUES (?, ?, ?, ?)",
                [
                    "E",
                    1,
                    get_topic(RATED),
                    b'{"year": 2e3, "effective_date": "2017-01-31", '
                    b'"timestamp": "2017-02-01T03:00:00+00:00", "predicate": "BAIK"}',
                ],
            )
        found = rows_of(app, [f"S{n}" for n in range(len(states))] + ["E"])
        assert typed_ratings(found["S0"]) == plain_ratings([r[:4] for r in found["S0"]], get_topic(RATED))
        assert typed_ratings(found["S0"]) is not None
        for subject in [f"S{n}" for n in range(1, len(states))] + ["E"]:
            assert found[subject][0][4:] == (None, None, None, None), subject
            assert typed_ratings(found[subject]) is None
    finally:
        app.close()
