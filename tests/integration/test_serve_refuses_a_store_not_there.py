"""`careerlog serve` on a CAREERLOG_DATABASE_URL naming no store (a mistyped schema) is refused, exit 1, naming the
URL's schema with its password masked, and makes nothing: it made the schema and served an empty site that /health
called healthy ("ok", head 0). `--create-store` serves a new store (docs/operations.md, Stores); `careerlog run` (make
run) loads the demo into an empty store first, as before."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from click.testing import CliRunner

import web.cli
from careerlog.cli import main
from tests.conftest import POSTGRES_URL, require_postgres, schemas_dropped


@pytest.mark.postgres
def test_serve_refuses_a_schema_that_is_not_there_naming_it_with_the_password_masked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    require_postgres()
    served: list[Any] = []
    monkeypatch.setattr(web.cli, "serve", lambda *args: served.append(args))
    schema = f"t_nosuch_{uuid.uuid4().hex[:8]}"
    url = POSTGRES_URL.replace("://postgres@", "://postgres:s3cret-pw@", 1) + f"?schema={schema}"
    with schemas_dropped(schema) as conn:
        result = CliRunner().invoke(main, ["--database-url", url, "serve"])
        assert result.exit_code == 1, result.output
        said = " ".join(result.output.split())
        assert f"there is no schema {schema}" in said, said
        assert "s3cret-pw" not in said
        assert "postgres:***@" in said, said
        assert "--create-store" in said
        assert conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone() is None
        assert served == []

        made = CliRunner().invoke(main, ["--database-url", url, "serve", "--create-store"])
        assert made.exit_code == 0, made.output
        assert len(served) == 1
        assert conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone() is not None
