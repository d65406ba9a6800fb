"""The demo: a realistic synthetic civil service of Sumatera Utara, with known irregularities.

`generate` simulates the careers (deterministic for a seed and a date), `load_demo` records
them through CareerLog.record_batch as a migration (original recorded times kept) and
`write_demo` writes the same records as JSON Lines in the import format. The irregularities
injected for the merit audit are listed in a JSON file; docs/rules.md says what each rule
checks, and everything outside the listed irregularities follows every rule. Besides them,
one agency rates one programme family (`Demo.low_relevance`: KOTA-MEDAN's DIGITAL
programmes of the last two complete years) as irrelevant, for the training scorecard.
Everyone retires on the first day of the month after reaching the retirement age of the post held (rule
retirement.age, read by careerlog.retirement as the career page reads it): nobody serves past the day the page shows.

Careers answer ratings (a rating below Baik brings coaching; two or three years running, a penalty), Ahli Utama is
rare (one holder of a job family per agency and one per 100 of the family's functional staff, by a yearly
selection), PPPK are appointed at any age from 20 to 57 (a teacher to 59) and leave when their contract ends, and
women hold fewer senior posts the higher the post, near the reference's shares: docs/demo.md says what each follows
and which parts are the demo's own (I). Every year's rating is recorded with a predicate of the scheme in force for
that year (rule skp.scheme: DP3 of PP 10/1979, PP 46/2011, the current SKP):
the demo draws it in the common order the rules compare (Sangat Baik .. Sangat Kurang) and records the year's
scheme's predicate that maps to it (model.scheme_predicate; docs/demo.md "Rating names before 2022").
"""

from __future__ import annotations

import json
import shlex
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson

from careerlog.application import CareerLog, Command
from careerlog.demo import loading
from careerlog.demo.awards import add_awards
from careerlog.demo.careers import LOW_RELEVANCE_AGENCY, LOW_RELEVANCE_THEME, Simulation
from careerlog.demo.finish import (
    add_corrections,
    add_mentoring,
    end_acting,
    late_evidence,
    ordered_records,
    settle_times,
)
from careerlog.demo.loading import to_command
from careerlog.demo.model import Person, Rec
from careerlog.domain.unit import unit_of
from careerlog.written import open_private, written_to

__all__ = ["Demo", "generate", "load_demo", "to_row", "write_demo"]


@dataclass
class Demo:
    """A generated civil service: every command in recording order, and what was injected."""

    employees: int
    seed: int
    today: date
    people: list[Person]  # in recording order: the mentors first, then everyone else
    unit_records: list[Rec]
    irregularities: list[dict[str, Any]]
    agencies: tuple[str, ...]
    mentors: int  # how many of the people (the first ones) mentor others
    low_relevance: dict[str, Any]  # the agency and programme family rated irrelevant two years running
    irregular_awards: list[dict[str, Any]] = field(default_factory=list)  # careerlog.demo.awards, for the scorecard

    def records(self) -> Iterator[Rec]:
        for person in self.people:
            yield from person.recs
        yield from self.unit_records

    def commands(self) -> Iterator[Command]:
        """Every command, in recording order."""
        for rec in self.records():
            yield to_command(rec)

    def batches(self, employees_per_batch: int = loading.EMPLOYEES_PER_BATCH) -> Iterator[tuple[int, list[Command]]]:
        """(employees in the batch, its commands); the units' ratings come last with 0 employees."""
        yield from loading.batches(self.people, employees_per_batch)
        if self.unit_records:
            yield 0, [to_command(rec) for rec in self.unit_records]

    @property
    def command_count(self) -> int:
        return sum(len(p.recs) for p in self.people) + len(self.unit_records)

    @property
    def event_count(self) -> int:
        """Events stored: the commands, the mentors' side of mentoring and each unit's registration."""
        mirrored = sum(1 for r in self.records() if r.kind in ("mentoring_start", "mentoring_end"))
        units = len({r.subject for r in self.unit_records})
        return self.command_count + mirrored + units

    def kinds(self) -> Counter[str]:
        return Counter(r.kind for r in self.records())

    def summary(self, irregularities_path: Path | None = None, written: Path | None = None) -> str:
        """What was made, in one line: the facts recorded, or, `written` to a file (`careerlog demo --output`),
        written there and recorded nowhere, with the import that records them (it said "recorded" of a demo written
        to a file, which recorded nothing and named no file)."""
        kinds = self.kinds()
        pns = sum(1 for p in self.people if p.pns)
        separated = sum(1 for p in self.people if p.separation is not None and p.separation < self.today)
        units = len({p.place_at(p.appointed) for p in self.people})
        first = min((p.appointed.year for p in self.people), default=self.today.year)
        types = Counter(str(i["type"]) for i in self.irregularities)
        listed = ", ".join(f"{name} {count}" for name, count in sorted(types.items()))
        where = f", listed in {irregularities_path}" if irregularities_path else ""
        made = f"recorded ({self.event_count:,} events)"
        after = ""
        if written is not None:
            made = f"written to {written} ({self.event_count:,} events once imported)"
            after = f" Nothing was recorded: import it with careerlog import --migration {shlex.quote(str(written))}"
        return (
            f"Demo (seed {self.seed}): {self.employees:,} employees ({pns:,} PNS, {self.employees - pns:,} PPPK; "
            f"{separated:,} retired or deceased) in {len(self.agencies)} agencies of Sumatera Utara "
            f"({', '.join(self.agencies)}) and {units} units, careers from {first} to {self.today.year}: "
            f"{self.command_count:,} facts {made}, among them "
            f"{kinds['rank_promotion']:,} rank promotions, {kinds['post_appointment']:,} post appointments, "
            f"{kinds['training']:,} trainings, {kinds['performance_rating']:,} SKP ratings and "
            f"{self.mentors} mentors' mentoring. {len(self.irregularities):,} irregularities injected for the "
            f"merit audit ({listed}){where}.{after}"
        )


def to_row(rec: Rec) -> dict[str, Any]:
    """A record as a row of the import format (docs/import-format.md)."""
    if rec.subject.startswith("UNIT:"):
        agency, unit = unit_of(rec.subject)
        row: dict[str, Any] = {"kind": rec.kind, "agency": agency, "unit": unit}
    else:
        row = {"kind": rec.kind, "nip": rec.subject}
    row.update(rec.payload)
    row["recorded_at"] = rec.recorded_at.isoformat()
    row["recorded_by"] = f"demo:{rec.agency.lower()}"
    row["migrated"] = True
    return row


def utc_today() -> date:
    return datetime.now(UTC).date()


def generate(employees: int, seed: int, today: date | None = None) -> Demo:
    """Simulate the careers of a number of employees up to (not including) today."""
    today = today or utc_today()
    sim = Simulation(employees, seed, today)
    sim.run()
    end_acting(sim)
    mentors = add_mentoring(sim)
    targets = add_corrections(sim)
    late_evidence(sim)
    irregular_awards = add_awards(sim, seed)
    settle_times(sim)
    people = ordered_records(sim, targets)
    ordered = [p for p in people if p.idx in mentors] + [p for p in people if p.idx not in mentors]
    units = sorted(sim.unit_recs, key=lambda r: (r.subject, r.eff, r.seq))
    return Demo(
        employees=employees,
        seed=seed,
        today=today,
        people=ordered,
        unit_records=units,
        irregularities=sim.book.to_json(),
        agencies=tuple(a.code for a in sim.agencies),
        mentors=len(mentors),
        low_relevance={
            "agency": LOW_RELEVANCE_AGENCY,
            "programme_family": LOW_RELEVANCE_THEME,
            "years": list(sim.low_relevance_years),
        },
        irregular_awards=irregular_awards,
    )


def write_irregularities(demo: Demo, path: Path | None) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with written_to(path), open_private(path) as out:  # (the NIPs of the employees concerned: made as an export is)
        out.write((json.dumps(demo.irregularities, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))


def load_demo(
    app: CareerLog,
    *,
    employees: int,
    seed: int,
    irregularities_path: Path | None = None,
    progress: Callable[[int], None] | None = None,
    today: date | None = None,
    workers: int | None = None,
) -> str:
    """Generate the demo and record it, one transaction per batch of about 200 employees.

    A large demo is recorded by `workers` processes (default: up to two, the cores that pay
    off) when the store can be shared; workers=1 records everything in this process, in the
    demo's own order. A refused command is a generator bug: RuntimeError lists the first few.
    """
    demo = generate(employees, seed, today)
    record_demo(app, demo, progress=progress, workers=workers)
    write_irregularities(demo, irregularities_path)
    return demo.summary(irregularities_path)


def record_demo(
    app: CareerLog, demo: Demo, *, progress: Callable[[int], None] | None = None, workers: int | None = None
) -> None:
    """Record a generated demo as `load_demo` does: its mentors first, then the others and the units' records."""
    mentors = demo.people[: demo.mentors]
    loading.load(app, mentors, demo.people[demo.mentors :], demo.unit_records, progress=progress, workers=workers)


def write_demo(
    path: Path, *, employees: int, seed: int, irregularities_path: Path | None = None, today: date | None = None
) -> str:
    """Write the demo as JSON Lines for `careerlog import --migration`."""
    demo = generate(employees, seed, today)
    path.parent.mkdir(parents=True, exist_ok=True)
    with written_to(path), open_private(path) as out:  # (personal data's form: made as an export is)
        for rec in demo.records():
            out.write(orjson.dumps(to_row(rec), option=orjson.OPT_APPEND_NEWLINE))
    write_irregularities(demo, irregularities_path)
    return demo.summary(irregularities_path, written=path)
