"""`--database-url` given empty is a usage error naming the option, exit 2, as `--bind ""` and `--views ""` are:
it was taken as not given, and the command ran on CAREERLOG_DATABASE_URL (a script's `--database-url "$URL"` with
the variable unset ran against production). And a refusal of the URL names where it came from: `--database-url`
when given so (it named CAREERLOG_DATABASE_URL, which the user had not set or had set to another store)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from careerlog.cli import main


def test_an_empty_database_url_option_is_a_usage_error_not_the_variables_store(sqlite_url: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["--database-url", "", "import", str(tmp_path / "none.jsonl")], env={"CAREERLOG_DATABASE_URL": sqlite_url}
    )
    assert result.exit_code == 2, result.output
    assert "'--database-url'" in result.output
    assert "must not be empty" in result.output
    assert not (tmp_path / "careerlog.db").exists()


def test_a_refused_url_given_as_the_option_names_the_option() -> None:
    for url, words in (
        ("postgresql://postgres@127.0.0.1:5999/test", "(--database-url is postgresql://postgres@127.0.0.1:5999/test)"),
        ("postgresql://postgres@127.0.0.1:5432/test?schema=X-Bad", "--database-url: invalid schema name 'X-Bad'"),
    ):
        result = CliRunner().invoke(main, ["--database-url", url, "info"], env={"CAREERLOG_DATABASE_URL": None})
        assert result.exit_code == 1, result.output
        assert words in result.output
        assert "CAREERLOG_DATABASE_URL" not in result.output


def test_a_refused_url_given_as_the_variable_names_the_variable() -> None:
    result = CliRunner().invoke(
        main, ["info"], env={"CAREERLOG_DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/test?schema=X-Bad"}
    )
    assert result.exit_code == 1, result.output
    assert "CAREERLOG_DATABASE_URL: invalid schema name 'X-Bad'" in result.output
