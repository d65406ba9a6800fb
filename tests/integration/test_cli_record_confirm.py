"""`careerlog record ... confirm=promotion.one_step` records a rank jump the decree does make, as an import's confirm
column and the API's "confirm" do: the refusal of such a jump says to confirm it ("confirm: promotion.one_step"), and
the command refused the field as "confirm: Unknown field.", so the jump could not be recorded from it at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, last_position, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def jump(*confirm: str) -> list[str]:
    fields = {**f.promotion("III/c", "2014-04-01"), "reference": "KP-JUMP"}
    return ["record", NIP, "rank_promotion", *(f"{k}={v}" for k, v in fields.items()), *confirm]


def test_a_rank_jump_confirmed_on_the_command_line_is_recorded_with_its_confirmation(
    database_url: str, tmp_path: Path
) -> None:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    refused = run(database_url, *jump())
    assert refused.exit_code == 1
    assert "confirm it (confirm: promotion.one_step)" in refused.output
    before = last_position(database_url)
    unknown = run(database_url, *jump("confirm=promotion.two_steps"))
    assert (unknown.exit_code, unknown.output) == (
        1,
        "Error: confirm: promotion.two_steps is neither a yes nor a check to confirm: write ya (or iya, y, yes, ok, 1, "
        "x, v, \u2713, true) to confirm what is asked of the row, tidak (or no) to confirm nothing, or the names of "
        "checks: promotion.one_step.\n",  # (a rank promotion's alone: named_checks)
    )
    assert last_position(database_url) == before
    result = run(database_url, *jump("confirm=promotion.one_step"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("recorded: rank_promotion version 2")
    last = json.loads(run(database_url, "history", NIP).output.splitlines()[-1])
    assert (last["new_rank"], last["confirm"]) == ("III/c", ["promotion.one_step"])


def test_the_command_line_records_a_placement_in_any_agency_unasked_and_takes_its_confirmation(
    database_url: str, tmp_path: Path
) -> None:
    """`careerlog record` writes as a national administrator (no scope): a placement anywhere is never asked about
    (placement.leaves_scope is a scoped writer's), and the confirmation given all the same is taken, not refused."""
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    place = {"agency": "KAB-KARO", "unit": "Dinas Pendidikan", "region": "12.06", "effective_date": "2024-01-02"}
    fields = [f"{k}={v}" for k, v in place.items()]
    unasked = run(database_url, "record", NIP, "placement", *fields, "reference=SK-PINDAH-1")
    assert unasked.exit_code == 0, unasked.output
    moved = [f"{k}={v}" for k, v in {**place, "unit": "Bappeda", "effective_date": "2024-02-01"}.items()]
    confirmed = run(  # (into another unit: one into the unit held is no move, refused as such)
        database_url, "record", NIP, "placement", *moved, "reference=SK-PINDAH-2", "confirm=placement.leaves_scope"
    )
    assert confirmed.exit_code == 0, confirmed.output


def test_the_command_line_asks_a_placement_ending_a_managerial_post_and_records_the_end_with_it(
    database_url: str, tmp_path: Path
) -> None:
    """Rule placement.ends_post asks every live writer, the command line too: a placement into another agency while
    a managerial post is held is refused naming the post until confirmed, then recorded with the post's end."""
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    post = {"post_kind": "PENGAWAS", "level": "IV.a", "title": "Kepala Seksi", "unit": "Dinas Kesehatan",
            "assignment": "DEFINITIVE", "effective_date": "2020-01-02", "reference": "SK-JAB-1"}  # fmt: skip
    held = run(database_url, "record", NIP, "post_appointment", *(f"{k}={v}" for k, v in post.items()))
    assert held.exit_code == 0, held.output
    place = {"agency": "KAB-KARO", "unit": "Dinas Pendidikan", "region": "12.06", "effective_date": "2024-01-02",
             "reference": "SK-MUTASI-1"}  # fmt: skip
    fields = [f"{k}={v}" for k, v in place.items()]
    refused = run(database_url, "record", NIP, "placement", *fields)
    assert refused.exit_code == 1
    assert "holds Kepala Seksi (PENGAWAS" in refused.output
    assert "confirm it (confirm: placement.ends_post)" in refused.output
    confirmed = run(database_url, "record", NIP, "placement", *fields, "confirm=placement.ends_post")
    assert confirmed.exit_code == 0, confirmed.output
    last = json.loads(run(database_url, "history", NIP).output.splitlines()[-1])
    assert (last["kind"], last["appointment_reference"], last["reference"]) == ("post_end", "SK-JAB-1", "SK-MUTASI-1")


def test_the_command_line_asks_a_placements_post_end_corrected_to_another_post(
    database_url: str, tmp_path: Path
) -> None:
    """The post end recorded with a placement, corrected to name another post than the one the move ended, is asked of
    the command line too (rule placement.ends_post: the post the move ended would be read as held from the other
    agency), and confirmed recorded as asked, storing the confirmation."""
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    for post in (
        {"post_kind": "PELAKSANA", "title": "Pengadministrasi Umum", "unit": "Dinas Kesehatan",
         "assignment": "DEFINITIVE", "effective_date": "2018-01-02", "reference": "SK-JAB-0"},
        {"post_kind": "PENGAWAS", "level": "IV.a", "title": "Kepala Seksi", "unit": "Dinas Kesehatan",
         "assignment": "DEFINITIVE", "effective_date": "2020-01-02", "reference": "SK-JAB-1"},
    ):  # fmt: skip
        held = run(database_url, "record", NIP, "post_appointment", *(f"{k}={v}" for k, v in post.items()))
        assert held.exit_code == 0, held.output
    place = {"agency": "KAB-KARO", "unit": "Dinas Pendidikan", "region": "12.06", "effective_date": "2024-01-02",
             "reference": "SK-MUTASI-1", "confirm": "placement.ends_post"}  # fmt: skip
    placed = run(database_url, "record", NIP, "placement", *(f"{k}={v}" for k, v in place.items()))
    assert placed.exit_code == 0, placed.output
    ended = len(run(database_url, "history", NIP).output.splitlines())  # (the post end: the last version)
    fields = {
        **f.correction(ended, "2025-01-06"),
        "corrected_fields": json.dumps({"appointment_reference": "SK-JAB-0"}),
    }
    correction = ["record", NIP, "correction", *(f"{k}={v}" for k, v in fields.items())]
    before = last_position(database_url)
    refused = run(database_url, *correction)
    assert refused.exit_code == 1
    assert "naming Pengadministrasi Umum (PELAKSANA) instead, it would leave Kepala Seksi held" in refused.output
    assert "confirm it (confirm: placement.ends_post)" in refused.output
    assert last_position(database_url) == before
    confirmed = run(database_url, *correction, "confirm=placement.ends_post")
    assert confirmed.exit_code == 0, confirmed.output
    last = json.loads(run(database_url, "history", NIP).output.splitlines()[-1])
    assert (last["kind"], last["target_version"], last["confirm"]) == ("correction", ended, ["placement.ends_post"])
