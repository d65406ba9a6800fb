"""The API import's `kind` is read as `careerlog import --kind` reads it: an event kind's code in any letter case
(`kind=Training` is training), and a kind it does not know is a 422 naming `kind` and the kinds it takes, nothing
read or recorded. Before, `kind=Training` refused every row of the file ("The row's kind 'training' is not
Training, ..."), and `kind=holiday` was answered 200 with every row of a CSV rejected for its kind, and with every
row of a JSON Lines file recorded as if no kind had been given. Both stores."""

from __future__ import annotations

import io
import json

import pytest

from tests.functional.conftest import BUDI, World

CSV = (
    "nip,training_kind,title,organiser,hours,start_date,effective_date,reference\n"
    f"{BUDI},LATSAR,Latsar,BPSDM,8,2024-05-01,2024-05-03,KK-1\n"
)
JSONL = json.dumps(
    {
        "kind": "training",
        "nip": BUDI,
        "training_kind": "LATSAR",
        "title": "Latsar",
        "organiser": "BPSDM",
        "hours": 8,
        "start_date": "2024-05-01",
        "effective_date": "2024-05-03",
        "reference": "KK-2",
    }
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def imported(world: World, query: str, text: str, name: str) -> tuple[int, dict[str, object]]:
    upload = {"file": (io.BytesIO(text.encode()), name)}
    answer = world.post(f"/api/v1/imports?{query}", "hr", data=upload, content_type="multipart/form-data")
    return answer.status_code, answer.get_json()


@pytest.mark.parametrize("kind", ["Training", "TRAINING"])
def test_a_kind_in_another_letter_case_is_that_kind(world: World, kind: str) -> None:
    status, report = imported(world, f"kind={kind}", CSV, "berkas.csv")
    assert (status, report["recorded"], report["rejected"]) == (200, 1, []), report


@pytest.mark.parametrize(("text", "name"), [(CSV, "berkas.csv"), (JSONL, "berkas.jsonl")], ids=["csv", "jsonl"])
def test_an_unknown_kind_is_a_422_naming_kind(world: World, text: str, name: str) -> None:
    before = world.log()
    status, problem = imported(world, "kind=holiday", text, name)
    assert status == 422, problem
    (reason,) = problem["errors"]["kind"]  # type: ignore[index]
    assert reason.startswith("Unknown kind 'holiday'; one of: appointment, award, "), reason
    assert world.log() == before


@pytest.mark.parametrize("kind", ["mentee_assigned", "unit_registration"])
def test_a_kind_the_system_records_is_no_import_kind(world: World, kind: str) -> None:
    """A kind only the system records was taken (and each row refused "Unknown kind"), and listed among the kinds
    an import takes (exploratory tester, 2026-12-06): refused naming `kind`, and not listed."""
    status, problem = imported(world, f"kind={kind}", CSV, "berkas.csv")
    assert status == 422, problem
    (reason,) = problem["errors"]["kind"]  # type: ignore[index]
    assert reason.startswith(f"Unknown kind '{kind}'; one of: appointment, award, "), reason
    known = reason.partition("one of: ")[2]
    assert "mentee_assigned" not in known
    assert "unit_registration" not in known


def test_a_csv_of_no_known_kind_tells_the_api_client_its_kind_parameter(world: World) -> None:
    """The report's reason named `--kind` and the import page's kind alone: the API's client has neither."""
    status, report = imported(world, "", CSV, "berkas-2024.csv")
    assert status == 200
    [rejected] = report["rejected"]  # type: ignore[misc]
    assert "the API's kind parameter" in rejected["errors"]["kind"][0]


def test_a_kind_given_for_a_json_lines_file_is_a_422_naming_kind(world: World) -> None:
    """Each line of a JSON Lines file names its own kind: `kind=rank_promotion` with a file of trainings recorded
    them as trainings, with no word (as `careerlog import --kind` did). Now a 422 naming `kind`, nothing recorded."""
    before = world.log()
    status, problem = imported(world, "kind=rank_promotion", JSONL, "berkas.jsonl")
    assert status == 422, problem
    (reason,) = problem["errors"]["kind"]  # type: ignore[index]
    assert reason.startswith("Each line of a JSON Lines file names its own kind"), reason
    assert "'rank_promotion'" in reason, reason
    assert world.log() == before
