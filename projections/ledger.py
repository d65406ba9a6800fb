"""The ledger's extension (careerlog.application.LEDGER_EXTENSIONS, registered in setup.cfg): what a live writer is
asked and told that careerlog, which imports no view, cannot work out itself. Attached by every live writer (the web
services, careerlog record and import, each import worker) through careerlog.application.extended:

- the units known in an agency (CareerLog.units_known: unit.new asked of a unit near a known one), read from the
  views' `unit_spells` in the store's database (none while the views are not made: nothing asked);
- the audit's findings of a promotion or CPNS appointment just recorded (CareerLog.findings_of: RECORDED_AGAINST,
  APPOINTED_AGAINST, said as a warning),
  judged from the ledger's record of it, no view read; a dry run import's, of one it would record (WOULD_BE_AGAINST),
  on the record as the run would leave it (its events not stored).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from careerlog.application import CareerLog
from careerlog.domain.events import LedgerEvent
from careerlog.domain.wording import Reason
from careerlog.sqlstore import SqlStore


def extend_ledger(ledger: CareerLog) -> None:
    """Give `ledger` the units known (`known_units`, of the views in its store's database) and the promotion findings
    (`findings_of`)."""
    views = SqlStore(ledger.recorder.datastore)  # type: ignore[attr-defined]  # (the views are tables beside the log)
    ledger.units_known = partial(known_units, views)
    ledger.findings_of = partial(findings_of, ledger)


def known_units(views: SqlStore, agency: str) -> list[str]:
    """The units known in an agency (`agency_units`); none in a store whose views are not made yet (no `unit_spells`:
    a store only recorded or imported into, no `careerlog projections` run), where recording goes on unasked."""
    from projections.units import agency_units  # (the views' modules: imported once a unit is asked, not to attach)

    with views.statements() as sql:
        if not sql.relation_names(["unit_spells"]):
            return []
    return agency_units(views, agency)


# the writes whose facts findings_of judges
JUDGED_KINDS = ("rank_promotion", "correction", "appointment", "post_appointment")


def findings_of(
    ledger: CareerLog,
    subject: str,
    written: Sequence[tuple[str, int]],
    unsaved: Sequence[LedgerEvent] | None = None,
    alone: Sequence[LedgerEvent] | None = None,
) -> list[tuple[Reason, ...]]:
    """The audit's findings (each said as RECORDED_AGAINST) of each write (kind, version) of a record: of the rank
    promotion it recorded, or corrected, judged as the audit judges it (projections.merit.audit.audit_promotion: the
    record as known before the decision, the rules in force on its TMT) from the ledger's record of it, read once for
    them all (an import's promotions of one record): no view read or rebuilt; of the CPNS appointment it recorded, or
    corrected (audit_appointment: rule appointment.starting_rank, as corrected; until 2026-12-06 a correction putting
    it above its education's start was said nothing of), said as APPOINTED_AGAINST; of the definitive post appointment
    it recorded, or corrected (audit_post: post.rank_range, and a managerial post's rules; until 2026-12-06 said
    nothing of), said as POSTED_AGAINST. A dry run's (`unsaved`: the events it made of the record, not stored, after
    the stored ones) said as WOULD_BE_AGAINST (APPOINTMENT_WOULD_BE_AGAINST, POST_WOULD_BE_AGAINST), of what it would
    record. None for another kind of fact, or a fact retracted.
    `alone`: the events to judge from instead of the record's, read from the store: the CPNS appointments just
    recorded (Outcome.appointed), whose starting rank is judged from the appointment alone (audit_appointment), so that
    an import of 10,000 appointments reads no record again for it (until 2026-12-06 it read each)."""
    if not any(kind in JUDGED_KINDS for kind, _ in written):
        return [() for _ in written]
    from projections.career import CareerRecord  # (the audit's modules: imported once a promotion is recorded)
    from projections.merit.appointments import is_judged_appointment
    from projections.merit.audit import (
        APPOINTED_AGAINST,
        APPOINTMENT_WOULD_BE_AGAINST,
        POST_WOULD_BE_AGAINST,
        POSTED_AGAINST,
        RECORDED_AGAINST,
        WOULD_BE_AGAINST,
        audit_appointment,
        audit_post,
        audit_promotion,
    )
    from projections.merit.posts import is_judged_post

    stored = ledger.events.get(subject) if alone is None else alone
    events = [e for e in [*stored, *(unsaved or ())] if isinstance(e, LedgerEvent)]
    record = CareerRecord.from_events(subject, events)
    said: list[tuple[Reason, ...]] = []
    for kind, version in written:
        if kind == "correction":
            made = next((e for e in events if e.originator_version == version), None)
            version = int(getattr(made, "target_version", 0) or 0)
        fact = record.facts.get(version) if kind in JUDGED_KINDS else None
        if fact is None or fact.retraction is not None:
            said.append(())
            continue
        if fact.kind == "rank_promotion":
            _, found = audit_promotion(record, fact)
            against = RECORDED_AGAINST if unsaved is None else WOULD_BE_AGAINST  # (a dry run's: what it would record)
        elif is_judged_appointment(fact):  # (recorded, or corrected: its rank, education ... as corrected)
            _, found = audit_appointment(record, fact)
            against = APPOINTED_AGAINST if unsaved is None else APPOINTMENT_WOULD_BE_AGAINST
        elif is_judged_post(fact):  # (a definitive post, as corrected: Plt, Plh and Pj are no decisions)
            _, found = audit_post(record, fact)
            against = POSTED_AGAINST if unsaved is None else POST_WOULD_BE_AGAINST
        else:
            said.append(())
            continue
        day = fact.effective_date.isoformat()
        said.append(
            tuple(
                against.reason(day=day, rule=row["rule"], finding=row["message"])
                for row in found
                if row["rule"] != "evidence.recorded_after"  # (recorded after it: none yet, of a decision just made)
            )
        )
    return said
