"""A postgresql:// URL may give libpq's connection parameters after the database's name (TLS: ?sslmode=require,
sslrootcert, ...; connect_timeout, application_name, target_session_attrs ...), passed to every connection careerlog
opens: the library's pools (the ledger's; the views', open_view_store: every web read, a worker's writes, the CLI's
audits and reports, a rebuild's processes), careerlog's own datastores (the accounts' in a command) and its plain
connections (the schema's check and lock, a worker's LISTEN, VACUUM). Before, `?sslmode=require` was refused
("the only parameter careerlog takes is ?schema=name") and TLS could be asked for only through PGSSLMODE. An unknown
parameter stays refused, naming it. The test server speaks no TLS: `sslmode=require` failing with its "does not
support SSL" proves the parameter reached that connection; `application_name` is read back on each."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from click.testing import CliRunner

from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.config import Settings
from careerlog.sqlstore import SqlStore, open_datastore
from projections.framework import Projector
from projections.registry import all_projections
from projections.store import open_view_store
from tests.conftest import fresh_schema
from web.services import Services

pytestmark = pytest.mark.postgres

NAME = "careerlog-url-parameters"


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with fresh_schema() as made:
        with CareerLog.from_settings(Settings(database_url=made)):
            pass  # (the store made)
        yield made


def test_the_url_parameters_reach_every_connection(url: str) -> None:
    settings = Settings(database_url=f"{url}&sslmode=disable&application_name={NAME}")
    with settings.connect_postgres() as conn:
        assert conn.execute("SELECT current_setting('application_name')").fetchone() == (NAME,)
    datastore = open_datastore(settings)
    try:
        with SqlStore(datastore).statements() as sql:
            assert sql.scalar("SELECT current_setting('application_name') AS n") == NAME
    finally:
        datastore.close()
    with (
        CareerLog.from_settings(settings) as app,
        app.recorder.datastore.get_connection() as conn,  # type: ignore[attr-defined]
    ):
        assert conn.execute("SELECT current_setting('application_name') AS n").fetchone()["n"] == NAME


def test_sslmode_require_is_passed_to_every_connection(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(database_url=f"{url}&sslmode=require")
    with pytest.raises(psycopg.OperationalError, match="does not support SSL"):
        settings.connect_postgres()
    monkeypatch.setattr(Settings, "prepare", lambda self: None)  # (its check of the schema connects first)
    # a pool's connections: it tries again until its time-out, and says only that (the libpq error is logged)
    datastore = open_datastore(settings)
    try:
        with pytest.raises(Exception, match="couldn't get a connection"), SqlStore(datastore).statements() as sql:
            sql.scalar("SELECT 1 AS n")
    finally:
        datastore.close()
    with pytest.raises(Exception, match="couldn't get a connection"):
        CareerLog(settings.eventsourcing_env()).max_notification_id()


def test_a_command_with_sslmode_require_says_the_server_does_not_support_ssl(url: str) -> None:
    result = CliRunner().invoke(
        main, ["projections", "status"], env={"CAREERLOG_DATABASE_URL": f"{url}&sslmode=require"}
    )
    assert result.exit_code == 1, result.output
    assert "server does not support SSL, but SSL was required" in result.output
    assert "Traceback" not in result.output


def test_an_unknown_parameter_is_still_refused_naming_it(url: str) -> None:
    result = CliRunner().invoke(main, ["info"], env={"CAREERLOG_DATABASE_URL": f"{url}&sslmod=require"})
    assert result.exit_code == 1, result.output
    assert "'sslmod'" in result.output
    assert "sslmode" in result.output  # (the parameters it takes are listed)


def test_a_connect_timeout_not_a_whole_number_is_refused_naming_it(url: str) -> None:
    result = CliRunner().invoke(main, ["info"], env={"CAREERLOG_DATABASE_URL": f"{url}&connect_timeout=1.5"})
    assert result.exit_code == 1, result.output
    assert "connect_timeout='1.5'" in result.output
    assert "whole number of seconds" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("given", ["-1", "-30"])
def test_a_negative_connect_timeout_is_refused_naming_it(url: str, given: str) -> None:
    result = CliRunner().invoke(main, ["info"], env={"CAREERLOG_DATABASE_URL": f"{url}&connect_timeout={given}"})
    assert result.exit_code == 1, result.output
    assert f"connect_timeout='{given}'" in result.output
    assert "0 or more" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("given", "waits"), [("", 5), ("&connect_timeout=0", 5), ("&connect_timeout=3", 3)])
def test_every_connection_waits_as_the_pools_do(
    url: str, given: str, waits: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(a code review, 2026-12-06) connect_postgres (the schema's check and lock, a worker's LISTEN) spread the URL's
    raw connect_timeout over careerlog's 5 s: a 0 reached psycopg, which waits 130 s; the pools waited 5 s. A pool's
    own connections read the URL's parameters too (apply_postgres_options)."""
    settings = Settings(database_url=f"{url}{given}")
    seen: list[dict[str, object]] = []
    with monkeypatch.context() as patched:
        patched.setattr(psycopg, "connect", lambda **kwargs: seen.append(kwargs))
        settings.connect_postgres()
    assert seen[0]["connect_timeout"] == waits
    assert settings.connect_timeout == waits
    assert settings.postgres_options().get("connect_timeout") in (None, str(waits))
    datastore = open_datastore(settings)
    assert int(datastore.pool.kwargs.get("connect_timeout", waits)) == waits  # type: ignore[union-attr]


def test_the_pools_wait_the_urls_connect_timeout(url: str) -> None:
    """Each pool waits the URL's connect_timeout for a connection (careerlog's 5 s when it gives none, or 0: libpq's
    forever); until 2026-12-06 they waited 5 s whatever it gave."""
    assert Settings(database_url=url).connect_timeout == 5
    assert Settings(database_url=f"{url}&connect_timeout=0").connect_timeout == 5
    settings = Settings(database_url=f"{url}&connect_timeout=2")
    assert settings.connect_timeout == 2
    assert settings.eventsourcing_env()["POSTGRES_CONNECT_TIMEOUT"] == "2"
    datastore = open_datastore(settings)
    assert datastore.pool.timeout == 2  # type: ignore[union-attr]
    views = open_view_store(settings)
    assert views.datastore.pool.timeout == 2
    with CareerLog.from_settings(settings) as log:
        assert log.recorder.datastore.pool.timeout == 2  # type: ignore[attr-defined]


def test_the_url_parameters_reach_the_views_and_the_web_apps_connections(url: str) -> None:
    """Until 2026-12-06 the views' pool (open_view_store) was given none of them: every web read, the worker's writes
    and the CLI's audits connected without the operator's TLS settings."""
    settings = Settings(database_url=f"{url}&sslmode=disable&application_name={NAME}")
    views = open_view_store(settings)
    try:
        assert views.sql.scalar("SELECT current_setting('application_name') AS n") == NAME
    finally:
        views.datastore.close()
    projector = Projector(settings, all_projections())
    try:
        assert projector.views.sql.scalar("SELECT current_setting('application_name') AS n") == NAME
    finally:
        projector.close()
    services = Services.build(settings, follow=False)
    try:
        with services.ledger.recorder.datastore.get_connection() as conn:  # type: ignore[attr-defined]
            assert conn.execute("SELECT current_setting('application_name') AS n").fetchone()["n"] == NAME
        for store in (services.projector.views.sql, services.accounts.store):  # (reads, writes, the access log)
            assert store.scalar("SELECT current_setting('application_name') AS n") == NAME
    finally:
        services.close()


def test_sslmode_require_is_passed_to_the_views_connections(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    good = Settings(database_url=url)
    settings = Settings(database_url=f"{url}&sslmode=require")
    monkeypatch.setattr(Settings, "prepare", lambda self: True)  # (as made: its check of the schema connects first)
    views = open_view_store(settings)
    try:
        with pytest.raises(Exception, match="couldn't get a connection"):
            views.sql.scalar("SELECT 1 AS n")
    finally:
        views.datastore.close()
    with CareerLog.from_settings(good) as app:
        projector = Projector(settings, all_projections(), app=app, ensure=False)  # (a rebuild's processes')
        try:
            with pytest.raises(Exception, match="couldn't get a connection"):
                projector.views.sql.scalar("SELECT 1 AS n")
        finally:
            projector.close()
