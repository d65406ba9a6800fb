"""`careerlog serve` (the API on gunicorn) and `careerlog run` (the demo: what `make run` does): their options.

The commands' bodies import web.cli (gunicorn, Flask, the API and its libraries) as they run, not as this module is
imported: `careerlog --help` lists these commands without paying for those imports (tests/unit/
test_cli_help_imports_no_heavy_library.py).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import click

from careerlog.cli import Context, existing_data_only, friendly_errors, pass_context
from careerlog.cli_numbers import AT_LEAST_ONE, PROCESSES, THREADS
from careerlog.visible import on_terminal


class BindAddress(click.ParamType[str]):
    """An address to serve on, as gunicorn reads it (HOST:PORT, [IPv6]:PORT, HOST alone for port 8000, unix:PATH),
    refused naming --bind, exit 2, when gunicorn would not serve it as meant: empty (gunicorn serves an empty one on
    every interface, 0.0.0.0:8000, where the default serves this host alone), or a port outside 0-65535 or no number
    (an internal error, exit 70, or gunicorn's own refusal)."""

    name = "address"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        address = str(value).strip()
        if not address:
            self.fail(
                "is empty: give the address and port to serve on, such as 127.0.0.1:8000 (gunicorn would serve an "
                "empty one on every interface, 0.0.0.0:8000).",
                param,
                ctx,
            )
        from gunicorn import util  # (gunicorn imported only by the commands that serve: careerlog's --help starts fast)

        try:
            parsed = util.parse_address(address)
        except RuntimeError as e:  # ('abc' is not a valid port number.)
            self.fail(f"{on_terminal(address)!r}: {e}", param, ctx)
        if isinstance(parsed, tuple) and not 0 <= parsed[1] <= 65535:
            self.fail(f"{on_terminal(address)!r}: the port {parsed[1]} is not in 0-65535.", param, ctx)
        return address


bind_option = click.option(
    "--bind", default="127.0.0.1:8000", show_default=True, type=BindAddress(), help="Address and port to serve on."
)
workers_option = click.option("--workers", default=2, show_default=True, type=PROCESSES, help="Worker processes.")


@click.command("serve")
@bind_option
@workers_option
@click.option("--threads", default=4, show_default=True, type=THREADS, help="Threads per worker.")
@click.option(
    "--create-store",
    is_flag=True,
    help="Make the store if CAREERLOG_DATABASE_URL names none yet (its schema and tables); without it, refused.",
)
@pass_context
@friendly_errors
def serve_command(obj: Context, bind: str, workers: int, threads: int, create_store: bool) -> None:
    """Serve the JSON API (/api/v1, documentation at /api/docs) on gunicorn.

    On SQLite one worker keeps the views current. On PostgreSQL the workers only serve:
    run `careerlog projections run` beside them to keep the views.

    A store that is not there (no schema, no tables: a mistyped URL) is refused, exit 1, unless --create-store.
    """
    from web import cli
    from web.config import checked_secret_key

    if not create_store:  # (it made the store and served it empty, /health "ok" with head 0: a typo's schema)
        existing_data_only(obj, cli.NOT_THERE)
    cli.check_before_serving(obj)
    if warning := checked_secret_key():
        click.echo(warning, err=True)
    cli.serve(obj.settings, bind, workers, threads)


@click.command("run")
@click.option(
    "--employees", default=2000, show_default=True, type=AT_LEAST_ONE, help="Demo size when the store is empty."
)
@bind_option
@workers_option
@pass_context
@friendly_errors
def run_command(obj: Context, employees: int, bind: str, workers: int) -> None:
    """Serve the demo on the embedded store (make run): demo data, demo accounts, the API.

    Loads the demo if the store is empty, creates the demo accounts and tokens if they
    are missing, brings the views up to date, prints the log-ins, then serves.
    """
    from web import cli

    if obj.settings.store != "sqlite":
        raise click.ClickException("careerlog run uses the embedded SQLite store; for PostgreSQL use careerlog serve.")
    obj.settings = dataclasses.replace(obj.settings, database_url_set=True)  # the demo makes the default store
    cli.check_before_serving(obj)
    nip = cli.prepare_demo(obj, employees)
    cli.print_logins(bind, nip)
    obj.close()
    cli.serve(obj.settings, bind, workers)
