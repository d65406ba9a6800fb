"""A row of a fact recorded and since retracted, run again (its values, no new client key), whose own fields a rule
changed since refuses (here a training of 16 JP in a day, recorded under rules holding 16, refused under the bundled
12: training.max_jp_per_day): the import's report said the fields' problems alone (the 422 a conflict of other
values gets first), not that the row was recorded before and retracted, so an HR administrator mended cells of a
row that a file run again never records. It now says first that the row was recorded and retracted (beside
`reference`), then the fields a new recording of it would need mended; a file holding the retraction too is run
again, recorded already. The API answers the retraction's 409 whatever the fields, as the same recording sent again
is answered as recorded whatever its fields. Both stores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_reference_conflict_named import imported_jsonl
from tests.functional.test_unit_new_in_agency_asked import imported

EVENTS = f"/api/v1/employees/{BUDI}/events"
TRAINING = {"kind": "training", **f.training("2016-01-08", hours=16, reference="LAMA-T")}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def holding_16_jp_a_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rules holding 16 JP a training day (training.max_jp_per_day; the bundled hold 12)."""
    from careerlog.reference import BUNDLED_RULES

    text = Path(BUNDLED_RULES).read_text(encoding="utf-8")
    head, *blocks = text.split("\n[[rules]]")
    blocks = [b.replace("jp = 12", "jp = 16") if 'id = "training.max_jp_per_day"' in b else b for b in blocks]
    (tmp_path / "rules.toml").write_text("\n[[rules]]".join([head, *blocks]), encoding="utf-8")
    monkeypatch.setenv("CAREERLOG_RULES_FILE", str(tmp_path / "rules.toml"))


@pytest.fixture
def retracted(world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    """The training recorded under rules holding 16 JP a training day, and retracted; the rules then back to the
    bundled 12 JP: the rule changed since."""
    holding_16_jp_a_day(tmp_path, monkeypatch)
    recorded = world.post(EVENTS, "hr", json={**TRAINING, "confirm": ["training.daily_jp"]})
    assert recorded.status_code == 201, recorded.get_json()
    version = recorded.get_json()["version"]
    retraction = {"kind": "retraction", "target_version": version, "reason": "Salah input",
                  "effective_date": "2016-03-01", "reference": "BATAL-LAMA-T"}  # fmt: skip
    answer = world.post(EVENTS, "hr", json=retraction)
    assert answer.status_code == 201, answer.get_json()
    monkeypatch.delenv("CAREERLOG_RULES_FILE")
    world.retracted = (version, answer.get_json()["version"])  # type: ignore[attr-defined]
    return world


def test_a_retracted_facts_row_run_again_is_told_so_first_then_its_fields(retracted: World) -> None:
    version, by = retracted.retracted  # type: ignore[attr-defined]
    before = retracted.log()
    report: dict[str, Any] = imported_jsonl(retracted, {"nip": BUDI, **TRAINING})
    [refused] = report["rejected"]
    assert list(refused["errors"]) == ["reference", "hours"], refused
    assert refused["errors"]["reference"] == [
        f"Reference 'LAMA-T' was recorded with these values as version {version}, which version {by} retracted: a "
        "file run again does not record it again. If it stays retracted, remove this row from the file; to record the "
        "fact again, give the row a client_key (a column of that name) not used before, or the values it should have."
    ]
    assert retracted.log() == before


def test_the_api_answers_a_retracted_facts_recording_sent_again_with_the_retraction(retracted: World) -> None:
    before = retracted.log()
    answer = retracted.post(EVENTS, "hr", json=TRAINING)
    assert answer.status_code == 409, answer.get_json()
    assert list(answer.get_json()["errors"]) == ["reference"]
    assert retracted.log() == before


def test_a_file_holding_the_fact_and_its_retraction_run_again_is_recorded_already(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file recording the training and its retraction (the career page's download imported again) is recorded
    already, whatever a rule changed since tells of the training's fields, as the same recording sent again is."""
    holding_16_jp_a_day(tmp_path, monkeypatch)
    version = len(world.services.ledger.get_events(BUDI)) + 1
    rows = [{"nip": BUDI, **TRAINING, "confirm": "training.daily_jp"},
            {"nip": BUDI, "kind": "retraction", "target_version": version, "reason": "Salah input",
             "effective_date": "2016-03-01", "reference": "BATAL-LAMA-T"}]  # fmt: skip
    first = imported(world, rows)
    assert (first["recorded"], first["rejected"]) == (2, []), first
    monkeypatch.delenv("CAREERLOG_RULES_FILE")
    before = world.log()
    again = imported(world, rows)
    assert (again["recorded"], again["already_recorded"], again["rejected"]) == (0, 2, []), again
    assert world.log() == before


CORRECTED = {"kind": "training", **f.training("2016-02-12", hours=8, reference="T-CR")}


def corrected_and_retracted(
    world: World, row: dict[str, Any], days: tuple[str, str], key: str | None = None, **changes: Any
) -> World:
    """The fact of `row` recorded (under client key `key`, if any), corrected by `changes` on the first of `days`,
    then retracted on the second: its version and the retraction's kept as `world.retracted`."""
    recorded = world.post(EVENTS, "hr", json=row, headers={"Idempotency-Key": key} if key else {})
    assert recorded.status_code == 201, recorded.get_json()
    version = recorded.get_json()["version"]
    correction = world.post(EVENTS, "hr", json={"kind": "correction", **f.correction(version, days[0], **changes)})
    assert correction.status_code == 201, correction.get_json()
    retraction = world.post(EVENTS, "hr", json={"kind": "retraction", **f.retraction(version, days[1])})
    assert retraction.status_code == 201, retraction.get_json()
    world.retracted = (version, retraction.get_json()["version"])  # type: ignore[attr-defined]
    return world


@pytest.fixture
def corrected_then_retracted(world: World) -> World:
    """Training T-CR recorded with 8 JP, corrected to 6 JP, then retracted."""
    return corrected_and_retracted(world, CORRECTED, ("2016-02-20", "2016-03-01"), hours=6)


def test_a_corrected_then_retracted_facts_corrected_values_sent_again_are_answered_with_the_retraction(
    corrected_then_retracted: World,
) -> None:
    """Sent again as corrected (6 JP, no key), it was recorded anew (201, a new version): only the values first
    recorded were compared with the retracted fact's (a review, 2026-12-07). Its values as corrected when it was
    retracted are its values too: the API answers the retraction's 409, the import's row says so, nothing recorded;
    its first values are answered so as before. Its values as corrected are named so: recorded, then corrected to
    them (until 2026-12-07 "recorded with these values", which they were not)."""
    world = corrected_then_retracted
    version, by = world.retracted  # type: ignore[attr-defined]
    before = world.log()
    for hours, recorded in ((6, f"recorded as version {version}, then corrected to these values; version {by} "
                                "retracted it"),
                            (8, f"recorded with these values as version {version}, which version {by} "
                                "retracted")):  # fmt: skip
        answer = world.post(EVENTS, "hr", json={**CORRECTED, "hours": hours})
        assert answer.status_code == 409, (hours, answer.get_json())
        assert answer.get_json()["errors"] == {
            "reference": [
                f"Reference 'T-CR' was {recorded}: none of it is in force. To record "
                "the fact again, send it under a new client key (the API's Idempotency-Key header, careerlog record's "
                "--client-key; the record page's box below its fields), or with the values it should have."
            ]
        }
        report: dict[str, Any] = imported_jsonl(world, {"nip": BUDI, **CORRECTED, "hours": hours})
        [refused] = report["rejected"]
        assert refused["errors"] == {
            "reference": [
                f"Reference 'T-CR' was {recorded}: a file run again does not record "
                "it again. If it stays retracted, remove this row from the file; to record the fact again, give the "
                "row a client_key (a column of that name) not used before, or the values it should have."
            ]
        }, hours
    assert world.log() == before
    other = world.post(EVENTS, "hr", json={**CORRECTED, "hours": 4})  # (other values: recorded anew, as before)
    assert other.status_code == 201, other.get_json()
