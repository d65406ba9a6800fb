"""`careerlog serve --bind` (and `run`'s) is refused naming the option, exit 2, when gunicorn would not serve it as
meant: an empty one (`--bind "$BIND"`, the variable unset) was served on every interface, 0.0.0.0:8000, where the
default serves this host alone; a port past 65535 stopped on an internal error (exit 70)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from web.commands import BindAddress


@pytest.mark.parametrize("command", ["serve", "run"])
@pytest.mark.parametrize(
    ("bind", "said"),
    [
        ("", "is empty: give the address and port to serve on, such as 127.0.0.1:8000 (gunicorn would serve an empty"),
        ("  ", "is empty: give the address and port to serve on"),
        ("127.0.0.1:99999", "'127.0.0.1:99999': the port 99999 is not in 0-65535."),
        ("127.0.0.1:abc", "'127.0.0.1:abc': 'abc' is not a valid port number."),
    ],
)
def test_an_address_gunicorn_would_not_serve_as_meant_is_refused_naming_bind(
    command: str, bind: str, said: str, tmp_path: Path
) -> None:
    env = {"CAREERLOG_DATABASE_URL": f"sqlite:///{tmp_path}/none.db"}
    result = CliRunner().invoke(main, [command, "--bind", bind], env=env)
    assert result.exit_code == 2, result.output
    assert f"Error: Invalid value for '--bind': {said}" in result.output
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(
    ("bind", "served"),
    [
        ("127.0.0.1:8000", "127.0.0.1:8000"),
        (" 0.0.0.0:8080 ", "0.0.0.0:8080"),
        ("[::1]:8000", "[::1]:8000"),
        ("localhost", "localhost"),
        ("unix:/run/careerlog.sock", "unix:/run/careerlog.sock"),
    ],
)
def test_an_address_gunicorn_serves_is_taken(bind: str, served: str) -> None:
    assert BindAddress().convert(bind, None, None) == served
