"""A writer's confirmation of a rank jump is stored with the event it let through (class version 2 of RankPromoted,
EventCorrected and EventRetracted: `confirmed`), and since 2026-12-05 of a new unit or a training counted twice (class
version 2 of Appointed, AppointedAgain, PostAppointed, Placed and TrainingCompleted), and since 2026-12-06 of a penalty,
exam or degree counted twice (fact.duplicate: class version 2 of PenaltyImposed, ExamPassed, EducationCompleted), and
events stored before (version 1) read back unchanged, as confirming nothing: by the mapper's upcaster and by the
projections' plain row readers alike."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from typing import Any

import orjson
import pytest
from eventsourcing.persistence import StoredEvent

from careerlog.application import event_row
from careerlog.domain.events import (
    Appointed,
    AppointedAgain,
    EducationCompleted,
    EventCorrected,
    EventRetracted,
    ExamPassed,
    LedgerEvent,
    PenaltyImposed,
    Placed,
    PostAppointed,
    RankPromoted,
    TrainingCompleted,
)
from careerlog.domain.ledger import build_event, event_shape
from careerlog.domain.payload import payload_fields
from careerlog.persistence import CareerMapper, NullTranscoder
from projections.career import Entry
from projections.stored_entries import stored_entry
from projections.timeline import TimelineProjection, entry_from_row
from tests import factories as f

NIP = "198609262010031001"
RECORDED = datetime(2024, 1, 5, 8, 30, tzinfo=UTC)
COMMON = {
    "timestamp": "2014-05-02T03:00:00+00:00",
    "effective_date": "2014-04-01",
    "recorded_by": "hr",
    "migrated": False,
    "client_key": None,
}
# an appointment's payload fields but its date and reference (COMMON's and each state's)
APPOINTMENT = {k: v for k, v in f.appointment().items() if k not in ("effective_date", "reference")}
# As a release before version 2 stored them: no class_version, no `confirmed`
V1_STATES: dict[type[LedgerEvent], dict[str, Any]] = {
    RankPromoted: {**COMMON, "reference": "KP-1", "new_rank": "III/c", "promotion_kind": "101"},
    EventCorrected: {
        **COMMON,
        "reference": "RALAT-1",
        "target_version": 2,
        "reason": "Salah ketik pada SK",
        "corrected_fields": {"new_rank": "III/c"},
    },
    EventRetracted: {**COMMON, "reference": "BATAL-1", "target_version": 3, "reason": "Dicatat dua kali"},
    TrainingCompleted: {
        **COMMON,
        "reference": "SERT-1",
        "training_kind": "TEKNIS",
        "title": "Pelatihan Arsip",
        "organiser": "ANRI",
        "hours": 24,
        "start_date": "2014-03-28",
        "programme_id": None,
        "cost": None,
    },
    Placed: {**COMMON, "reference": "MUT-1", "agency": "KOTA-MEDAN", "unit": "Dinas Sosial", "region": "12.71"},
    PostAppointed: {
        **COMMON,
        "reference": "JAB-1",
        "post_kind": "PELAKSANA",
        "level": None,
        "title": "Analis",
        "unit": "Dinas Sosial",
        "assignment": "DEFINITIVE",
        "selection": None,
    },
    Appointed: {
        **COMMON,
        "reference": "SK-CPNS-1",
        "originator_topic": "careerlog.domain.employee:Employee",
        **APPOINTMENT,
    },
    AppointedAgain: {**COMMON, "reference": "SK-CPNS-2", **APPOINTMENT},
    PenaltyImposed: {
        **COMMON,
        "reference": "HD/R/001",
        "level": "MEDIUM",
        "penalty_kind": "POTONG_TUKIN_6",
        "end_date": "2014-09-30",
    },
    ExamPassed: {**COMMON, "reference": "UD-1", "exam": "UD_I"},
    EducationCompleted: {
        **COMMON,
        "reference": "IJZ-1",
        "level": "S-1",
        "field_of_study": "Hukum",
        "institution": "USU",
    },
}
CLASSES = list(V1_STATES)


def mapper() -> CareerMapper:
    return CareerMapper(transcoder=NullTranscoder())


def stored(cls: type[LedgerEvent], state: dict[str, Any], version: int = 4) -> StoredEvent:
    return StoredEvent(NIP, version, f"careerlog.domain.events:{cls.__name__}", orjson.dumps(state))


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_an_event_stored_before_version_2_reads_back_unchanged_confirming_nothing(cls: type[LedgerEvent]) -> None:
    assert getattr(cls, "class_version", 1) == 2
    state = V1_STATES[cls]
    event: Any = mapper().to_domain_event(stored(cls, state))
    assert type(event) is cls
    assert event.confirmed == ()
    for name, value in state.items():
        read = getattr(event, name)
        assert (read.isoformat() if isinstance(read, date) else read) == value
    assert event_row(event).get("confirm") is None  # (an export of it says nothing of a confirmation)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_a_confirmed_event_is_stored_with_its_class_version_and_confirmation_and_read_back(
    cls: type[LedgerEvent],
) -> None:
    event: Any = mapper().to_domain_event(stored(cls, V1_STATES[cls]))
    confirmed = dataclasses.replace(event, confirmed=("promotion.one_step",))
    row = mapper().to_stored_event(confirmed)
    state = orjson.loads(row.state)
    assert (state["class_version"], state["confirmed"]) == (2, ["promotion.one_step"])
    again = mapper().to_domain_event(row)
    assert again == confirmed
    assert again.confirmed == ("promotion.one_step",)  # (a tuple, as recorded: not the JSON's list)
    assert event_row(again)["confirm"] == ["promotion.one_step"]  # (an export keeps it for a migration import)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("confirmed", [None, (), ("promotion.one_step",)], ids=["version 1", "none", "confirmed"])
def test_the_projections_read_a_row_of_either_version_plainly_as_the_mapper_reads_it(
    cls: type[LedgerEvent], confirmed: tuple[str, ...] | None
) -> None:
    state = V1_STATES[cls] if confirmed is None else {**V1_STATES[cls], "confirmed": confirmed, "class_version": 2}
    row = stored(cls, state)
    decoded = mapper().to_domain_event(row)
    entry = stored_entry(4, row.topic, row.state)
    assert entry is not None
    assert entry == Entry.of(decoded)
    assert entry.confirmed == (confirmed or ())


def test_confirmed_is_set_by_the_system_never_a_payload_field() -> None:
    for cls in CLASSES:
        assert "confirmed" not in {spec.name for spec in payload_fields(cls)}


def test_a_confirmed_promotion_built_directly_is_the_constructed_one_and_stores_the_same_bytes() -> None:
    shape = event_shape(RankPromoted)
    assert shape.direct
    assert shape.confirms
    payload = {"effective_date": date(2014, 4, 1), "reference": "KP-9", "new_rank": "III/c", "promotion_kind": "101"}
    recording = dataclasses.replace(f.recording(RECORDED, client_key="K-1"), confirmed=("promotion.one_step",))
    built = build_event(RankPromoted, NIP, 3, payload, recording)
    constructed = RankPromoted(originator_id=NIP, originator_version=3, **payload, **recording.event_kwargs())
    assert built == constructed
    assert list(vars(built).items()) == list(vars(constructed).items())
    assert mapper().to_stored_row(built) == mapper().to_stored_row(constructed)


def test_a_timeline_row_holds_a_confirmation_beside_the_values_and_an_unconfirmed_one_its_data_as_before() -> None:
    """The rows of every event recorded before version 2 (none confirmed) keep their data as it was (no view version
    change); a confirmed one's data holds `confirmed`, which reads back as the entry's, not as a value."""
    from tests.unit.test_rating_schemes import T, confirmed

    builder = confirmed()  # appointed III/a 2010, confirmed as PNS
    builder.add("rank_promotion", f.promotion("III/b", "2014-04-01", reference="KP-B"), f"2014-05-02{T}")
    record = builder.record()
    promoted = record.entries[-1]
    jump = dataclasses.replace(
        promoted, version=promoted.version + 1, reference="KP-C", values={**promoted.values, "reference": "KP-C"}
    )
    record = type(record)(
        record.subject, [*record.entries, dataclasses.replace(jump, confirmed=("promotion.one_step",))]
    )
    rows = TimelineProjection().tuples(record)["timeline"]
    data = {row[5]: orjson.loads(row[8]) for row in rows if row[2] == "rank_promotion"}
    assert data == {
        "KP-B": {"effective_date": "2014-04-01", "reference": "KP-B", "new_rank": "III/b", "promotion_kind": "101"},
        "KP-C": {
            "effective_date": "2014-04-01",
            "reference": "KP-C",
            "new_rank": "III/b",
            "promotion_kind": "101",
            "confirmed": ["promotion.one_step"],
        },
    }
    columns = ("subject", "version", "kind", "effective_date", "recorded_at", "reference", "recorded_by", "migrated")
    read = [entry_from_row({**dict(zip(columns, row[:8], strict=True)), "data": row[8]}) for row in rows]
    assert [(e.reference, e.confirmed, "confirmed" in e.values) for e in read if e.kind == "rank_promotion"] == [
        ("KP-B", (), False),
        ("KP-C", ("promotion.one_step",), False),
    ]
