"""Small factories for test data: NIPs and the payloads of recordings."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from careerlog.domain.ledger import Recording

_sequence = itertools.count(1)
NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


def nip(
    birth: date = date(1986, 9, 26),
    appointed: date = date(2010, 3, 1),
    sex: str = "M",
    sequence: int | None = None,
) -> str:
    """A valid PNS NIP for the given birth date, TMT CPNS and sex."""
    seq = sequence if sequence is not None else next(_sequence) % 999 + 1
    return f"{birth:%Y%m%d}{appointed:%Y%m}{'1' if sex == 'M' else '2'}{seq:03d}"


# A valid NIP that no test records: born in 1950, where nip()'s own NIPs (drawn with its default birth date) and the
# tests' fixed ones are not, so that a look-up of an unknown employee cannot meet one of them by chance
UNKNOWN_NIP = nip(date(1950, 1, 1), date(1975, 1, 1), "M", sequence=999)


def pppk_nip(birth: date = date(1990, 1, 15), year: int = 2022, sex: str = "F", contract: int = 1) -> str:
    """A valid NI PPPK."""
    seq = next(_sequence) % 999 + 1
    return f"{birth:%Y%m%d}{year}2{contract}{'1' if sex == 'M' else '2'}{seq:03d}"


def appointment(
    birth: date = date(1986, 9, 26),
    appointed: date = date(2010, 3, 1),
    sex: str = "M",
    **overrides: Any,
) -> dict[str, Any]:
    """The payload of a CPNS appointment matching nip(birth, appointed, sex)."""
    payload = {
        "employment_kind": "PNS",
        "name": "Budi Siregar",
        "birth_date": birth.isoformat(),
        "sex": sex,
        "education": "S-1",
        "agency": "KOTA-MEDAN",
        "unit": "BKPSDM",
        "region": "12.71",
        "recruitment_path": "UMUM",
        "rank": "III/a",
        "effective_date": appointed.isoformat(),
        "reference": f"SK-CPNS-{next(_sequence)}",
    }
    if overrides.get("employment_kind") == "PPPK":  # (a PPPK's path, rule appointment.recruitment_path)
        payload["recruitment_path"] = "PPPK"
    payload.update(overrides)
    return payload


def confirmation(day: str, **overrides: Any) -> dict[str, Any]:
    """The payload of a confirmation as PNS (after Latsar and the probation year) effective on `day`."""
    number = next(_sequence)
    return {
        "effective_date": day,
        "reference": f"SK-PNS-{number}",
        "latsar_certificate": f"LATSAR-{number}",
        **overrides,
    }


def as_stored(app: Any) -> Any:
    """The migration of a recording made now through `app` (a CareerLog) as a record stored before a write check holds
    it: its event as a live recording's (not marked migrated, recorded now by the actor), the checks a new write alone
    is judged by not applied. For a confirmation as PNS with no Latsar recorded (refused since 2026-12-05, rule
    confirmation.latsar), in a test whose subject is the confirmation's reading, not the Latsar."""
    from careerlog.application import Migration

    return Migration(app.clock(), None, False)


def a_year_after(appointed: date) -> str:
    """The end of the probation year after an appointment, as an ISO date: the day a test's PNS is confirmed."""
    try:
        return appointed.replace(year=appointed.year + 1).isoformat()
    except ValueError:  # 29 February
        return appointed.replace(year=appointed.year + 1, day=28).isoformat()


def promotion(new_rank: str, tmt: str, kind: str = "101", **overrides: Any) -> dict[str, Any]:
    return {
        "new_rank": new_rank,
        "promotion_kind": kind,
        "effective_date": tmt,
        "reference": f"KP-{next(_sequence)}",
        **overrides,
    }


def training(end: str, hours: int = 8, start: str | None = None, **overrides: Any) -> dict[str, Any]:
    return {
        "training_kind": "TEKNIS",
        "title": "Pengelolaan Arsip Digital",
        "organiser": "BKPSDM Kota Medan",
        "hours": hours,
        "start_date": start or end,
        "effective_date": end,
        "reference": f"CERT-{next(_sequence)}",
        **overrides,
    }


def rating(year: int, predicate: str = "BAIK", **overrides: Any) -> dict[str, Any]:
    return {
        "year": year,
        "predicate": predicate,
        "effective_date": f"{year}-12-31",
        "reference": f"SKP-{year}-{next(_sequence)}",
        **overrides,
    }


def award(kind: str, day: str, decree: str | None = None, **overrides: Any) -> dict[str, Any]:
    return {
        "award_kind": kind,
        "awarding_body": "Presiden Republik Indonesia",
        "decree_date": decree or day,
        "effective_date": day,
        "reference": f"KEPPRES-{next(_sequence)}",
        **overrides,
    }


def status(status_code: str, day: str, **overrides: Any) -> dict[str, Any]:
    return {"status": status_code, "effective_date": day, "reference": f"ST-{next(_sequence)}", **overrides}


def correction(target: int, day: str, **fields: Any) -> dict[str, Any]:
    return {
        "target_version": target,
        "reason": "Salah ketik pada SK",
        "corrected_fields": fields,
        "effective_date": day,
        "reference": f"RALAT-{next(_sequence)}",
    }


def retraction(target: int, day: str) -> dict[str, Any]:
    return {
        "target_version": target,
        "reason": "Dicatat dua kali",
        "effective_date": day,
        "reference": f"BATAL-{next(_sequence)}",
    }


def recording(at: datetime = NOW, by: str = "test", client_key: str | None = None) -> Recording:
    return Recording(at, by, False, client_key)


class Clock:
    """A settable clock for the application: recordings happen when the test says."""

    def __init__(self, now: datetime = NOW):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, iso: str) -> None:
        self.now = datetime.fromisoformat(iso)


class CareerBuilder:
    """Builds one employee's events through the real aggregate, with chosen recorded times."""

    def __init__(
        self, birth: date = date(1986, 9, 26), appointed: date = date(2010, 3, 1), sex: str = "M", **fields: Any
    ):
        from careerlog.domain.employee import Employee

        self.nip = nip(birth, appointed, sex)
        self.appointed = appointed
        self.at = datetime.combine(appointed, datetime.min.time(), tzinfo=UTC)
        payload = appointment(birth, appointed, sex, **fields)
        self.employee, _ = Employee.appoint(self.nip, _parse("appointment", payload), recording(self.at))

    def confirmed(self, day: str | None = None) -> CareerBuilder:
        """Confirmed as PNS on `day` (the end of the probation year by default): without it a PNS-track employee is a
        CPNS, however long ago appointed. Add it first, so it is recorded before the facts that follow it."""
        return self.add("confirmation", confirmation(day or a_year_after(self.appointed)))

    def add(self, kind: str, payload: dict[str, Any], recorded: str | None = None) -> CareerBuilder:
        """Record one fact as of `recorded` (by default its effective date, never before the last). A confirmation as
        PNS is recorded as a record stored before rule confirmation.latsar holds it (no Latsar asked: tests of the
        rule record through the aggregate, tests/unit/test_confirmation_without_latsar_refused.py)."""
        if recorded is not None:
            self.at = datetime.fromisoformat(recorded)
        else:
            effective = date.fromisoformat(payload["effective_date"])
            self.at = max(self.at, datetime.combine(effective, datetime.min.time(), tzinfo=UTC))
        from careerlog.domain.events import BY_KIND

        stamp = recording(self.at)
        if kind == "confirmation":
            stamp = Recording(stamp.recorded_at, stamp.recorded_by, False, None, reproduced=True)
        self.employee.record(BY_KIND[kind], _parse(kind, payload), stamp)
        return self

    def events(self) -> list[Any]:
        return list(self.employee.collect_events())

    def record(self) -> Any:
        from projections.career import CareerRecord

        return CareerRecord.from_events(self.nip, self.events())


def pppk_builder(appointed: date, birth: date = date(1990, 1, 15), sex: str = "F") -> CareerBuilder:
    """A CareerBuilder of a PPPK (grade IX, recruitment path PPPK) appointed on `appointed`, under an NI PPPK."""
    from careerlog.domain.employee import Employee

    builder = object.__new__(CareerBuilder)
    builder.nip = pppk_nip(birth, appointed.year, sex)
    builder.appointed = appointed
    payload = appointment(birth, appointed, sex, employment_kind="PPPK", rank="IX")
    payload["recruitment_path"] = "PPPK"
    builder.at = datetime.combine(appointed, datetime.min.time(), tzinfo=UTC)
    builder.employee, _ = Employee.appoint(builder.nip, _parse("appointment", payload), recording(builder.at))
    return builder


def _parse(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    from careerlog.application import complete
    from careerlog.domain.events import BY_KIND
    from careerlog.domain.payload import parse_payload

    cls = BY_KIND[kind]
    return complete(cls, parse_payload(cls, payload))


@contextmanager
def restored_copy(app: Any, directory: Path) -> Iterator[Any]:
    """A SQLite store holding `app`'s log as a backup restores it: its export imported as a migration, no row
    refused. The copy (a CareerLog) is closed when the block ends."""
    from careerlog.application import CareerLog
    from careerlog.config import Settings
    from careerlog.exporting import export_events
    from careerlog.importing import import_file

    path = directory / "log.jsonl"
    with path.open("wb") as out:
        export_events(app, out)
    with CareerLog.from_settings(Settings(database_url=f"sqlite:///{directory}/copy.db")) as copy:
        report = import_file(copy, path, actor="admin", migration=True)
        assert report.rejected == []
        yield copy
