"""Career timeline: every recorded fact of an employee, with its corrections and retractions.

One row per recorded event. The query answers `as_of` (facts in effect on a date) and
`known_at` (only what had been recorded by then) from these rows: `timeline_from_rows` reads
each row's stored JSON as it is, and decodes into typed values (dates, amounts) only the
facts a correction changed, whose corrected fields must be parsed as the record applies
them. `timeline_items` gives the same answer from a `CareerRecord`.

A row's `data` holds the event's payload values and, for a recording the writer confirmed (a rank jump, a new unit,
a training counted twice: careerlog.domain.events.CONFIRMED_FIELD), the checks confirmed under `confirmed` (no
payload field has that name): left out when none, so the rows of every event recorded before a confirmation was
stored read as they always have (no view version change). Each item, correction and retraction shows them as
`confirmed` (a list, empty when none).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from operator import itemgetter
from typing import Any

import orjson

from careerlog.domain.events import BY_KIND
from careerlog.domain.payload import json_default, payload_fields, plain_json, stored_changes
from careerlog.persistence import typed_state
from careerlog.sqlstore import Row
from projections.career import CareerRecord, Entry, Fact, Recorded, duplicate_confirmed, repeated_trainings
from projections.framework import Table, TupleProjection

TIMELINE = Table(
    "timeline",
    (
        ("subject", "TEXT"),
        ("version", "INTEGER"),
        ("kind", "TEXT"),
        ("effective_date", "TEXT"),
        ("recorded_at", "TEXT"),
        ("reference", "TEXT"),
        ("recorded_by", "TEXT"),
        ("migrated", "INTEGER"),
        ("data", "TEXT"),
    ),
    ("subject", "version"),
)


class TimelineProjection(TupleProjection):
    name = "timeline"
    version = 1
    tables = (TIMELINE,)

    def applies_to(self, subject: str) -> bool:
        return True

    def tuples(self, record: CareerRecord) -> dict[str, list[tuple[Any, ...]]]:
        subject = record.subject
        # `plain_json(row_data(e))` without their calls for an entry whose row's data is its values as they are (most:
        # of no kind a later class version added a field to, no check confirmed), one call each per entry
        dumps, upcast = orjson.dumps, UPCAST_DEFAULTS
        return {
            "timeline": [
                (
                    subject,
                    e.version,
                    e.kind,
                    e.day_text or e.effective_date.isoformat(),  # the stored text when it is that
                    e.stamp_text or e.recorded_at.isoformat(),
                    e.reference,
                    e.recorded_by,
                    int(e.migrated),
                    dumps(
                        e.values if e.kind not in upcast and not e.confirmed else row_data(e), default=json_default
                    ).decode(),
                )
                for e in record.entries
            ]
        }


def payload_names(cls: Any) -> set[str]:
    return {spec.name for spec in payload_fields(cls)}


# The fields a later class version added, with the value its upcaster gives an earlier event, by kind (a rating's
# score: None). A row's data leaves such a field out while it holds that value, so that the rows of events recorded
# before the field existed read as they always have (no view version change) and every such row reads alike.
UPCAST_DEFAULTS: dict[str, dict[str, Any]] = {
    cls.KIND: added
    for cls in BY_KIND.values()
    if (added := {k: v for k, v in getattr(cls, "UPCAST_DEFAULTS", {}).items() if k in payload_names(cls)})
}  # (payload fields only: a confirmation, `confirmed`, is no value, `row_data`)


def stored_values(entry: Entry) -> dict[str, Any]:
    """An entry's values as its row's data holds them: without a field added by a later class version while it
    holds the value its upcaster gives (`UPCAST_DEFAULTS`)."""
    values = entry.values
    left_out = [k for k, v in UPCAST_DEFAULTS[entry.kind].items() if k in values and values[k] == v]
    if not left_out:  # (the entry's own dict: only written out)
        return values
    kept = dict(values)  # a copy without them, the rest in order
    for name in left_out:
        del kept[name]
    return kept


CONFIRMED = "confirmed"  # a row's data's key of the checks the writer confirmed (careerlog.domain.events)


def row_data(entry: Entry) -> dict[str, Any]:
    """What an entry's row's `data` holds: its values (`stored_values`) and, when the writer confirmed a check,
    the checks confirmed (`CONFIRMED`)."""
    values = entry.values if entry.kind not in UPCAST_DEFAULTS else stored_values(entry)
    return {**values, CONFIRMED: list(entry.confirmed)} if entry.confirmed else values


def entry_from_row(row: Row) -> Entry:
    cls = BY_KIND[row["kind"]]
    values = typed_state(cls, orjson.loads(row["data"]))
    confirmed = values.pop(CONFIRMED, None)
    return Entry(
        version=int(row["version"]),
        kind=row["kind"],
        effective_date=date.fromisoformat(row["effective_date"]),
        recorded_at=datetime.fromisoformat(row["recorded_at"]),
        reference=row["reference"],
        values=values,
        recorded_by=row["recorded_by"],
        migrated=bool(row["migrated"]),
        confirmed=tuple(confirmed or ()),
    )


def record_from_rows(subject: str, rows: list[Row]) -> CareerRecord:
    return CareerRecord(subject, [entry_from_row(r) for r in rows])


def timeline_items(record: CareerRecord, as_of: date | None = None) -> list[dict[str, Any]]:
    """The facts of a record in order of effective date, each with what corrected or retracted it."""
    facts = sorted(record.facts.values(), key=lambda f: (f.effective_date, f.version))
    return [fact_item(f) for f in facts if as_of is None or f.effective_date <= as_of]


def plain_values(values: dict[str, Any]) -> dict[str, Any]:
    """The values that are set, as plain JSON data (as `to_plain` gives them, converted by orjson)."""
    plain: dict[str, Any] = orjson.loads(plain_json({k: v for k, v in values.items() if v is not None}))
    return plain


def fact_item(fact: Fact) -> dict[str, Any]:
    original = plain_values(fact.entry.values)
    return {
        "version": fact.version,
        "kind": fact.kind,
        "effective_date": fact.effective_date.isoformat(),
        "recorded_at": fact.recorded_at.isoformat(),
        "reference": fact.reference,
        "recorded_by": fact.entry.recorded_by,
        "migrated": fact.entry.migrated,
        "values": plain_values(fact.values) if fact.corrections else dict(original),
        "original": original,
        "confirmed": list(fact.entry.confirmed),
        "corrections": [
            {
                "version": c.version,
                "recorded_at": c.recorded_at.isoformat(),
                "effective_date": c.effective_date.isoformat(),
                "reference": c.reference,
                "reason": c.values.get("reason"),
                "fields": c.values.get("corrected_fields"),
                "recorded_by": c.recorded_by,
                "confirmed": list(c.confirmed),
            }
            for c in fact.corrections
        ],
        "retracted": None
        if fact.retraction is None
        else {
            "version": fact.retraction.version,
            "recorded_at": fact.retraction.recorded_at.isoformat(),
            "effective_date": fact.retraction.effective_date.isoformat(),
            "reference": fact.retraction.reference,
            "reason": fact.retraction.values.get("reason"),
            "recorded_by": fact.retraction.recorded_by,
            "confirmed": list(fact.retraction.confirmed),
        },
    }


AMENDING = ("correction", "retraction")


class _Amendments:
    """What amended a fact, as `timeline_from_rows` gathers it: its corrections and its retraction."""

    __slots__ = ("corrections", "retraction")

    def __init__(self) -> None:
        self.corrections: list[tuple[Row, dict[str, Any]]] = []
        self.retraction: tuple[Row, dict[str, Any]] | None = None


def timeline_from_rows(
    rows: list[Row], as_of: date | None = None, known_at: datetime | None = None
) -> list[dict[str, Any]]:
    """`timeline_items` of the record the rows (in order of version) make, as known at `known_at`,
    from the rows' stored plain JSON: the same items, without decoding every value into its type
    and encoding it back (tests/integration/test_reads_plain_json.py compares them).

    Amendments are gathered only for the facts something amended (few)."""
    if known_at is not None:
        rows = [r for r in rows if datetime.fromisoformat(r["recorded_at"]) <= known_at]
    facts: dict[int, tuple[Row, dict[str, Any]]] = {}
    amended: dict[int, _Amendments] = {}
    for row in rows:
        values = orjson.loads(row["data"])
        kind = row["kind"]
        if kind not in AMENDING:
            facts[int(row["version"])] = (row, values)
            continue
        version = values.get("target_version", 0)
        target = amended.get(version)
        if target is None:
            if version not in facts:  # an amendment of no fact before it: not shown
                continue
            target = amended[version] = _Amendments()
        if kind == "correction":
            target.corrections.append((row, values))
        else:
            target.retraction = (row, values)
    items = []
    for version, (row, values) in facts.items():
        fact = amended.get(version)
        items.append(
            _plain_item(row, values) if fact is None else _plain_item(row, values, fact.corrections, fact.retraction)
        )
    items.sort(key=BY_DATE_AND_VERSION)
    if as_of is not None:
        day = as_of.isoformat()
        items = [i for i in items if i["effective_date"] <= day]
    return items


BY_DATE_AND_VERSION = itemgetter("effective_date", "version")


def _plain_item(
    row: Row,
    stored: dict[str, Any],
    corrections: Sequence[tuple[Row, dict[str, Any]]] = (),
    retraction: tuple[Row, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The timeline item of a fact (its row and stored values) and what amended it."""
    confirmed = stored.pop(CONFIRMED, None)  # (a rank jump the writer confirmed: not a value)
    # (most facts hold no None: their stored values, a dict of their own, are their original as they are)
    original = {k: v for k, v in stored.items() if v is not None} if None in stored.values() else stored
    if corrections:  # the corrected fields are parsed and applied to the typed values, as the record does
        cls = BY_KIND[row["kind"]]
        typed = typed_state(cls, orjson.loads(row["data"]))
        typed.pop(CONFIRMED, None)
        for _, correction in corrections:
            typed.update(stored_changes(cls, correction["corrected_fields"]))
        values = plain_values(typed)
        effective_date, reference = typed["effective_date"].isoformat(), str(typed["reference"])
    else:
        values = dict(original)
        effective_date, reference = stored["effective_date"], str(stored["reference"])
    return {
        "version": int(row["version"]),
        "kind": row["kind"],
        "effective_date": effective_date,
        "recorded_at": row["recorded_at"],
        "reference": reference,
        "recorded_by": row["recorded_by"],
        "migrated": bool(row["migrated"]),
        "values": values,
        "original": original,
        "confirmed": confirmed or [],
        "corrections": [
            {
                "version": int(c["version"]),
                "recorded_at": c["recorded_at"],
                "effective_date": c["effective_date"],
                "reference": c["reference"],
                "reason": v.get("reason"),
                "fields": v.get("corrected_fields"),
                "recorded_by": c["recorded_by"],
                "confirmed": v.get(CONFIRMED) or [],
            }
            for c, v in corrections
        ]
        if corrections
        else [],  # (no comprehension made for the many facts nothing corrected)
        "retracted": None
        if retraction is None
        else {
            "version": int(retraction[0]["version"]),
            "recorded_at": retraction[0]["recorded_at"],
            "effective_date": retraction[0]["effective_date"],
            "reference": retraction[0]["reference"],
            "reason": retraction[1].get("reason"),
            "recorded_by": retraction[0]["recorded_by"],
            "confirmed": retraction[1].get(CONFIRMED) or [],
        },
    }


COUNTED_ONCE_WITH = (
    "counted_once_with"  # a timeline item's key: the version of the training a probable duplicate repeats
)


def with_repeats(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items, each training that is a probable duplicate of one recorded before it (rule training.counted_once,
    `repeated_trainings`: neither retracted, the two not confirmed as attended twice) naming that training's version
    under `counted_once_with`: its JP are counted once, with that training's (the yearly JP, the reports, the
    audit). The career page flags it beside the record; the others carry no such key."""
    trainings = [
        Recorded(
            int(i["version"]),
            i["values"].get("effective_date") or i["effective_date"],
            i["values"],
            duplicate_confirmed(
                [(int(i["version"]), i["confirmed"]), *((int(c["version"]), c["confirmed"]) for c in i["corrections"])]
            ),
        )
        for i in items
        if i["kind"] == "training" and not i.get("retracted")
    ]
    repeated = repeated_trainings(trainings)  # (fewer than two, or none ending on one day: {} at once, may_repeat)
    for item in items:
        if int(item["version"]) in repeated:
            item[COUNTED_ONCE_WITH] = repeated[int(item["version"])]
    return items
