from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from eventsourcing.cipher import AESCipher
from eventsourcing.utils import Environment

from careerlog.domain.events import EventCorrected, TrainingCompleted
from careerlog.persistence import CareerMapper, NullTranscoder

RECORDED = datetime(2024, 1, 5, 8, 30, tzinfo=UTC)


def training() -> TrainingCompleted:
    return TrainingCompleted(
        originator_id="198609262015051001",
        originator_version=4,
        timestamp=RECORDED,
        effective_date=date(2023, 12, 20),
        reference="CERT-1",
        recorded_by="hr",
        training_kind="TEKNIS",
        title="Arsip",
        organiser="BKPSDM",
        hours=16,
        start_date=date(2023, 12, 18),
        programme_id="PRG-1",
        cost=Decimal("1500000.00"),
    )


def test_an_event_is_stored_as_plain_json_and_read_back_typed() -> None:
    mapper = CareerMapper(transcoder=NullTranscoder())
    stored = mapper.to_stored_event(training())
    assert stored.topic == "careerlog.domain.events:TrainingCompleted"
    assert b'"start_date":"2023-12-18"' in stored.state
    assert b'"cost":"1500000.00"' in stored.state
    assert mapper.to_domain_event(stored) == training()


def test_corrected_fields_stay_plain_data() -> None:
    event = EventCorrected(
        originator_id="198609262015051001",
        originator_version=5,
        timestamp=RECORDED,
        effective_date=date(2024, 1, 5),
        reference="RALAT-1",
        recorded_by="hr",
        target_version=4,
        reason="typo",
        corrected_fields={"start_date": "2023-12-17"},
    )
    mapper = CareerMapper(transcoder=NullTranscoder())
    assert mapper.to_domain_event(mapper.to_stored_event(event)) == event


def test_with_a_cipher_the_stored_state_reveals_nothing() -> None:
    env = Environment(env={"CIPHER_KEY": AESCipher.create_key(32)})
    mapper = CareerMapper(transcoder=NullTranscoder(), cipher=AESCipher(env))
    stored = mapper.to_stored_event(training())
    assert b"Arsip" not in stored.state
    assert b"CERT-1" not in stored.state
    assert mapper.to_domain_event(stored) == training()
