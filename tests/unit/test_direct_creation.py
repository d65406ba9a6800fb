"""Made directly, for a bulk import: an appointment's record and event, and a code read as written.

Each is the same object (fields in the same order, the same stored bytes) or value as the library's
or the general way makes; these tests compare the two ways.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from careerlog.domain.employee import Employee
from careerlog.domain.errors import InvalidInput
from careerlog.domain.events import BY_KIND, Appointed, LedgerEvent
from careerlog.domain.ledger import Recording, created_directly, creation_shape
from careerlog.domain.payload import _parse_each, exact_spellings, parse_payload, payload_fields
from careerlog.persistence import CareerMapper, NullTranscoder
from careerlog.reference import reference
from tests import factories as f
from tests.unit.test_employee_record import parse

BIRTH = date(1986, 9, 26)
TMT = date(2010, 3, 1)
RECORDED = datetime(2024, 1, 5, 8, 30, tzinfo=UTC)


def appointments() -> list[tuple[str, dict[str, Any], Recording]]:
    """Appointments recorded live, under a client key, migrated from a legacy system, and live in a unit new in its
    agency the writer confirmed (its `confirmed`, class version 2: the event's last field)."""
    born, appointed = date(1990, 1, 15), date(2019, 3, 1)
    return [
        (f.nip(BIRTH, TMT, "M"), parse(f.appointment(BIRTH, TMT, "M"), "appointment"), f.recording(RECORDED)),
        (
            f.nip(BIRTH, TMT, "M"),
            parse(f.appointment(BIRTH, TMT, "M"), "appointment"),
            f.recording(RECORDED, client_key="K-9"),
        ),
        (
            f.nip(born, appointed, "F"),
            parse(f.appointment(born, appointed, "F", education="S-2"), "appointment"),
            Recording(RECORDED, "legacy", True, None, True),
        ),
        (
            f.nip(BIRTH, TMT, "M"),
            parse(f.appointment(BIRTH, TMT, "M"), "appointment"),
            Recording(RECORDED, "hr", confirmed=("unit.new",)),
        ),
    ]


def library_record(nip: str, values: dict[str, Any], recording: Recording) -> Employee:
    return Employee._create(Appointed, id=nip, **values, **recording.event_kwargs())


@pytest.mark.parametrize("case", range(4))
def test_an_appointment_made_directly_is_the_record_and_event_the_library_makes(case: int) -> None:
    assert creation_shape(Employee, Appointed).direct  # (made directly: not the library's way again)
    nip, values, recording = appointments()[case]
    direct, outcome = Employee.appoint(nip, values, recording)
    library = library_record(nip, values, recording)
    assert type(direct) is Employee
    assert (direct.id, direct.version, direct.created_on, direct.modified_on) == (
        library.id,
        library.version,
        library.created_on,
        library.modified_on,
    )
    assert direct.facts == library.facts
    assert direct.keys == library.keys
    assert direct.events == library.events
    assert list(direct.facts[1].values.items()) == list(library.facts[1].values.items())
    assert [f.version for f in direct.current_context().facts] == [f.version for f in library.current_context().facts]
    made, expected = direct.collect_events(), library.collect_events()
    assert [type(e) for e in made] == [Appointed]
    assert [list(vars(e).items()) for e in made] == [list(vars(e).items()) for e in expected]
    mapper = CareerMapper(transcoder=NullTranscoder())
    assert [mapper.to_stored_row(e) for e in made] == [mapper.to_stored_row(e) for e in expected]
    assert outcome.version == 1
    assert outcome.created
    assert made[0].confirmed == recording.confirmed


def test_a_payload_of_other_fields_or_order_is_left_to_the_library_and_makes_the_same_record() -> None:
    nip, values, recording = appointments()[0]
    reordered = dict(reversed(list(values.items())))
    short = {k: v for k, v in values.items() if k != "region"}
    assert created_directly(Employee, Appointed, nip, reordered, recording) is None
    assert created_directly(Employee, Appointed, nip, short, recording) is None
    assert created_directly(Employee, Appointed, nip, values, recording) is not None
    employee, _ = Employee.appoint(nip, reordered, recording)  # the library's way: its event's fields in field order
    (event,) = employee.collect_events()
    assert list(vars(event)) == list(vars(library_record(nip, values, recording).collect_events()[0]))


def test_an_appointment_refused_is_refused_as_before_and_makes_nothing() -> None:
    nip, values, recording = appointments()[0]
    with pytest.raises(InvalidInput) as e:
        Employee.appoint(nip, {**values, "birth_date": date(1987, 1, 1)}, recording)
    assert "birth_date" in e.value.errors


def spellings(table: str) -> list[object]:
    """Every alias and code of a table as written, in other cases, padded, cut, with a NUL; and non-strings."""
    aliases = reference().table(table).aliases
    found: list[object] = [None, 1, "", " ", ["x"]]
    for spelling in {*aliases, *aliases.values()}:
        found += [spelling, spelling.lower(), spelling.title(), f" {spelling} ", f"{spelling}\x00", spelling[:-1]]
    return found


TABLE_FIELDS = [(cls, spec.name, spec.table) for cls in BY_KIND.values() for spec in payload_fields(cls) if spec.table]


@pytest.mark.parametrize(("cls", "name", "table"), TABLE_FIELDS, ids=[f"{c.KIND}.{n}" for c, n, _ in TABLE_FIELDS])
def test_a_code_written_exactly_as_an_alias_or_code_reads_as_field_by_field(
    cls: type[LedgerEvent], name: str, table: str
) -> None:
    base = {spec.name: None for spec in payload_fields(cls)}
    for value in spellings(table):
        raw = {**base, name: value}
        assert read(parse_payload, cls, raw) == read(_parse_each, cls, raw), value


def test_exact_spellings_are_the_aliases_found_without_stripping_or_upper_casing() -> None:
    for table in {t for _, _, t in TABLE_FIELDS}:
        aliases = reference().table(table).aliases
        exact = exact_spellings(aliases)
        assert set(aliases.values()) <= set(exact)  # every code as written (the export's spelling)
        for spelling, code in exact.items():
            assert aliases[spelling.strip().upper()] == code


def read(parse: Any, cls: type[LedgerEvent], raw: dict[str, Any]) -> object:
    try:
        values = parse(cls, raw)
    except InvalidInput as e:
        return "refused", e.errors
    return "read", [(k, type(v), v) for k, v in values.items()]
