"""A CPNS appointment's starting rank (rule appointment.starting_rank) is judged from the appointment alone
(projections.merit.audit.appointment_tuples reads nothing else of the record), so its findings are judged from the
event just recorded (Outcome.appointed), the record not read again: an import of 10,000 CPNS appointments read each
of the 10,000 records back from the store after the file was in (until 2026-12-06; measured: 10,000 reads, 40,041 SQL
statements on SQLite, 10,069 on PostgreSQL, against 0 reads, 10,041 and 49 now). Its warnings are the same, a dry
run's too; a record with another row of the file judged (a correction, a promotion) is still read, once. On both
stores."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import orjson
import pytest

from tests import factories as f
from tests.functional.conftest import World
from tests.functional.test_appointment_above_starting_rank_warned import FINDING

BORN, DAY = date(1980, 2, 2), date(2005, 3, 1)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (both stores)


def appointments(count: int, above: int) -> list[dict[str, Any]]:
    """`count` CPNS appointments of NIPs no other test records, the first `above` of them at III/c (S-1: III/a),
    confirmed so (asked since 2026-12-07)."""
    return [
        {
            "kind": "appointment",
            "nip": f.nip(BORN, DAY, "M", sequence=900 + i),
            **f.appointment(BORN, DAY, "M", rank="III/c" if i < above else "III/a"),
            **({"confirm": ["appointment.starting_rank"]} if i < above else {}),
        }
        for i in range(count)
    ]


def findings_warned(body: dict[str, Any]) -> list[dict[str, Any]]:
    """An import's warnings but those naming what a row's confirmation confirmed."""
    return [w for w in body.get("warnings", []) if "confirm" not in w["errors"]]


def reads_counted(world: World, monkeypatch: Any) -> list[str]:
    """The records read back from the store (CareerLog.events.get) from now on, by NIP."""
    read: list[str] = []
    events = world.services.ledger.events
    get = events.get

    def counted(*args: Any, **kwargs: Any) -> Any:
        read.append(str(args[0] if args else kwargs["originator_id"]))
        return get(*args, **kwargs)

    monkeypatch.setattr(events, "get", counted)
    return read


def imported(world: World, rows: list[dict[str, Any]], dry: bool = False) -> dict[str, Any]:
    upload = {"file": (io.BytesIO(b"".join(orjson.dumps(r) + b"\n" for r in rows)), "rows.jsonl")}
    path = "/api/v1/imports?dry_run=true" if dry else "/api/v1/imports"
    answer = world.post(path, "hr", data=upload, content_type="multipart/form-data")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    body: dict[str, Any] = answer.get_json()
    return body


def test_an_import_of_cpns_appointments_judges_them_reading_no_record_and_warns_as_before(
    world: World, monkeypatch: Any
) -> None:
    rows = appointments(6, 2)
    read = reads_counted(world, monkeypatch)
    for dry in (True, False):
        body = imported(world, rows, dry)
        assert body["recorded"] == 6, body
        warned = [(w["line"], list(w["errors"])) for w in findings_warned(body)]
        assert warned == [(1, ["rank"]), (2, ["rank"])], body["warnings"]
        assert all(FINDING in w["errors"]["rank"][0] for w in findings_warned(body))
        assert findings_warned(body)[0]["errors"]["rank"][0].startswith("Would be recorded; " if dry else "Recorded; ")
    assert read == []


def test_the_apis_appointment_is_judged_reading_its_record_once(world: World, monkeypatch: Any) -> None:
    """Read once, by the decision (is the NIP appointed?), not again for its findings."""
    [row] = appointments(1, 1)
    read = reads_counted(world, monkeypatch)
    answer = world.post("/api/v1/employees", "hr", json={k: v for k, v in row.items() if k != "kind"})
    assert answer.status_code == 201, answer.get_json()
    [said] = answer.get_json()["warnings"]
    assert FINDING in said
    assert read == [row["nip"]]


def test_an_appointment_with_a_correction_in_the_file_is_judged_as_corrected(world: World, monkeypatch: Any) -> None:
    """The appointment and its correction to the start in one file: the record read once, judged as corrected
    (no finding), as before."""
    [row] = appointments(1, 1)
    correction = {"kind": "correction", "nip": row["nip"], **f.correction(1, "2005-06-01", rank="III/a")}
    read = reads_counted(world, monkeypatch)
    body = imported(world, [row, correction])
    assert (body["recorded"], findings_warned(body)) == (2, []), body
    assert read == [row["nip"]]


def test_an_appointment_voided_in_the_same_file_is_not_warned(world: World) -> None:
    """(a code review, 2026-12-06) an appointment above the starting rank and its retraction in one file: the record
    was judged from the appointment's event alone and warned appointment.starting_rank of an appointment voided."""
    [row] = appointments(1, 1)
    retraction = {"kind": "retraction", "nip": row["nip"], **f.retraction(1, "2005-06-01"), "confirm_nip": row["nip"]}
    body = imported(world, [row, retraction])
    assert (body["recorded"], findings_warned(body)) == (2, []), body
