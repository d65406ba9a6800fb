"""Managerial posts: each unit's slots, filled on installation days from qualified candidates.

A vacant slot goes to the best qualified candidate of the agency (the unit's own staff
first). Since the leadership-training rule came into force the candidate must have the
training before the appointment: the best untrained candidate is sent to it and installed
on a later installation day, while a senior colleague acts (Plt). Installation days also
move a few staff between units and agencies.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from careerlog.ages import add_years
from careerlog.demo import training as tr
from careerlog.demo.dates import param, pick, randint
from careerlog.demo.merit import JPT, POST_ORDER, penalty_blocks, post_failures
from careerlog.demo.model import EDU_ORDER, RANGES, RANK_INDEX, Person, Rec
from careerlog.demo.org import SlotSpec, head_slots, level_for, unit_slots
from careerlog.reference import reference, rules

if TYPE_CHECKING:
    from careerlog.demo.careers import Simulation

NEXT_KIND = {
    "PELAKSANA": "PENGAWAS",
    "FUNGSIONAL": "PENGAWAS",
    "PENGAWAS": "ADMINISTRATOR",
    "ADMINISTRATOR": "JPT_PRATAMA",
    "FUNGSIONAL:AHLI_MADYA": "JPT_PRATAMA",
    "JPT_PRATAMA": "JPT_MADYA",
}
SOURCES: dict[str, tuple[str, ...]] = {
    "PENGAWAS": ("PELAKSANA", "FUNGSIONAL"),
    "ADMINISTRATOR": ("PENGAWAS",),
    "JPT_PRATAMA": ("ADMINISTRATOR", "FUNGSIONAL:AHLI_MADYA"),
    "JPT_MADYA": ("JPT_PRATAMA",),
}
INJECT_POSTS_FROM = date(2003, 1, 1)
# Women's share of each kind of managerial post (I): women hold fewer senior posts the higher the post
# (asn-career-rules.md s.8, 2022: Pengawas 39.6%, Administrator 26.5%, JPT Pratama 15.5%, of an ASN 54% women). The
# demo does not model why (who is proposed, who applies, who can move for a post), only the outcome: a selection
# takes the best qualified woman only while that brings the level's share among the demo's holders at least as near
# the reference's as the best man would (women_wanted), so the share stays near it at any size and seed (before, a
# woman was left out of a pool with a fixed chance, and a level's share swung with the size and seed: the Pengawas of
# the 2,000 demo of seed 3 were 50.4% women). JPT Madya is one post, the province's regional secretary, and is left
# alone. docs/demo.md "Senior posts" gives the shares measured.
WOMEN_SHARE: dict[str, float] = {"PENGAWAS": 0.396, "ADMINISTRATOR": 0.265, "JPT_PRATAMA": 0.155}


def leadership_from() -> date:
    versions = rules().versions("post.leadership_training")
    return min((v.valid_from for v in versions), default=date(2017, 3, 30))


def open_selection_from() -> date:
    versions = rules().versions("post.open_selection")
    return min((v.valid_from for v in versions), default=date(2014, 1, 15))


@dataclass(eq=False)
class Slot:
    """A managerial post of a unit and who holds it, is being trained for it, or acts in it."""

    agency: str
    unit: str
    spec: SlotSpec
    head: bool
    holder: Person | None = None
    reserved: Person | None = None
    acting: tuple[Person, Rec, date] | None = None

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def training(self) -> str:
        return str(reference().post_kinds[self.kind]["leadership_training"])


class Staffing:
    """The slots of every agency and what happens on installation days."""

    def __init__(self, sim: Simulation):
        self.sim = sim
        self.rng: random.Random = sim.rng["posts"]
        self.slots: dict[str, list[Slot]] = {}
        self.leadership_from = leadership_from()
        self.open_selection_from = open_selection_from()
        self.pool: dict[str, list[tuple[float, str, Person]]] = {}
        self.active: list[Person] = []
        self.verdicts: dict[tuple[int, str], bool] = {}
        self.held: dict[str, list[int]] = {}  # women and holders of each kind of post (WOMEN_SHARE), every agency
        total = sum(a.weight for a in sim.agencies)
        for agency in sim.agencies:
            unit_total = sum(u.weight for u in agency.units)
            slots: list[Slot] = []
            for unit in agency.units:
                staff = sim.employees * agency.weight / total * unit.weight / unit_total * 0.85
                heads = head_slots(agency, unit)
                for i, spec in enumerate(unit_slots(agency, unit, staff)):
                    slots.append(Slot(agency.code, unit.name, spec, head=(i == 0 and spec in heads)))
            slots.sort(key=lambda s: -POST_ORDER[s.kind])
            self.slots[agency.code] = slots

    def installation_days(self, year: int) -> list[tuple[str, date]]:
        """One installation day a year for each agency (posts, transfers, acting heads)."""
        return [
            (agency.code, date(year, randint(self.rng, 2, 10), randint(self.rng, 5, 25)))
            for agency in self.sim.agencies
        ]

    # ------------------------------------------------------------------ installation day

    def install(self, agency: str, day: date) -> None:
        slots = self.slots[agency]
        self.release(slots, day)
        members = self.sim.members[agency]
        members[:] = [p for p in members if p.separation is None or p.separation >= day]
        self.active = [p for p in members if p.pns and p.appointed < day]
        self.pool = self.build_pools(day)
        self.verdicts = {}
        self.held = self.count_held(day)
        for slot in slots:
            if slot.holder is None:
                self.fill(slot, day)
        self.standing_in(slots, day)
        if day >= self.leadership_from:
            self.talent_pool(day)
        self.transfers(agency, day)

    def release(self, slots: list[Slot], day: date) -> None:
        for slot in slots:
            if slot.holder is not None and (not slot.holder.active(day) or slot.holder.slot is not slot):
                slot.holder = None
            reserved = slot.reserved
            if reserved is not None and (not reserved.active(day) or reserved.reserved is not slot):
                slot.reserved = None
            if slot.acting is not None:
                person, rec, start = slot.acting
                if not person.active(day):
                    slot.acting = None
                elif (day - start).days > 540:
                    self.sim.end_post(person, rec, day, "Masa penugasan Plt berakhir")
                    slot.acting = None

    def count_held(self, day: date) -> dict[str, list[int]]:
        """[women, holders] of each kind of post WOMEN_SHARE names, in every agency, on an installation day."""
        held = {kind: [0, 0] for kind in WOMEN_SHARE}
        for slots in self.slots.values():
            for slot in slots:
                holder = slot.holder
                if holder is not None and slot.kind in held and holder.active(day):
                    held[slot.kind][0] += holder.sex == "F"
                    held[slot.kind][1] += 1
        return held

    def women_wanted(self, kind: str) -> bool:
        """Whether a woman appointed to a post of this kind brings its share among the holders at least as near the
        reference's (WOMEN_SHARE) as a man would: (w + 1) / (n + 1) - share <= share - w / (n + 1)."""
        if kind not in WOMEN_SHARE:
            return True
        women, holders = self.held[kind]
        return 2 * women + 1 <= 2 * WOMEN_SHARE[kind] * (holders + 1)

    def fill(self, slot: Slot, day: date) -> None:
        reserved = slot.reserved
        women = self.women_wanted(slot.kind)
        # a woman trained for the post is not appointed while the level's share is at the reference's
        wanted = reserved is not None and (women or reserved.sex != "F")
        if reserved is not None and wanted and self.qualified(reserved, slot, day, training=True):
            self.appoint(reserved, slot, day)
            return
        if reserved is not None and (not wanted or not self.qualified(reserved, slot, day, training=False)):
            reserved.reserved = None
            slot.reserved = None
            reserved = None
        candidates = self.candidates(slot.kind, slot.unit, day, slot)
        if not women:
            candidates = [c for c in candidates if c.sex != "F"]  # no man qualified: vacant to the next selection
        if not candidates:
            return
        if slot.kind == "PENGAWAS" and day >= INJECT_POSTS_FROM and self.out_of_range(slot, day):
            return
        if day < self.leadership_from:
            self.appoint(candidates[0], slot, day)
            return
        trained = [c for c in candidates if c.leadership_done(slot.training, day)]
        if trained:
            self.appoint(trained[0], slot, day)
            return
        if reserved is None:
            chosen = candidates[0]
            self.send_to_training(chosen, slot.training, day + timedelta(days=randint(self.rng, 10, 30)))
            slot.reserved, chosen.reserved = chosen, slot
            if slot.head and slot.acting is None:
                self.act(slot, day)

    def build_pools(self, day: date) -> dict[str, list[tuple[float, str, Person]]]:
        """The staff of an agency who could move up a level, by the kind they could move to."""
        pools: dict[str, list[tuple[float, str, Person]]] = {kind: [] for kind in SOURCES}
        for person in self.active:
            if person.confirmed is None or person.confirmed >= day:
                continue
            current = person.post_at(day)
            if current is None:
                continue
            target = NEXT_KIND.get(f"{current.kind}:{current.level}") or NEXT_KIND.get(current.kind)
            if target is None or (current.kind == "FUNGSIONAL" and target == "PENGAWAS" and person.idx % 4):
                continue  # few functional staff (teachers, nurses) move to structural posts
            low, high = RANGES[target]
            if not RANK_INDEX[low] <= RANK_INDEX[person.rank_at(day)] <= RANK_INDEX[high]:
                continue
            minimum = param("post.education", day, "min_level", {}).get(target, "SD")
            if EDU_ORDER[person.edu_at(day)] < EDU_ORDER[minimum]:
                continue
            score = person.performance_score(day.year, 3) + self.rng.random() * 0.8
            pools[target].append((score, person.place_at(day)[1], person))
        return pools

    def candidates(self, kind: str, unit: str, day: date, slot: Slot | None) -> list[Person]:
        """Qualified candidates (all post rules but the leadership training), best first."""
        ranked = sorted(self.pool[kind], key=lambda item: (-(item[0] + (0.3 if item[1] == unit else 0.0)), item[2].idx))
        found = []
        for _, _, person in ranked:
            if not self.available(person, kind, day, slot):
                continue
            key = (person.idx, kind)
            if key not in self.verdicts:
                self.verdicts[key] = not post_failures(person, day, kind, None, "OPEN", training=False)
            if self.verdicts[key]:
                found.append(person)
                if len(found) >= 25:
                    break
        return found

    def available(self, person: Person, kind: str, day: date, slot: Slot | None) -> bool:
        if not person.pns or not person.active(day) or person.confirmed is None or person.confirmed >= day:
            return False
        held = person.slot
        if isinstance(held, Slot) and POST_ORDER[held.kind] >= POST_ORDER[kind]:
            return False
        if person.reserved is not None and person.reserved is not slot:
            return False
        if person.separation is not None and person.separation <= add_years(day, 3 if kind in JPT else 2):
            return False
        if person.on_leave(day) or any(p.start >= day for p in person.posts):
            return False
        current = person.post_at(day)
        if current is None or not any(
            current.kind == spec.partition(":")[0] and (":" not in spec or current.level == spec.partition(":")[2])
            for spec in SOURCES[kind]
        ):
            return False
        return not penalty_blocks(person, day)

    def qualified(self, person: Person, slot: Slot, day: date, *, training: bool) -> bool:
        if not self.available(person, slot.kind, day, slot):
            return False
        return not post_failures(person, day, slot.kind, slot.spec.eselon, "OPEN", training=training)

    def out_of_range(self, slot: Slot, day: date) -> bool:
        """Maybe appoint someone below the post's rank range (post_rank_out_of_range)."""
        if not self.sim.quota.want("post_rank_out_of_range", day):
            return False
        training = day >= self.leadership_from
        for person in self.active:
            if person.rank_at(day) != "III/a":
                continue
            if not self.available(person, slot.kind, day, slot):
                continue
            if post_failures(person, day, slot.kind, slot.spec.eselon, None, training=training) != ["post.rank_range"]:
                continue
            low, high = (reference().post_kinds[slot.kind][k] for k in ("min_rank", "max_rank"))
            details: dict[str, object] = {
                "post_kind": slot.kind, "rank": "III/a", "rank_range": [low, high], "title": slot.spec.title,
            }  # fmt: skip
            self.appoint(person, slot, day, injection=("post_rank_out_of_range", details))
            return True
        return False

    # ------------------------------------------------------------------ appointments

    def appoint(
        self, person: Person, slot: Slot, day: date, injection: tuple[str, dict[str, object]] | None = None
    ) -> None:
        sim = self.sim
        deps = self.move(person, day, person.place_at(day)[0], slot.unit)
        selection = None
        if slot.kind in JPT and day >= self.open_selection_from:
            selection = "TALENT_POOL" if day.year >= 2021 and self.rng.random() < 0.35 else "OPEN"
            if day >= date(2014, 6, 1) and sim.quota.want("jpt_without_open_selection", day):
                selection = "DIRECT"
                injection = (
                    "jpt_without_open_selection",
                    {"post_kind": slot.kind, "title": slot.spec.title, "selection": "DIRECT"},
                )
        rec = sim.add_post(
            person, day, slot.kind, slot.spec.eselon, slot.spec.title, slot.unit, selection=selection, deps=deps
        )
        if rec is None:
            return
        previous = person.slot
        if isinstance(previous, Slot):
            previous.holder = None
            if previous.kind in self.held:
                self.held[previous.kind][0] -= person.sex == "F"
                self.held[previous.kind][1] -= 1
        slot.holder, person.slot = person, slot
        if slot.kind in self.held:
            self.held[slot.kind][0] += person.sex == "F"
            self.held[slot.kind][1] += 1
        if slot.reserved is not None and slot.reserved is not person:
            slot.reserved.reserved = None
        slot.reserved = None
        if isinstance(person.reserved, Slot) and person.reserved is not slot:
            person.reserved.reserved = None
        person.reserved = None
        if slot.acting is not None:
            acting, acting_rec, _ = slot.acting
            sim.end_post(acting, acting_rec, day, "Pejabat definitif telah dilantik")
            slot.acting = None
        if slot.kind != "PENGAWAS" and person.rank_at(day) == "III/d":
            sim.plan_exam(person, "UD_II", day + timedelta(days=randint(self.rng, 120, 500)))
        if day < self.leadership_from and not person.leadership_done(slot.training, day):
            self.send_to_training(person, slot.training, day + timedelta(days=randint(self.rng, 60, 400)))
        person.next_check = min(person.next_check, day)
        if injection is not None:
            kind, details = injection
            sim.book.add(kind, person, rec, details=dict(details))
            sim.quota.took(kind)
            sim.injected.add(id(rec))

    def move(self, person: Person, day: date, agency: str, unit: str) -> list[Rec]:
        """A placement in another unit (or agency) on a day; the record it makes, if any."""
        if person.place_at(day) == (agency, unit):
            return []
        person.places.append((day, agency, unit))
        payload = {
            "agency": agency,
            "unit": unit,
            "region": self.sim.agency[agency].region,
            "reference": self.sim.decree(agency, "824", day.year),
        }
        rec = self.sim.add(person, "placement", day, payload, 3, 40)
        return [rec] if rec is not None else []

    def send_to_training(self, person: Person, kind: str, start: date) -> None:
        course = tr.leadership_course(self.rng, kind, start)
        self.sim.record_course(person, course, feedback=False)

    def act(self, slot: Slot, day: date) -> None:
        """A senior colleague of the unit acts (Plt) in a vacant head post."""
        seniors = sorted(self.slots[slot.agency], key=lambda s: -POST_ORDER[s.kind])
        for other in seniors:
            person = other.holder
            if other is slot or other.unit != slot.unit or person is None or other.head:
                continue
            if any(p.start >= day for p in person.posts) or (person.separation and person.separation <= day):
                continue
            rec = self.sim.add_post(
                person, day, slot.kind, slot.spec.eselon, f"Plt. {slot.spec.title}", slot.unit,
                assignment="PLT", reference_code="800.1.3.3",
            )  # fmt: skip
            if rec is not None:
                slot.acting = (person, rec, day)
            return

    def standing_in(self, slots: list[Slot], day: date) -> None:
        """Now and then a head is away for a few weeks and a colleague stands in (Plh)."""
        for slot in slots:
            if not slot.head or slot.holder is None or self.rng.random() >= 0.025:
                continue
            start = day + timedelta(days=randint(self.rng, 10, 50))
            start = start.replace(day=max(start.day, 2))
            end = start + timedelta(days=randint(self.rng, 5, 20))
            deputies = [
                s.holder for s in slots
                if s.unit == slot.unit and s is not slot and s.holder is not None and not s.head
            ]  # fmt: skip
            if not deputies or end > self.sim.clock.last_day:
                continue
            deputy = deputies[0]
            people = (deputy, slot.holder)
            if any(not p.active(end) or any(q.start >= day for q in p.posts) for p in people):
                continue
            rec = self.sim.add_post(
                deputy, start, slot.kind, slot.spec.eselon, f"Plh. {slot.spec.title}", slot.unit,
                assignment="PLH", reference_code="800.1.3.3",
            )  # fmt: skip
            if rec is not None:
                self.sim.end_post(deputy, rec, end, "Pejabat definitif kembali bertugas")

    def talent_pool(self, day: date) -> None:
        """Send a promising candidate to leadership training before any vacancy (pre-service)."""
        for kind in ("PENGAWAS", "ADMINISTRATOR", "JPT_PRATAMA"):
            if self.rng.random() >= 0.8:
                continue
            training = str(reference().post_kinds[kind]["leadership_training"])
            for person in self.candidates(kind, "", day, None)[:5]:
                if not person.leadership_done(training, add_years(day, 1)) and person.reserved is None:
                    self.send_to_training(person, training, day + timedelta(days=randint(self.rng, 20, 90)))
                    break

    # ------------------------------------------------------------------ transfers

    def transfers(self, agency: str, day: date) -> None:
        sim = self.sim
        settled = add_years(day, -2)
        movable = [
            p for p in self.active
            if p.appointed < settled and p.slot is None and p.reserved is None
            and not p.on_leave(day) and p.posts[-1].start < day
        ]  # fmt: skip
        if not movable:
            return
        count = int(len(movable) * 0.016 + self.rng.random())
        for person in self.rng.sample(movable, min(count, len(movable))):
            post = person.post_at(day)
            if post is not None and post.kind == "PELAKSANA":
                self.transfer(person, day, agency)
        others = [a.code for a in sim.agencies if a.code != agency]
        if others and self.rng.random() < len(movable) * 0.002:
            person = pick(self.rng, movable)
            self.transfer(person, day, pick(self.rng, others))

    def transfer(self, person: Person, day: date, agency: str) -> None:
        sim = self.sim
        post = person.post_at(day)
        if post is None or post.kind not in ("PELAKSANA", "FUNGSIONAL") or post.start >= day:
            return
        current_agency, current_unit = person.place_at(day)
        spec = sim.agency[agency]
        family = sim.agency[current_agency].unit(current_unit).family
        if post.kind == "FUNGSIONAL":
            if agency == current_agency:
                return  # functional staff move between agencies only, to the same kind of unit
            units = [u for u in spec.units if u.family == family]
        else:
            units = [u for u in spec.units if u.name != current_unit or agency != current_agency]
        if not units:
            return
        unit = self.rng.choices(units, [u.weight for u in units])[0]
        level = None
        if post.kind == "FUNGSIONAL":
            level = level_for(person.ladder, person.rank_at(day))
            if level is None:
                return
        deps = self.move(person, day, agency, unit.name)
        if not deps:
            return
        if agency != current_agency:
            sim.members[current_agency].remove(person)
            sim.members[agency].append(person)
        if level is not None:
            sim.add_post(person, day, "FUNGSIONAL", level, sim.functional_title(person, level), unit.name, deps=deps)
        else:
            sim.add_post(person, day, "PELAKSANA", None, post.title, unit.name, deps=deps)
