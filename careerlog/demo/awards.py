"""Awards in the demo: long-service decorations and achievement awards, with a few irregular ones.

Clean awards follow the rules `awards.*` (docs/rules.md): a Satyalancana Karya Satya X, XX or
XXX on the first 17 August after 10, 20 or 30 years of service, to most PNS never given a
medium or severe penalty; each agency's yearly "pegawai teladan" to about one in a hundred of
its staff, drawn from those rated Sangat Baik the year before and at least Baik the year
before that. Injected, and listed apart from the merit audit's irregularities: a XX-year
decoration after 15 to 19 years, a decoration to an employee given a medium or severe
penalty, and an achievement award to an employee rated below Baik two years running.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from careerlog.demo.careers import Simulation
from careerlog.demo.model import Person, Rec
from careerlog.reference import reference

LONG_SERVICE = {10: "SLKS_10", 20: "SLKS_20", 30: "SLKS_30"}
PRESIDENT = "Presiden Republik Indonesia"
CONFERRED = 0.75  # share of the eligible who are proposed and decorated
TELADAN_SHARE = 0.01  # achievement awards per agency and year, of the staff in post
FIRST_TELADAN_YEAR = 2010
INJECTED_SHARE = 0.002  # of PNS, for each kind of injected award (at least one)
BLOCKING = ("MEDIUM", "SEVERE")
LOW = ("BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")


def national_day(year: int) -> date:
    return date(year, 8, 17)


def first_national_day(day: date) -> date:
    """The first 17 August on or after a day."""
    return national_day(day.year) if day <= national_day(day.year) else national_day(day.year + 1)


def anniversary(person: Person, years: int) -> date:
    start = person.appointed
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def served(person: Person, day: date) -> int:
    """Whole years from the appointment to a day."""
    start = person.appointed
    return day.year - start.year - (1 if (day.month, day.day) < (start.month, start.day) else 0)


def penalised(person: Person, day: date) -> bool:
    return any(start <= day and level in BLOCKING for start, _, level in person.penalties)


class AwardMaker:
    """Adds award records to the people of a simulation and lists the irregular ones."""

    def __init__(self, sim: Simulation, seed: int):
        self.sim = sim
        self.rng = random.Random(f"careerlog-demo:{seed}:awards")
        self.keppres: dict[int, int] = defaultdict(int)
        self.injected: list[dict[str, Any]] = []

    def award(self, person: Person, kind: str, day: date, deps: list[Rec] | None = None) -> Rec | None:
        decree = day - timedelta(days=self.rng.randint(3, 14))
        if kind in LONG_SERVICE.values():
            body, ref = PRESIDENT, self.keppres_number(day.year)
        else:
            agency = person.place_at(day)[0]
            body, ref = f"Kepala Daerah ({agency})", self.sim.decree(agency, "800.1.12.4", day.year)
        payload = {"award_kind": kind, "awarding_body": body, "decree_date": decree.isoformat(), "reference": ref}
        return self.sim.add(person, "award", day, payload, 10, 40, deps=deps, rng=self.rng)

    def keppres_number(self, year: int) -> str:
        if not self.keppres[year]:
            self.keppres[year] = self.rng.randint(40, 90)
        return f"KEPPRES {self.keppres[year]}/TK/{year}"

    def note(self, kind: str, rule: str, person: Person, rec: Rec | None, **details: Any) -> None:
        if rec is not None:
            self.injected.append(
                {
                    "type": kind,
                    "nip": person.nip,
                    "reference": rec.reference,
                    "effective_date": rec.eff.isoformat(),
                    "agency": rec.agency,
                    "rules": [rule],
                    "details": details,
                }
            )

    # .............................................................. long service

    def long_service(self) -> None:
        skipped: list[tuple[Person, int, date]] = []
        early: list[tuple[Person, date]] = []
        for person in self.sim.pns:
            for years, kind in LONG_SERVICE.items():
                day = first_national_day(anniversary(person, years))
                if not person.active(day) or day > self.sim.clock.last_day:
                    if years == 20 and self.sim.clock.last_day.year - person.appointed.year >= 16:
                        early.append((person, national_day(person.appointed.year + 16)))
                    continue
                if penalised(person, day - timedelta(days=60)):  # recorded well before the award
                    skipped.append((person, years, day))
                elif not penalised(person, day) and self.rng.random() < CONFERRED:
                    self.award(person, kind, day)
        self.inject_early(early)
        self.inject_penalised(skipped)

    def quota(self) -> int:
        return max(1, round(len(self.sim.pns) * INJECTED_SHARE))

    def inject_early(self, candidates: list[tuple[Person, date]]) -> None:
        usable = [(p, d) for p, d in candidates if p.active(d) and d <= self.sim.clock.last_day]
        for person, day in self.rng.sample(usable, min(self.quota(), len(usable))):
            rec = self.award(person, "SLKS_20", day)
            self.note("award_too_early", "awards.long_service_years", person, rec, service_years=served(person, day))

    def inject_penalised(self, candidates: list[tuple[Person, int, date]]) -> None:
        for person, years, day in self.rng.sample(candidates, min(self.quota(), len(candidates))):
            rec = self.award(person, LONG_SERVICE[years], day)
            self.note("award_under_penalty", "awards.long_service_penalty", person, rec, years=years)

    # .............................................................. achievement

    def achievement(self) -> None:
        low: list[tuple[Person, date]] = []
        for year in range(FIRST_TELADAN_YEAR, self.sim.clock.last_day.year + 1):
            day = national_day(year)
            if day > self.sim.clock.last_day:
                break
            by_agency: dict[str, list[Person]] = defaultdict(list)
            staff: dict[str, int] = defaultdict(int)
            for person in self.sim.pns:
                if not person.active(day):
                    continue
                agency = person.place_at(day)[0]
                staff[agency] += 1
                before, earlier = person.ratings.get(year - 1), person.ratings.get(year - 2)
                if before == "SANGAT_BAIK" and earlier in ("SANGAT_BAIK", "BAIK"):
                    by_agency[agency].append(person)
                elif before in LOW and earlier in LOW:
                    low.append((person, day))
            for agency, people in sorted(by_agency.items()):
                count = min(len(people), max(1, round(staff[agency] * TELADAN_SHARE)))
                for person in self.rng.sample(people, count):
                    self.award(person, "PEGAWAI_TELADAN", day, self.rating_deps(person, year))
        for person, day in self.rng.sample(low, min(self.quota(), len(low))):
            rec = self.award(person, "PEGAWAI_TELADAN", day, self.rating_deps(person, day.year))
            self.note("award_to_low_performer", "awards.achievement_performance", person, rec)

    @staticmethod
    def rating_deps(person: Person, year: int) -> list[Rec]:
        return [r for y in (year - 1, year - 2) if (r := person.rating_recs.get(y)) is not None]


def add_awards(sim: Simulation, seed: int) -> list[dict[str, Any]]:
    """Add the awards to the simulation's people; the injected irregular ones, as listed entries."""
    assert "SLKS_20" in reference().award_kinds
    maker = AwardMaker(sim, seed)
    maker.long_service()
    maker.achievement()
    return sorted(maker.injected, key=lambda e: (e["type"], e["effective_date"], e["nip"]))
