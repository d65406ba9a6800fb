"""The command line quotes the user's own value in a refusal the one bounded way (careerlog.domain.errors.cut: 40
characters, a longer one ending in "…"), with its reason, exit 1; a short value as it always was. Before, a
subject or a kind of thousands of characters was copied whole into "Nothing is recorded for ..." and
"Unknown kind ...; one of: ...". (A NIP not of 18 digits is quoted cut since fcbc7c2.)"""

from __future__ import annotations

from tests.integration.test_cli import last_position, run

LONG = "1" * 5000
MISSING = "198002022005031704"


def test_a_very_long_subject_is_quoted_cut_on_the_command_line(database_url: str) -> None:
    assert last_position(database_url) == 0  # (a store made, with nothing recorded: `history` makes none)
    long = run(database_url, "history", LONG)  # (no NIP's form: refused as such, quoted cut alike)
    unit = run(database_url, "history", "UNIT:" + "x" * 5000)
    short = run(database_url, "history", MISSING)
    assert (long.exit_code, unit.exit_code, short.exit_code) == (1, 1, 1)
    assert long.output == f"Error: nip: Must be 18 digits, got '{'1' * 39}…'.\n"
    assert unit.output == f"Error: Nothing is recorded for UNIT:{'x' * 34}….\n"
    assert short.output == f"Error: Nothing is recorded for {MISSING}.\n"


def test_a_very_long_kind_is_quoted_cut_on_the_command_line(database_url: str) -> None:
    long = run(database_url, "record", MISSING, "x" * 5000, "hours=8")
    short = run(database_url, "record", MISSING, "lecture", "hours=8")
    assert (long.exit_code, short.exit_code) == (1, 1)
    assert f"Unknown kind '{'x' * 39}…'; one of: appointment," in long.output
    assert "x" * 41 not in long.output
    assert "Unknown kind 'lecture'; one of: appointment," in short.output


def test_a_very_long_account_name_is_quoted_cut_on_the_command_line(database_url: str) -> None:
    assert last_position(database_url) == 0  # (a store made: one not there is refused before the name is looked up)
    long = run(database_url, "accounts", "disable", "q" * 3000)
    short = run(database_url, "accounts", "disable", "nobody")
    assert (long.exit_code, short.exit_code) == (1, 1)
    assert long.output == f"Error: No account named '{'q' * 39}…'.\n"
    assert short.output == "Error: No account named 'nobody'.\n"


def test_a_very_long_token_prefix_is_quoted_cut_on_the_command_line(database_url: str) -> None:
    assert last_position(database_url) == 0  # (a store made: one not there is refused before the name is looked up)
    long = run(database_url, "tokens", "revoke", "p" * 3000)
    short = run(database_url, "tokens", "revoke", "clt_abc")
    assert (long.exit_code, short.exit_code) == (1, 1)
    assert long.output == f"Error: No token with prefix '{'p' * 39}…'.\n"
    assert short.output == "Error: No token with prefix 'clt_abc'.\n"
