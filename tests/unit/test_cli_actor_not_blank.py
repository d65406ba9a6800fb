"""`--actor` (`careerlog record`, `careerlog import`) is recorded with every event as who recorded it: given empty or
as spaces alone it is refused naming the option, exit 2, before the store is opened. It was recorded as given
(`recorded_by` ""), which `import --migration` of an export then read as no recorder at all, recording the importing
actor in its place."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from careerlog.cli import main

NIP = "198609262010031001"
TRAINING = [
    "effective_date=2016-01-08",
    "reference=CERT-1",
    "training_kind=KURSUS",
    "title=Arsip",
    "organiser=BKD",
    "hours=20",
    "start_date=2016-01-04",
]


def refused(tmp_path: Path, command: list[str], actor: str) -> Result:
    """`command` run with `--actor actor`: a usage error (exit 2), the store not made."""
    (tmp_path / "training.csv").write_text("nip,title\n" + NIP + ",Arsip\n")
    if command[0] == "import":
        command = [*command, str(tmp_path / "training.csv")]
    url = f"sqlite:///{tmp_path / 'careerlog.db'}"
    result = CliRunner().invoke(main, [*command, "--actor", actor], env={"CAREERLOG_DATABASE_URL": url})
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "careerlog.db").exists()
    return result


@pytest.mark.parametrize("actor", ["", "   ", "\t"])
@pytest.mark.parametrize("command", [["record", NIP, "training", *TRAINING], ["import", "--kind", "training"]])
def test_an_empty_actor_is_refused_naming_the_option(tmp_path: Path, actor: str, command: list[str]) -> None:
    result = refused(tmp_path, command, actor)
    assert "Invalid value for '--actor': must not be empty: it is recorded as who recorded the events." in result.output


@pytest.mark.parametrize(
    ("actor", "reason"),
    [
        ("budi\nsantoso", "must not hold control characters"),
        ("budi\x1b[31m", "must not hold control characters"),
        ("budi\u202esantoso", "must not hold control characters"),
        ("budi\udcffsantoso", "must not hold control characters"),
        ("b" * 12_000, "at most 64 characters, as an account's name"),
        ("b" * 65, "at most 64 characters, as an account's name"),
    ],
)
@pytest.mark.parametrize("command", [["record", NIP, "training", *TRAINING], ["import", "--kind", "training"]])
def test_an_actor_no_name_is_refused_naming_the_option(
    tmp_path: Path, actor: str, reason: str, command: list[str]
) -> None:
    result = refused(tmp_path, command, actor)
    assert f"Invalid value for '--actor': {reason}" in result.output


def test_an_actor_with_spaces_and_64_characters_is_a_name(tmp_path: Path) -> None:
    (tmp_path / "training.csv").write_text("nip,title\n" + NIP + ",Arsip\n")
    url = f"sqlite:///{tmp_path / 'careerlog.db'}"
    actor = "Budi Santoso, Bagian Kepegawaian " + "x" * 31
    result = CliRunner().invoke(
        main,
        ["import", "--kind", "training", "--actor", actor, str(tmp_path / "training.csv")],
        env={"CAREERLOG_DATABASE_URL": url},
    )
    assert "--actor" not in result.output, result.output
