"""The hot reads answered in front of Flask (web.fastreads): the same status, headers and body as the
Flask path's and the same access-log entries, for every role, employee and parameter the reads
accept; every other request (refusals, bad input, CSV, HEAD...) handed to Flask, which answers it
as before. On both stores.

Each request is sent twice from the same WSGI environ: through the app as served (the fast path in
front) and straight to the Flask app behind it, and the answers and the access-log rows each wrote
are compared.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from flask import Flask
from werkzeug.test import EnvironBuilder, run_wsgi_app

from careerlog.config import ConfigurationError
from careerlog.sqlstore import Sql
from projections.queries import ROSTER_SORTS
from tests import factories as f
from tests.functional.conftest import (
    BUDI,
    MISSING,
    RINA,
    ROLES,
    SARI,
    TEST_CONFIG,
    World,
    appointment_of,
    own_client,
    served_app,
    served_world,
)
from web import fastreads
from web.config import WebSettings
from web.fastreads import FastReads

PROBLEM_JSON = "application/problem+json"
EXTRA = f.nip(date(1988, 3, 3), date(2013, 2, 1), "F", sequence=705)  # corrected, retracted, moved to KAB-KARO
# The tests comparing the two paths' answers over the world with more records (`on_recorded`, `recorded`) read one
# recorded once per store for the module, on one worker (each request's access-log rows compared after the log is
# emptied); the others, which look at what a first read or a token's account leaves behind in the app, each have a
# world and an app of their own (`both`).
pytestmark = pytest.mark.xdist_group("test_fast_reads")


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


Answer = tuple[str, list[tuple[str, str]], bytes]


@dataclass
class Both:
    """Sends a request through the served app and straight to Flask; what each answered and logged."""

    world: World
    flask: Any  # the Flask app's own WSGI callable, behind the fast path
    handed: list[str] = field(default_factory=list)  # paths the fast path handed to Flask

    def send(
        self,
        path: str,
        who: str | None = "admin",
        *,
        method: str = "GET",
        headers: dict[str, str] | None = None,
        base_url: str = "http://localhost/",
    ) -> tuple[Answer, Answer, bool]:
        """(served answer, Flask's answer, whether the fast path answered), after checking the two
        wrote the same access-log rows."""
        route, _, query = path.partition("?")
        sent = dict(headers or {})
        if who is not None:
            sent["Authorization"] = f"Bearer {self.world.tokens[who]}"
        built = EnvironBuilder(path=route, query_string=query, method=method, headers=sent, base_url=base_url)
        environ = built.get_environ()
        handed = len(self.handed)
        served, served_log = self.run(self.world.app.wsgi_app, environ)
        answered = len(self.handed) == handed
        flask, flask_log = self.run(self.flask, environ)
        assert served_log == flask_log, path
        return served, flask, answered

    def run(self, app: Any, environ: dict[str, Any]) -> tuple[Answer, list[tuple[Any, ...]]]:
        """The answer, and the access-log rows the request wrote (the log is emptied before it)."""
        with self.world.services.accounts.store.transaction() as sql:
            sql.execute("DELETE FROM access_log")
        body, status, headers = run_wsgi_app(app, dict(environ), buffered=True)
        answer = (status, headers.to_wsgi_list(), b"".join(body))
        return answer, entries(self.log())

    def log(self) -> list[tuple[Any, ...]]:
        """The access log's rows but for each entry's id and time: who read whose record, and how."""
        rows = self.world.services.accounts.store.query(
            "SELECT id, username, role, nip, agency, region, action FROM access_log"
        )
        return [tuple(r.values()) for r in rows]


def entries(log: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return sorted(row[1:] for row in log)


@pytest.fixture
def both(world: World) -> Iterator[Both]:
    yield from checking(world)


@pytest.fixture(scope="module")
def recorded_world(shared_database_url: str) -> Iterator[tuple[World, list[str]]]:
    """The world with more records (record_more), recorded once per store for the module, and its every NIP."""
    with served_world(shared_database_url) as world:
        yield world, record_more(world)


@pytest.fixture
def on_recorded(recorded_world: tuple[World, list[str]]) -> Iterator[Both]:
    """`both` on the world with more records, with a client of its own."""
    yield from checking(own_client(recorded_world[0]))


@pytest.fixture
def recorded(recorded_world: tuple[World, list[str]]) -> list[str]:
    return recorded_world[1]


def checking(world: World) -> Iterator[Both]:
    fast = world.app.wsgi_app
    assert isinstance(fast, FastReads), "the fast path is on by default"
    flask = fast.fallback
    checker = Both(world, flask)

    def handing(environ: dict[str, Any], start_response: Any) -> Any:
        checker.handed.append(environ["PATH_INFO"])
        return flask(environ, start_response)

    fast.fallback = handing
    yield checker
    fast.fallback = flask


def record_more(world: World) -> list[str]:
    """More records: a correction and a retraction, a move out of KOTA-MEDAN, a PPPK; every NIP."""
    ledger = world.services.ledger
    ledger.record(EXTRA, "appointment", appointment_of(EXTRA, name="Eka Lubis", unit="Bappeda"), actor="test")
    ledger.record(EXTRA, "rank_promotion", f.promotion("III/b", "2017-03-01"), actor="test")
    ledger.record(EXTRA, "correction", f.correction(2, "2017-04-01", effective_date="2017-04-01"), actor="test")
    ledger.record(EXTRA, "training", f.training("2018-06-01", hours=20, start="2018-05-28"), actor="test")
    ledger.record(EXTRA, "retraction", f.retraction(4, "2018-07-01"), actor="test")
    ledger.record(
        EXTRA,
        "placement",
        {
            "agency": "KAB-KARO",
            "unit": "Inspektorat",
            "region": "12.06",
            "effective_date": "2020-07-01",
            "reference": "MUT-9",
        },
        actor="test",
    )
    born = date(1991, 2, 2)
    pppk = f.pppk_nip(born, 2022, "M")
    payload = f.appointment(born, date(2022, 3, 1), "M", name="Kontrak", employment_kind="PPPK", rank="IX")
    ledger.record(pppk, "appointment", {**payload, "recruitment_path": "PPPK"}, actor="test")
    world.catch_up()
    return [BUDI, SARI, RINA, EXTRA, pppk, MISSING]


def known_moments(world: World, nip: str) -> list[str]:
    items = world.get(f"/api/v1/employees/{nip}/events").get_json()["items"]
    moments = [i["recorded_at"] for i in items]
    return [moments[0], moments[len(moments) // 2], moments[-1][:19], "2000-01-01T00:00:00+07:00"]


ACCEPTS = ("application/json", "*/*", "application/json, text/csv;q=0.5", "text/csv", "application/problem+json")
TIMELINE_QUERIES = ["", "as_of=2012-01-01", "as_of=2017-03-15", "as_of=2030-12-31", "format=json"]


def assert_same(both: Both, path: str, who: str | None, **options: Any) -> bool:
    """The served answer equals Flask's; the fast path answered exactly the JSON 200s."""
    served, flask, answered = both.send(path, who, **options)
    assert served == flask, (path, who)
    status, headers, _ = served
    json_ok = status == "200 OK" and ("Content-Type", "application/json") in headers
    assert answered == json_ok, (path, who, status)
    return answered


def test_timeline_and_eligibility_answer_as_flask_does_for_every_role_employee_and_parameter(
    on_recorded: Both, recorded: list[str]
) -> None:
    moments = known_moments(on_recorded.world, EXTRA)
    queries = [*TIMELINE_QUERIES, *(f"known_at={m.replace('+', '%2B')}" for m in moments)]
    queries += [f"as_of=2018-01-01&known_at={moments[1].replace('+', '%2B')}", "known_at=2026-01-01T00:00:00Z"]
    answered = 0
    for who in ROLES:
        for nip in recorded:
            for query in queries:
                answered += assert_same(on_recorded, f"/api/v1/employees/{nip}/timeline?{query}", who)
            for query in ("", "format=json"):
                answered += assert_same(on_recorded, f"/api/v1/employees/{nip}/eligibility?{query}", who)
            for accept in ACCEPTS:
                answered += assert_same(
                    on_recorded, f"/api/v1/employees/{nip}/timeline", who, headers={"Accept": accept}
                )
    assert answered > 100  # admin, HR, inspectors and the employee read records; the others may not


def roster_queries(both: Both) -> list[str]:
    queries = ["", "per_page=2", "page=2&per_page=2", "page=3&per_page=2", "page=9&per_page=2", "per_page=200"]
    queries += [f"sort={s}&per_page=3" for s in ROSTER_SORTS] + [f"sort=-{s}&page=2&per_page=2" for s in ROSTER_SORTS]
    queries += ["agency=KOTA-MEDAN", "agency=KOTA-MEDAN&agency=KAB-KARO", "region=12.06", "q=sari", "q=1986"]
    queries += ["q=%C3%A9", "q=Nasution+Sari"]
    queries += ["min_years_in_rank=3", "employment_kind=PPPK", "format=json&per_page=4", "sort=-rank&rank=III/b"]
    for sort in ("name", "-name", "rank", "-nip"):  # cursors as pages give them, read on by every role
        cursor = both.world.get(f"/api/v1/employees?sort={sort}&per_page=2").get_json()["next"]
        queries += [f"sort={sort}&per_page=2&after={cursor}", f"sort={sort}&after={cursor}&q=a"]
    return queries


def test_roster_pages_by_number_and_by_cursor_answer_as_flask_does_for_every_role(
    on_recorded: Both, recorded: list[str]
) -> None:
    answered = 0
    for who in ROLES:
        for query in roster_queries(on_recorded):
            answered += assert_same(on_recorded, f"/api/v1/employees?{query}", who)
    assert answered > 100


REFUSED = [  # path, who, headers, method, status: each answered by Flask, as before
    (f"/api/v1/employees/{BUDI}/timeline", None, {}, "GET", 401),
    (f"/api/v1/employees/{BUDI}/timeline", None, {"Authorization": "Bearer nope"}, "GET", 401),
    (f"/api/v1/employees/{BUDI}/timeline", None, {"Authorization": "Basic abc"}, "GET", 401),
    (f"/api/v1/employees/{BUDI}/eligibility", None, {"Authorization": "Bearer "}, "GET", 401),
    ("/api/v1/employees", None, {}, "GET", 401),
    (f"/api/v1/employees/{RINA}/timeline", "hr", {}, "GET", 404),
    (f"/api/v1/employees/{SARI}/eligibility", "employee", {}, "GET", 404),
    (f"/api/v1/employees/{MISSING}/timeline", "admin", {}, "GET", 404),
    (f"/api/v1/employees/{BUDI}/timeline", "reporter", {}, "GET", 403),
    ("/api/v1/employees", "employee", {}, "GET", 403),
    ("/api/v1/employees", "policy", {}, "GET", 403),
    (f"/api/v1/employees/{BUDI}/timeline?as_of=yesterday", "admin", {}, "GET", 422),
    (f"/api/v1/employees/{BUDI}/timeline?known_at=2020-13-01T00:00:00", "admin", {}, "GET", 422),
    (f"/api/v1/employees/{BUDI}/timeline?asof=2020-01-01", "admin", {}, "GET", 422),
    (f"/api/v1/employees/{BUDI}/timeline?format=xml", "admin", {}, "GET", 422),
    (f"/api/v1/employees/{BUDI}/timeline?as_of=2020-01-01%00", "admin", {}, "GET", 422),
    (f"/api/v1/employees/{BUDI}/timeline?wait_for=abc", "admin", {}, "GET", 422),
    (f"/api/v1/employees/{BUDI}/timeline?wait_for=999999", "admin", {}, "GET", 422),
    (f"/api/v1/employees/{BUDI}/eligibility?as_of=2020-01-01", "admin", {}, "GET", 422),
    ("/api/v1/employees?page=0", "admin", {}, "GET", 422),
    ("/api/v1/employees?per_page=100000", "admin", {}, "GET", 422),
    ("/api/v1/employees?page=100000&per_page=50", "admin", {}, "GET", 422),
    ("/api/v1/employees?sort=salary", "admin", {}, "GET", 422),
    ("/api/v1/employees?after=", "admin", {}, "GET", 422),
    ("/api/v1/employees?after=not-a-cursor", "admin", {}, "GET", 422),
    ("/api/v1/employees?agency=A%00B", "admin", {}, "GET", 422),
    ("/api/v1/employees?colour=blue", "admin", {}, "GET", 422),
    ("/api/v1/employees?age_band=old", "admin", {}, "GET", 422),
    (f"/api/v1/employees/{BUDI}/timeline", "admin", {}, "DELETE", 405),
    ("/api/v1/employees/123/timeline", "admin", {}, "GET", 404),
    (f"/api/v1/employees/{BUDI}/timeline/", "admin", {}, "GET", 404),
]
HANDED = [  # path, who, headers, method: the happy path, but not the fast path's to answer
    (f"/api/v1/employees/{BUDI}/timeline", "admin", {}, "HEAD"),
    (f"/api/v1/employees/{BUDI}/timeline?format=csv", "admin", {}, "GET"),
    ("/api/v1/employees", "hr", {"Accept": "text/csv"}, "GET"),
    (f"/api/v1/employees/{BUDI}/timeline?wait_for=0", "admin", {}, "GET"),
    (f"/api/v1/employees/{BUDI}/eligibility", "admin", {"Cookie": "session=x"}, "GET"),
    (f"/api/v1/employees/{BUDI[:8]}%20{BUDI[8:]}/timeline", "admin", {}, "GET"),
    (f"/api/v1/employees/{BUDI}", "admin", {}, "GET"),
    (f"/api/v1/employees/{BUDI}/events", "admin", {}, "GET"),
]


def test_every_refusal_and_bad_input_gets_the_flask_paths_problem_and_logs_nothing(
    on_recorded: Both, recorded: list[str]
) -> None:
    for path, who, headers, method, status in REFUSED * 2:  # the second time with the query strings parsed before
        served, flask, answered = on_recorded.send(path, who, headers=headers, method=method)
        assert served == flask, path
        assert not answered, path
        assert served[0].startswith(str(status)), (path, served[0])
        assert ("Content-Type", PROBLEM_JSON) in served[1], path
        assert on_recorded.log() == [], path  # neither path wrote an access-log entry (Flask's run was the last)
    assert len(on_recorded.handed) == 2 * len(REFUSED)


def test_what_the_fast_path_does_not_answer_goes_to_flask_unchanged(on_recorded: Both, recorded: list[str]) -> None:
    for path, who, headers, method in HANDED:
        served, flask, answered = on_recorded.send(path, who, headers=headers, method=method)
        assert served == flask, path
        assert not answered, path
        assert served[0] == "200 OK", path


def test_the_fast_path_writes_one_access_log_entry_per_record_read_as_the_flask_path_does(
    on_recorded: Both, recorded: list[str]
) -> None:
    agency, region = "KOTA-MEDAN", "12.71"
    roster = on_recorded.world.get("/api/v1/employees?per_page=2", "hr").get_json()["items"]
    assert len(roster) == 2
    reads = {
        f"/api/v1/employees/{BUDI}/timeline": ("hr", [("hr", "hr", BUDI, agency, region, "timeline")]),
        f"/api/v1/employees/{BUDI}/eligibility": (
            "inspector",
            [("inspector", "inspector", BUDI, agency, region, "eligibility")],
        ),
        f"/api/v1/employees/{BUDI}/timeline?as_of=2020-01-01": ("employee", []),  # their own: not logged
        "/api/v1/employees?per_page=2": (
            "hr",
            sorted(("hr", "hr", i["nip"], i["agency"], i["region"], "roster") for i in roster),
        ),
    }
    for path, (who, expected) in reads.items():
        served, flask, answered = on_recorded.send(path, who)  # checks that both wrote the same rows
        assert answered
        assert served == flask
        assert entries(on_recorded.log()) == expected, path  # the rows Flask's run wrote, the same as the served one's


def test_the_fast_path_gives_the_etag_and_the_not_modified_flask_gives(on_recorded: Both, recorded: list[str]) -> None:
    for path in (f"/api/v1/employees/{BUDI}/timeline", f"/api/v1/employees/{BUDI}/eligibility", "/api/v1/employees"):
        served, flask, answered = on_recorded.send(path, "hr")
        assert answered
        assert served == flask
        etag = dict(served[1])["ETag"]
        for sent in (etag, f'W/{etag}, "other"', "*"):
            served, flask, answered = on_recorded.send(path, "hr", headers={"If-None-Match": sent})
            assert answered, (path, sent)
            assert served == flask, (path, sent)
            assert served[0] == "304 NOT MODIFIED", (path, sent)
            assert served[2] == b"", (path, sent)
            assert dict(served[1])["ETag"] == etag
        served, flask, answered = on_recorded.send(path, "hr", headers={"If-None-Match": '"other"'})
        assert answered, path
        assert served == flask, path
        assert served[0] == "200 OK", path


def test_over_https_the_fast_path_adds_strict_transport_security_as_flask_does(both: Both) -> None:
    for path in (f"/api/v1/employees/{BUDI}/timeline", f"/api/v1/employees/{BUDI}/eligibility", "/api/v1/employees"):
        served, flask, answered = both.send(path, "hr", base_url="https://careerlog.example/")
        assert answered
        assert served == flask
        assert ("Strict-Transport-Security", "max-age=31536000; includeSubDomains") in served[1]


def test_the_fast_path_says_how_its_answers_may_be_cached_as_flask_does(both: Both) -> None:
    for path in (f"/api/v1/employees/{BUDI}/timeline", f"/api/v1/employees/{BUDI}/eligibility", "/api/v1/employees"):
        served, flask, answered = both.send(path, "hr")
        assert answered
        assert served == flask
        etag = dict(served[1])["ETag"]
        not_modified, flask, answered = both.send(path, "hr", headers={"If-None-Match": etag})
        assert answered
        assert not_modified == flask
        for status, headers, _ in (served, not_modified):
            cache = [(name, value) for name, value in headers if name in ("Cache-Control", "Vary")]
            assert cache == [("Cache-Control", "private, no-cache"), ("Vary", "Accept, Authorization")], (path, status)


def test_the_fast_path_is_on_by_default_and_off_with_its_switch(store_url: str) -> None:
    assert WebSettings.from_env({}).fast_reads
    assert not WebSettings.from_env({"CAREERLOG_FAST_READS": "off"}).fast_reads
    with pytest.raises(ConfigurationError, match="CAREERLOG_FAST_READS"):
        WebSettings.from_env({"CAREERLOG_FAST_READS": "maybe"})
    with served_app(store_url, {**TEST_CONFIG, "CAREERLOG_FAST_READS": False}) as app:
        assert not isinstance(app.wsgi_app, FastReads)


def test_the_fast_path_stands_in_only_for_the_request_hooks_it_knows(app: Flask) -> None:
    assert isinstance(app.wsgi_app, FastReads)
    bare = Flask("other")
    assert not fastreads.installable(bare)
    for setting, value in (("SERVER_NAME", "careerlog.example"), ("TRUSTED_HOSTS", ["a.example"])):
        app.config[setting] = value  # Flask would answer by the request's host, which the fast path ignores
        assert not fastreads.installable(app), setting
        app.config[setting] = None
    assert fastreads.installable(app)
    app.before_request(lambda: None)  # a hook the fast path would skip: it may no longer be installed
    assert not fastreads.installable(app)
    assert not fastreads.install(app)


def test_a_fast_read_asks_for_its_reads_at_once_on_one_connection(both: Both) -> None:
    """On PostgreSQL the reads of a timeline or eligibility (the token, the scope check, the views' positions of an
    eligibility and the view) go in one round trip (read ahead), and only the access-log entry is asked after them;
    on SQLite the reads share one connection: one checkout of the pool for the reads and one of its writer for the
    entry."""
    world = both.world
    views = world.services.projector.views.sql
    ledger = world.services.ledger.recorder.datastore  # type: ignore[attr-defined]
    pools = list({id(p): p for p in (views.datastore.pool, ledger.pool)}.values())
    token = world.tokens["hr"]
    for read in ("timeline", "eligibility"):
        path = f"/api/v1/employees/{BUDI}/{read}"
        assert world.get(path, "hr").status_code == 200  # the token's last use is written (once a minute)
        asked: list[str] = []
        checkouts: list[bool | None] = []
        with pytest.MonkeyPatch.context() as patched:
            patched.setattr(Sql, "execute", spying(Sql.execute, asked))
            if views.dialect == "sqlite":
                for pool in pools:
                    patched.setattr(pool, "get_connection", counted(pool.get_connection, checkouts))
            environ = EnvironBuilder(path=path, headers={"Authorization": f"Bearer {token}"}).get_environ()
            _, status, _ = run_wsgi_app(world.app.wsgi_app, environ, buffered=True)
        assert status == "200 OK"
        assert not both.handed  # the fast path answered
        if views.dialect == "postgres":
            assert asked == ["INSERT"], read
        else:
            # an eligibility's: the views' positions (Services.aligned: at one, nothing more), the rows and Budi's
            # roster row (no 202 open)
            own = ["SELECT"] if read == "timeline" else ["SELECT", "SELECT", "SELECT"]
            assert asked == ["SELECT", "SELECT", *own, "INSERT"], read
            assert checkouts == [False, True], read  # a reading connection, then the writer for the entry


def asked_by_a_fast_read(both: Both, path: str, who: str) -> list[str]:
    """The statements a fast read sent outside a read ahead (their first word), after checking it answered."""
    world = both.world
    route, _, query = path.partition("?")
    token = world.tokens[who]
    asked: list[str] = []
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(Sql, "execute", spying(Sql.execute, asked))
        environ = EnvironBuilder(
            path=route, query_string=query, headers={"Authorization": f"Bearer {token}"}
        ).get_environ()
        _, status, _ = run_wsgi_app(world.app.wsgi_app, environ, buffered=True)
    assert status == "200 OK", path
    assert not both.handed, path  # the fast path answered
    return asked


def roster_pages(both: Both, who: str) -> list[str]:
    """Roster pages by number, filtered, and after a cursor (descending: the order after a row is one part)."""
    pages = ["/api/v1/employees?per_page=2", "/api/v1/employees?page=2&per_page=1&sort=rank"]
    pages += ["/api/v1/employees?agency=KOTA-MEDAN&q=a"]
    for sort in ("-name", "-birth_date"):
        cursor = both.world.get(f"/api/v1/employees?sort={sort}&per_page=1", who).get_json()["next"]
        pages.append(f"/api/v1/employees?sort={sort}&per_page=1&after={cursor}")
    return pages


@pytest.mark.parametrize("who", ["admin", "hr", "inspector"])
def test_a_roster_page_reads_its_rows_ahead_as_the_tokens_account_last_read(both: Both, who: str) -> None:
    """On PostgreSQL a roster page by a token seen before in the process sends its reads (the token, the
    view's position and the page's rows, by number or after a cursor, within the account's scope) in one
    round trip, and only the access-log entry after them; on SQLite each is asked in turn."""
    for path in roster_pages(both, who):
        assert both.world.get(path, who).status_code == 200  # the token seen; the page's total counted
        asked = asked_by_a_fast_read(both, path, who)
        if both.world.services.projector.views.sql.dialect == "postgres":
            assert asked == ["INSERT"], path
        else:
            assert asked == ["SELECT", "SELECT", "SELECT", "INSERT"], path


def test_a_roster_page_read_ahead_for_another_account_is_not_taken(both: Both) -> None:
    """A token's account guessed wrong (its scope changed since, say): the page read ahead for the account
    guessed is not the page asked, which is read again; the answer and the access log as Flask's."""
    fast = both.world.app.wsgi_app
    assert isinstance(fast, FastReads)
    path = "/api/v1/employees?per_page=3"
    assert both.world.get(path, "hr").status_code == 200
    admin = both.world.services.accounts.authenticate(both.world.tokens["admin"]).account
    hr_key = both.world.services.accounts.token_read(both.world.tokens["hr"])[1]
    fast.readers[hr_key] = admin  # the HR token guessed as the national admin
    asked = asked_by_a_fast_read(both, path, "hr")
    if both.world.services.projector.views.sql.dialect == "postgres":
        assert asked == ["SELECT", "INSERT"]  # the position read ahead (the same for any account), not the page
    assert_same(both, path, "hr")


# The spies note only what this thread (the request's, run_wsgi_app answers in it) asks: the app's
# follower thread steps every 0.2 s on the same pools, and under load one of its steps came during the
# request (a checkout list of 9 instead of 2 at load 8). Nor do they note the view-filling guard's look
# at the views' states (a SELECT of view_schemas at most once a second per process, Projector.guard_reads):
# under load more than a second passed between two requests and a page's reads read SELECT, SELECT,
# INSERT (the CI run of fab4fb5, load 10-15).


def spying(execute: Any, asked: list[str]) -> Any:
    requester = threading.get_ident()

    def spied(sql: Sql, statement: str, params: Any = ()) -> None:
        if threading.get_ident() == requester and "view_schemas" not in statement:
            asked.append(statement.split()[0])
        execute(sql, statement, params)

    return spied


def counted(get: Any, calls: list[bool | None]) -> Any:
    requester = threading.get_ident()

    def counting(*args: Any, **kwargs: Any) -> Any:
        if threading.get_ident() == requester:
            calls.append(kwargs.get("is_writer"))
        return get(*args, **kwargs)

    return counting
