"""`careerlog accounts` and `careerlog tokens` on each store: hashed at rest, shown once, refused when stale."""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta

import pytest
from click.testing import CliRunner, Result

from careerlog.accounts import AuthenticationFailed, open_accounts, utc_now
from careerlog.cli import main
from careerlog.config import Settings
from careerlog.sqlstore import open_store

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

PASSWORD = "correct horse battery"


def run(database_url: str, *args: str, stdin: str | None = None) -> Result:
    env = {"CAREERLOG_DATABASE_URL": database_url}
    return CliRunner().invoke(main, list(args), input=stdin, env=env, catch_exceptions=False)


def create_hr(database_url: str) -> Result:
    return run(
        database_url,
        *("accounts", "create", "siti", "--name", "Siti Lubis", "--role", "hr", "--agency", "KOTA-MEDAN"),
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )


def issue(database_url: str, *extra: str) -> str:
    result = run(database_url, "tokens", "create", "--account", "siti", *extra)
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def raw(database_url: str, table: str) -> list[dict[str, object]]:
    store = open_store(Settings(database_url=database_url))
    try:
        return store.query(f"SELECT * FROM {table}")
    finally:
        store.close()


def test_an_account_is_created_with_its_password_hashed_by_argon2(database_url: str) -> None:
    result = create_hr(database_url)
    assert result.exit_code == 0, result.output
    assert "siti\tSiti Lubis\thr; agency KOTA-MEDAN" in result.output
    [row] = raw(database_url, "accounts")
    assert str(row["password_hash"]).startswith("$argon2id$")
    assert PASSWORD not in str(row)
    accounts = open_accounts(Settings(database_url=database_url))
    assert accounts.check_password("siti", PASSWORD).username == "siti"
    with pytest.raises(AuthenticationFailed):
        accounts.check_password("siti", "wrong password")
    accounts.store.close()


def test_a_password_is_never_taken_from_the_arguments(database_url: str) -> None:
    result = CliRunner().invoke(
        main,
        ["accounts", "create", "x1", "--name", "X", "--role", "admin", "--password", PASSWORD],
        env={"CAREERLOG_DATABASE_URL": database_url},
    )
    assert result.exit_code == 2
    assert "No such option '--password'" in result.output


def test_a_password_is_prompted_for_twice(database_url: str) -> None:
    args = ("accounts", "create", "ops", "--name", "Ops", "--role", "admin")
    result = run(database_url, *args, stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output


def test_accounts_are_listed_and_disabled(database_url: str) -> None:
    create_hr(database_url)
    run(database_url, "accounts", "create", "budi", "--name", "Budi", "--role", "employee", "--no-password",
        "--nip", "198609262010031001")  # fmt: skip
    listed = run(database_url, "accounts", "list").output.splitlines()
    assert listed == [
        "budi\tBudi\temployee; own record only: NIP 198609262010031001; tokens only",
        "siti\tSiti Lubis\thr; agency KOTA-MEDAN",
    ]
    assert "DISABLED" in run(database_url, "accounts", "disable", "siti").output


def test_an_employee_accounts_scope_is_shown_as_their_own_record(database_url: str) -> None:
    """An employee account reads its own record alone; its scope was shown as "nothing", which read as no access."""
    args = ("accounts", "create", "budi", "--name", "Budi", "--role", "employee", "--no-password")
    created = run(database_url, *args, "--nip", "198609262010031001")
    assert created.exit_code == 0, created.output
    assert "employee; own record only: NIP 198609262010031001; tokens only" in created.output
    assert "nothing" not in created.output + run(database_url, "accounts", "list").output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--role", "hr"), "An HR account works within one or more agencies"),
        (("--role", "hr", "--agency", "ATLANTIS"), "Unknown code 'ATLANTIS'"),
        (("--role", "hr", "--agency", "KAB-DELI-SERDANG"), "did you mean KAB-DELISERDANG (Pemerintah Kabupaten Deli"),
        (("--role", "employee"), "needs the employee's NIP"),
        (("--role", "inspector", "--region", "99.99"), "Unknown code '99.99'"),
    ],
)
def test_an_account_without_a_fitting_scope_is_refused(database_url: str, args: tuple[str, ...], message: str) -> None:
    result = run(database_url, "accounts", "create", "x1", "--name", "X", "--no-password", *args)
    assert result.exit_code == 1
    assert message in result.output


def test_a_token_is_printed_once_and_stored_only_as_its_hash(database_url: str) -> None:
    create_hr(database_url)
    token = issue(database_url, "--days", "7")
    assert token.startswith("clt_")
    assert len(token) > 40
    [row] = raw(database_url, "api_tokens")
    assert row["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert row["prefix"] == token[:12]
    assert token not in str(row)
    listed = run(database_url, "tokens", "list").output
    assert token[:12] in listed
    assert token not in listed
    assert "active" in listed


def test_an_expired_token_is_refused(database_url: str) -> None:
    create_hr(database_url)
    token = issue(database_url, "--days", "1")
    accounts = open_accounts(Settings(database_url=database_url))
    assert accounts.authenticate(token).account.username == "siti"
    accounts.clock = lambda: utc_now() + timedelta(days=1, minutes=1)
    with pytest.raises(AuthenticationFailed, match="expired"):
        accounts.authenticate(token)
    accounts.store.close()


def test_a_revoked_token_is_refused(database_url: str) -> None:
    create_hr(database_url)
    token = issue(database_url)
    result = run(database_url, "tokens", "revoke", token[:12])
    assert result.exit_code == 0
    assert "revoked" in result.output
    accounts = open_accounts(Settings(database_url=database_url))
    with pytest.raises(AuthenticationFailed, match="revoked"):
        accounts.authenticate(token)
    accounts.store.close()


def test_a_disabled_accounts_tokens_are_refused(database_url: str) -> None:
    create_hr(database_url)
    token = issue(database_url)
    run(database_url, "accounts", "disable", "siti")
    accounts = open_accounts(Settings(database_url=database_url))
    with pytest.raises(AuthenticationFailed, match="disabled"):
        accounts.authenticate(token)
    accounts.store.close()


def test_a_token_for_an_unknown_account_or_of_too_many_days_is_refused(database_url: str) -> None:
    assert run(database_url, "tokens", "create", "--account", "nobody").exit_code == 1
    create_hr(database_url)
    result = run(database_url, "tokens", "create", "--account", "siti", "--days", "99999")
    assert result.exit_code == 2  # (click's range, before the store is asked)
    assert "Invalid value for '--days': 99999 is not in the range 1<=x<=3650." in result.output


def test_accounts_unlock_clears_the_failed_log_ins_counted_for_a_user_name_alone(database_url: str) -> None:
    create_hr(database_url)
    run(database_url, "accounts", "create", "budi", "--name", "Budi", "--role", "hr", "--agency", "KOTA-MEDAN",
        "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    accounts = open_accounts(Settings(database_url=database_url))
    try:
        for name in ("siti", "siti", "budi"):  # (failed log-ins, as the log-in page counts them)
            assert accounts.start_log_in(name, most=2, seconds=3600) is None
        assert accounts.start_log_in("siti", most=2, seconds=3600) is not None  # refused
        result = run(database_url, "accounts", "unlock", "siti")
        assert result.exit_code == 0, result.output
        assert result.output == "unlocked siti: 2 failed log-ins cleared\n"
        assert accounts.log_in_failures("siti")[0] == 0
        assert accounts.log_in_failures("budi")[0] == 1
        assert accounts.start_log_in("siti", most=2, seconds=3600) is None
        again = run(database_url, "accounts", "unlock", "budi")
        assert again.output == "unlocked budi: 1 failed log-in cleared\n"
        nothing = run(database_url, "accounts", "unlock", "budi")
        assert nothing.exit_code == 0
        assert nothing.output == "budi had no failed log-ins counted: nothing changed.\n"
    finally:
        accounts.store.close()


def test_accounts_unlock_is_kept_in_the_account_changes_with_who_and_the_failed_log_ins_cleared(
    database_url: str,
) -> None:
    create_hr(database_url)
    accounts = open_accounts(Settings(database_url=database_url))
    try:
        for _ in range(3):
            assert accounts.start_log_in("siti", most=20, seconds=3600) is None
        assert run(database_url, "accounts", "unlock", "siti").exit_code == 0
        assert run(database_url, "accounts", "unlock", "siti").exit_code == 0  # none counted: not kept
        changes, total = accounts.account_changes()
        assert total == 2
        [unlocked, created] = changes
        assert created.action == "created"
        assert created.cleared is None
        assert (unlocked.action, unlocked.account, unlocked.via, unlocked.role, unlocked.scope, unlocked.cleared) == (
            "unlocked",
            "siti",
            "cli",
            "hr",
            "agency KOTA-MEDAN",
            3,
        )
        assert unlocked.username == created.username  # the system user, as `accounts create` keeps it
        assert unlocked.at >= created.at
    finally:
        accounts.store.close()


def test_accounts_unlock_of_a_window_ended_clears_nothing_and_keeps_nothing(database_url: str) -> None:
    create_hr(database_url)
    accounts = open_accounts(Settings(database_url=database_url))
    try:
        accounts.hit(accounts.log_in_failures_key("siti"), 3600, amount=4)
        with accounts.store.transaction() as sql:  # (the window ended a second ago, its row not yet deleted)
            sql.execute("UPDATE rate_limits SET expires_at = ?", (time.time() - 1,))
        result = run(database_url, "accounts", "unlock", "siti")
        assert result.output == "siti had no failed log-ins counted: nothing changed.\n"
        assert [c.action for c in accounts.account_changes()[0]] == ["created"]
    finally:
        accounts.store.close()


def test_accounts_unlock_of_no_account_is_refused_naming_it(database_url: str) -> None:
    create_hr(database_url)  # (a store made: one not there is refused before the name is looked up)
    result = run(database_url, "accounts", "unlock", "nobody")
    assert result.exit_code == 1
    assert "No account named 'nobody'." in result.output


def create_siti_reading(database_url: str, stdin: bytes, *extra: str) -> Result:
    env = {"CAREERLOG_DATABASE_URL": database_url}
    args = ["accounts", "create", "siti", "--name", "Siti", "--role", "hr", "--agency", "KOTA-MEDAN", *extra]
    return CliRunner().invoke(main, args, input=stdin, env=env, catch_exceptions=False)


def test_a_password_file_saved_with_a_byte_order_mark_gives_the_password_typed(database_url: str) -> None:
    result = create_siti_reading(database_url, b"\xef\xbb\xbf" + PASSWORD.encode() + b"\r\n", "--password-stdin")
    assert result.exit_code == 0, result.output
    accounts = open_accounts(Settings(database_url=database_url))
    try:  # (the mark was kept as the password's first character: no log-in could type it)
        assert accounts.check_password("siti", PASSWORD).username == "siti"
    finally:
        accounts.store.close()


def no_account(database_url: str) -> bool:
    """Whether `accounts list` lists none: on a store where none was made (a new SQLite file, not made by the
    refusal) it is refused as a store that is not there."""
    listed = run(database_url, "accounts", "list").output
    return listed == "" or listed.startswith("Error: No careerlog store at ")


def test_a_password_file_not_in_utf8_is_refused_naming_the_password_and_makes_no_account(database_url: str) -> None:
    result = create_siti_reading(database_url, "rahasia café 123\n".encode("cp1252"), "--password-stdin")
    assert result.exit_code == 1  # (an internal error before, exit 70)
    assert result.output == (
        "Error: password: The first line of standard input is not UTF-8 text: save the password's file as UTF-8 (a "
        "password typed at the prompt, without --password-stdin, is read as typed). No account was created.\n"
    )
    assert no_account(database_url)


def test_no_password_and_a_password_from_standard_input_together_are_refused(database_url: str) -> None:
    result = create_siti_reading(database_url, PASSWORD.encode() + b"\n", "--password-stdin", "--no-password")
    assert result.exit_code == 2  # (the account was made of tokens only, the password given dropped)
    assert "Error: --no-password and --password-stdin contradict each other: give one of them." in result.output
    assert no_account(database_url)


def test_a_disabled_accounts_tokens_are_listed_as_such_not_as_active(database_url: str) -> None:
    create_hr(database_url)
    token = issue(database_url)
    assert "\tsiti\tactive\t" in run(database_url, "tokens", "list").output
    run(database_url, "accounts", "disable", "siti")
    listed = run(database_url, "tokens", "list", "--account", "siti")
    assert listed.exit_code == 0
    assert listed.output.startswith(f"{token[:12]}\tsiti\taccount disabled\texpires ")  # (it was "active")


def test_a_token_revoked_again_is_said_to_be_so_and_keeps_its_time(database_url: str) -> None:
    create_hr(database_url)
    token = issue(database_url)
    assert run(database_url, "tokens", "revoke", token[:12]).output == f"revoked {token[:12]} of siti\n"
    accounts = open_accounts(Settings(database_url=database_url))
    try:
        [first] = accounts.list_tokens("siti")
        again = run(database_url, "tokens", "revoke", token[:12])
        assert again.exit_code == 0
        assert again.output == (
            f"{token[:12]} of siti was already revoked on {first.revoked_at:%Y-%m-%d %H:%M} UTC: nothing changed.\n"
        )
        assert accounts.list_tokens("siti") == [first]
    finally:
        accounts.store.close()


def test_the_tokens_of_an_unknown_account_are_refused_not_listed_as_none(database_url: str) -> None:
    create_hr(database_url)
    issue(database_url)
    result = run(database_url, "tokens", "list", "--account", "sitti")
    assert (result.exit_code, result.output) == (1, "Error: No account named 'sitti'.\n")  # (it listed nothing, 0)
    assert run(database_url, "tokens", "list", "--account", "siti").output.count("\tsiti\tactive\t") == 1


def test_an_employee_account_for_a_nip_never_appointed_is_created_with_a_warning(database_url: str) -> None:
    """An account of a NIP no employee has been appointed with (a typo, or the records not imported yet) sees no
    record: made, as an account may be made before the import, but with a warning on standard error naming the NIP
    (it was made in silence). One of an appointed NIP gets none."""
    nip = "199001012020011001"
    result = run(database_url, "accounts", "create", "emp2", "--name", "E", "--role", "employee", "--no-password",
                 "--nip", nip)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        f"Warning: no employee with NIP {nip} has been appointed in this store: the account sees no record until "
        "one is (check the NIP; or import the records first)."
    ) in result.stderr
    from datetime import date

    from careerlog.application import CareerLog
    from careerlog.config import Settings
    from tests import factories as f

    budi = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=61)
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        app.record(budi, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
    result = run(database_url, "accounts", "create", "budi", "--name", "B", "--role", "employee", "--no-password",
                 "--nip", budi)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.stderr
