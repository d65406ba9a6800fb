"""An idempotency key (the API's Idempotency-Key, careerlog record's --client-key, an import's client_key) sent again
for another employee's record is another request under a used key (the IETF idempotency-key draft: a key is not
reused for another request): it is refused naming the key (409, `Idempotency-Key`; `client_key`), never answered with
the other record's result nor recorded a second time. Until 2026-12-05 keys were judged within one record: the API
(201), the CLI (exit 0) and an import (both rows) recorded the fact again in the other record. Sent again for the
same record, the key is judged as before (replayed, or refused with other values)."""

from __future__ import annotations

import html
import io
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests import factories as f
from tests.functional.conftest import BUDI, SARI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import training_form

ELSEWHERE = "Key 'K-{which}' was already used for another request, in another record: a new fact needs a new key."


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def training(reference: str) -> dict[str, Any]:
    return {"kind": "training", **f.training("2024-05-10", hours=16, start="2024-05-08", reference=reference)}


def by_api(world: World, nip: str, body: dict[str, Any], key: str) -> tuple[int, Any]:
    answer = world.post(f"/api/v1/employees/{nip}/events", "hr", json=body, headers={"Idempotency-Key": key})
    return answer.status_code, answer.get_json()


def by_import(world: World, rows: list[dict[str, Any]]) -> dict[str, Any]:
    data = b"".join(orjson.dumps(row) + b"\n" for row in rows)
    answer = world.post(
        "/api/v1/imports", "hr", data={"file": (io.BytesIO(data), "rows.jsonl")}, content_type="multipart/form-data"
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    report: dict[str, Any] = answer.get_json()
    return report


def by_cli(store_url: str, nip: str, body: dict[str, Any], key: str) -> tuple[int, str]:
    fields = [f"{name}={value}" for name, value in body.items() if name != "kind"]
    result = CliRunner().invoke(
        main, ["record", nip, "training", "--client-key", key, *fields], env={"CAREERLOG_DATABASE_URL": store_url}
    )
    return result.exit_code, result.output


def test_a_key_sent_again_for_the_same_record_is_replayed_or_refused_naming_it(world: World) -> None:
    assert by_api(world, BUDI, training("KR-1"), "K-SAME")[0] == 201
    assert by_api(world, BUDI, training("KR-1"), "K-SAME")[0] == 200  # the same request: its first answer
    code, problem = by_api(world, BUDI, training("KR-2"), "K-SAME")
    assert (code, list(problem["errors"])) == (409, ["Idempotency-Key"])


@pytest.mark.parametrize("values", ["same", "other"])
def test_a_key_sent_again_through_the_api_for_another_nip_is_refused_naming_it(world: World, values: str) -> None:
    assert by_api(world, BUDI, training("KN-1"), "K-NIP")[0] == 201
    before = world.log()
    code, problem = by_api(world, SARI, training("KN-1" if values == "same" else "KN-2"), "K-NIP")
    assert (code, problem.get("errors")) == (409, {"Idempotency-Key": [ELSEWHERE.format(which="NIP")]})
    assert world.log() == before


def test_a_key_sent_again_by_the_cli_for_another_nip_is_refused_naming_it(world: World, store_url: str) -> None:
    assert by_cli(store_url, BUDI, training("KC-1"), "K-CLI")[0] == 0
    before = world.log()
    code, output = by_cli(store_url, SARI, training("KC-2"), "K-CLI")
    assert (code, output) == (1, f"Error: client_key: {ELSEWHERE.format(which='CLI')}\n")
    assert world.log() == before


def test_a_key_given_to_two_nips_in_one_import_is_refused_on_the_second_row(world: World) -> None:
    """A serial import (the API's, one process): the file's later row is refused. Split over workers (`careerlog
    import --workers N`), the two records may go to two processes, and the row whose worker claims the key second is
    refused, whichever line it is (docs/api.md, "Idempotency")."""
    rows = [
        {"nip": BUDI, "client_key": "K-IMP", **training("KI-1")},
        {"nip": SARI, "client_key": "K-IMP", **training("KI-2")},
    ]
    report = by_import(world, rows)
    assert [row["line"] for row in report["recorded_rows"]] == [1]
    assert [row["errors"] for row in report["rejected"]] == [{"client_key": [ELSEWHERE.format(which="IMP")]}]


def test_the_record_form_sent_again_for_another_nip_says_it_was_sent_for_another_record(world: World) -> None:
    log_in(world, "hr")
    world.client.get("/pages/record?lang=en")
    sent = training_form(world, reference="R-FORM-NIP-1")
    assert world.client.post("/pages/record?kind=training", data=sent).status_code == 302
    before = world.log()
    answer = world.client.post("/pages/record?kind=training", data={**sent, "nip": SARI})  # (back, NIP changed)
    assert answer.status_code == 422
    page = html.unescape(answer.get_data(as_text=True))
    assert (
        "This form was already sent for another record: a new fact needs a new form; open the record page again."
    ) in page
    assert world.log() == before


def test_a_key_given_to_two_nips_in_an_import_split_over_workers_is_refused_on_one_row(
    world: World, store_url: str, tmp_path: Any
) -> None:
    """Split over two processes, the two records may go to two workers: one row is refused, naming the key, and the
    other recorded, which of them depends on which worker claims the key first."""
    path = tmp_path / "rows.jsonl"
    rows = [
        {"nip": BUDI, "client_key": "K-WRK", **training("KW-1")},
        {"nip": SARI, "client_key": "K-WRK", **training("KW-2")},
    ]
    path.write_bytes(b"".join(orjson.dumps(row) + b"\n" for row in rows))
    before = len(world.log())
    result = CliRunner().invoke(
        main, ["import", str(path), "--workers", "2"], env={"CAREERLOG_DATABASE_URL": store_url}
    )
    assert ELSEWHERE.format(which="WRK") in result.output, result.output
    assert len(world.log()) == before + 1
