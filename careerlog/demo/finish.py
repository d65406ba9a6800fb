"""After the years are simulated: mentoring, corrections and retractions, late evidence, and
the recorded times and order in which everything is recorded."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from careerlog.demo import training as tr
from careerlog.demo.dates import MINUTES_A_DAY, day_of, param, pick, randint
from careerlog.demo.irregularities import INJECT_FROM, RATES
from careerlog.demo.merit import MANAGERIAL
from careerlog.demo.model import RANK_INDEX, Person, Rec
from careerlog.demo.posts import leadership_from
from careerlog.reference import reference

if TYPE_CHECKING:
    from careerlog.demo.careers import Simulation

MENTORING_FROM = 2019
SENIOR = RANK_INDEX["IV/a"]


# ------------------------------------------------------------------ mentoring


def add_mentoring(sim: Simulation) -> set[int]:
    """Senior staff mentor one to three juniors of their agency; returns the mentors' indexes."""
    rng = sim.rng["finish"]
    mentors: set[int] = set()
    mentees: set[int] = set()
    for year in range(MENTORING_FROM, sim.clock.last_day.year + 1):
        middle = date(year, 6, 30)
        serving: dict[str, list[Person]] = {}
        for person in sim.pns:
            if person.appointed < middle and (person.separation is None or person.separation > middle):
                serving.setdefault(person.place_at(middle)[0], []).append(person)
        for agency in sim.agencies:
            start = date(year, randint(rng, 2, 10), randint(rng, 2, 28))
            if start > sim.clock.last_day - timedelta(days=30):
                continue
            staff = [p for p in serving.get(agency.code, []) if p.active(start) and p.place_at(start)[0] == agency.code]
            seniors = [p for p in staff if p.idx not in mentees and senior(p, start) and lasts(p, start)]
            juniors = [
                p for p in staff
                if p.idx not in mentors and p.idx not in mentees and lasts(p, start)
                and p.appointed >= date(year - 5, 1, 1) and RANK_INDEX.get(p.rank_at(start), 99) <= RANK_INDEX["III/b"]
            ]  # fmt: skip
            for _ in range(max(1, round(len(staff) * 0.004))):
                if not seniors or not juniors:
                    break
                mentor = pick(rng, seniors)
                chosen = rng.sample(juniors, min(len(juniors), randint(rng, 1, 3)))
                for mentee in chosen:
                    juniors.remove(mentee)
                    mentees.add(mentee.idx)
                    mentor_one(sim, rng, mentor, mentee, start)
                mentors.add(mentor.idx)
    return mentors


def senior(person: Person, day: date) -> bool:
    post = person.post_at(day)
    return RANK_INDEX[person.rank_at(day)] >= SENIOR or (post is not None and post.kind in MANAGERIAL - {"PENGAWAS"})


def lasts(person: Person, day: date) -> bool:
    return person.separation is None or person.separation > day + timedelta(days=400)


def mentor_one(sim: Simulation, rng: random.Random, mentor: Person, mentee: Person, start: date) -> None:
    short = sim.agency[mentee.place_at(start)[0]].short
    focus = pick(rng, tr.FOCUS)
    payload = {
        "mentor_nip": mentor.nip,
        "focus": focus,
        "reference": f"MNT/{short}/{start.year}/{sim.number('mentoring', short, str(start.year)):04d}",
    }
    opened = sim.add(mentee, "mentoring_start", start, payload, 1, 14, rng=rng)
    if opened is None:
        return
    end = start + timedelta(days=randint(rng, 150, 330))
    for _ in range(randint(rng, 1, 4)):
        day = start + timedelta(days=randint(rng, 14, 140))
        session = {
            "mentor_nip": mentor.nip,
            "topic": pick(rng, tr.SESSION_TOPICS),
            "minutes": pick(rng, (45, 60, 60, 90, 120)),
            "reference": f"MNT-SES/{short}/{day.year}/{sim.number('session', short, str(day.year)):05d}",
        }
        sim.add(mentee, "mentoring_session", day, session, 0, 7, deps=[opened], rng=rng)
    if rng.random() < 0.9:
        closing = {
            "mentor_nip": mentor.nip,
            "reason": "Program mentoring selesai",
            "reference": f"MNT-END/{short}/{end.year}/{sim.number('mentoring-end', short, str(end.year)):04d}",
        }
        sim.add(mentee, "mentoring_end", end, closing, 1, 14, deps=[opened], rng=rng)


def end_acting(sim: Simulation) -> None:
    """Every Plt and Plh ends with a post_end: one still open today ends after a few months, or is dropped."""
    rng = sim.rng["finish"]
    for person in sim.people:
        for post in list(person.posts):
            if post.assignment == "DEFINITIVE" or post.end is not None:
                continue
            rec = next(r for r in person.recs if r.kind == "post_appointment" and r.reference == post.reference)
            end = post.start + timedelta(days=randint(rng, 90, 240))
            last = sim.clock.last_day - timedelta(days=1)
            if person.separation is not None:
                last = min(last, person.separation)
            if post.start + timedelta(days=90) <= last:
                sim.end_post(person, rec, min(end, last), "Masa penugasan Plt berakhir")
            else:
                person.recs.remove(rec)
                person.posts.remove(post)


# ------------------------------------------------------------------ corrections and retractions


def add_corrections(sim: Simulation) -> dict[int, Rec]:
    """A few mistyped facts corrected and duplicates retracted; returns each one's target."""
    rng = sim.rng["finish"]
    targets: dict[int, Rec] = {}
    for person in sim.people:
        draw = rng.random()
        if draw < 0.006:
            fix_name(sim, rng, person, targets)
        elif person.protected:
            continue
        elif draw < 0.018:
            fix_hours(sim, rng, person, targets)
        elif draw < 0.026:
            retract_duplicate(sim, rng, person, targets)
    return targets


def plain_trainings(person: Person) -> list[Rec]:
    return [
        r for r in person.recs
        if r.kind == "training" and r.eff.year >= 2010 and "programme_id" not in r.payload
        and r.payload["training_kind"] not in ("LATSAR", "PKP", "PKA", "PKN_II", "PKN_I")
    ]  # fmt: skip


def correction_day(
    sim: Simulation, rng: random.Random, person: Person, after: date, low: int, high: int
) -> date | None:
    day = after + timedelta(days=randint(rng, low, high))
    decided = {r.eff for r in person.recs if r.decision}
    if day > sim.clock.last_day - timedelta(days=1) or day in decided:
        return None
    if person.separation is not None and day > person.separation:
        return None
    return day


def add_fix(
    sim: Simulation, rng: random.Random, person: Person, kind: str, day: date, payload: dict[str, Any], target: Rec
) -> Rec | None:
    agency = person.place_at(day)[0]
    code = "800.1.11" if kind == "correction" else "800.1.12"
    payload["reference"] = sim.decree(agency, code, day.year)
    return sim.add(person, kind, day, payload, 0, 0, deps=[target], rng=rng)


def fix_name(sim: Simulation, rng: random.Random, person: Person, targets: dict[int, Rec]) -> None:
    appointment = person.recs[0]
    name = str(appointment.payload["name"])
    words = [i for i, w in enumerate(name.split(" ")) if len(w) >= 5 and w.isalpha()]
    day = correction_day(sim, rng, person, day_of(appointment.rec), 30, 700)
    if not words or day is None:
        return
    parts = name.split(" ")
    word = parts[words[0]]
    cut = randint(rng, 1, len(word) - 2)
    parts[words[0]] = word[:cut] + word[cut + 1] + word[cut] + word[cut + 2 :]
    typo = " ".join(parts)
    if typo == name:
        return
    appointment.payload["name"] = typo
    payload = {"target_version": 1, "reason": "Salah ketik nama pada SK", "corrected_fields": {"name": name}}
    rec = add_fix(sim, rng, person, "correction", day, payload, appointment)
    if rec is None:
        appointment.payload["name"] = name
    else:
        targets[id(rec)] = appointment


def fix_hours(sim: Simulation, rng: random.Random, person: Person, targets: dict[int, Rec]) -> None:
    candidates = plain_trainings(person)
    if not candidates:
        return
    target = pick(rng, candidates)
    hours = int(target.payload["hours"])
    start = date.fromisoformat(target.payload["start_date"])
    days = (target.eff - start).days + 1
    limit = int(param("training.max_jp_per_day", target.eff, "jp", 12)) * days
    others = sim.trainings_held(person, but=target)
    typos = [
        t for t in (hours // 10, hours + 10, int(str(hours)[::-1]))
        if 1 <= t <= limit and t != hours and tr.day_too_full(others, start, target.eff, t) is None
    ]  # fmt: skip
    day = correction_day(sim, rng, person, day_of(target.rec), 20, 200)
    if not typos or day is None:
        return
    target.payload["hours"] = pick(rng, typos)
    payload = {
        "target_version": 0,
        "reason": "Salah ketik jumlah JP pada sertifikat",
        "corrected_fields": {"hours": hours},
    }
    rec = add_fix(sim, rng, person, "correction", day, payload, target)
    if rec is None:
        target.payload["hours"] = hours
    else:
        targets[id(rec)] = target


def alone_on_its_days(held: list[tr.Held], rec: Rec) -> bool:
    """Whether no other training shares a day with this one: its duplicate (confirmed as attended twice, so not judged
    by training.daily_jp) leaves every later training of those days judged as without it."""
    start = date.fromisoformat(str(rec.payload["start_date"]))
    return sum(1 for o in held if o.start <= rec.eff and o.end >= start) == 1


def retract_duplicate(sim: Simulation, rng: random.Random, person: Person, targets: dict[int, Rec]) -> None:
    held = sim.trainings_held(person)
    candidates = [r for r in plain_trainings(person) if alone_on_its_days(held, r)]
    if not candidates:
        return
    original = pick(rng, candidates)
    day = correction_day(sim, rng, person, day_of(original.rec), 20, 150)
    if day is None:
        return
    payload = dict(original.payload)
    payload["reference"] = str(original.payload["reference"]).replace("/", "-")
    payload["confirm"] = ["training.duplicate"]  # recorded so, the writer was asked and said it was attended twice
    sim.sequence += 1
    duplicate = Rec(
        kind="training",
        eff=original.eff,
        payload=payload,
        rec=original.rec + randint(rng, 1, 10) * MINUTES_A_DAY,
        agency=original.agency,
        seq=sim.sequence,
        subject=person.nip,
    )
    if day_of(duplicate.rec) >= day:
        return
    person.recs.append(duplicate)
    retraction = {"target_version": 0, "reason": "Data pelatihan tercatat ganda"}
    rec = add_fix(sim, rng, person, "retraction", day, retraction, duplicate)
    if rec is None:
        person.recs.remove(duplicate)
    else:
        targets[id(rec)] = duplicate


# ------------------------------------------------------------------ evidence recorded after the decision


def late_evidence(sim: Simulation) -> None:
    """Mark evidence (a rating, a leadership training) to be recorded after the decision resting on it."""
    rng = sim.rng["finish"]
    promotions: list[tuple[Person, Rec, Rec]] = []
    posts: list[tuple[Person, Rec, Rec]] = []
    since = leadership_from()
    for person in sim.pns:
        decisions = [r for r in person.recs if r.decision]
        for rec in decisions:
            if id(rec) in sim.injected or id(rec) in sim.protected_recs:
                continue
            if (
                rec.kind == "rank_promotion"
                and not person.protected
                and rec.payload["promotion_kind"] == "101"
                and rec.eff >= INJECT_FROM
            ):
                rating = person.rating_recs.get(rec.eff.year - 1)
                since = min(rating.eff, date(rec.eff.year, 1, 1)) if rating is not None else rec.eff
                if rating is not None and rating.late_for is None and alone(decisions, rec, since):
                    promotions.append((person, rec, rating))
            elif is_judged_post(rec) and rec.eff >= since:
                kind = str(reference().post_kinds[rec.payload["post_kind"]]["leadership_training"])
                trained = [t for t in person.leadership.get(kind, []) if t.eff <= rec.eff]
                if len(trained) == 1 and trained[0].late_for is None and alone(decisions, rec, trained[0].eff):
                    posts.append((person, rec, trained[0]))
    choose_late(sim, rng, promotions, RATES["evidence_recorded_after"], "promotion.performance", "performance_rating")
    choose_late(sim, rng, posts, RATES["evidence_recorded_after_post"], "post.leadership_training", "training")


def is_judged_post(rec: Rec) -> bool:
    return (
        rec.kind == "post_appointment"
        and rec.payload["assignment"] == "DEFINITIVE"
        and rec.payload["post_kind"] in MANAGERIAL
    )


def alone(decisions: list[Rec], rec: Rec, since: date) -> bool:
    """No other decision between the evidence's effective date and this one's."""
    return not any(r is not rec and since <= r.eff <= rec.eff for r in decisions)


def choose_late(
    sim: Simulation, rng: random.Random, candidates: list[tuple[Person, Rec, Rec]], rate: float, rule: str, kind: str
) -> None:
    chosen = [c for c in candidates if rng.random() < rate]
    if not chosen and candidates:
        chosen = [pick(rng, candidates)]
    for person, decision, evidence in chosen:
        if decision.eff > sim.clock.last_day - timedelta(days=40):
            continue
        evidence.late_for = decision
        decision.deps = [d for d in decision.deps if d is not evidence]
        details = {
            "evidence_kind": kind,
            "evidence_reference": evidence.reference,
            "evidence_effective_date": evidence.eff.isoformat(),
        }
        if kind == "training":
            details["training_kind"] = str(evidence.payload["training_kind"])
        sim.book.add("evidence_recorded_after", person, decision, ("evidence.recorded_after", rule), details)
        sim.injected.add(id(decision))


# ------------------------------------------------------------------ recorded times and order


def settle_times(sim: Simulation) -> None:
    """Recorded times every check accepts: a decision after all it rests on, a link after its target."""
    rng = sim.rng["finish"]
    for person in sim.people:
        ordered = sorted(person.recs, key=lambda r: (r.kind != "appointment", r.eff, r.decision, r.seq))
        push(sim, rng, ordered, include_late=False, frozen=set())
        late = [r for r in ordered if r.late_for is not None]
        for rec in late:
            assert rec.late_for is not None
            rec.rec = min(rec.late_for.rec + randint(rng, 1, 20) * MINUTES_A_DAY, sim.clock.limit)
        if late:
            frozen = {id(r.late_for) for r in late} | {id(r) for r in late}
            push(sim, rng, ordered, include_late=True, frozen=frozen)


def push(sim: Simulation, rng: random.Random, ordered: list[Rec], *, include_late: bool, frozen: set[int]) -> None:
    first = ordered[0]
    running = first.rec
    for rec in ordered[1:]:
        if rec.late_for is not None and not include_late:
            continue
        if id(rec) not in frozen:
            bound = max([first.rec, *(d.rec for d in rec.deps)])
            if rec.decision:
                bound = max(bound, running)
            if rec.rec <= bound:
                rec.rec = sim.clock.after(rng, bound)
        running = max(running, rec.rec)


def ordered_records(sim: Simulation, targets: dict[int, Rec]) -> list[Person]:
    """Each person's records in recorded order, with corrections pointing at their targets' versions."""
    for person in sim.people:
        person.recs.sort(key=lambda r: (r.rec, r.seq))
        versions = {id(r): i + 1 for i, r in enumerate(person.recs)}
        for rec in person.recs:
            target = targets.get(id(rec))
            if target is not None:
                rec.payload["target_version"] = versions[id(target)]
    return sim.people
