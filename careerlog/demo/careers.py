"""The simulation: the civil service of a few Sumatera Utara agencies, year by year up to today.

Every employee is created at the start (appointment, probation, first post, planned degrees);
then each year plans its trainings, penalties, degrees and separations, runs the promotion
rounds on the permitted dates and the agencies' installation days (posts, transfers), and
ends with the SKP ratings, spread within each unit as the unit's own rating allows.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from careerlog.ages import add_years
from careerlog.application import unit_subject
from careerlog.demo import training as tr
from careerlog.demo.dates import (
    Clock,
    add_months,
    first_of_next_month,
    in_force,
    is_permitted,
    months_end,
    param,
    permitted_dates,
    pick,
    randint,
    use_rules,
)
from careerlog.demo.irregularities import FORCE_FROM, INJECT_FROM, RATES, Book, Entry, Quota
from careerlog.demo.merit import (
    MANAGERIAL,
    REGULAR_WITHOUT_POST,
    clearly_stronger,
    degree_rank,
    exam_exempt,
    exams_needed,
    post_held,
    promotion_failures,
)
from careerlog.demo.model import (
    EDU_CEILING,
    EDU_ORDER,
    EDU_START,
    RANGES,
    RANK_INDEX,
    SCORE,
    Person,
    Post,
    Rec,
    next_rank,
    scheme_predicate,
)
from careerlog.demo.names import fit_to_post, person_name, pick_origin
from careerlog.demo.org import (
    EXPERT_LEVELS,
    FAMILIES,
    FUNCTIONAL_SHARE,
    LEVEL_NAMES,
    PELAKSANA_TITLES,
    SKILLED_LEVELS,
    AgencySpec,
    UnitSpec,
    agencies_for,
    level_for,
)
from careerlog.domain.nip import nip_rules
from careerlog.reference import reference, rules
from careerlog.retirement import RULE as RETIREMENT_RULE
from careerlog.retirement import age_reached

EDU_SHARES = (
    ("SD", 1.0), ("SLTP", 2.0), ("SLTA", 26.0), ("D-I", 0.5), ("D-II", 2.5), ("D-III", 9.0),
    ("S-1", 47.0), ("D-IV", 2.0), ("S-2", 9.5), ("S-3", 0.5),
)  # fmt: skip
ENTRY_AGE = {
    "SD": (19, 27), "SLTP": (19, 28), "SLTA": (19, 30), "D-I": (20, 30), "D-II": (20, 30), "D-III": (21, 32),
    "S-1": (22, 34), "D-IV": (22, 34), "S-2": (25, 34), "S-3": (28, 34),
}  # fmt: skip
PPPK_GRADE = {
    "SD": "I", "SLTP": "III", "SLTA": "V", "D-I": "V", "D-II": "VI", "D-III": "VII", "S-1": "IX", "D-IV": "IX",
    "S-2": "X", "S-3": "XI",
}  # fmt: skip
CPNS_MONTHS = ((1, 0.35), (3, 0.3), (4, 0.1), (2, 0.05), (6, 0.05), (7, 0.05), (10, 0.05), (12, 0.05))
# The youngest retirement age (rule retirement.age's default): in the year it is reached, the age of the post held on
# 1 January decides the day of retirement.
YOUNGEST_RETIREMENT = 58
PPPK_YEARS = ((2019, 0.3), (2021, 1.0), (2022, 2.0), (2023, 2.0), (2024, 2.0), (2025, 1.5), (2026, 0.8))
# Age at a PPPK appointment: from 20 to a year before the retirement age of the post (PP 49/2018 art. 16(a); not in
# the shared reference, so M): the selections from 2019 took the honorer (contract staff) of long service, whatever
# their age. Bands of age at appointment, weighted; the demo's PPPK hold administrative (pelaksana) posts, which retire
# at 58 (rule retirement.age), so the oldest is appointed at 57.
PPPK_AGES = ((20, 29, 0.22), (30, 39, 0.38), (40, 49, 0.28), (50, YOUNGEST_RETIREMENT - 1, 0.12))
# PPPK teachers (I): most PPPK appointed from 2021 are teachers, Guru Ahli Pertama at grade IX, from honorer of every
# age; a Guru's post retires at 60 (rule retirement.age), so the oldest is appointed at 59. A PPPK in a school (an
# education unit) with a degree (S-1/D-IV or more, the post's minimum) is a Guru with this chance.
PPPK_GURU_SHARE = 0.8
PPPK_GURU_AGES = ((20, 29, 0.18), (30, 39, 0.36), (40, 49, 0.3), (50, 59, 0.16))
DEGREE_PLANS: dict[str, tuple[float, tuple[str, ...]]] = {
    "SD": (0.08, ("SLTA",)), "SLTP": (0.1, ("SLTA",)), "SLTA": (0.32, ("S-1", "S-1", "D-III")),
    "D-I": (0.3, ("S-1",)), "D-II": (0.35, ("S-1",)), "D-III": (0.38, ("S-1", "S-1", "D-IV")),
    "S-1": (0.24, ("S-2",)), "D-IV": (0.2, ("S-2",)), "S-2": (0.06, ("S-3",)),
}  # fmt: skip
FIELDS = {
    "education": ("Pendidikan Matematika", "Pendidikan Bahasa Indonesia", "Manajemen Pendidikan", "Pendidikan Biologi"),
    "health": ("Kesehatan Masyarakat", "Keperawatan", "Kebidanan", "Farmasi"),
    "hospital": ("Keperawatan", "Kedokteran", "Farmasi", "Manajemen Rumah Sakit"),
    "works": ("Teknik Sipil", "Perencanaan Wilayah dan Kota"),
    "finance": ("Akuntansi", "Manajemen Keuangan"),
    "it": ("Ilmu Komputer", "Sistem Informasi"),
}  # fmt: skip
GENERAL_FIELDS = ("Administrasi Publik", "Ilmu Hukum", "Manajemen", "Ilmu Pemerintahan", "Ekonomi Pembangunan")
SCHOOLS = {
    "SLTA": ("SMA Negeri 1 Medan (Paket C)", "PKBM Tunas Harapan"),
    "D-III": ("Politeknik Negeri Medan", "Politeknik Kesehatan Kemenkes Medan", "Universitas Sumatera Utara"),
    "D-IV": ("Politeknik Kesehatan Kemenkes Medan", "Institut Pemerintahan Dalam Negeri", "Politeknik Negeri Medan"),
}
UNIVERSITIES = (
    "Universitas Sumatera Utara", "Universitas Negeri Medan", "UIN Sumatera Utara", "Universitas Terbuka",
    "Universitas Muhammadiyah Sumatera Utara", "Universitas HKBP Nommensen", "Universitas Medan Area",
    "Universitas Islam Sumatera Utara", "Universitas Gadjah Mada", "Universitas Indonesia",
)  # fmt: skip
LIGHT = ("TEGURAN_LISAN", "TEGURAN_TERTULIS", "PERNYATAAN_TIDAK_PUAS")
PP94_FROM = date(2021, 8, 31)
DS = "KAB-DELISERDANG"
LOW_RELEVANCE_AGENCY = "KOTA-MEDAN"
LOW_RELEVANCE_THEME = "DIGITAL"
ADEQUATE = "BAIK"  # the predicate promotions ask for (promotion.performance): below it, a rating has consequences
COACHING = 0.6  # how much an employee rated below Baik improves (the ability the ratings are drawn from)
UTAMA = "AHLI_UTAMA"
UTAMA_POSTS = 1  # Ahli Utama holders of one job family an agency has room for (I)
UTAMA_STAFF = 100  # and the demo's agencies together, one for each this many of the family's functional staff (I)
UTAMA_CHANCE = 0.05  # a year's chance that a candidate at Ahli Madya's top rank is selected (I)
WAIT = object()  # a plan: eligible, but left for a later round (group_disadvantaged)


@dataclass(eq=False)
class Plan:
    """A promotion decided in a round, before it is recorded."""

    person: Person
    kind: str
    new_rank: str
    day: date
    injection: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    protected: bool = False


@dataclass(eq=False)
class Group:
    """The colleagues of one unit and rank in a round: promoted, and eligible but waiting."""

    promoted: list[Plan] = field(default_factory=list)
    waiting: list[Person] = field(default_factory=list)


class Simulation:
    """Generates the people, their careers and the irregularities; see careerlog.demo.generate."""

    def __init__(self, employees: int, seed: int, today: date):
        use_rules(rules())
        self.employees = employees
        self.seed = seed
        self.clock = Clock(today)
        self.rng = {
            name: random.Random(f"careerlog-demo:{seed}:{name}")
            for name in ("people", "career", "training", "rating", "round", "posts", "quota", "finish", "formation")
        }
        self.utama_draws: dict[tuple[int, int], bool] = {}  # (person, year) -> passed that year's selection
        self.utama_planned: list[Person] = []  # moving up to Ahli Utama in this round's plans, not yet recorded
        self.utama_held: dict[tuple[str, date], tuple[int, Counter[str]]] = {}  # utama_holders, this round
        self.agencies = agencies_for(employees)
        self.agency = {a.code: a for a in self.agencies}
        self.units = {(a.code, u.name): u for a in self.agencies for u in a.units}
        self.people: list[Person] = []
        self.pns: list[Person] = []
        self.serving: list[Person] = []  # PNS in service at some time this year
        self.attended: dict[int, set[str]] = {}  # programme ids each person took part in
        self.members: dict[str, list[Person]] = {a.code: [] for a in self.agencies}
        self.unit_recs: list[Rec] = []
        self.book = Book()
        self.quota = Quota(self.rng["quota"])
        self.catalogue = tr.Catalogue(self.rng["training"])
        self.courses: dict[int, list[tr.Held]] = {}  # each person's trainings recorded, by person.idx (record_course)
        self.numbers: dict[tuple[str, ...], int] = {}
        self.sequence = 0
        self.nip_sequence: dict[str, int] = {}
        self.injected: set[int] = set()  # ids of recs of injected decisions
        self.protected_recs: set[int] = set()  # ids of promotions in a round group with someone waiting
        self.disadvantaged: dict[str, Person] = {}
        self.inflated = False
        self.deceased: list[Person] = []  # died this year: a posthumous promotion follows at year end
        last = today.year - 1 if today > date(today.year, 1, 31) else today.year - 2
        self.low_relevance_years = (last - 1, last)
        from careerlog.demo.posts import Staffing

        self.staffing = Staffing(self)

    # ------------------------------------------------------------------ helpers

    def number(self, *key: str) -> int:
        self.numbers[key] = self.numbers.get(key, 0) + 1
        return self.numbers[key]

    def decree(self, agency: str, code: str, year: int) -> str:
        spec = self.agency[agency]
        return f"{code}/{self.number(agency, code, str(year)):04d}/{spec.hr_office}.{spec.short}/{year}"

    def add(
        self,
        person: Person,
        kind: str,
        eff: date,
        payload: dict[str, Any],
        low: int,
        high: int,
        *,
        decision: bool = False,
        deps: list[Rec] | None = None,
        rng: random.Random | None = None,
        agency: str | None = None,
    ) -> Rec | None:
        """A fact of a person's record, unless it takes effect after today or after the separation."""
        if eff > self.clock.last_day or (eff < person.appointed and kind != "education"):
            return None
        if person.separation is not None and eff > person.separation:
            return None
        payload["effective_date"] = eff.isoformat()
        self.sequence += 1
        recorded = self.clock.stamp(rng or self.rng["career"], eff, low, high)
        rec = Rec(
            kind, eff, payload, recorded, agency or person.place_at(eff)[0], self.sequence, decision, deps, person.nip
        )
        person.recs.append(rec)
        return rec

    def add_post(
        self,
        person: Person,
        day: date,
        kind: str,
        level: str | None,
        title: str,
        unit: str,
        *,
        assignment: str = "DEFINITIVE",
        selection: str | None = None,
        reference_code: str = "821.2",
        deps: list[Rec] | None = None,
    ) -> Rec | None:
        agency = person.place_at(day)[0]
        payload: dict[str, Any] = {"post_kind": kind}
        if level:
            payload["level"] = level
        payload |= {"title": title, "unit": unit, "assignment": assignment}
        if selection:
            payload["selection"] = selection
        payload["reference"] = self.decree(agency, reference_code, day.year)
        deps = [*(deps or ()), *self.rating_deps(person, day)]
        rec = self.add(person, "post_appointment", day, payload, 3, 45, decision=True, deps=deps)
        if rec is not None:
            person.add_post(Post(day, kind, level, title, unit, assignment, rec.reference))
            if assignment == "DEFINITIVE":
                self.post_changes_retirement(person, day)
            person.next_check = min(person.next_check, day)
        return rec

    def end_post(self, person: Person, post_rec: Rec, day: date, reason: str) -> Rec | None:
        """End a temporary post (an earlier end wins over one planned later)."""
        for earlier in person.recs:
            if earlier.kind == "post_end" and earlier.payload["appointment_reference"] == post_rec.reference:
                if earlier.eff <= day:
                    return None
                person.recs.remove(earlier)
                break
        agency = person.place_at(day)[0]
        payload = {
            "appointment_reference": post_rec.reference,
            "reason": reason,
            "reference": self.decree(agency, "800.1.3.4", day.year),
        }
        rec = self.add(person, "post_end", day, payload, 1, 20, deps=[post_rec])
        for post in person.posts:
            if post.reference == post_rec.reference:
                post.end = day
        return rec

    @staticmethod
    def rating_deps(person: Person, day: date) -> list[Rec]:
        """The ratings a decision on a day is judged by (recorded before it, even if dated after it)."""
        return [
            r for r in (person.rating_recs.get(day.year - 1), person.rating_recs.get(day.year - 2)) if r is not None
        ]

    def functional_title(self, person: Person, level: str) -> str:
        return f"{person.family} {LEVEL_NAMES[level]}"

    # ------------------------------------------------------------------ population

    def populate(self) -> None:
        weights = [a.weight for a in self.agencies]
        for idx in range(self.employees):
            cohort = self.pns[-1] if self.pns and self.rng["people"].random() < 0.05 else None
            person = self.new_person(idx, weights, cohort)
            self.people.append(person)
            if person.pns:
                self.pns.append(person)
            self.members[person.home].append(person)
            self.appoint(person)

    def new_person(self, idx: int, weights: list[float], cohort: Person | None = None) -> Person:
        """A new employee; with a cohort, one appointed with that colleague (same date, unit, education)."""
        rng = self.rng["people"]
        agency = rng.choices(self.agencies, weights)[0]
        pppk = rng.random() < 0.15
        education = rng.choices([e for e, _ in EDU_SHARES], [w for _, w in EDU_SHARES])[0]
        unit = self.pick_unit(rng, agency, pppk)
        sex = "F" if rng.random() < 0.54 else "M"
        appointed = self.appointment_date(rng, pppk)
        if cohort is not None:
            agency = self.agency[cohort.home]
            unit = self.units[cohort.places[0][1:]]
            pppk, education, appointed = False, cohort.entry_edu, cohort.appointed
        path = self.recruitment_path(rng, pppk, education, unit, appointed)
        low, high = ENTRY_AGE[education]
        guru = pppk and unit.family == "education" and EDU_ORDER[education] >= EDU_ORDER["S-1"]
        guru = guru and random.Random(f"careerlog-demo:pppk-guru:{self.seed}:{idx}").random() < PPPK_GURU_SHARE
        if pppk:
            bands = PPPK_GURU_AGES if guru else PPPK_AGES
            low, high, _ = rng.choices(bands, [w for *_, w in bands])[0]
            low = max(low, ENTRY_AGE[education][0])
        elif path == "HONORER":
            low, high = max(low, 27), 34
        elif path == "IKATAN_DINAS":
            low, high = 22, 24
        birth = add_years(appointed, -randint(rng, low, high)) - timedelta(days=randint(rng, 0, 364))
        nip = self.new_nip(birth, appointed, sex, pppk)
        origin = pick_origin(rng, agency.code)
        name = person_name(rng, origin, sex, education, unit.family, appointed.year)
        family, ladder = ("", ()) if pppk else self.pick_family(rng, unit, education, sex)
        if guru:
            family = "Guru"  # no ladder: a PPPK holds a grade, not a rank, and is not promoted (the grade's post)
        name = fit_to_post(name, family, education, unit.family, nip)
        rank = PPPK_GRADE[education] if pppk else EDU_START[education]
        person = Person(
            idx=idx,
            nip=nip,
            name=name,
            sex=sex,
            birth=birth,
            appointed=appointed,
            kind="PPPK" if pppk else "PNS",
            entry_edu=education,
            path=path,
            ability=rng.gauss(0.0, 1.0),
            family=family,
            ladder=ladder,
            home=agency.code,
        )
        person.ranks.append((appointed, rank))
        person.places.append((appointed, agency.code, unit.name))
        person.next_check = add_years(appointed, 2)
        person.early_rank = rank
        person.retiring = first_of_next_month(add_years(birth, YOUNGEST_RETIREMENT))
        if guru:  # appointed up to 59: the year the Guru post's age (60) is reached decides, not 58's
            person.retiring = first_of_next_month(add_years(birth, YOUNGEST_RETIREMENT + 2))
        if not pppk:
            person.degree_plans = self.plan_degrees(rng, person)
        return person

    def pick_unit(self, rng: random.Random, agency: AgencySpec, pppk: bool) -> UnitSpec:
        boost = ("education", "health", "hospital")
        weights = [u.weight * (2.0 if pppk and u.family in boost else 1.0) for u in agency.units]
        return rng.choices(agency.units, weights)[0]

    def appointment_date(self, rng: random.Random, pppk: bool) -> date:
        latest = self.clock.last_day - timedelta(days=30)
        for _ in range(50):
            if pppk:
                year = rng.choices([y for y, _ in PPPK_YEARS], [w for _, w in PPPK_YEARS])[0]
                month = pick(rng, (1, 3, 4, 6, 7, 10))
            else:
                years = list(range(1988, self.clock.today.year + 1))
                year = rng.choices(years, [pns_year_weight(y) for y in years])[0]
                month = rng.choices([m for m, _ in CPNS_MONTHS], [w for _, w in CPNS_MONTHS])[0]
            day = date(year, month, 1)
            if day <= latest:
                return day
        return date(latest.year - 1, 1, 1)

    @staticmethod
    def recruitment_path(rng: random.Random, pppk: bool, education: str, unit: UnitSpec, appointed: date) -> str:
        if pppk:
            return "PPPK"
        draw = rng.random()
        if 2005 <= appointed.year <= 2014 and draw < 0.3:
            return "HONORER"
        if appointed.year >= 2004 and draw > 0.985:
            return "DISABILITAS"
        if education in ("D-IV", "S-1") and unit.family in ("district", "secretariat") and 0.3 <= draw < 0.5:
            return "IKATAN_DINAS"
        return "UMUM"

    def new_nip(self, birth: date, appointed: date, sex: str, pppk: bool) -> str:
        digit = "1" if sex == "M" else "2"
        pppk_digit = nip_rules().pppk_digits[0]  # (digit 13 of an NI PPPK: rule nip.pppk_digit's first digit)
        pppk_prefix = f"{birth:%Y%m%d}{appointed.year}{pppk_digit}1{digit}"
        prefix = pppk_prefix if pppk else f"{birth:%Y%m%d}{appointed:%Y%m}{digit}"
        sequence = self.nip_sequence.get(prefix, 0) + 1
        self.nip_sequence[prefix] = sequence
        return f"{prefix}{sequence:03d}"

    @staticmethod
    def pick_family(rng: random.Random, unit: UnitSpec, education: str, sex: str) -> tuple[str, tuple[str, ...]]:
        if rng.random() >= FUNCTIONAL_SHARE.get(unit.family, 0.0):
            return "", ()
        order = EDU_ORDER[education]
        options: list[tuple[str, tuple[str, ...]]] = []
        for family in FAMILIES.get(unit.family, ()):
            if family.women_only and sex != "F":
                continue
            if order >= EDU_ORDER["S-1"] and family.expert:
                options.append((family.name, EXPERT_LEVELS))
            elif education == "D-III" and family.skilled:
                options.append((family.name, SKILLED_LEVELS))
        return pick(rng, options) if options else ("", ())

    def plan_degrees(self, rng: random.Random, person: Person) -> list[tuple[date, str, date | None]]:
        chance, targets = DEGREE_PLANS.get(person.entry_edu, (0.0, ()))
        if rng.random() >= chance:
            return []
        level = pick(rng, targets)
        graduation = add_years(person.appointed, randint(rng, 3, 16)) + timedelta(days=randint(rng, 0, 364))
        if graduation > add_years(person.birth, 55):
            return []
        leave = None
        study_years = {"S-2": 2, "S-3": 4}.get(level, 4)
        if rng.random() < (0.35 if level in ("S-2", "S-3") else 0.12):
            start = add_years(graduation, -study_years) + timedelta(days=randint(rng, -30, 30))
            if start >= add_years(person.appointed, 3):
                leave = start
        return [(graduation, level, leave)]

    def appoint(self, person: Person) -> None:
        """The appointment decree, the first post and, for a CPNS, Latsar and confirmation."""
        rng = self.rng["career"]
        agency, unit = person.place_at(person.appointed)
        spec = self.agency[agency]
        payload = {
            "employment_kind": person.kind,
            "name": person.name,
            "birth_date": person.birth.isoformat(),
            "sex": person.sex,
            "education": person.entry_edu,
            "agency": agency,
            "unit": unit,
            "region": spec.region,
            "recruitment_path": person.path,
            "rank": person.rank,
            "reference": self.decree(agency, "813.3" if person.pns else "800.1.2.5", person.appointed.year),
        }
        self.add(person, "appointment", person.appointed, payload, 14, 60)
        if not person.pns and person.family:
            title = self.functional_title(person, "AHLI_PERTAMA")
            self.add_post(person, person.appointed, "FUNGSIONAL", "AHLI_PERTAMA", title, unit)
        else:
            self.add_post(person, person.appointed, "PELAKSANA", None, self.pelaksana_title(rng, person), unit)
        if not person.pns:
            return
        start = person.appointed + timedelta(days=randint(rng, 60, 240))
        latsar = self.record_course(person, tr.latsar_course(rng, start, person.rank), feedback=False)
        if latsar is None:
            return
        earliest = max(add_months(person.appointed, randint(rng, 12, 24)), latsar.eff + timedelta(days=14))
        confirmed = first_of_next_month(earliest - timedelta(days=1))
        payload = {"latsar_certificate": latsar.reference, "reference": self.decree(agency, "821.13", confirmed.year)}
        if self.add(person, "confirmation", confirmed, payload, 7, 60, deps=[latsar]) is not None:
            person.confirmed = confirmed
            self.first_functional_post(person, confirmed)

    def pelaksana_title(self, rng: random.Random, person: Person) -> str:
        if not person.pns:
            return pick(rng, PELAKSANA_TITLES["pppk"])
        order = EDU_ORDER[person.edu_at(person.places[-1][0])]
        group = "basic" if order <= 2 else "school" if order <= 5 else "diploma" if order == 6 else "degree"
        return pick(rng, PELAKSANA_TITLES[group])

    def first_functional_post(self, person: Person, confirmed: date) -> None:
        if not person.family:
            return
        level = level_for(person.ladder, person.rank_at(confirmed))
        if level is None:
            return
        day = confirmed + timedelta(days=randint(self.rng["career"], 15, 120))
        day = day.replace(day=min(max(day.day, 2), 28))
        self.add_post(person, day, "FUNGSIONAL", level, self.functional_title(person, level), person.place_at(day)[1])

    # ------------------------------------------------------------------ the years

    def run(self) -> None:
        self.populate()
        first = min(p.appointed.year for p in self.people)
        for year in range(first, self.clock.today.year + 1):
            self.start_year(year)
            events: list[tuple[date, int, str]] = [(d, 0, "") for d in permitted_dates(year)]
            events += [(d, 1, code) for code, d in self.staffing.installation_days(year)]
            for day, _, code in sorted(events):
                if day > self.clock.last_day:
                    break
                if code:
                    self.staffing.install(code, day)
                else:
                    self.run_round(day)
            self.end_year(year)
        if self.disadvantaged:
            nips = sorted(p.nip for p in self.disadvantaged.values())
            self.book.add(
                "group_disadvantaged",
                agency=DS,
                dimension="sex",
                group="F",
                details={"nips": nips, "women_delayed": len(nips)},
            )

    def start_year(self, year: int) -> None:
        jan1 = date(year, 1, 1)
        self.serving = [
            p for p in self.pns if p.appointed.year <= year and (p.separation is None or p.separation >= jan1)
        ]
        for person in self.people:
            if person.appointed.year > year or (person.separation is not None and person.separation < jan1):
                continue
            self.separation_in(person, year)
            if person.separation is not None and person.separation < jan1:
                continue
            self.degree_events(person, year)
            self.plan_trainings(person, year)
            self.plan_penalties(person, year)
        if year >= 2010 and self.quota.counts["promotion_during_penalty"] == 0:
            self.force_penalty(year)

    # ------------------------------------------------------------------ separations

    def separation_in(self, person: Person, year: int) -> None:
        rng = self.rng["career"]
        if person.sep_rec is not None and person.sep_rec.payload["status"] == "DECEASED":
            return
        if rng.random() < 0.0016:
            day = date(year, randint(rng, 2, 12), randint(rng, 2, 28))  # after last year's ratings
            if person.appointed + timedelta(days=90) < day <= self.clock.last_day and (
                person.separation is None or day < person.separation
            ):
                self.separate(person, day, "DECEASED", "Meninggal dunia")
                self.deceased.append(person)
                return
        if person.separation is None and person.retiring.year == year:
            self.retire(
                person, self.retirement_age(person, max(date(year, 1, 1), person.appointed + timedelta(days=1)))
            )

    def retire(self, person: Person, age: int, not_before: date = date.min) -> None:
        """Retire at an age: on the first day of the month after reaching it, or on `not_before` if that is later."""
        day = max(first_of_next_month(add_years(person.birth, age)), not_before)
        if person.pns:
            self.separate(person, day, "RETIRED", f"Batas usia pensiun {age} tahun")
        else:  # a PPPK's contract ends at the post's age, with no pension (I)
            self.separate(person, day, "CONTRACT_ENDED", f"Perjanjian kerja berakhir: batas usia jabatan {age} tahun")
        person.retires_at = age

    def post_changes_retirement(self, person: Person, day: date) -> None:
        """A definitive post taken up on `day` by someone whose retirement is planned retires at its own age (a
        move up to Ahli Madya or Ahli Utama before retiring extends service to 60 or 65; leaving a JPT post past
        58 ends it)."""
        if person.retires_at is None or person.separation is None or person.separation <= day:
            return
        age = self.retirement_age(person, day + timedelta(days=1))
        if age != person.retires_at:
            self.retire(person, age, first_of_next_month(day))

    @staticmethod
    def retirement_age(person: Person, day: date) -> int:
        """The retirement age of the post held on `day` by rule retirement.age, as the career page reads it; before
        the rule is in force, by its first version (the earlier law's 56 and its extensions are not simulated)."""
        post = person.post_at(day)
        kind, level, title = (post.kind, post.level, post.title) if post else ("PELAKSANA", None, None)
        book = rules()
        versions = book.versions(RETIREMENT_RULE)
        if versions and day < versions[0].valid_from:
            day = versions[0].valid_from
        found = age_reached(book, person.birth, day, kind, level, title)  # (by the version of the day it is reached)
        return found[0] if found else YOUNGEST_RETIREMENT

    def separate(self, person: Person, day: date, status: str, reason: str) -> None:
        if person.sep_rec is not None and person.sep_rec in person.recs:
            person.recs.remove(person.sep_rec)
        person.separation = day
        person.retires_at = None
        self.truncate(person, day)
        agency = person.place_at(day)[0]
        code = "474.3" if status == "DECEASED" else "882"
        payload = {"status": status, "reason": reason, "reference": self.decree(agency, code, day.year)}
        person.sep_rec = self.add(person, "status_change", day, payload, 1, 45)

    def truncate(self, person: Person, day: date) -> None:
        """Forget what was planned after a separation."""
        person.recs = [r for r in person.recs if r.eff <= day]
        if person.idx in self.courses:
            self.courses[person.idx] = [c for c in self.courses[person.idx] if c.end <= day]
        person.posts = [p for p in person.posts if p.start <= day]
        person.exams = {k: (v if v is not None and v <= day else None) for k, v in person.exams.items()}
        person.degrees = [d for d in person.degrees if d[0] <= day]
        person.degree_plans = [d for d in person.degree_plans if d[0] <= day]
        person.penalties = [p for p in person.penalties if p[0] <= day]
        person.leaves = [(s, min(e, day)) for s, e in person.leaves if s <= day]
        for kind, recs in person.leadership.items():
            person.leadership[kind] = [r for r in recs if r.eff <= day]
        by_reference = {r.reference: r for r in person.recs if r.kind == "post_appointment"}
        ended = {r.payload["appointment_reference"] for r in person.recs if r.kind == "post_end"}
        for post in person.posts:
            if post.assignment != "DEFINITIVE" and post.reference not in ended and post.reference in by_reference:
                self.end_post(person, by_reference[post.reference], day, "Pejabat yang bersangkutan berhenti")

    def posthumous(self, person: Person, day: date) -> None:
        new = next_rank(person.rank_at(day)) if person.pns else None
        if new is None or self.rng["career"].random() >= 0.5 or person.sep_rec is None:
            return
        agency = person.place_at(day)[0]
        payload = {"new_rank": new, "promotion_kind": "211", "reference": self.decree(agency, "823.3", day.year)}
        if self.add(person, "rank_promotion", day, payload, 20, 90, decision=True, deps=[person.sep_rec]):
            person.ranks.append((day, new))

    # ------------------------------------------------------------------ degrees and exams

    def degree_events(self, person: Person, year: int) -> None:
        rng = self.rng["career"]
        for graduation, level, leave in list(person.degree_plans):
            if leave is not None and leave.year == year:
                self.start_leave(person, leave, level, graduation)
            if graduation.year != year:
                continue
            person.degree_plans.remove((graduation, level, leave))
            if not person.active(graduation) or graduation > self.clock.last_day:
                continue
            family = self.agency_unit(person, graduation).family
            school = SCHOOLS.get(level, UNIVERSITIES)
            payload = {
                "level": level,
                "field_of_study": pick(rng, FIELDS.get(family, GENERAL_FIELDS)),
                "institution": pick(rng, school),
                "reference": f"IJZ/{graduation.year}/{self.number('ijazah', str(graduation.year)):06d}",
            }
            if self.add(person, "education", graduation, payload, 5, 30) is None:
                continue
            person.degrees.append((graduation, level))
            self.end_leave(person, graduation)
            self.exams_after_degree(person, graduation, level)
            person.next_check = min(person.next_check, graduation)

    def start_leave(self, person: Person, day: date, level: str, graduation: date) -> None:
        post = person.post_at(day)
        blocked = any(
            level != "LIGHT" and start <= day and end is not None and end >= add_years(day, -1)
            for start, end, level in person.penalties
        )
        if post is None or post.kind in MANAGERIAL or blocked or person.slot is not None or person.reserved is not None:
            return
        agency = person.place_at(day)[0]
        payload = {
            "institution": pick(self.rng["career"], UNIVERSITIES),
            "level": level,
            "reference": self.decree(agency, "893.3", day.year),
        }
        rec = self.add(person, "study_leave_start", day, payload, 5, 40)
        if rec is not None:
            person.leaves.append((day, graduation + timedelta(days=60)))

    def end_leave(self, person: Person, graduation: date) -> None:
        open_leaves = [(s, e) for s, e in person.leaves if s <= graduation <= e]
        if not open_leaves:
            return
        start = [r for r in person.recs if r.kind == "study_leave_start"][-1]
        day = graduation + timedelta(days=randint(self.rng["career"], 15, 45))
        agency = person.place_at(day)[0]
        payload = {"reason": "Selesai tugas belajar", "reference": self.decree(agency, "893.4", day.year)}
        rec = self.add(person, "study_leave_end", day, payload, 3, 30, deps=[start])
        person.leaves.remove(open_leaves[0])
        person.leaves.append((open_leaves[0][0], day if rec is not None else date.max))

    def exams_after_degree(self, person: Person, day: date, level: str) -> None:
        rng = self.rng["career"]
        current = person.rank_at(day)
        target = EDU_START[level]
        if RANK_INDEX[target] > RANK_INDEX[current]:
            self.plan_exam(
                person,
                param("promotion.service_exam", day, "degree_exam", "UPKP"),
                day + timedelta(days=randint(rng, 60, 200)),
            )
            for code in exams_needed(current, target, day):
                self.plan_exam(person, code, day + timedelta(days=randint(rng, 60, 260)))
            return
        ceiling = EDU_CEILING[person.edu_at(day)]
        nxt = next_rank(current)
        if nxt is not None and RANK_INDEX[nxt] <= RANK_INDEX[ceiling]:
            for code in exams_needed(current, nxt, day):
                self.plan_exam(person, code, day + timedelta(days=randint(rng, 90, 400)))

    def plan_exam(self, person: Person, code: str, earliest: date) -> None:
        rng = self.rng["career"]
        if code in person.exams:
            return
        draw = rng.random()
        if draw < 0.05:
            person.exams[code] = None
            return
        offset = randint(rng, 0, 900) if draw < 0.78 else randint(rng, 1100, 1900)
        day = earliest + timedelta(days=offset)
        if person.separation is not None and day > person.separation:
            person.exams[code] = None
            return
        person.exams[code] = day
        person.next_check = min(person.next_check, day)
        serial = self.number("exam", code, str(day.year))
        payload = {"exam": code, "reference": f"{code.replace('_', '.')}/{day.year}/{serial:05d}"}
        self.add(person, "exam", day, payload, 7, 30)

    # ------------------------------------------------------------------ trainings

    def agency_unit(self, person: Person, day: date) -> UnitSpec:
        return self.units[person.place_at(day)]

    def plan_trainings(self, person: Person, year: int) -> None:
        rng = self.rng["training"]
        if year < 2017 and rng.random() >= (0.16 if year >= 2005 else 0.05):
            return
        start = max(date(year, 1, 3), person.appointed + timedelta(days=14))
        end = min(date(year, 12, 20), self.clock.last_day)
        if person.separation is not None:
            end = min(end, person.separation - timedelta(days=1))
        if (end - start).days < 20:
            return
        if year >= 2017:
            meets = rng.random() < min(max(0.82 + 0.06 * person.ability, 0.55), 0.95)
            target = int(param("training.yearly_jp", date(year, 6, 1), "jp", 20)) if meets else randint(rng, 0, 14)
        else:
            meets, target = True, 8
        hours = 0
        for _ in range(4):
            if hours >= target:
                break
            course = self.pick_course(rng, person, year, (start, end), short=not meets, first=hours == 0)
            if course is None or person.on_leave(course.start) or person.on_leave(course.end):
                continue
            if not meets and hours + course.hours >= target:
                continue
            if self.record_course(person, course) is not None:
                hours += course.hours

    def pick_course(
        self, rng: random.Random, person: Person, year: int, window: tuple[date, date], *, short: bool, first: bool
    ) -> tr.Course | None:
        family = self.agency_unit(person, window[0]).family
        theme = pick(rng, tr.themes_for(family))
        if year >= tr.PROGRAMMES_FROM and not short and rng.random() < 0.55:
            attended = self.attended.get(person.idx, set())
            classes = [c for c in self.catalogue.classes(theme, year) if window[0] <= c.start and c.end <= window[1]]
            classes = [c for c in classes if c.programme_id not in attended]
            if classes:
                return pick(rng, classes)
        group = "short" if short else "long" if first and rng.random() < 0.9 else "any"
        course = pick(rng, self.catalogue.classes(theme, year, group))
        return course if window[0] <= course.start and course.end <= window[1] else None

    def trainings_held(self, person: Person, but: Rec | None = None) -> list[tr.Held]:
        return [tr.held(r.payload, r.eff) for r in person.recs if r.kind == "training" and r is not but]

    def fitted(self, person: Person, course: tr.Course) -> tr.Course | None:
        """The course as the person can attend it, with the trainings they hold: None if it repeats one (rule
        training.duplicate) or makes a day hold more JP than a training day (rule training.daily_jp), both of which
        the recording path asks to confirm; a full-time training (Latsar, leadership) moved to the day after the
        trainings it would share a day with, as a later class."""
        others = self.courses.setdefault(person.idx, [])  # (as recorded: the finish's changes read person.recs)
        if tr.repeats(others, course):
            return None
        for _ in range(6):
            day = tr.day_too_full(others, course.start, course.end, course.hours)
            if day is None:
                return course
            if course.kind not in tr.FULL_TIME_KINDS:
                return None
            after = max(o.end for o in others if o.start <= day <= o.end) + timedelta(days=1)
            course = replace(course, start=after, end=after + (course.end - course.start))
        return None

    def record_course(self, person: Person, course: tr.Course, *, feedback: bool = True) -> Rec | None:
        fitted = self.fitted(person, course)
        if fitted is None:
            return None
        course = fitted
        rng = self.rng["training"]
        organiser_code = tr.organiser_code(course.organiser)
        serial = self.number("certificate", organiser_code, str(course.end.year))
        payload: dict[str, Any] = {
            "training_kind": course.kind,
            "title": course.title,
            "organiser": course.organiser,
            "hours": course.hours,
            "start_date": course.start.isoformat(),
        }
        if course.programme_id:
            payload["programme_id"] = course.programme_id
        if course.cost_per_head is not None:
            payload["cost"] = str(course.cost_per_head)
        payload["reference"] = tr.certificate_number(course.organiser, course.kind, course.end.year, serial)
        if course.start < person.appointed:
            return None
        rec = self.add(person, "training", course.end, payload, 1, 30, rng=rng)
        if rec is None:
            return None
        person.jp[course.end.year] = person.jp.get(course.end.year, 0) + course.hours
        self.courses[person.idx].append(tr.Held(course.start, course.end, course.hours, course.title, course.organiser))
        if course.programme_id:
            self.attended.setdefault(person.idx, set()).add(course.programme_id)
        if course.kind in ("PKP", "PKA", "PKN_II", "PKN_I"):
            person.leadership.setdefault(course.kind, []).append(rec)
        if feedback and course.programme_id and (rng.random() < 0.42 or self.low_relevance(person, course)):
            self.give_feedback(person, course, rec)
        return rec

    def low_relevance(self, person: Person, course: tr.Course) -> bool:
        """A programme the low-relevance agency rates irrelevant (`Demo.low_relevance`): its staff are asked every
        time, so that even a small demo holds enough answers for the scorecard's finding."""
        return (
            person.place_at(course.end)[0] == LOW_RELEVANCE_AGENCY
            and course.theme.code == LOW_RELEVANCE_THEME
            and course.end.year in self.low_relevance_years
        )

    def give_feedback(self, person: Person, course: tr.Course, training: Rec) -> None:
        rng = self.rng["training"]
        assert course.programme_id is not None
        day = course.end + timedelta(days=randint(rng, 0, 10))
        rating = min(5, max(1, round(rng.gauss(course.quality, 0.7))))
        fits = not course.theme.families or self.agency_unit(person, course.end).family in course.theme.families
        relevance = min(5, max(1, round(rng.gauss(4.1 if fits else 3.3, 0.7))))
        if self.low_relevance(person, course):
            relevance = pick(rng, (1, 1, 2, 2, 2))
            rating = min(rating, pick(rng, (2, 3, 3)))
        payload: dict[str, Any] = {"programme_id": course.programme_id, "rating": rating, "relevance": relevance}
        if rng.random() < 0.3:
            payload["comment"] = pick(rng, tr.COMMENTS if relevance >= 3 else tr.COMMENTS[3:])
        payload["reference"] = f"EVAL/{course.programme_id}/{self.number('eval', course.programme_id):05d}"
        self.add(person, "training_feedback", day, payload, 0, 5, deps=[training], rng=rng)

    # ------------------------------------------------------------------ penalties

    def plan_penalties(self, person: Person, year: int) -> None:
        rng = self.rng["career"]
        draw = rng.random()
        if draw >= 0.0085:
            return
        level = "LIGHT" if draw < 0.0065 else "MEDIUM" if draw < 0.0081 else "SEVERE"
        start = date(year, randint(rng, 1, 12), randint(rng, 2, 14))
        if not person.active(start) or start <= person.appointed or person.on_leave(start):
            return
        if level == "SEVERE" and (person.slot is not None or person.reserved is not None):
            level = "MEDIUM"
        self.impose(person, start, level)

    def impose(self, person: Person, start: date, level: str, kind: str | None = None) -> Rec | None:
        rng = self.rng["career"]
        if kind is None:
            if level == "LIGHT":
                kind = pick(rng, LIGHT)
            elif start >= PP94_FROM:
                kind = pick(
                    rng,
                    ("POTONG_TUKIN_6", "POTONG_TUKIN_9", "POTONG_TUKIN_12")
                    if level == "MEDIUM"
                    else ("PENURUNAN_JABATAN",),
                )
            else:
                kinds = ("PENUNDAAN_KP_1", "PENURUNAN_PANGKAT_1") if level == "MEDIUM" else ("PENURUNAN_PANGKAT_3",)
                in_force = param("penalty.kinds", start, "kinds", None)  # rule penalty.kinds: the regulation's
                if in_force is not None and not set(kinds) & set(in_force):
                    # PP 30/1980 had no three-year demotion: its heaviest demotion, a year's, is medium by PP 53/2010
                    level, kinds = "MEDIUM", ("PENURUNAN_PANGKAT_1",)
                kind = pick(rng, [k for k in kinds if in_force is None or k in in_force] or kinds)
        months = reference().penalty_kinds[kind].get("months")
        end = months_end(start, int(months)) if months else None
        agency = person.place_at(start)[0]
        payload = {"level": level, "penalty_kind": kind, "reference": self.decree(agency, "862.3", start.year)}
        rec = self.add(person, "penalty", start, payload, 1, 14)
        if rec is not None:
            person.penalties.append((start, end, level))
        return rec

    def force_penalty(self, year: int) -> None:
        """Give an eligible person a running medium penalty at the year's first round (promoted anyway)."""
        days = [d for d in permitted_dates(year) if d <= self.clock.last_day]
        if not days:
            return
        day = days[0]
        candidates = []
        for person in self.serving:
            new = next_rank(person.rank)
            if new is None or not person.active(day) or person.appointed >= add_years(day, -4):
                continue
            if person.separation is not None and person.separation <= add_years(day, 1):
                continue
            if not promotion_failures(person, day, "101", new):
                candidates.append(person)
        if candidates:
            person = pick(self.rng["career"], candidates)
            start = add_months(day, -1).replace(day=randint(self.rng["career"], 2, 10))
            self.impose(person, start, "MEDIUM")
            person.next_check = min(person.next_check, day)

    # ------------------------------------------------------------------ promotion rounds

    def run_round(self, day: date) -> None:
        self.utama_planned.clear()
        self.utama_held.clear()
        plans: list[Plan] = []
        waiting: list[Person] = []
        for person in self.serving:
            if person.next_check > day or person.appointed >= day or not person.active(day):
                continue
            result = self.plan_promotion(person, day)
            if result is WAIT:
                waiting.append(person)
            elif isinstance(result, Plan):
                plans.append(result)
        groups = self.group(day, plans, waiting)
        plans += self.settle_waiting(day, groups)
        self.pick_passed_over(day, groups, plans)
        for plan in plans:
            self.promote(plan)

    def plan_promotion(self, person: Person, day: date) -> Plan | object | None:
        new = next_rank(person.rank)
        if new is None:
            person.next_check = date.max
            return None
        failures = promotion_failures(person, day, "101", new)
        if not failures:
            return self.eligible(person, day, new)
        alternative = self.compliant_alternative(person, day, new, failures)
        if alternative is not None:
            return alternative
        if day >= INJECT_FROM:
            injected = self.injection(person, day, new, failures)
            if injected is not None and injected.injection is not None:
                self.quota.took(injected.injection)
                return injected
        self.set_next_check(person, day, failures)
        return None

    def eligible(self, person: Person, day: date, new: str) -> Plan | object:
        first = person.eligible_rank != person.rank
        person.eligible_rank = person.rank
        disadvantaged = self.ds_woman(person, day)
        if first and disadvantaged:
            person.delay = pick(self.rng["round"], (0, 0, 0, 0, 0, 1, 1, 1, 2, 2))
        if first and self.quota.want("wrong_promotion_date", day, self.per_year(day)):
            plan = self.wrong_date_plan(person, day, new)
            if plan is not None:
                person.delay = 0
                self.quota.took("wrong_promotion_date")
                return plan
        if disadvantaged and person.delay > 0:
            return WAIT
        return Plan(person, "101", new, day)

    @staticmethod
    def ds_woman(person: Person, day: date) -> bool:
        return person.sex == "F" and day >= INJECT_FROM and person.place_at(day)[0] == DS

    @staticmethod
    def per_year(day: date) -> float:
        return 2.0 / max(len(permitted_dates(day.year)), 1)

    def compliant_alternative(self, person: Person, day: date, new: str, failures: list[str]) -> Plan | None:
        since = person.rank_entry(day)[0]
        target = degree_rank(person, day)
        if RANK_INDEX[target] > RANK_INDEX[person.rank] and not promotion_failures(person, day, "203", target):
            return Plan(person, "203", target, day)
        post = person.post_at(day)
        if post is None:
            return None
        if post.kind == "FUNGSIONAL" and post.level and self.functional_room(person, post, new, day):
            early_credit = day >= date(2023, 1, 1)
            if (early_credit or add_years(since, 4) <= day) and not promotion_failures(person, day, "202", new):
                if post.level != UTAMA and level_for(person.ladder, new) == UTAMA:
                    self.utama_planned.append(person)  # the post is taken: utama_open counts it from now on
                return Plan(person, "202", new, day)
        if (
            post.kind in MANAGERIAL
            and ("promotion.education_ceiling" in failures or REGULAR_WITHOUT_POST in failures)
            and add_years(since, 4) <= day
            and not promotion_failures(person, day, "201", new)
        ):
            return Plan(person, "201", new, day)
        return None

    def functional_room(self, person: Person, post: Post, new: str, day: date) -> bool:
        """A functional promotion stays within the post's level or reaches the next level's first rank (the move up
        to Ahli Utama only into a vacant Ahli Utama post: utama_open)."""
        assert post.level is not None
        top = RANGES[post.level][1]
        if RANK_INDEX[new] <= RANK_INDEX[top]:
            return True
        if RANK_INDEX[new] != RANK_INDEX[top] + 1:
            return False
        level = level_for(person.ladder, new)
        if level == UTAMA:
            return self.utama_open(person, day)
        return level is not None

    def utama_open(self, person: Person, day: date) -> bool:
        """Whether an Ahli Madya at the level's top rank is appointed Ahli Utama (kenaikan jenjang) on a day.

        The top level is rare: at most UTAMA_POSTS holders of a job family per agency at a time, and in the demo's
        agencies together one for each UTAMA_STAFF of the family's functional staff in service, at least one (the
        needs, kebutuhan/formasi, the level is opened for), and, while one is free, a selection the candidate passes
        in a year with chance UTAMA_CHANCE (the competency test and, for teachers, the professional development
        the step asks). Both are the demo's (I): the shared reference gives the level's rank range and credit only.
        A holder counts from the round that plans the move up (utama_planned), before the round records it: two
        candidates of one round are never both appointed to the one post.
        A candidate not appointed stays at IV/c, not eligible for a 202 past it (promotion.functional_range) nor
        for a 101 (promotion.regular_without_post): nobody eligible is left waiting.
        """
        key = (person.idx, day.year)
        passed = self.utama_draws.get(key)
        if passed is None:
            passed = self.utama_draws[key] = self.rng["formation"].random() < UTAMA_CHANCE
        if not passed or (person.separation is not None and person.separation <= day):
            return False  # not on the day of separation, which reads the post held the day before (docs/rules.md)
        agency = person.place_at(day)[0]
        staff, held = self.utama_holders(person.family, day)
        holders = Counter(held)
        holders.update(other.place_at(day)[0] for other in self.utama_planned if other.family == person.family)
        room = max(staff // UTAMA_STAFF, 1)
        return holders[agency] < UTAMA_POSTS and holders.total() < room

    def utama_holders(self, family: str, day: date) -> tuple[int, Counter[str]]:
        """The family's functional staff in service on a round's day, and its Ahli Utama by agency, as recorded
        before the round (counted once a round)."""
        key = (family, day)
        if key not in self.utama_held:
            staff, holders = 0, Counter[str]()
            for members in self.members.values():
                for other in members:
                    if other.family != family or not other.active(day):
                        continue
                    post = other.post_at(day)
                    if post is not None and post.kind == "FUNGSIONAL":
                        staff += 1
                        if post.level == UTAMA:
                            holders[other.place_at(day)[0]] += 1
            self.utama_held[key] = (staff, holders)
        return self.utama_held[key]

    def injection(self, person: Person, day: date, new: str, failures: list[str]) -> Plan | None:
        if len(failures) != 1:
            return None
        failure = failures[0]
        scale = 1.0
        old = person.rank
        details: dict[str, Any] = {"from_rank": old, "to_rank": new, "promotion_kind": "101"}
        if failure == REGULAR_WITHOUT_POST:
            # a post holder no 201 or 202 could promote (the post's range, the functional level's top, the credit)
            if not self.quota.want("regular_promotion_of_post_holder", day, scale):
                return None
            post = post_held(person, day)
            assert post is not None
            details |= {"post_kind": post.kind, "level": post.level, "post_since": post.start.isoformat()}
            return Plan(person, "101", new, day, "regular_promotion_of_post_holder", details)
        if failure == "promotion.time_in_rank":
            since = person.rank_entry(day)[0]
            if add_years(since, 2) > day or person.early_rank == person.rank:
                return None
            person.early_rank = person.rank
            details |= {"rank_since": since.isoformat(), "years_in_rank": round((day - since).days / 365.25, 2)}
            return Plan(person, "101", new, day, "early_promotion", details)
        if failure == "promotion.education_ceiling":
            if not self.quota.want("above_education_ceiling", day, scale):
                return None
            education = person.edu_at(day)
            details |= {"education": education, "ceiling": EDU_CEILING[education]}
            return Plan(person, "101", new, day, "above_education_ceiling", details)
        if failure == "promotion.penalty":
            if not self.quota.want("promotion_during_penalty", day, scale):
                return None
            running = [
                p for p in person.penalties if p[0] <= day and p[1] is not None and day <= p[1] and p[2] != "LIGHT"
            ]
            details |= {
                "penalty_start": running[0][0].isoformat(),
                "penalty_end": str(running[0][1]),
                "level": running[0][2],
            }
            return Plan(person, "101", new, day, "promotion_during_penalty", details)
        if failure == "promotion.performance":
            years = (day.year - 2, day.year - 1)
            predicates = [person.ratings.get(y) for y in years]
            if sorted(str(p) for p in predicates) not in (
                ["BAIK", "BUTUH_PERBAIKAN"],
                ["BUTUH_PERBAIKAN", "SANGAT_BAIK"],
            ):
                return None
            if not self.quota.want("low_performance", day, scale):
                return None
            details |= {
                "ratings": {str(y): scheme_predicate(str(p), y) for y, p in zip(years, predicates, strict=True)}
            }
            return Plan(person, "101", new, day, "low_performance", details)
        if failure == "promotion.service_exam":
            missing = [c for c in exams_needed(old, new, day) if not person.exam_passed(c, day)]
            if missing and all(exam_exempt(person, code, day) for code in missing):
                return None  # (the education or leadership training held exempts it: no finding to inject)
            if not self.quota.want("missing_service_exam", day, scale):
                return None
            for code in missing:
                self.cancel_exam(person, code, day)
            details |= {"exams_missing": missing}
            return Plan(person, "101", new, day, "missing_service_exam", details)
        return None

    def cancel_exam(self, person: Person, code: str, day: date) -> None:
        person.exams[code] = None
        person.recs = [r for r in person.recs if not (r.kind == "exam" and r.payload["exam"] == code and r.eff > day)]

    def set_next_check(self, person: Person, day: date, failures: list[str]) -> None:
        """The first round on which every failing rule could be met (new facts bring it forward)."""
        soon = day + timedelta(days=1)
        if RANK_INDEX[degree_rank(person, day)] > RANK_INDEX[person.rank]:
            person.next_check = soon
            return
        since = person.rank_entry(day)[0]
        next_year = date(day.year + 1, 1, 1)
        waits = [soon]
        for failure in failures:
            if failure == "promotion.time_in_rank":
                two, four = add_years(since, 2), add_years(since, 4)
                if day < two and person.early_rank != person.rank:
                    waits.append(two)  # drawn for an early promotion in this rank
                else:
                    waits.append(min(four, date(since.year + 4, 1, 1)) if person.family else four)
            elif failure == "promotion.performance":
                waits.append(next_year)
            elif failure in ("promotion.education_ceiling", REGULAR_WITHOUT_POST):
                waits.append(self.ceiling_wait(person, day))
            elif failure == "promotion.service_exam":
                pending = [d for d in person.exams.values() if d is not None and d > day]
                waits.append(min(pending) if pending else add_years(day, 1))
            elif failure == "promotion.penalty":
                ends = [e for s, e, level in person.penalties if level != "LIGHT" and e is not None and s <= day <= e]
                waits.append(max(ends) + timedelta(days=1) if ends else soon)
            elif failure == "promotion.no_probation":
                waits.append(
                    person.confirmed if person.confirmed is not None and person.confirmed > day else add_years(day, 1)
                )
        # a degree to come (already drawn) may lift the education ceiling or exempt the crossing's exam: its day
        # brings the check forward, as `degree_events` does (it runs before the year's rounds, whose check came after)
        degrees = [graduation for graduation, _ in person.degrees if graduation > day]
        person.next_check = min([max(waits), *degrees])

    def ceiling_wait(self, person: Person, day: date) -> date:
        """When a promotion above the education ceiling (201, 202) could next be possible."""
        post = person.post_at(day)
        new = next_rank(person.rank)
        if post is None or new is None:
            return add_years(day, 1)
        if post.kind == "FUNGSIONAL" and post.level and self.functional_room(person, post, new, day):
            return date(day.year + 1, 1, 1)
        if post.kind in MANAGERIAL and RANK_INDEX[new] <= RANK_INDEX[RANGES[post.kind][1]]:
            return day + timedelta(days=1)
        return add_years(day, 1)

    def wrong_date_plan(self, person: Person, day: date, new: str) -> Plan | None:
        """A promotion on a date between rounds on which nobody else in the agency was eligible."""
        earlier = [d for d in permitted_dates(day.year - 1) + permitted_dates(day.year) if d < day]
        if not earlier:
            return None
        candidates: list[date] = []
        month = earlier[-1]
        while month < day:
            for candidate in (month, month.replace(day=15)):
                if earlier[-1] < candidate < day and not is_permitted(candidate):
                    candidates.append(candidate)
            month = add_months(month, 1)
        for candidate in sorted(candidates):
            if candidate <= person.rank_tmt or promotion_failures(person, candidate, "101", new):
                continue
            if any(r.decision and r.eff >= candidate for r in person.recs):
                continue
            if self.others_eligible(person, candidate):
                continue
            return Plan(
                person,
                "101",
                new,
                candidate,
                "wrong_promotion_date",
                {
                    "from_rank": person.rank,
                    "to_rank": new,
                    "promotion_kind": "101",
                    "next_permitted_date": day.isoformat(),
                },
            )
        return None

    def others_eligible(self, person: Person, day: date) -> bool:
        agency = person.place_at(day)[0]
        for other in self.serving:
            if other is person or not other.active(day) or other.appointed >= day:
                continue
            since, rank = other.rank_entry(day)
            if add_years(since, 4) > day or other.place_at(day)[0] != agency:
                continue
            new = next_rank(rank)
            if new is not None and not promotion_failures(other, day, "101", new):
                return True
        return False

    def group(self, day: date, plans: list[Plan], waiting: list[Person]) -> dict[tuple[str, str, str], Group]:
        groups: dict[tuple[str, str, str], Group] = {}
        for plan in plans:
            if plan.day == day:
                key = (*plan.person.place_at(day), plan.person.rank)
                groups.setdefault(key, Group()).promoted.append(plan)
        for person in waiting:
            key = (*person.place_at(day), person.rank)
            groups.setdefault(key, Group()).waiting.append(person)
        return groups

    def settle_waiting(self, day: date, groups: dict[tuple[str, str, str], Group]) -> list[Plan]:
        """Promote whoever waits but is clearly stronger than a promoted colleague (no passed_over)."""
        added: list[Plan] = []
        changed = True
        while changed:
            changed = False
            for group in groups.values():
                judged = [p for p in group.promoted if p.kind in ("101", "202")]
                for person in list(group.waiting):
                    if any(clearly_stronger(person, plan.person, day) for plan in judged):
                        group.waiting.remove(person)
                        plan = Plan(person, "101", str(next_rank(person.rank)), day)
                        group.promoted.append(plan)
                        added.append(plan)
                        person.delay = 0
                        changed = True
        for group in groups.values():
            for person in group.waiting:
                person.delay -= 1
                self.disadvantaged.setdefault(person.nip, person)
                person.next_check = day + timedelta(days=1)
                person.protected = True
            if group.waiting:
                for plan in group.promoted:
                    plan.protected = True
                    plan.person.protected = True
        return added

    def pick_passed_over(self, day: date, groups: dict[tuple[str, str, str], Group], plans: list[Plan]) -> None:
        """In a few groups, leave the clearly strongest eligible colleague for the next round."""
        following = [d for d in permitted_dates(day.year) if d > day]
        if not following or following[0] > self.clock.last_day:
            return
        later = following[0]
        agencies_done: set[str] = set()
        for key, group in groups.items():
            if key[0] in agencies_done or any(p.injection for p in group.promoted):
                continue
            judged = [p for p in group.promoted if p.kind in ("101", "202")]
            if len(judged) < 2:
                continue
            for plan in judged:
                colleague = plan.person
                if (
                    plan.kind != "101"
                    or colleague.delay > 0
                    or not self.stays_eligible(colleague, later, plan.new_rank)
                ):
                    continue
                # a 101 passes over a colleague eligible for a 101; a 202, whose pool is its fellow functional holders
                # eligible for their own 202 (docs/rules.md merit.passed_over), passes over no one held back here
                weaker = [
                    p
                    for p in judged
                    if p is not plan and p.kind == plan.kind and clearly_stronger(colleague, p.person, day)
                ]
                if not weaker or not self.quota.want("passed_over", day):
                    continue
                self.pass_over(day, later, group, plan, weaker, plans)
                agencies_done.add(key[0])
                break

    def stays_eligible(self, person: Person, later: date, new: str) -> bool:
        """Eligible at the next round too, and trained enough to be eligible even where training counts."""
        if person.separation is not None and person.separation <= later:
            return False
        needed = int(param("promotion.training", later, "jp", 20)) if in_force("promotion.training", later) else 0
        if person.jp.get(later.year - 1, 0) < needed:
            return False
        return not promotion_failures(person, later, "101", new)

    def pass_over(
        self, day: date, later: date, group: Group, plan: Plan, weaker: list[Plan], plans: list[Plan]
    ) -> None:
        colleague = plan.person
        plans.remove(plan)
        group.promoted.remove(plan)
        colleague.next_check = later
        colleague.protected = True
        agency, unit = colleague.place_at(day)
        for other in group.promoted:
            other.protected = True
            other.person.protected = True
        for weak in weaker:
            entry = self.book.add(
                "passed_over",
                weak.person,
                details={
                    "colleague_nip": colleague.nip,
                    "agency": agency,
                    "unit": unit,
                    "rank": colleague.rank,
                    "tmt": day.isoformat(),
                    "colleague_promoted_on": later.isoformat(),
                    # a 202 is compared on its decision's page only, not in the lists (docs/audit.md)
                    "promotion_kind": weak.kind,
                },
            )
            weak.entries.append(entry)
        self.quota.took("passed_over")

    def promote(self, plan: Plan) -> None:
        person, day = plan.person, plan.day
        agency = person.place_at(day)[0]
        payload = {
            "new_rank": plan.new_rank,
            "promotion_kind": plan.kind,
            "reference": self.decree(agency, "823.3", day.year),
        }
        deps = self.rating_deps(person, day)
        if plan.kind == "202" and (level_post := self.next_level_first(person, day, plan.new_rank)) is not None:
            deps.append(level_post)
        rec = self.add(person, "rank_promotion", day, payload, 1, 60, decision=True, deps=deps)
        if rec is None:
            return
        person.ranks.append((day, plan.new_rank))
        self.draw_early(person, day)
        for entry in plan.entries:
            entry.rec = rec
        if plan.protected:
            self.protected_recs.add(id(rec))
        if plan.injection:
            self.book.add(plan.injection, person, rec, details=plan.details)
            self.injected.add(id(rec))
        person.next_check = self.first_check_after_promotion(person, day, plan.new_rank)
        self.after_promotion(person, day, plan.new_rank)  # planned exams and posts may bring it forward

    def next_level_first(self, person: Person, day: date, new: str) -> Rec | None:
        """A 202 into the next functional level's first rank comes with the appointment to that level on its TMT,
        recorded before it (kenaikan jenjang, then the rank step: promotion.functional_range, post.rank_range)."""
        post = person.post_at(day)
        if post is None or post.kind != "FUNGSIONAL" or post.level is None:
            return None
        level = level_for(person.ladder, new)
        if level is None or level == post.level or RANK_INDEX[new] <= RANK_INDEX[RANGES[post.level][1]]:
            return None
        title = self.functional_title(person, level)
        return self.add_post(person, day, "FUNGSIONAL", level, title, person.place_at(day)[1])

    def first_check_after_promotion(self, person: Person, day: date, new: str) -> date:
        """The first round a new promotion could come: by degree (1 y), early (2 y), credit, or 4 y."""
        if RANK_INDEX[degree_rank(person, day)] > RANK_INDEX[new]:
            return add_years(day, 1)
        if person.early_rank != new:
            return add_years(day, 2)
        if person.family:
            return date(day.year + 3, 1, 1)
        return add_years(day, 4)

    def draw_early(self, person: Person, day: date) -> None:
        """Whether the person will be promoted early from the rank just reached (early_promotion)."""
        later = add_years(day, 2)
        chance = (
            0.25
            if self.quota.counts["early_promotion"] == 0 and later >= FORCE_FROM["early_promotion"]
            else RATES["early_promotion"]
        )
        person.early_rank = None if later >= INJECT_FROM and self.rng["quota"].random() < chance else person.rank

    def after_promotion(self, person: Person, day: date, new: str) -> None:
        ceiling = EDU_CEILING[person.edu_at(day)]
        post = person.post_at(day + timedelta(days=1))
        if new == "II/d" and RANK_INDEX[ceiling] >= RANK_INDEX["III/a"]:
            self.plan_exam(person, "UD_I", add_years(day, 1))
        if new == "III/d" and (
            RANK_INDEX[ceiling] >= RANK_INDEX["IV/a"]
            or person.ladder == EXPERT_LEVELS
            or (post is not None and post.kind in MANAGERIAL)
        ):
            self.plan_exam(person, "UD_II", add_years(day, 1))
        if post is None or post.kind != "FUNGSIONAL" or post.level is None:
            return
        level = level_for(person.ladder, new)
        if level is None or level == post.level or any(p.start > day for p in person.posts):
            return
        when = day + timedelta(days=randint(self.rng["career"], 30, 150))
        when = when.replace(day=min(max(when.day, 2), 28))
        if person.separation is not None and when >= person.separation:
            return
        self.add_post(person, when, "FUNGSIONAL", level, self.functional_title(person, level), person.place_at(when)[1])

    # ------------------------------------------------------------------ ratings

    def end_year(self, year: int) -> None:
        for person in self.deceased:
            assert person.separation is not None
            self.posthumous(person, person.separation)
        self.deceased.clear()
        if self.clock.today <= date(year + 1, 1, 31):
            return
        december = date(year, 12, 31)
        staff: dict[tuple[str, str], list[Person]] = {}
        for person in self.people:
            if person.appointed <= date(year, 9, 30) and person.active(december):
                staff.setdefault(person.place_at(december), []).append(person)
        judged = in_force("skp.distribution", december)
        inflate: tuple[str, str] | None = None
        if judged and not self.inflated:
            large = [key for key, people in staff.items() if len(people) >= 8]
            if large:
                inflate = pick(self.rng["rating"], large)
                self.inflated = True
        for key, people in staff.items():
            self.rate_unit(year, key, people, judged, key == inflate)
        for people in staff.values():
            for person in people:
                self.respond_to_rating(person, year)

    def respond_to_rating(self, person: Person, year: int) -> None:
        """What a rating below Baik brings (docs/demo.md "Ratings and their consequences"): coaching, after which
        the employee does better (ability rises); two years running below Baik with a Kurang or worse among them,
        or three years running, a disciplinary penalty early the next year: a light one (a written reprimand or a
        statement of dissatisfaction), medium if a penalty began in the last three years. A medium penalty blocks
        promotion while it runs (promotion.penalty), as the poor ratings themselves do (promotion.performance).
        UU 5/2014 art. 77(6): a PNS who does not meet the performance target faces administrative sanctions up to
        dismissal; the steps and their thresholds are the demo's (I). Dismissal is not simulated."""
        predicate = person.ratings.get(year)
        if predicate is None or SCORE[predicate] >= SCORE[ADEQUATE]:
            return
        person.ability += COACHING
        run = 0
        worst = SCORE[ADEQUATE]
        while (earlier := person.ratings.get(year - run)) is not None and SCORE[earlier] < SCORE[ADEQUATE]:
            worst = min(worst, SCORE[earlier])
            run += 1
        if run < 2 or (run < 3 and worst > SCORE["KURANG"]):
            return
        rng = self.rng["career"]
        start = date(year + 1, randint(rng, 2, 4), randint(rng, 2, 28))
        if not person.active(start) or person.on_leave(start) or start > self.clock.last_day:
            return
        recent = any(begun >= date(year - 2, 1, 1) for begun, _, _ in person.penalties)
        level = "MEDIUM" if recent else "LIGHT"
        kind = None if recent else pick(rng, ("TEGURAN_TERTULIS", "PERNYATAAN_TIDAK_PUAS"))
        self.impose(person, start, level, kind)

    def rate_unit(self, year: int, key: tuple[str, str], people: list[Person], judged: bool, inflate: bool) -> None:
        rng = self.rng["rating"]
        noise = rng.random
        scores = [
            p.ability
            + (noise() + noise() + noise() - 1.5) * 1.2
            - (1.6 if p.penalties and self.penalised(p, year) else 0.0)
            for p in people
        ]  # the noise: roughly normal, sd 0.7
        predicates = [natural_predicate(s) for s in scores]
        unit_predicate = None
        if judged:
            unit_predicate = rng.choices(("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN"), (0.4, 0.55, 0.05))[0]
            if inflate:
                unit_predicate = "BAIK"
            predicates = spread(predicates, scores, unit_predicate, year, inflate)
        for person, predicate in zip(people, predicates, strict=True):
            self.record_rating(person, year, predicate, key[0])
        if unit_predicate is not None:
            self.record_unit_rating(year, key, unit_predicate)
        if inflate:
            shares = {p: round(predicates.count(p) / len(predicates), 3) for p in sorted(set(predicates))}
            self.book.add(
                "grade_inflation",
                agency=key[0],
                unit=key[1],
                year=year,
                details={"unit_predicate": unit_predicate, "rated_staff": len(people), "shares": shares},
            )

    @staticmethod
    def penalised(person: Person, year: int) -> bool:
        return any(start.year == year and level != "LIGHT" for start, _, level in person.penalties)

    def record_rating(self, person: Person, year: int, predicate: str, agency: str) -> None:
        rng = self.rng["rating"]
        day = date(year, 12, 31)
        if rng.random() < 0.4:
            later = date(year + 1, 1, randint(rng, 2, 15))
            if later < person.retiring and (person.separation is None or later <= person.separation):
                day = later
        recorded = scheme_predicate(predicate, year)  # in the year's scheme; the model keeps the common order
        payload = {"year": year, "predicate": recorded, "reference": f"SKP.{year}/{person.nip}"}
        rec = self.add(person, "performance_rating", day, payload, 2, 14, rng=rng, agency=agency)
        if rec is not None:
            person.ratings[year] = predicate
            person.rating_recs[year] = rec

    def record_unit_rating(self, year: int, key: tuple[str, str], predicate: str) -> None:
        rng = self.rng["rating"]
        day = date(year, 12, 31) if rng.random() < 0.5 else date(year + 1, 1, randint(rng, 3, 20))
        agency, unit = key
        self.sequence += 1
        serial = self.number("lkjip", agency, str(year))
        payload = {
            "year": year,
            "predicate": predicate,
            "effective_date": day.isoformat(),
            "reference": f"LKjIP.{year}/{self.agency[agency].short}/{serial:03d}",
        }
        self.unit_recs.append(
            Rec(
                kind="unit_rating",
                eff=day,
                payload=payload,
                rec=self.clock.stamp(rng, day, 3, 12),
                agency=agency,
                seq=self.sequence,
                subject=unit_subject(agency, unit),
            )
        )


def natural_predicate(score: float) -> str:
    if score > 1.35:
        return "SANGAT_BAIK"
    if score < -2.7:
        return "KURANG"
    if score < -1.8:
        return "BUTUH_PERBAIKAN"
    return "BAIK"


ORDER = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")


def spread(predicates: list[str], scores: list[float], unit_predicate: str, year: int, inflate: bool) -> list[str]:
    """Staff predicates within the unit's caps (skp.distribution), or deliberately above them."""
    day = date(year, 12, 31)
    result = list(predicates)
    n = len(result)
    caps: dict[str, float] = param("skp.distribution", day, "max_share", {}).get(unit_predicate, {})
    if inflate:
        top = int(caps.get("SANGAT_BAIK", 0.1) * n + 1e-9)
        best = sorted((i for i in range(n) if result[i] == "SANGAT_BAIK"), key=lambda i: -scores[i])[:top]
        return ["SANGAT_BAIK" if i in best else "BAIK" for i in range(n)]
    if n < int(param("skp.distribution", day, "min_staff", 5)):
        return result
    for position, predicate in enumerate(ORDER[:-1]):
        cap = caps.get(predicate)
        if cap is None:
            continue
        holders = sorted((i for i in range(n) if result[i] == predicate), key=lambda i: scores[i])
        excess = len(holders) - int(cap * n + 1e-9)
        for i in holders[: max(excess, 0)]:
            result[i] = ORDER[position + 1]
    return result


def pns_year_weight(year: int) -> float:
    """How many of today's and past civil servants were appointed (as CPNS) in a year."""
    if year < 1988:
        return 0.0
    if year < 1995:
        return 3.0
    if year < 2000:
        return 2.6
    if year < 2005:
        return 3.0
    if year < 2010:
        return 3.6
    if year < 2015:
        return 2.2
    if year < 2018:
        return 0.3
    if year < 2022:
        return 1.6
    return 1.2
