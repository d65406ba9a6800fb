"""The employee aggregate, identified by NIP or NI PPPK, and the checks on what is recorded.

These checks refuse records that cannot be true (a date before birth, a promotion to a
lower rank, an event after separation). They never refuse a record that merely breaks a
merit rule (a promotion after two years instead of four): that is a legal record, and
the audit flags it.
"""

from __future__ import annotations

import bisect
import contextlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cache, cached_property
from typing import Any

from careerlog.ages import months_last_day, whole_years
from careerlog.domain.errors import INVISIBLE, FieldErrors, InvalidInput, quoted, quoted_apart
from careerlog.domain.events import Appointed, EventCorrected, LedgerEvent
from careerlog.domain.ledger import (
    IN_FUTURE,
    RATED,
    YEAR_AFTER_RATING,
    Fact,
    LedgerAggregate,
    Outcome,
    Recording,
    caseless,
    created_directly,
    named_by_reference,
    reference_key,
)
from careerlog.domain.nip import nip_mismatches, nip_rules, normalise_nip, parse_nip
from careerlog.domain.payload import parse_payload
from careerlog.domain.ratings import check_rating, in_year_scheme
from careerlog.domain.unit import unit_key
from careerlog.domain.voids import last_void
from careerlog.domain.wording import Reason, Refusal, confirmable, joined
from careerlog.probation import probation_end, probation_years
from careerlog.reference import Rules, reference, rules

RATING_SCHEME_FIELDS = frozenset(("year", "predicate", "score"))  # a rating's fields judged by its year's scheme
RATING_DATE_FIELDS = frozenset(("year", "effective_date"))  # a rating's fields judged by skp.rated_after_year_end
PENALTY_LENGTH_FIELDS = frozenset(("effective_date", "end_date", "penalty_kind"))  # a penalty's, judged by its months
PENALTY_KIND_FIELDS = frozenset(("effective_date", "penalty_kind"))  # a penalty's, judged by its regulation's kinds
PENALTY_KINDS_RULE = "penalty.kinds"  # the kinds of the discipline regulation in force on a penalty's effective date
MENTORING_LINKS = ("mentor_nip", "mentee_nip", "programme_id", "appointment_reference")
PROGRAMME_KINDS = ("training", "training_feedback")  # the kinds a career keeps by programme (Career.of_programme)
# The largest cost of one training in rupiah: far above any real one, and small enough that the views'
# sums (DOUBLE PRECISION) stay finite; 1e400 was read as infinity, and the reports answered `Infinity`.
MAX_COST = Decimal(10**12)
LEAST_JP = 1  # a training's least lesson hours (its most: its days and rule training.max_jp_per_day)
FEEDBACK_SCALE = (1, 5)  # a training feedback's rating and relevance, "Must be between 1 and 5"
SESSION_MINUTES = (1, 24 * 60)  # a mentoring session's length, "Must be between 1 and 1440"
# The fixed bounds the checks below hold an event's numbers to, by kind and field (None: no fixed bound), which the
# API's OpenAPI document gives as `minimum` and `maximum` (web.api.event_schemas): the ledger judges them, for the
# API, an import, the pages' forms and the command line alike, so no schema's validate.Range carried them there.
FIELD_BOUNDS: dict[tuple[str, str], tuple[int | Decimal, int | Decimal | None]] = {
    ("training", "hours"): (LEAST_JP, None),
    ("training", "cost"): (0, MAX_COST),
    ("training_feedback", "rating"): FEEDBACK_SCALE,
    ("training_feedback", "relevance"): FEEDBACK_SCALE,
    ("mentoring_session", "minutes"): SESSION_MINUTES,
    ("correction", "target_version"): (1, None),  # (a record's versions count from 1: a lower one names no fact)
    ("retraction", "target_version"): (1, None),
}

# The refusals of the checks (careerlog.domain.wording): each English message with its values, for the pages
# to translate. Dates are ISO (YYYY-MM-DD) as the English shows them.
BEFORE_BIRTH = Refusal("{day} is before the birth date ({birth}).", dates=("day", "birth"))
BEFORE_APPOINTMENT = Refusal("{day} is before the appointment (TMT {tmt}).", dates=("day", "tmt"))
AFTER_SEPARATION = Refusal(
    "{day} is after the separation on {separated} (version {version}, {status}).",
    dates=("day", "separated"),
    codes=(("status", "statuses"),),
)
# A status other than a separation taking effect on the day of a recorded separation (the status of that day, read as
# the last change in effect by it, would no longer be the separation): refused when recorded, as one after it is
ON_SEPARATION_DAY = Refusal(
    "{day} is the day of the separation (version {version}, {status}): from that day no other status takes effect. "
    "Date the status change before it, or correct the separation.",
    dates=("day",),
    codes=(("status", "statuses"),),
)
# A separation recorded, or corrected onto a day (in its date, or a status change corrected into one), on which a status
# change other than a separation takes effect, whichever was recorded first: a separation and another status never
# share a day (ON_SEPARATION_DAY, the other way round), so that the same record is judged alike by every way to it
# (recorded after it, the other change would be the status of the day and of every day after, not the separation)
SEPARATION_DAY_HELD = Refusal(
    "Version {version} ({status}) takes effect on {day}: from the day of a separation no other status takes effect. "
    "Correct or retract version {version} first, or date the separation later.",
    dates=("day",),
    codes=(("status", "statuses"),),
)
# A retraction of the basic training (Latsar) a recorded confirmation as PNS rests on (Latsar is a condition of
# becoming PNS, reference section 4, S): the confirmation named, to be retracted or corrected first
LATSAR_RESTS = Refusal(
    "The confirmation as PNS of {day} (version {version}) rests on this Latsar (certificate {certificate}): retract "
    "or correct the confirmation first.",
    dates=("day",),
)
# A confirmation as PNS dated before the end of the probation year (rule confirmation.probation; the reference,
# section 4: becoming PNS "at the end of the probation year", S)
EARLY_CONFIRMATION = Refusal(
    "{day} is before the end of the probation year: appointed as CPNS on {tmt}, the employee is confirmed as PNS on "
    "{due} at the earliest (rule confirmation.probation). Check the confirmation's date, or the appointment's TMT.",
    dates=("day", "tmt", "due"),
)
# A confirmation as PNS with no basic training (Latsar; Diklat Prajabatan before it, recorded under the same kind) ended
# by its date (rule confirmation.latsar; the reference, section 4: Latsar "is a condition of becoming PNS", S)
NO_LATSAR = Refusal(
    "No basic training (Latsar, or Diklat Prajabatan before it) ended on or before {day} is recorded for this "
    "employee, and a CPNS becomes PNS only with it (rule confirmation.latsar). Record the training first (as a "
    "training of kind Latsar, with its certificate and end date), then the confirmation.",
    dates=("day",),
)
# An appointment through a recruitment path not of its employment kind (rule appointment.recruitment_path, I)
RECRUITMENT_PATH = "appointment.recruitment_path"
PATH_OF_KIND = Refusal(
    "{path} is not a recruitment path of a {kind} appointment: one of {allowed} (rule appointment.recruitment_path). "
    "Check the recruitment path, or the employment kind."
)
UNDER_AGE = Refusal("The employee would be under {age} on appointment.", numbers=("age",))
OVER_AGE = Refusal("The employee would be over {age} on appointment.", numbers=("age",))
FIRST_RANK = Refusal("Unknown code {rank}; a {kind} starts at a {first}.")
A_GOLONGAN = Refusal("golongan (e.g. III/a)").reason()
A_GRADE = Refusal("PPPK grade (I-XVII)").reason()
CONFIRMING_PPPK = Refusal("Only a CPNS is confirmed as PNS; this employee is PPPK.").reason()
CONFIRMED = Refusal("Already confirmed as PNS on {day} (version {version}).", dates=("day",))
PPPK_PROMOTION = Refusal("PPPK hold a grade, not a golongan: rank promotions apply to PNS.").reason()
SAME_TMT = Refusal("Version {version} is a promotion with the same TMT.")
# ... a rank below the one held on its TMT, the TMT named (a correction moving the TMT alone past a later promotion is
# refused so, beside the date: EMPLOYEE_JUDGED_AGAINST; until 2026-12-06 it named no date, beside the rank)
NOT_ABOVE = Refusal(
    "On {day}, its TMT, the rank held was already {held} (since {since}): {new_rank} is not above it, and a demotion "
    "is a penalty, not a promotion.",
    dates=("day", "since"),
)
# ... the rank itself held (a promotion to it names no new rank; until 2026-12-05 said a demotion, which it is not)
ALREADY_HELD = Refusal(
    "{new_rank} is the rank already held since {since}: a promotion names a rank above it.", dates=("since",)
)
NOT_BELOW = Refusal(
    "{new_rank} is not below {later}, the later promotion of {day} (version {version}).",
    dates=("day",),
)
POSTHUMOUS = Refusal("A posthumous promotion needs the death recorded first.").reason()
# A promotion moving more ranks than its kind allows (rule promotion.one_step, M: on_record "confirm" or "refuse")
ONE_STEP = "promotion.one_step"
# ... as the API words it and as the record form does, where a box below the fields confirms it (FORM_WORDED)
RANK_JUMP, RANK_JUMP_TICKED = confirmable(
    "{new_rank} is {moved} ranks above {held}, held since {since}, and a {kind} promotion moves up by at most "
    "{allowed} (rule promotion.one_step). If a promotion between them is not recorded yet, record it first; "
    "if the decree does promote this far, ",
    ONE_STEP,
    ".",
    dates=("since",),
    numbers=("moved", "allowed"),
    codes=(("kind", "promotion_kinds"),),
)
RANK_JUMP_REFUSED = Refusal(
    "{new_rank} is {moved} ranks above {held}, held since {since}, and a {kind} promotion moves up by at most "
    "{allowed} (rule promotion.one_step). If a promotion between them is not recorded yet, record it first.",
    dates=("since",),
    numbers=("moved", "allowed"),
    codes=(("kind", "promotion_kinds"),),
)


def left_jump(change: str) -> tuple[Refusal, Refusal, Refusal]:
    """The refusals of a change (a retraction, a correction) leaving another promotion moving more ranks above the
    rank then held than its kind allows (later_jump): where a confirmation records it, as the API words it and as
    the record form does, where a box below the fields confirms it (`confirmable`); and where none does."""
    verb = {"retraction": "Retracting", "correction": "Correcting"}[change]
    text = (
        verb + " it leaves the promotion of {day} (version {version}) to {new_rank} {moved} ranks above {held}, "
        "held since {since}, and a {kind} promotion moves up by at most {allowed} (rule promotion.one_step). "
        "Correct that promotion first"
    )
    options: dict[str, Any] = {
        "dates": ("day", "since"),
        "numbers": ("moved", "allowed"),
        "codes": (("kind", "promotion_kinds"),),
    }
    sent, ticked = confirmable(
        text + "; if its decree does promote this far, ", ONE_STEP, ".", again=f"send the {change} again", **options
    )
    return sent, ticked, Refusal(text + ".", **options)


# A retraction of a promotion, or a correction of a promotion's (or the appointment's) rank or TMT, leaving another
# promotion so
RETRACTION_JUMP, RETRACTION_JUMP_TICKED, RETRACTION_JUMP_REFUSED = left_jump("retraction")
CORRECTION_JUMP, CORRECTION_JUMP_TICKED, CORRECTION_JUMP_REFUSED = left_jump("correction")
LEVEL_REQUIRED = Refusal(
    "Required for {post}: one of {allowed}.", codes=(("post", "post_kinds"), ("allowed", "functional_levels"))
)
NOT_A_LEVEL = Refusal(
    "{level} is not a level of {post}: one of {allowed}, in any letter case.",
    codes=(("level", "functional_levels"), ("post", "post_kinds"), ("allowed", "functional_levels")),
)
NO_LEVEL = Refusal(
    "{level} is not a level of {post}: none (leave it empty).",
    codes=(("level", "functional_levels"), ("post", "post_kinds")),
)
NO_POST = Refusal("No post appointment with reference {reference} is recorded.")
POST_LATER = Refusal("The post was taken up on {day}, after this end.", dates=("day",))
POST_ENDED = Refusal("That post already ended (version {version}).")
# A post_end whose appointment_reference names no post appointment exactly and several in another letter case or
# spacing (recorded before the ledger compared references by their key): each named by its reference and version
POST_AMBIGUOUS = Refusal(
    "No post appointment with reference {reference} is recorded, and {candidates} differ from it only in letter case "
    "or spaces: give the reference exactly as the appointment of the post that ends is recorded."
)
POST_CANDIDATE = Refusal("{reference} (version {version})")
START_AFTER_END = Refusal("{start} is after the end date {end}.", dates=("start", "end"))
START_BEFORE_BIRTH = Refusal("{start} is before the birth date.", dates=("start",))
TOO_FEW_HOURS = Refusal("Must be at least 1 JP, got {hours}.", numbers=("hours",))
TOO_MANY_HOURS = Refusal(
    "{hours} JP is more than {per_day} JP a day (training days: {days}).", numbers=("hours", "days", "per_day")
)
# ... said of a correction moving the training's days, not its JP (beside the date corrected: Employee.JUDGED_ANEW)
JP_NO_LONGER_FIT = Refusal(
    "The recorded {hours} JP no longer fit the training's days: more than {per_day} JP a day (training days: {days}).",
    numbers=("hours", "days", "per_day"),
)
# A training recorded again under another certificate number, or under one written otherwise (rule training.duplicate,
# M): the same days and JP as a training of the record, and the same certificate once written alike (letter case,
# punctuation and spaces aside, each number without its leading zeros: BPSDM-SU/TEKNIS/2026/09001 and
# bpsdm-su-teknis-2026-9001) or the same title and organiser. Its JP would count twice (the yearly JP, the audit's
# promotion.training). Asked about on every live writer (confirm: training.duplicate), never on a migration; a
# training of the same certificate exactly (`reference_key`) is the same fact, answered as recorded or refused as
# REFERENCE_USED by the ledger's identity, not asked here.
TRAINING_DUPLICATE = "training.duplicate"
TRAINING_REPEATED, TRAINING_REPEATED_TICKED = confirmable(
    "The training recorded as version {version} has the same days ({start} to {end}) and JP ({hours}), and {same} "
    "(rule training.duplicate): if it is this training, it is recorded already (correct version {version} if it is "
    "wrong); if the employee did attend it twice, ",
    TRAINING_DUPLICATE,
    ".",
    named=True,
    dates=("start", "end"),
    numbers=("hours",),
)
SAME_CERTIFICATE = Refusal("the same certificate written otherwise ({certificate})")
# Trainings of one employee on the same days holding more JP a day together than one training may (rule
# training.daily_jp, M: training.max_jp_per_day read across the employee's trainings, each training's JP spread evenly
# over its days): three trainings of 12 JP on one day were 36 JP that day, and a second file of the same days made
# 16 JP a day for everyone. Asked about on every live writer (confirm: training.daily_jp), never on a migration; a
# rules file without the rule does not ask.
TRAINING_DAILY_JP = "training.daily_jp"
TRAINING_MAX_JP = "training.max_jp_per_day"  # (the JP a day one training may hold: check_training_hours)
# The heaviest training of that day is named by its title and days as well as its version (until 2026-12-06 by its
# version alone, which told HR nothing); an import names one a row of the file gave by that row's line instead
# (careerlog.importing.TRAINING_DAY_FULL_IN_FILE)
DAY_FULL_SAID = (  # (what the refusal says after naming the heaviest training, the import's wording alike)
    "this training makes {total} JP on {day}, more than {per_day} JP a day (rule training.daily_jp): if its days or JP "
    "are wrong, correct them; if the employee did attend these trainings on the same days, "
)
TRAINING_DAY_FULL, TRAINING_DAY_FULL_TICKED = confirmable(
    "With the trainings of the same days (the heaviest {title}, of {start} to {end}, recorded as version {version}), "
    + DAY_FULL_SAID,
    TRAINING_DAILY_JP,
    ".",
    named=True,
    dates=("day", "start", "end"),
    numbers=("total", "per_day"),  # (a part of a JP "12.33": "12,33" on an Indonesian page)
)
# A training's cost in rupiah that is likely mistyped (rule training.cost, M): a cost outside the rule's plausible range
# (`least` to `most` rupiah; 0, a training at no cost, is never asked: "Rp 1,50" or "1.5", a decimal mark where a
# thousands separator was meant, read as one rupiah and a half), or, with its `whole` true, any fraction of a rupiah.
# Asked about on every live writer (confirm: training.cost), never on a migration; a rules file without the rule does
# not ask. Its advice names a form every route reads (until 2026-12-07 "write it in whole rupiah, without a decimal
# mark", though a cost with sen is recorded as written while `whole` is false, as shipped).
TRAINING_COST = "training.cost"
COST_IMPLAUSIBLE, COST_IMPLAUSIBLE_TICKED = confirmable(
    "A training cost (cost, biaya) of {cost} rupiah is {why} (rule training.cost): if it is mistyped, correct it "
    "(in rupiah, written without thousands separators: 1500000 for one and a half million); if the training did "
    "cost that, ",
    TRAINING_COST,
    ".",
    named=True,
    numbers=("cost",),
)
COST_FRACTION = Refusal(
    "a fraction of a rupiah, which no cost is paid in: a decimal mark where a thousands separator was meant "
    "(1,50 or 1.5 for 150 or 1500)"
)
COST_BELOW = Refusal("less than {least} rupiah, the least a training plausibly costs", numbers=("least",))
COST_ABOVE = Refusal("more than {most} rupiah, the most a training plausibly costs", numbers=("most",))
SAME_TITLE = Refusal("the same title and organiser").reason()
NEGATIVE = Refusal("May not be negative.").reason()
COST = Refusal("More than {cost:,} rupiah: record the cost of this training in rupiah.", numbers=("cost",)).reason(
    cost=MAX_COST
)
ONE_TO_FIVE = Refusal("Must be between 1 and 5, got {value}.")
NO_TRAINING = Refusal("The employee has no completed training in programme {programme}.")
# NO_TRAINING where the employee's trainings record the programme in another letter case or spacing: named, for the
# user to give it so. A feedback names its programme exactly (not by reference_key as a post_end its post): a
# training's programme_id is no identity (`PIM-IV` and `pim-iv` may both be recorded), so a feedback matched by key
# could come to rate another programme as trainings are recorded.
NO_TRAINING_SPELT = Refusal(
    "The employee has no completed training in programme {programme}; their trainings record it as {spellings}: give "
    "the programme exactly as they do.",
    either=("spellings",),
)
BEFORE_TRAINING = Refusal("Is before the training in that programme ended.").reason()
FEEDBACK_GIVEN = Refusal("Feedback on {programme} is already recorded (version {version}); correct it instead.")
NOT_STARTED = Refusal("The {period} ended without having started ({which}, {day}).", dates=("day",))
# ... naming the start it is open since (until 2026-12-05 it named neither it nor, for a mentoring, the mentor)
ALREADY_OPEN = Refusal(
    "The {period} started while already open ({which}, {day}): it is open since {since} ({opened}).",
    dates=("day", "since"),
)
# A mentoring end naming a mentor with whom none is running on its day while one with another mentor is: the one
# running named by its mentor's NIP (which the mentee's own record holds, as its career page shows it: no other
# record's is read), where it said "The mentoring ended without having started"
OTHER_MENTOR_RUNNING = Refusal(
    "No mentoring with {mentor} is running on {day} to end: the mentoring running then is with {other}, since "
    "{since} (version {version}). To end that one, name its mentor.",
    dates=("day", "since"),
)
THIS_RECORD = Refusal("this record").reason()
VERSION = Refusal("version {version}")
STUDY_LEAVE = Refusal("study leave").reason()
MENTORING = Refusal("mentoring").reason()
MENTORING_WITH = Refusal("mentoring with {mentor}")  # (a mentoring on the mentee's record, named by its mentor)
SELF_MENTORING = Refusal("An employee cannot mentor themselves.").reason()
NOT_MENTORING = Refusal("No mentoring with {mentor} is open on {day}.", dates=("day",))
# A mentoring end dated before a session of that mentoring already recorded (no start between): recorded, it would
# leave the session outside any mentoring, and every later change of the record refused for it
SESSION_AFTER_END = Refusal(
    "A mentoring session with {mentor} is recorded on {day} (version {version}), after this end: end the mentoring "
    "on or after {day}, or correct or retract the session first.",
    dates=("day",),
)
MINUTES = Refusal("Must be between 1 and 1440, got {minutes}.")
YEAR_BEFORE_APPOINTMENT = Refusal("{year} is before the appointment year.")
PENALTY_LEVEL = Refusal(
    "{penalty} is a {level} penalty, not {given}.",
    codes=(("penalty", "penalty_kinds"), ("level", "penalty_levels"), ("given", "penalty_levels")),
)
END_BEFORE_START = Refusal("{end} is before the start {start}.", dates=("end", "start"))
# The warning (recording nothing: Outcome.warnings) of a live penalty, or a correction of its start, end or kind, that
# ends before the last day of its kind's months: an earlier end is taken (the decree may end it early), but a day typed
# wrong would quietly shorten the time it bars promotions (promotion.penalty reads its end)
PENALTY_SHORTENED = Refusal(
    "{end} is before the last day of a {penalty} penalty begun on {start}, {last} ({months} months): recorded so, the "
    "penalty bars promotions only until {end}. If the decree does end it early, nothing is to be done; if not, correct "
    "the end date.",
    dates=("end", "start", "last"),
    numbers=("months",),
    codes=(("penalty", "penalty_kinds"),),
)
PENALTY_TOO_LONG = Refusal(
    "{end} is after the last day of a {penalty} penalty begun on {start}, {last}: it lasts {months} months. Check the "
    "end date, or the kind of penalty.",
    dates=("end", "start", "last"),
    numbers=("months",),
    codes=(("penalty", "penalty_kinds"),),
)
PENALTY_KIND_PERIOD = Refusal(
    "{penalty} is not a penalty kind of {regulation}, the discipline regulation in force on {day}: a penalty "
    "effective then is one of {kinds}. Check the effective date, or the kind of penalty.",
    dates=("day",),
    codes=(("penalty", "penalty_kinds"), ("kinds", "penalty_kinds")),  # (the pages name each kind; the API its code)
)
DECREE_AFTER = Refusal("{decreed} is after the award's TMT {tmt}.", dates=("decreed", "tmt"))
DECREE_BEFORE = Refusal("{decreed} is before the appointment (TMT {tmt}).", dates=("decreed", "tmt"))
CONFERRED = Refusal("{award} was already conferred on {day} (version {version}).", dates=("day",))
SEPARATED = Refusal(
    "Already separated ({status}) on {day} (version {version}).",
    dates=("day",),
    codes=(("status", "statuses"),),
)
DATED_AFTER = Refusal(
    "Version {version} ({kind}) is dated {day}, after this separation.",
    dates=("day",),
    kinds=("kind",),
)
# The appointment, the record's founding fact, is retracted (the record voided: made under a wrong NIP) only once
# every other fact of the record is retracted: each fact still standing is named, to be retracted first
FACTS_STANDING = Refusal(
    "The appointment is retracted (the record voided, as one made under a wrong NIP) only once every other fact of "
    "this record is retracted; still standing: {facts}. Retract each first (a {assigned} by retracting the {start} in "
    "the mentee's record), or correct the appointment if the NIP is right.",
    kinds=("assigned", "start"),  # (named as every kind in a refusal: on the pages, in the visitor's language)
)
STANDING_FACT = Refusal("version {version} ({kind})", kinds=("kind",))
# Past STANDING_NAMED facts standing, the first so many are named and the rest counted: a record of some 450 facts
# listed every one in one sentence until 2026-12-06
STANDING_NAMED = 5
MORE_STANDING = Refusal("{facts} and {more} more ({count} in all)", numbers=("more", "count"))
# A record whose appointment was retracted (voided) takes no new fact
VOIDED = Refusal(
    "The record of NIP {nip} was voided: its appointment was retracted by version {version}. Nothing more is "
    "recorded in it until the NIP is appointed afresh, by an ordinary appointment (as a new employee is).",
)
LINKS = Refusal("Links between records cannot be corrected; retract this record and record it anew.").reason()
# An appointment's employment kind corrected to one its NIP contradicts (digit 13: 0 or 1 a PNS number, 2 an NI PPPK,
# rule nip.pppk_digit's digits, named "2" or "2/3"): the record's number cannot be corrected, so no correction of its
# kind can be recorded
KIND_OF_THE_NIP = Refusal(
    "{kind} does not fit: NIP {nip} is a {number} number (digit 13 is {digit}; an NI PPPK has {pppk_digit} there, a "
    "PNS NIP 0 or 1), and a correction cannot change the record's number. Leave the employment kind as it is; if the "
    "employee is {kind}, appoint them under their own {kind_number}."
)


class Career:
    """An employee's active facts in order of effective date, for checking one against the rest."""

    def __init__(self, nip: str, facts: Iterable[Fact]):
        self.nip = nip
        self.facts = sorted(facts, key=_order)
        self.by_kind: dict[str, list[Fact]] = defaultdict(list)
        for fact in self.facts:
            self.by_kind[fact.kind].append(fact)
        appointments = self.by_kind["appointment"]
        self.appointment: Fact | None = appointments[0] if appointments else None
        separating = _separation_statuses()
        separations = [f for f in self.by_kind["status_change"] if f.get("status") in separating]
        self.separation: Fact | None = separations[0] if separations else None
        # the years rated: a new rating is compared with the others only when its year is among them
        self.rated_years = {f.values.get("year") for f in self.by_kind["performance_rating"]}
        # (kind, programme_id) -> that kind's facts in one programme, in order; made when first asked (of_programme)
        self.programmes: dict[tuple[str, Any], list[Fact]] | None = None

    def add(self, fact: Fact) -> None:
        """Take in one more fact, as if the career had been built with it (a new recording)."""
        kind = fact.kind
        _keep_in_order(self.facts, fact)
        _keep_in_order(self.by_kind[kind], fact)
        if self.programmes is not None and kind in PROGRAMME_KINDS:
            _keep_in_order(self.programmes.setdefault((kind, fact.values.get("programme_id")), []), fact)
        if fact.kind == "appointment" and (self.appointment is None or _order(fact) < _order(self.appointment)):
            self.appointment = fact
        separating = fact.kind == "status_change" and fact.get("status") in _separation_statuses()
        if separating and (self.separation is None or _order(fact) < _order(self.separation)):
            self.separation = fact
        if fact.kind == "performance_rating":
            self.rated_years.add(fact.values.get("year"))

    @cached_property
    def rules(self) -> Rules:
        """The configured rules, read once per career: a bulk import checks many facts against one."""
        return rules()

    def others(self, kind: str, fact: Fact) -> list[Fact]:
        return [f for f in self.by_kind[kind] if f.version != fact.version]

    def of_programme(self, kind: str, programme: Any) -> list[Fact]:
        """The facts of a kind (one of PROGRAMME_KINDS) whose programme_id is `programme`, in order.

        `[f for f in self.by_kind[kind] if f.get("programme_id") == programme]`, kept per
        programme: checking each feedback against every training and feedback of a record
        made a record's checks quadratic in its number of trainings.
        """
        programmes = self.programmes
        if programmes is None:
            programmes = self.programmes = {}
            for name in PROGRAMME_KINDS:
                for fact in self.by_kind.get(name, ()):
                    programmes.setdefault((name, fact.values.get("programme_id")), []).append(fact)
        return programmes.get((kind, programme), [])

    def of_kinds(self, first: str, second: str) -> list[Fact]:
        """The facts of two kinds, in order (those of `self.facts`, without walking the others)."""
        by_kind = self.by_kind
        return sorted([*by_kind.get(first, ()), *by_kind.get(second, ())], key=_order)

    @property
    def birth_date(self) -> date | None:
        return self.appointment.get("birth_date") if self.appointment else None

    @property
    def employment_kind(self) -> str | None:
        return self.appointment.get("employment_kind") if self.appointment else None


def _order(fact: Fact) -> tuple[date, int]:
    return fact.values["effective_date"], fact.version  # fact.effective_date, read directly


def _keep_in_order(facts: list[Fact], fact: Fact) -> None:
    """Put a fact into a list kept in `_order`: at the end, as most histories arrive, else where it belongs."""
    last = facts[-1] if facts else None
    day = fact.values["effective_date"]
    if last is None or (at := last.values["effective_date"]) < day or (at == day and last.version <= fact.version):
        facts.append(fact)  # _order(last) <= _order(fact), without making the tuples
    else:
        bisect.insort(facts, fact, key=_order)


@cache
def _separation_statuses() -> frozenset[str]:
    return frozenset(reference().separation_statuses())


Check = Callable[[Career, Fact, FieldErrors], None]
CHECKS: dict[str, Check] = {}  # each kind's check: its parts (PARTS) one after the other
PARTS: dict[str, tuple[Check, ...]] = {}  # each kind's checks, each reading the fields it judges


def check(*kinds: str) -> Callable[[Check], Check]:
    """Register a check of a fact of these kinds; a kind of several checks runs them in their order. Each check
    reads only the fields it judges, so that the checks of a recording whose other cells did not read can still be
    made (`read_problems`)."""

    def register(func: Check) -> Check:
        for kind in kinds:
            parts = PARTS[kind] = (*PARTS.get(kind, ()), func)
            CHECKS[kind] = func if len(parts) == 1 else _all_of(parts)
        return func

    return register


def _all_of(parts: tuple[Check, ...]) -> Check:
    def every(career: Career, fact: Fact, errors: FieldErrors) -> None:
        for part in parts:
            part(career, fact, errors)

    return every


class Unread(KeyError):
    """A field of a recording whose cell did not read: a check that needs it is not made."""


class ReadValues(dict[str, Any]):
    """The values of a recording's cells that read; asking for one that did not (`unread`), or for a field not
    given at all, raises Unread."""

    def __init__(self, values: Mapping[str, Any], unread: Iterable[str]):
        super().__init__(values)
        self.unread = frozenset(unread)

    def __missing__(self, name: str) -> Any:
        raise Unread(name)

    def get(self, name: str, default: Any = None) -> Any:
        if name in self.unread:
            raise Unread(name)
        return super().get(name, default)


def read_problems(career: Career, kind: str, values: ReadValues, recorded_on: date) -> dict[str, list[str]]:
    """What the checks of a new fact of `kind` find in a recording refused for cells that did not read, from the
    cells that did: each check whose fields all read (a training's first day after its last, a date before the
    appointment), so that the recording is refused once, for every problem it has (not for the cells first and for
    the whole row once they read). A check needing a cell that did not read is not made."""
    fact = Fact(0, kind, values, recorded_on)
    errors = FieldErrors()
    for part in (_dates_of_new, *PARTS.get(kind, ())):
        with contextlib.suppress(Unread):
            part(career, fact, errors)
    return errors.errors


def _dates_of_new(career: Career, fact: Fact, errors: FieldErrors) -> None:
    check_dates(career, fact, errors, new=True)


def appointment_read_problems(nip: str, values: ReadValues, recorded_on: date) -> dict[str, list[str]]:
    """`read_problems` of an appointment refused for cells that did not read: the NIP's digits against the birth
    date, sex, kind and TMT that did read, the age on appointment, the first rank, a date before the birth."""
    candidate = Fact(0, "appointment", values, recorded_on)
    career = Career(normalise_nip(nip), [])
    career.appointment = candidate  # (its own birth date: the TMT is not before it)
    return read_problems(career, "appointment", values, recorded_on)


class NoRecord(Career):
    """The career of a NIP whose record is not at hand (of no identity number's form, or of no one appointed): each
    of its facts asked for raises Unread, so that a check reading the record is not made, and one judging the fact's
    own fields alone is (its reasons given before it reads the record are of the fact alone)."""

    def __init__(self, nip: str):  # (no facts, appointment or separation set: each is asked of __getattr__)
        self.nip = nip

    def __getattr__(self, name: str) -> Any:
        raise Unread(name)


def own_problems(nip: str, kind: str, values: ReadValues, recorded_on: date) -> dict[str, list[str]]:
    """What the checks of a new fact of `kind` find in its own fields, its record not at hand (NoRecord): a mentor's
    NIP of no identity number's form, a training's first day after its last, no JP, a date in the future; named with
    the refusal of the employee's NIP, so that one sending names every field to mend."""
    return read_problems(NoRecord(nip), kind, values, recorded_on)


# ------------------------------------------------------------------------- dates


def check_dates(career: Career, fact: Fact, errors: FieldErrors, *, new: bool) -> None:
    """Every fact: not before birth or appointment, not in the future, not after separation."""
    day = fact.values["effective_date"]  # fact.effective_date, read directly (this runs for every fact)
    if new and day > fact.recorded_on:
        errors.add("effective_date", IN_FUTURE.reason(day=day.isoformat()))
    appointment = career.appointment
    birth = appointment.values.get("birth_date") if appointment else None  # career.birth_date
    if birth and day < birth:
        errors.add("effective_date", BEFORE_BIRTH.reason(day=day.isoformat(), birth=birth.isoformat()))
    if (
        appointment is not None
        and fact.kind not in ("appointment", "education")
        and day < appointment.values["effective_date"]
    ):
        errors.add(
            "effective_date",
            BEFORE_APPOINTMENT.reason(day=day.isoformat(), tmt=appointment.effective_date.isoformat()),
        )
    separation = career.separation
    if separation is not None and separation.version != fact.version and day > separation.values["effective_date"]:
        errors.add(
            "effective_date",
            AFTER_SEPARATION.reason(
                day=day.isoformat(),
                separated=separation.effective_date.isoformat(),
                version=separation.version,
                status=separation.get("status"),
            ),
        )


@check("appointment")
def check_appointment(career: Career, fact: Fact, errors: FieldErrors) -> None:
    """The NIP's digits against the birth date, sex, employment kind and TMT (a fact whose cell did not read is not
    compared: `known`)."""
    values = fact.values
    try:
        nip = parse_nip(career.nip, identity=nip_rules(career.rules))
    except InvalidInput as e:
        for name, reasons in e.errors.items():
            for reason in reasons:
                errors.add(name, reason)
        return
    names = ("employment_kind", "birth_date", "sex", "effective_date")
    if type(values) is ReadValues:  # (a fact whose cell did not read is not compared)
        kind, birth, sex, day = (known(values, name) for name in names)
    else:
        kind, birth, sex, day = (values[name] for name in names)
    mismatches = nip_mismatches(nip, employment_kind=kind, birth_date=birth, sex=sex, appointed_on=day)
    for name, reasons in mismatches.items():
        for reason in reasons:
            errors.add(name, reason)


@check("appointment")
def check_appointment_age(career: Career, fact: Fact, errors: FieldErrors) -> None:
    values = fact.values
    birth: date = values["birth_date"]
    min_age = career.rules.param("appointment.min_age", fact.effective_date, "years", 18)
    age = whole_years(birth, fact.effective_date)
    if age < min_age:
        errors.add("birth_date", UNDER_AGE.reason(age=min_age))
    max_age = career.rules.param("appointment.max_age", fact.effective_date, "years")
    if max_age is not None and age > max_age:
        errors.add("birth_date", OVER_AGE.reason(age=max_age))


@check("appointment")
def check_first_rank(career: Career, fact: Fact, errors: FieldErrors) -> None:
    ref = reference()
    values = fact.values
    rank_table = ref.ranks if values["employment_kind"] == "PNS" else ref.pppk_grades
    if values["rank"] not in rank_table:
        first = A_GOLONGAN if values["employment_kind"] == "PNS" else A_GRADE
        errors.add("rank", FIRST_RANK.reason(rank=quoted(values["rank"]), kind=values["employment_kind"], first=first))


def known(values: Mapping[str, Any], name: str) -> Any:
    """A field's value, or None when its cell did not read (ReadValues)."""
    try:
        return values[name]
    except Unread:
        return None


@check("confirmation")
def check_confirmation(career: Career, fact: Fact, errors: FieldErrors) -> None:
    if career.employment_kind != "PNS":
        errors.add("kind", CONFIRMING_PPPK)
    for other in career.others("confirmation", fact):
        errors.add("kind", CONFIRMED.reason(day=other.effective_date.isoformat(), version=other.version))


def rank_jump(career: Career, values: Mapping[str, Any], book: Rules, exclude: int = 0) -> tuple[str, bool] | None:
    """A promotion (its `values`; `exclude`: the version it corrects) moving more ranks above the rank held the day
    before its TMT than its kind allows (rule promotion.one_step's `steps`, in force on the TMT): the reason, and
    whether a confirmation records it all the same (the rule's `on_record`: "confirm", the default, or "refuse";
    "record" takes it without a word, as the ledger did before). None for a kind `steps` does not name (a 203 goes
    to the starting rank of the new degree, several ranks up), a PPPK, or a move within the steps. The audit
    judges the same rule on what is recorded (projections.merit)."""
    jump = jump_of(career, values, book, exclude)
    if jump is None:
        return None
    params, confirmable = jump
    return (RANK_JUMP if confirmable else RANK_JUMP_REFUSED).reason(**params), confirmable


def jump_of(
    career: Career,
    values: Mapping[str, Any],
    book: Rules,
    exclude: int = 0,
    history: list[tuple[date, str, int]] | None = None,
) -> tuple[dict[str, Any], bool] | None:
    """rank_jump's finding as values (new_rank, moved, held, since, kind, allowed), and whether a confirmation records
    it; `exclude`: a version of the record left out of the ranks held (the one corrected); `history`: the ranks held
    as a change would leave them (rank_history's), instead of the record's."""
    day, kind, new_rank = values["effective_date"], values["promotion_kind"], values["new_rank"]
    allowed = book.param(ONE_STEP, day, "steps", {}).get(kind)
    on_record = book.param(ONE_STEP, day, "on_record", "confirm")
    if allowed is None or on_record == "record" or career.employment_kind != "PNS":
        return None
    ranks = rank_history(career, Fact(exclude, "rank_promotion", {}, day)) if history is None else history
    before = [h for h in ranks if h[0] < day]
    ref = reference()
    if not before or new_rank not in ref.ranks or before[-1][1] not in ref.ranks:
        return None
    since, held, _ = before[-1]
    moved = ref.rank_index(new_rank) - ref.rank_index(held)
    if moved <= allowed:
        return None
    params = {"new_rank": new_rank, "moved": moved, "held": held, "since": since.isoformat(), "kind": kind}
    return {**params, "allowed": allowed}, on_record != "refuse"


def later_jump(
    career: Career, target: Fact, book: Rules, corrected: Mapping[str, Any] | None = None
) -> tuple[str, bool] | None:
    """A retraction of `target` (`corrected` None), or a correction of it (`corrected`: its corrected fields, read),
    leaving another promotion moving more ranks above the rank then held than its kind allows, and further than it
    moved as recorded (III/a, III/b, III/c by 101s: the III/b promotion retracted, or corrected to III/a's TMT or
    rank, or the appointment corrected to II/d, leaves the III/c one 2 ranks up): the reason, and whether a
    confirmation records the change all the same (as rank_jump). None for a target no promotion or appointment, a
    correction of neither its rank nor its TMT, or no such step left (the target's own step: corrected_jump)."""
    rank = {"rank_promotion": "new_rank", "appointment": "rank"}.get(target.kind)
    if rank is None or (corrected is not None and not {rank, "effective_date"} & corrected.keys()):
        return None
    now = rank_history(career, Fact(0, "rank_promotion", {}, target.effective_date))
    after = [h for h in now if h[2] != target.version]
    if corrected is not None:
        day = corrected.get("effective_date") or target.effective_date
        after = sorted([*after, (day, corrected.get(rank) or target.values[rank], target.version)])
    for other in career.by_kind["rank_promotion"]:
        if other.version == target.version:
            continue
        left = jump_of(career, other.values, book, history=after)
        made = jump_of(career, other.values, book, history=now) if left is not None else None
        if left is None or (made is not None and left[0]["moved"] <= made[0]["moved"]):
            continue  # (no step, or none longer than the one it made as recorded: confirmed then)
        params, confirmable = left
        if corrected is None:
            wording = RETRACTION_JUMP if confirmable else RETRACTION_JUMP_REFUSED
        else:
            wording = CORRECTION_JUMP if confirmable else CORRECTION_JUMP_REFUSED
        return wording.reason(day=other.effective_date.isoformat(), version=other.version, **params), confirmable
    return None


def rank_history(career: Career, exclude: Fact) -> list[tuple[date, str, int]]:
    """(date, rank, version) of the appointment and every other promotion, by date."""
    history = []
    if career.appointment is not None:
        history.append((career.appointment.effective_date, career.appointment.values["rank"], 1))
    for other in career.others("rank_promotion", exclude):
        history.append((other.effective_date, other.values["new_rank"], other.version))
    return sorted(history)


@check("rank_promotion")
def check_rank_promotion(career: Career, fact: Fact, errors: FieldErrors) -> None:
    ref = reference()
    if career.employment_kind == "PPPK":
        errors.add("kind", PPPK_PROMOTION)
        return
    if ref.promotion_kinds[fact.values["promotion_kind"]].get("posthumous"):
        deceased = [f for f in career.by_kind["status_change"] if f.get("status") == "DECEASED"]
        if not deceased:
            errors.add("promotion_kind", POSTHUMOUS)


@check("rank_promotion")
def check_promoted_rank(career: Career, fact: Fact, errors: FieldErrors) -> None:
    """The new rank above the one held before the TMT and below the next promotion recorded, one promotion a TMT (a
    TMT before the appointment is refused by its date alone, the appointment being no later promotion)."""
    ref = reference()
    if career.employment_kind == "PPPK":
        return  # (refused above)
    new_rank = fact.values["new_rank"]
    day = fact.effective_date
    history = rank_history(career, fact)
    before = [h for h in history if h[0] < day]
    same_day = [h for h in history if h[0] == day and h[2] != 1]
    after = [h for h in history if h[0] > day and h[2] != 1]  # (not the appointment: BEFORE_APPOINTMENT says it)
    if same_day:
        errors.add("effective_date", SAME_TMT.reason(version=same_day[0][2]))
    if before and ref.rank_index(new_rank) == ref.rank_index(before[-1][1]):
        errors.add("new_rank", ALREADY_HELD.reason(new_rank=new_rank, since=before[-1][0].isoformat()))
    elif before and ref.rank_index(new_rank) < ref.rank_index(before[-1][1]):
        errors.add(
            "new_rank",
            NOT_ABOVE.reason(
                day=day.isoformat(), new_rank=new_rank, held=before[-1][1], since=before[-1][0].isoformat()
            ),
        )
    if after and ref.rank_index(new_rank) >= ref.rank_index(after[0][1]):
        errors.add(
            "new_rank",
            NOT_BELOW.reason(new_rank=new_rank, later=after[0][1], day=after[0][0].isoformat(), version=after[0][2]),
        )


@check("post_appointment")
def check_post_appointment(career: Career, fact: Fact, errors: FieldErrors) -> None:
    ref = reference()
    kind = ref.post_kinds[fact.values["post_kind"]]
    level = fact.values.get("level")
    allowed = ref.post_levels(kind.code)
    if allowed and not level:
        errors.add("level", LEVEL_REQUIRED.reason(post=kind.code, allowed=", ".join(allowed)))
    elif level and level not in allowed:
        wording = NOT_A_LEVEL if allowed else NO_LEVEL
        # (a functional level by its code, named on the pages: Ahli Pertama; anything else quoted as written)
        shown = level if level in ref.functional_levels else quoted(level)
        errors.add("level", wording.reason(level=shown, post=kind.code, allowed=", ".join(allowed)))


def posts_named(career: Career, reference_no: Any) -> list[Fact]:
    """The post appointments a post_end's `appointment_reference` names: the one recorded under it exactly, else
    those recorded under it in another letter case or spacing (`named_by_reference`: one document to the ledger);
    more than one is ambiguous. The views read it alike (projections.career.CareerRecord.posts)."""
    return named_by_reference(reference_no, career.by_kind["post_appointment"], _reference_of)


def _reference_of(fact: Fact) -> Any:
    return fact.values.get("reference")


# An inter-agency placement (mutasi antar instansi) ends the posts held in the agency left whose kinds the rule
# placement.ends_post (M) lists: a managerial post (JPT, administrator, pengawas) belongs to the agency's unit and is
# not held from another agency; a functional post (FUNGSIONAL) carries over, and so does a pelaksana post. Asked of
# every live placement (careerlog.application: the ledger records the post's end with the placement when the writer
# confirms it, confirm: placement.ends_post); a migration is never asked and records only what it is given.
ENDS_POST = "placement.ends_post"
# ... as the API words it and as the record form does, where a box below the fields confirms it (FORM_WORDED)
ENDS_POST_UNCONFIRMED, ENDS_POST_TICKED = confirmable(
    "{nip} holds {title} ({kind}, version {version}) in {agency}; a placement in another agency ends it on {day} "
    "(rule placement.ends_post). If the decree does move the employee to {new_agency}, ",
    ENDS_POST,
    ": the post's end is recorded with the placement, under its reference; if not, write the agency it names.",
    dates=("day",),
    codes=(("kind", "post_kinds"),),
)
# Several such posts held: a placement's confirmation ends one (its post end takes the placement's reference, which
# names one post end), so the others are ended first, each by its own decree
ENDS_POSTS = Refusal(
    "{nip} holds {count} posts in {agency} that a placement in another agency ends on {day} (rule "
    "placement.ends_post): {posts}. A placement ends one post with it: record the end of the others first "
    "(post_end, each under its own decree), then send the placement again.",
    dates=("day",),
    numbers=("count",),
)
ENDED_POST = Refusal("{title} ({kind}, version {version})", codes=(("kind", "post_kinds"),))
# The reason a post end recorded with its placement stores (a stored text: in English, as recorded)
ENDED_BY_PLACEMENT = "Inter-agency placement to {agency} (rule placement.ends_post)"


def post_end_of(placement: Mapping[str, Any], post: Fact) -> dict[str, Any]:
    """The values of the post end a placement in another agency records with it (rule placement.ends_post): on the
    placement's date, under its reference, ending `post`, the reason naming the agency it moves to."""
    return {
        "effective_date": placement["effective_date"],
        "reference": placement["reference"],
        "appointment_reference": post.values["reference"],
        "reason": ENDED_BY_PLACEMENT.format(agency=placement["agency"]),
    }


def agency_on(career: Career, day: date) -> Any:
    """The agency the career's appointment and placements place the employee in on a day (before the first: the
    appointment's), as projections.career.CareerRecord.placement_on reads them."""
    placed = placed_on(career, day) or next(iter(career.of_kinds("appointment", "placement")), None)
    return None if placed is None else placed.values.get("agency")


def placed_on(career: Career, day: date) -> Fact | None:
    """The appointment or placement placing the employee on a day (the last to take effect by then), or None before
    the first."""
    found = None
    for fact in career.of_kinds("appointment", "placement"):
        if fact.effective_date > day:
            break
        found = fact
    return found


# A live placement in the agency, unit and region the employee is already placed in on its date (the unit as units are
# compared, unit_key): it records a move that is none, a transfer in every count of moves and a new "since" on the
# career page. Refused beside `unit`, naming the appointment or placement that placed them there; not asked of a
# migration (a log keeps what it holds), nor of the facts already recorded (judged anew by no check)
NOT_MOVED = Refusal(
    "Already placed in {unit} ({agency}, region {region}) since {since}, by version {version} of the record: a "
    "placement there on {day} moves no one. Write the unit, agency or region the decree places the employee in; a "
    "decree amending version {version} is recorded as its correction, not as another placement.",
    dates=("since", "day"),
    quotes=("unit",),
)


def placed_there_already(career: Career, values: Mapping[str, Any]) -> Reason | None:
    """NOT_MOVED for a placement (its values as read) into the unit, agency and region the employee is placed in on
    its date; None for a move, or a placement before the appointment (refused as such)."""
    day = values.get("effective_date")
    if not isinstance(day, date):
        return None
    placed = placed_on(career, day)
    if placed is None or not all(isinstance(values.get(name), str) for name in ("agency", "unit", "region")):
        return None
    here = placed.values
    if (here.get("agency"), here.get("region")) != (values["agency"], values["region"]) or unit_key(
        str(here.get("unit", ""))
    ) != unit_key(values["unit"]):
        return None
    return NOT_MOVED.reason(
        unit=here.get("unit"),
        agency=values["agency"],
        region=values["region"],
        since=placed.effective_date.isoformat(),
        version=placed.version,
        day=day.isoformat(),
    )


def posts_held_on(career: Career, day: date) -> list[Fact]:
    """The post appointments held on `day` and taken up before it, as projections.career.CareerRecord.posts reads
    them: a definitive post until the next definitive one starts, any post until its post end (as posts_named finds
    the post it names) or the separation."""
    appointments = career.by_kind["post_appointment"]
    ends: dict[int, date] = {}
    for ending in career.by_kind["post_end"]:
        named = posts_named(career, ending.values.get("appointment_reference"))
        if len(named) == 1:
            ends[named[0].version] = ending.effective_date
    separated = career.separation.effective_date if career.separation is not None else None
    held = []
    for i, fact in enumerate(appointments):
        end = ends.get(fact.version)
        if fact.values.get("assignment") == "DEFINITIVE":
            later = [
                f.effective_date
                for f in appointments[i + 1 :]
                if f.values.get("assignment") == "DEFINITIVE" and f.effective_date > fact.effective_date
            ]
            if later:
                end = min(later[0], end) if end else later[0]
        if end is None:
            end = separated
        if fact.effective_date < day and (end is None or day < end):
            held.append(fact)
    return held


def posts_a_placement_ends(career: Career, values: Mapping[str, Any], book: Rules) -> tuple[Any, list[Fact]]:
    """The agency left and the posts a new placement (`values`, as read) ends by rule placement.ends_post: those
    held on its date (taken up before it) of the kinds the rule in force then lists, when it places the employee
    in another agency than the one they are in on that date; none otherwise (a rules file without the rule ends
    none)."""
    day = values["effective_date"]
    left = agency_on(career, day)
    if left is None or left == values.get("agency"):
        return left, []
    kinds = book.param(ENDS_POST, day, "post_kinds", None) or ()
    return left, [f for f in posts_held_on(career, day) if f.values.get("post_kind") in kinds]


def placement_ends_post_refusal(nip: str, values: Mapping[str, Any], left: Any, posts: list[Fact]) -> str:
    """The refusal, beside `agency`, of a placement that ends `posts` (posts_a_placement_ends) unconfirmed: the
    post named, or the posts named when several (ENDS_POSTS, which a confirmation does not record)."""
    day = values["effective_date"].isoformat()
    if len(posts) > 1:
        named = [
            ENDED_POST.reason(title=p.values.get("title"), kind=p.values.get("post_kind"), version=p.version)
            for p in posts
        ]
        return ENDS_POSTS.reason(nip=nip, count=len(posts), agency=left, day=day, posts=joined(", ", named))
    post = posts[0]
    return ENDS_POST_UNCONFIRMED.reason(
        nip=nip,
        title=post.values.get("title"),
        kind=post.values.get("post_kind"),
        version=post.version,
        agency=left,
        day=day,
        new_agency=values.get("agency"),
    )


# A retraction of a placement whose post end was recorded with it (`Employee.post_end_with`): retracted alone, the
# placement would leave the post ended though the employee never moved. Refused naming the post end unless confirmed
# (confirm: placement.ends_post), and confirmed both are retracted in the same save (careerlog.application); a post end
# that did end the post is kept by correcting its reference to its own decree first (it is then no longer the
# placement's). A linked fact's change is asked as a rank jump a retraction leaves is (later_jump), never made unasked.
ENDS_POST_RETRACTED, ENDS_POST_RETRACTED_TICKED = confirmable(
    "The end of the post {title} ({kind}) was recorded with this placement, as version {version} (rule "
    "placement.ends_post): retracted alone, the placement would leave the post ended. If the employee did not move, ",
    ENDS_POST,
    ": the post end is retracted with the placement and the post is held again; if the post did end, correct the "
    "post end's reference to the decree that ended it first.",
    again="send the retraction again",
    codes=(("kind", "post_kinds"),),
)
# A correction of the date of a placement whose post end was recorded with it: the post end is dated on the placement's
# day, so it is corrected first (its own correction), then the placement's date, never one left on another day. That
# first step is itself asked (POST_END_REDATED_ALONE: off the placement's day until the placement follows), and the
# refusal says so, for the writer not to be surprised by it
POST_END_DATED_WITH = Refusal(
    "The end of the post {title} ({kind}) was recorded with this placement on {day}, as version {version} (rule "
    "placement.ends_post): correct the post end's date to {new_day} first (a correction of version {version}, itself "
    "asked, as it moves the post end off this placement's day: confirm it when asked), then this placement's.",
    dates=("day", "new_day"),
    codes=(("kind", "post_kinds"),),
)

# A correction of a placement whose post end was recorded with it to the agency the post is held in: the placement no
# longer moves the employee, and its post end would stay, the post read as ended. Refused naming the post end, to be
# retracted first (or its reference corrected to the decree that did end it). That retraction is itself asked
# (POST_END_RETRACTED_ALONE: the placement still stands then), and the refusal says so
POST_END_NOT_LEFT = Refusal(
    "The end of the post {title} ({kind}) was recorded with this placement, as version {version} (rule "
    "placement.ends_post): corrected to {agency}, the agency the post is held in, the placement would leave the post "
    "ended. Retract the post end (version {version}) first if the post was held on (a retraction itself asked, as "
    "this placement still stands then: confirm it when asked), or correct its reference to the decree that ended it; "
    "then correct this placement.",
    codes=(("kind", "post_kinds"),),
)


# A retraction of a placement's post end alone (`Employee.placement_of`), or a correction of its date away from the
# placement's day: the placement stands, and the post it ended would be read as held from the agency it moved the
# employee to (placement.ends_post), or ended on another day than the move. Asked of every live writer as the
# placement's own retraction is (confirm: placement.ends_post) and confirmed recorded as asked, the confirmation stored
# with it; a migration is never asked. The placement's own retraction retracts both, and its date is corrected after
# its post end's (POST_END_DATED_WITH), so the two stay on one day.
POST_END_RETRACTED_ALONE, POST_END_RETRACTED_ALONE_TICKED = confirmable(
    "This post end (of {title}, {kind}) was recorded with the placement in {agency} on {day}, version {placement} "
    "(rule placement.ends_post): retracted alone, it would leave the post held from another agency. If the post was "
    "held on after the move, ",
    ENDS_POST,
    ": the post end alone is retracted; if the employee did not move, retract the placement (version {placement}) "
    "instead, which retracts its post end with it.",
    again="send the retraction again",
    dates=("day",),
    codes=(("kind", "post_kinds"),),
)
POST_END_REDATED_ALONE, POST_END_REDATED_ALONE_TICKED = confirmable(
    "This post end (of {title}, {kind}) was recorded with the placement in {agency} on {day}, version {placement} "
    "(rule placement.ends_post): dated {new_day}, it would no longer end the post on the day of the move, leaving "
    "it {left}. If the post did end on {new_day}, ",
    ENDS_POST,
    ": the post end's date alone is corrected (to move the placement's date with it, correct that next); if not, "
    "keep the post end on {day}.",
    again="send the correction again",
    dates=("day", "new_day"),
    codes=(("kind", "post_kinds"),),
)
# A correction of such a post end's appointment_reference to another post than the one it was recorded ending (the post
# the move ended, named by its appointment_reference as recorded): the post the move ended would be read as held from
# the agency the employee moved to. Asked alike; a correction changing its date too is asked once, by this refusal (the
# post is what matters: the date of a post end naming another post no longer dates the move's end of the post), and
# confirmed records both. Back to the post it was recorded ending, it is not asked, as a date back on the placement's
# day is not.
POST_END_REPOINTED_ALONE, POST_END_REPOINTED_ALONE_TICKED = confirmable(
    "This post end (of {title}, {kind}) was recorded with the placement in {agency} on {day}, version {placement} "
    "(rule placement.ends_post): naming {new_title} ({new_kind}) instead, it would leave {title} held from another "
    "agency. If the post that ended was {new_title}, ",
    ENDS_POST,
    ": the post end alone is corrected (its date too, when the correction changes it); if not, keep it naming {title}.",
    again="send the correction again",
    dates=("day",),
    codes=(("kind", "post_kinds"), ("new_kind", "post_kinds")),
)
# ... what the post end's new date leaves of the post (a worded part of POST_END_REDATED_ALONE)
HELD_AFTER_MOVE = Refusal("held from another agency until then")
ENDED_BEFORE_MOVE = Refusal("ended before the move")


def post_end_named(career: Career, ended: Fact, reference: Any = None) -> tuple[Any, Any]:
    """The title and kind of the post a post end names (its appointment's reference and none when it names no one
    post); `reference`: the post another appointment_reference would name (a correction's) instead of its own."""
    reference = ended.values.get("appointment_reference") if reference is None else reference
    named = posts_named(career, reference)
    if len(named) != 1:
        return reference, None
    return named[0].values.get("title"), named[0].values.get("post_kind")


def corrected_placement_ends(
    career: Career, target: Fact, changes: Mapping[str, Any]
) -> tuple[Any, list[Fact], dict[str, Any]]:
    """The agency left, the posts a correction of a placement's agency or date (`changes`, read) makes it end by rule
    placement.ends_post and the placement as corrected: those the corrected placement ends (posts_a_placement_ends,
    read without the placement itself) that it did not end as recorded (a placement recorded before the rule, which
    moved the employee while a post was held, stays as recorded: no post ends unasked by its other corrections)."""
    corrected = {**target.values, **changes}
    others = Career(career.nip, [f for f in career.facts if f.version != target.version])
    left, posts = posts_a_placement_ends(others, corrected, career.rules)
    if posts:
        _, before = posts_a_placement_ends(others, target.values, career.rules)
        ended = {f.version for f in before}
        posts = [f for f in posts if f.version not in ended]
    return left, posts, corrected


@check("post_end")
def check_post_end(career: Career, fact: Fact, errors: FieldErrors) -> None:
    reference_no = fact.values["appointment_reference"]
    posts = posts_named(career, reference_no)
    if not posts:
        errors.add("appointment_reference", NO_POST.reason(reference=quoted(reference_no)))
        return
    if len(posts) > 1:
        candidates = [POST_CANDIDATE.reason(reference=quoted(p.get("reference")), version=p.version) for p in posts]
        errors.add(
            "appointment_reference",
            POST_AMBIGUOUS.reason(reference=quoted(reference_no), candidates=joined(", ", candidates)),
        )
        return
    post = posts[0]
    if post.effective_date > fact.effective_date:
        errors.add(
            "effective_date",
            POST_LATER.reason(day=post.effective_date.isoformat()),
        )
    for other in career.others("post_end", fact):  # (the post each names, as this one's is found)
        if [p.version for p in posts_named(career, other.get("appointment_reference"))] == [post.version]:
            errors.add("appointment_reference", POST_ENDED.reason(version=other.version))


@check("training")
def check_training(career: Career, fact: Fact, errors: FieldErrors) -> None:
    start: date = fact.values["start_date"]
    birth = career.birth_date
    if birth and start < birth:
        errors.add("start_date", START_BEFORE_BIRTH.reason(start=start.isoformat()))


def start_before_appointment(career: Career, start: Any, end: Any) -> str | None:
    """BEFORE_APPOINTMENT of a training's first day before the appointment as it stands, as `check_dates` refuses its
    last day (until 2026-12-06 the first day was not compared: found by a tester, a Latsar begun before the TMT was
    recorded, and so was a correction moving its first day there). Judged of a new live training and of a correction
    of a training's first day only (Employee.training_start_judged), never of a migration nor of a stored training
    another change re-checks: a store may hold one from before the check, and stays correctable and retractable.
    Not of a training whose last day `end` is before the appointment too: refused beside that alone (`check_dates`)."""
    appointment = career.appointment
    if appointment is None or not isinstance(start, date) or start >= appointment.effective_date:
        return None
    if isinstance(end, date) and end < appointment.effective_date:
        return None
    return BEFORE_APPOINTMENT.reason(day=start.isoformat(), tmt=appointment.effective_date.isoformat())


@check("training")
def check_training_days(career: Career, fact: Fact, errors: FieldErrors) -> None:
    """The first day not after the last (judged without the record: own_problems)."""
    start: date = fact.values["start_date"]
    end = fact.effective_date
    if start > end:
        errors.add("start_date", START_AFTER_END.reason(start=start.isoformat(), end=end.isoformat()))


@check("training")
def check_training_hours(career: Career, fact: Fact, errors: FieldErrors) -> None:
    values = fact.values
    hours: int = values["hours"]
    if hours < LEAST_JP:
        errors.add("hours", TOO_FEW_HOURS.reason(hours=hours))
        return
    start: date = values["start_date"]
    end = fact.effective_date
    if start <= end:  # (dates the wrong way round hold no days to judge the JP a day by: refused above)
        per_day = career.rules.param(TRAINING_MAX_JP, end, "jp", 12)
        days = (end - start).days + 1
        if hours > per_day * days:
            errors.add("hours", TOO_MANY_HOURS.reason(hours=hours, days=days, per_day=per_day))


@check("training")
def check_training_cost(career: Career, fact: Fact, errors: FieldErrors) -> None:
    cost = fact.values.get("cost")
    if cost is not None and cost < 0:
        errors.add("cost", NEGATIVE)
    elif cost is not None and cost > MAX_COST:
        errors.add("cost", COST)


def certificate_key(reference: Any) -> tuple[str, ...]:
    """A training's certificate number as rule training.duplicate compares it: its groups of letters and of digits,
    caseless, each number without its leading zeros (BPSDM-SU/TEKNIS/2026/09001: bpsdm, su, teknis, 2026, 9001)."""
    groups = re.findall(r"[^\W\d_]+|\d+", caseless(str(reference)))
    return tuple(g.lstrip("0") or "0" if g.isdigit() else g for g in groups)


# The invisible characters a copy from a PDF or a chat carries along (errors.INVISIBLE, which the NIP reader strips)
_UNSEEN = re.compile(f"[{INVISIBLE}]")


def _written_alike(text: Any) -> str:
    """A title or organiser as rule training.duplicate compares it: caseless, its spacing aside (a no-break space a
    space) and without the invisible characters a copy carries (a zero-width space U+200B, a soft hyphen...: until
    2026-12-07 'Seminar SPBE' pasted with a U+200B was another title, its JP counted twice)."""
    return caseless(" ".join(_UNSEEN.sub("", str(text)).split()))


def one_training(values: Mapping[str, Any], other: Mapping[str, Any]) -> Reason | None:
    """Whether two trainings' values (each with its `effective_date`, its last day) are of one training by rule
    training.duplicate: the same first and last day and JP, and the same certificate once written alike
    (`certificate_key`) or the same title and organiser (letter case and spacing aside); what is the same (the part
    of the refusal naming it), else None. The one definition of a training recorded twice: the recording path asks a
    writer about it (`likely_duplicate`), and a probable duplicate recorded all the same counts its JP once
    (projections.career.repeated_trainings, rule training.counted_once)."""
    get, got = values.get, other.get
    if get("effective_date") != got("effective_date") or get("start_date") != got("start_date"):
        return None
    if get("hours") != got("hours"):
        return None
    key = certificate_key(get("reference"))  # (one of no letter nor digit, "-" or "--", is no certificate)
    if key and certificate_key(got("reference")) == key:
        return SAME_CERTIFICATE.reason(certificate=quoted(str(got("reference"))))
    if _written_alike(got("title")) == _written_alike(get("title")) and _written_alike(
        got("organiser")
    ) == _written_alike(get("organiser")):
        return SAME_TITLE
    return None


def likely_duplicate(career: Career, values: Mapping[str, Any], exclude: int = 0) -> Reason | None:
    """The refusal of a new training (`values`, as read) the record holds already under another certificate number
    (rule training.duplicate): a training of the same first and last day and JP whose certificate is the same
    written otherwise (`certificate_key`) or whose title and organiser are the same (`one_training`); None when none
    is. A training of the same certificate exactly (by `reference_key`) is the ledger's identity's to answer, not
    this. `exclude`: the version of a training corrected to `values` (compared with the others, not with itself)."""
    return next(iter(doubled_trainings(career, values, exclude).values()), None)


def doubled_trainings(career: Career, values: Mapping[str, Any], exclude: int = 0) -> dict[int, Reason]:
    """Every training of the record that a training of `values` would be a double of by rule training.duplicate
    (`likely_duplicate`, which names the first), by version in the record's order, each with its refusal naming it:
    a correction is asked about the trainings it makes its fact a double of that it was not a double of before
    (careerlog.application.corrected_training). `exclude`: the version of the training corrected to `values`."""
    end = values.get("effective_date")
    own = reference_key(values.get("reference"))
    found: dict[int, Reason] = {}
    for fact in career.by_kind["training"]:
        if fact.version == exclude or fact.effective_date != end:
            continue
        if reference_key(fact.get("reference")) == own:
            continue
        same = one_training(values, fact.values)
        if same is None:
            continue
        start, hours = fact.get("start_date"), fact.get("hours")  # (this training's: the same)
        said = {"start": start.isoformat(), "end": fact.effective_date.isoformat(), "hours": hours, "same": same}
        found[fact.version] = TRAINING_REPEATED.reason(version=fact.version, **said)
    return found


# A penalty, exam, post appointment or degree recorded again under its decree's reference written otherwise (HD/R/001
# and HD-R-001: found by an exploratory tester, 2026-12-06): of the same date and the same defining fields
# (RECORDED_TWICE_FIELDS) as a fact of its kind in the record, and the same reference once written alike (letter case,
# punctuation and spaces aside, each number without its leading zeros: `certificate_key`, as training.duplicate compares
# a certificate). Taken silently, a MEDIUM penalty recorded twice still barred promotions once HR retracted "the" one.
# Asked about on every live writer (confirm: fact.duplicate), never on a migration, and of a correction making a fact so
# (careerlog.application.corrected_twice, since 2026-12-06); a fact of the same reference exactly
# (`reference_key`) is the ledger's identity's to answer, as recorded or refused as REFERENCE_USED, not asked here.
FACT_DUPLICATE = "fact.duplicate"
RECORDED_TWICE_FIELDS: dict[str, tuple[str, ...]] = {
    "penalty": ("penalty_kind", "level"),
    "exam": ("exam",),
    "post_appointment": ("post_kind", "level", "assignment"),
    "education": ("level",),
}
# (what the refusal says of the fact recorded already, the import's wording alike: careerlog.importing
# FACT_REPEATED_IN_FILE, naming the line of the file that recorded it)
FACT_REPEATED_SAID = (
    "of the same date ({day}) and the same {same}, under the reference {reference}, this one written otherwise: if it "
    "is this {kind}, "
)
FACT_REPEATED, FACT_REPEATED_TICKED = confirmable(
    "Version {version} of the record is a {kind} "
    + FACT_REPEATED_SAID
    + "it is recorded already (correct version {version} if it is wrong); if the record does hold two, ",
    FACT_DUPLICATE,
    ".",
    named=True,
    dates=("day",),
)


def recorded_twice(career: Career, kind: str, values: Mapping[str, Any], exclude: int = 0) -> Reason | None:
    """The refusal of a new fact of `kind` (`values`, as read) the record holds already under its reference written
    otherwise (FACT_REPEATED): a fact of its kind of the same date and defining fields (RECORDED_TWICE_FIELDS)
    whose reference is the same by `certificate_key` (one of no letter nor digit is no reference) but not by
    `reference_key`; None when none is, or the kind is not one asked so. `exclude`: the version of a fact corrected
    to `values` (compared with the others, not with itself: careerlog.application.corrected_twice)."""
    return next(iter(recorded_doubles(career, kind, values, exclude).values()), None)


def recorded_doubles(career: Career, kind: str, values: Mapping[str, Any], exclude: int = 0) -> dict[int, Reason]:
    """Every fact of `kind` of the record that a fact of `values` would be a double of (`recorded_twice`, which
    names the first), by version in the record's order, each with its refusal naming it: a correction is asked about
    the facts it makes its fact a double of that it was not a double of before (careerlog.application.corrected_twice).
    `exclude`: the version of the fact corrected to `values`."""
    defining = RECORDED_TWICE_FIELDS.get(kind)
    key = certificate_key(values.get("reference"))
    if defining is None or not key:
        return {}
    own = reference_key(values.get("reference"))
    found: dict[int, Reason] = {}
    for fact in career.by_kind[kind]:
        if fact.version == exclude:
            continue
        if fact.effective_date != values.get("effective_date") or reference_key(fact.get("reference")) == own:
            continue
        if certificate_key(fact.get("reference")) != key:
            continue
        if any(_written_alike(fact.get(name)) != _written_alike(values.get(name)) for name in defining):
            continue
        same = ", ".join(f"{name} {fact.get(name)}" for name in defining if fact.get(name) is not None)
        said = {"kind": kind, "day": fact.effective_date.isoformat(), "same": same}
        reference = quoted(str(fact.get("reference")))
        found[fact.version] = FACT_REPEATED.reason(version=fact.version, reference=reference, **said)
    return found


def day_over_full(career: Career, values: Mapping[str, Any], exclude: int = 0) -> Reason | None:
    """The refusal of a training (`values`, as read) whose JP, with those of the record's trainings of the same days,
    make more than rule training.daily_jp's `jp` on a day (each training's JP spread evenly over its days); None when
    no day is, when the rules file has no such rule in force on its last day, or when the training alone holds more
    JP a day than rule training.max_jp_per_day allows (refused as such: check_training_hours; until 2026-12-06 one
    holding more than training.daily_jp's `jp` was skipped, so that with a `jp` below max_jp_per_day's two trainings of
    10 JP on one day went unasked). `exclude`: the version of a training corrected to `values`. The sum is piecewise
    constant between the trainings' first days, so the days judged are the first days of the trainings overlapping
    this one (and its own)."""
    start, end, hours = values.get("start_date"), values.get("effective_date"), values.get("hours")
    if not isinstance(start, date) or not isinstance(end, date) or not isinstance(hours, int) or start > end:
        return None
    per_day = career.rules.param(TRAINING_DAILY_JP, end, "jp")
    if per_day is None:
        return None
    own = Fraction(hours, (end - start).days + 1)
    if own > career.rules.param(TRAINING_MAX_JP, end, "jp", 12):  # (refused as such: check_training_hours)
        return None
    spans = []
    facts = {}
    for fact in career.by_kind["training"]:
        first, last, jp = fact.get("start_date"), fact.effective_date, fact.get("hours")
        if fact.version == exclude or not isinstance(first, date) or not isinstance(jp, int) or first > last:
            continue
        if first <= end and last >= start:
            spans.append((first, last, Fraction(jp, (last - first).days + 1), fact.version))
            facts[fact.version] = fact
    if not spans:
        return None
    for day in sorted({start, *(max(first, start) for first, _, _, _ in spans)}):
        on = [(jp, version) for first, last, jp, version in spans if first <= day <= last]
        total = own + sum(jp for jp, _ in on)
        if total > per_day:
            heaviest = facts[max(on)[1]]
            shown = str(total.numerator) if total.denominator == 1 else f"{float(total):.2f}".rstrip("0").rstrip(".")
            said = {"title": quoted(str(heaviest.get("title"))), "start": heaviest.get("start_date").isoformat()}
            said.update(end=heaviest.effective_date.isoformat(), version=heaviest.version)
            return TRAINING_DAY_FULL.reason(**said, total=shown, day=day.isoformat(), per_day=per_day)
    return None


def implausible_cost(career: Career, values: Mapping[str, Any], exclude: int = 0) -> Reason | None:
    """The refusal of a training (`values`, as read) whose cost is likely mistyped (rule training.cost in force on its
    last day): a fraction of a rupiah (when its `whole` is true), or more than 0 and less than the rule's `least`, or
    more than its `most`; None
    for any other cost, none, or when the rules file has no such rule. A cost the ledger refuses (negative, above
    MAX_COST) is its to refuse, not asked. `exclude`: unused (a training is judged alone; TRAINING_JUDGED's shape)."""
    cost, end = values.get("cost"), values.get("effective_date")
    if not isinstance(cost, Decimal) or not cost.is_finite() or not isinstance(end, date) or not 0 < cost <= MAX_COST:
        return None
    rule = career.rules.in_force(TRAINING_COST, end)
    if rule is None:
        return None
    least, most = rule.params.get("least"), rule.params.get("most")
    if rule.params.get("whole") and cost != cost.to_integral_value():
        why = COST_FRACTION.reason()
    elif least is not None and cost < least:
        why = COST_BELOW.reason(least=least)
    elif most is not None and cost > most:
        why = COST_ABOVE.reason(most=most)
    else:
        return None
    return COST_IMPLAUSIBLE.reason(cost=format(cost.normalize(), "f"), why=why)


@check("training_feedback")
def check_feedback_rating(career: Career, fact: Fact, errors: FieldErrors) -> None:
    rating = fact.values["rating"]
    if not FEEDBACK_SCALE[0] <= rating <= FEEDBACK_SCALE[1]:
        errors.add("rating", ONE_TO_FIVE.reason(value=rating))


@check("training_feedback")
def check_feedback_relevance(career: Career, fact: Fact, errors: FieldErrors) -> None:
    relevance = fact.values["relevance"]
    if not FEEDBACK_SCALE[0] <= relevance <= FEEDBACK_SCALE[1]:
        errors.add("relevance", ONE_TO_FIVE.reason(value=relevance))


@check("training_feedback")
def check_training_feedback(career: Career, fact: Fact, errors: FieldErrors) -> None:
    programme = fact.values["programme_id"]
    attended = career.of_programme("training", programme)
    if not attended:
        errors.add("programme_id", _no_training(career, programme))
    for other in career.of_programme("training_feedback", programme):
        if other.version != fact.version:  # the others of that programme (career.others, then the programme)
            errors.add(
                "programme_id",
                FEEDBACK_GIVEN.reason(programme=quoted(programme), version=other.version),
            )
    if attended and min(f.effective_date for f in attended) > fact.effective_date:
        errors.add("effective_date", BEFORE_TRAINING)


def _no_training(career: Career, programme: Any) -> str:
    """The refusal of a feedback naming a programme none of the employee's trainings records exactly: naming the
    programmes recorded in another letter case or spacing (`diklat-pim iv` for `DIKLAT-PIM IV`), if any."""
    key = reference_key(programme)
    spellings = dict.fromkeys(
        p
        for f in career.by_kind["training"]
        if (p := f.values.get("programme_id")) is not None and reference_key(p) == key
    )
    if not spellings:
        return NO_TRAINING.reason(programme=quoted(programme))
    given, *recorded = quoted_apart(programme, *spellings)  # (the difference shown: not each cut at 40 alike)
    return NO_TRAINING_SPELT.reason(programme=given, spellings=joined(" or ", recorded))


def check_alternation(
    career: Career, fact: Fact, errors: FieldErrors, start: str, end: str, key: str | None, label: str
) -> None:
    """Starts and ends of a period (per key) must alternate: start, end, start, ..."""
    value = fact.values.get(key) if key else None
    periods = [  # (of career.facts, in any order: they are sorted by date and version below, which differ)
        f
        for f in (*career.by_kind.get(start, ()), *career.by_kind.get(end, ()))
        if (key is None or f.get(key) == value) and f.version != fact.version
    ]
    sequence = sorted([*periods, fact], key=lambda f: (f.effective_date, f.version or 10**9))
    expected = start
    opened: Fact | None = None  # (the start the period is open since)
    for item in sequence:
        if item.kind != expected:
            which = THIS_RECORD if item is fact else VERSION.reason(version=item.version)
            day = item.effective_date.isoformat()
            if item.kind == end and item is fact and key == "mentor_nip" and (other := running_mentoring(career, fact)):
                errors.add("effective_date", other)
            elif item.kind == end:
                errors.add("effective_date", NOT_STARTED.reason(period=label, which=which, day=day))
            else:
                since = "" if opened is None else opened.effective_date.isoformat()
                was = THIS_RECORD if opened is fact or opened is None else VERSION.reason(version=opened.version)
                errors.add(
                    "effective_date", ALREADY_OPEN.reason(period=label, which=which, day=day, since=since, opened=was)
                )
            return
        opened = item if item.kind == start else None
        expected = end if expected == start else start


def running_mentoring(career: Career, fact: Fact) -> Reason | None:
    """The refusal of a mentoring end (`fact`) naming a mentor with whom none is running on its day, when one with
    another mentor is (started on or before the day, not ended before it): OTHER_MENTOR_RUNNING naming the latest
    such; None when none is running."""
    day = fact.effective_date
    running: dict[Any, Fact] = {}
    facts = (*career.by_kind.get("mentoring_start", ()), *career.by_kind.get("mentoring_end", ()))
    for f in sorted(facts, key=lambda f: (f.effective_date, f.version or 10**9)):
        if f.version == fact.version or f.effective_date > day:
            continue
        if f.kind == "mentoring_start":
            running[f.get("mentor_nip")] = f
        else:
            running.pop(f.get("mentor_nip"), None)
    others = [f for mentor, f in running.items() if mentor != fact.values["mentor_nip"]]
    if not others:
        return None
    latest = max(others, key=lambda f: (f.effective_date, f.version or 0))
    return OTHER_MENTOR_RUNNING.reason(
        mentor=fact.values["mentor_nip"],
        day=day.isoformat(),
        other=latest.get("mentor_nip"),
        since=latest.effective_date.isoformat(),
        version=latest.version,
    )


@check("study_leave_start", "study_leave_end")
def check_study_leave(career: Career, fact: Fact, errors: FieldErrors) -> None:
    check_alternation(career, fact, errors, "study_leave_start", "study_leave_end", None, STUDY_LEAVE)


def malformed_mentor(fact: Fact, errors: FieldErrors) -> bool:
    """Whether the mentor's NIP is no identity number, its reason then beside mentor_nip, worded as the employee's
    own NIP's (parse_nip): the mentor is not looked up, nor the mentoring with them."""
    try:
        parse_nip(fact.values["mentor_nip"], "mentor_nip")
    except InvalidInput as e:
        for reason in e.errors["mentor_nip"]:
            errors.add("mentor_nip", reason)
        return True
    return False


@check("mentoring_start", "mentoring_end")
def check_mentoring(career: Career, fact: Fact, errors: FieldErrors) -> None:
    if malformed_mentor(fact, errors):
        return
    mentor = fact.values["mentor_nip"]
    if mentor == career.nip:
        errors.add("mentor_nip", SELF_MENTORING)
    label = MENTORING_WITH.reason(mentor=mentor)
    check_alternation(career, fact, errors, "mentoring_start", "mentoring_end", "mentor_nip", label)
    if fact.kind == "mentoring_end":
        check_sessions_after_end(career, fact, errors)


def check_sessions_after_end(career: Career, fact: Fact, errors: FieldErrors) -> None:
    """A mentoring end refused when a session of that mentoring is recorded after it, no start of the mentor between
    (a session open on its day as check_mentoring_session judges it, the end among the facts)."""
    mentor = fact.values["mentor_nip"]
    day = fact.effective_date
    later_starts = [
        f.effective_date
        for f in career.by_kind.get("mentoring_start", ())
        if f.get("mentor_nip") == mentor and f.version != fact.version and f.effective_date >= day
    ]
    for session in career.by_kind.get("mentoring_session", ()):
        when = session.effective_date
        if session.get("mentor_nip") != mentor or when <= day:
            continue
        if not any(start <= when for start in later_starts):
            errors.add(
                "effective_date", SESSION_AFTER_END.reason(mentor=mentor, day=when.isoformat(), version=session.version)
            )
            return


@check("mentee_assigned", "mentee_released")
def check_mentee(career: Career, fact: Fact, errors: FieldErrors) -> None:
    check_alternation(career, fact, errors, "mentee_assigned", "mentee_released", "mentee_nip", MENTORING)


@check("mentoring_session")
def check_mentoring_session(career: Career, fact: Fact, errors: FieldErrors) -> None:
    if malformed_mentor(fact, errors):
        return
    mentor = fact.values["mentor_nip"]
    open_on_day = False
    for f in career.of_kinds("mentoring_start", "mentoring_end"):  # the facts below (of career.facts) that count
        if f.get("mentor_nip") != mentor or f.effective_date > fact.effective_date:
            continue
        if f.kind == "mentoring_start":
            open_on_day = True
        elif f.kind == "mentoring_end" and f.effective_date < fact.effective_date:
            open_on_day = False
    if not open_on_day:
        errors.add("mentor_nip", NOT_MENTORING.reason(mentor=mentor, day=fact.effective_date.isoformat()))


@check("mentoring_session")
def check_session_minutes(career: Career, fact: Fact, errors: FieldErrors) -> None:
    minutes = fact.values.get("minutes")
    if minutes is not None and not SESSION_MINUTES[0] <= minutes <= SESSION_MINUTES[1]:
        errors.add("minutes", MINUTES.reason(minutes=minutes))


@check("performance_rating")
def check_performance_rating(career: Career, fact: Fact, errors: FieldErrors) -> None:
    values = fact.values
    year = values["year"]
    appointment = career.appointment
    if appointment is not None and year < appointment.values["effective_date"].year:
        errors.add("year", YEAR_BEFORE_APPOINTMENT.reason(year=year))
    if year in career.rated_years:  # a rating of that year (the loop below finds it)
        version = fact.version
        for other in career.by_kind["performance_rating"]:
            if other.values.get("year") == year and other.version != version:  # the others rated that year
                errors.add("year", RATED.reason(year=year, version=other.version))
    if year > values["effective_date"].year:
        errors.add("year", YEAR_AFTER_RATING.reason(year=year, day=fact.effective_date.isoformat()))


# A penalty's level is refused beside `level` (check_penalty), but a correction of its kind alone beside `penalty_kind`;
# a rating's year after its date beside `year` (check_performance_rating), but a correction of its date alone beside
# `effective_date`; a promotion's new rank against the ranks before and after its TMT beside `new_rank`
# (check_promoted_rank), but a correction of its TMT alone beside `effective_date` (until 2026-12-06 beside the rank
# HR had not touched)
EMPLOYEE_JUDGED_AGAINST = {
    ("penalty", "level"): ("penalty_kind",),
    ("performance_rating", "year"): ("effective_date",),
    ("rank_promotion", "new_rank"): ("effective_date",),
    ("training", "hours"): ("start_date", "effective_date"),  # (its days: until 2026-12-06 beside `hours`, not sent)
}
EMPLOYEE_JUDGED_ANEW = {TOO_MANY_HOURS: JP_NO_LONGER_FIT}


@check("penalty")
def check_penalty(career: Career, fact: Fact, errors: FieldErrors) -> None:
    kind = reference().penalty_kinds[fact.values["penalty_kind"]]
    if kind["level"] != fact.values["level"]:
        errors.add("level", PENALTY_LEVEL.reason(penalty=kind.code, level=kind["level"], given=fact.values["level"]))


@check("penalty")
def check_penalty_end(career: Career, fact: Fact, errors: FieldErrors) -> None:
    end = fact.values.get("end_date")
    if end is not None and end < fact.effective_date:
        errors.add("end_date", END_BEFORE_START.reason(end=end.isoformat(), start=fact.effective_date.isoformat()))


def penalty_months(kind: str, day: date, book: Rules | None = None) -> int | None:
    """The fixed months of a penalty of `kind` effective on `day` (asn.toml penalty_kinds `months`), None when it has
    none: a kind of no fixed months (PEMBERHENTIAN), or one the version of penalty.kinds in force that day lists in
    `without_months` (a post penalty of PP 53/2010 or PP 30/1980, whose codes' 12 months are PP 94/2021's)."""
    months = reference().penalty_kinds[kind].get("months")
    if not months:
        return None
    rule = (rules() if book is None else book).in_force(PENALTY_KINDS_RULE, day)
    if rule is not None and kind in (rule.params.get("without_months") or ()):
        return None
    return int(months)


def penalty_too_long(values: Mapping[str, Any]) -> str | None:
    """The refusal of a penalty ending after the last day of its kind's months (careerlog.ages.months_last_day, as a
    penalty without an end is completed), None otherwise: a year typed wrong would bar promotions for years. Judged
    anew only (`Employee.decide`), not in `check_penalty_end`, which re-checks the penalties recorded before it."""
    return _penalty_against_its_months(values, PENALTY_TOO_LONG, after=True)


def penalty_shortened(values: Mapping[str, Any]) -> Reason | None:
    """The warning (PENALTY_SHORTENED) of a penalty ending before the last day of its kind's months, as
    `penalty_too_long` reads them; None when it ends on it (or after: refused), has no end or its kind no months."""
    return _penalty_against_its_months(values, PENALTY_SHORTENED, after=False)


def _penalty_against_its_months(values: Mapping[str, Any], said: Refusal, *, after: bool) -> Reason | None:
    """`said` of a penalty ending after (`after`) or before the last day of its kind's months, else None."""
    end, start = values.get("end_date"), values["effective_date"]
    months = penalty_months(values["penalty_kind"], start) if end is not None else None
    if end is None or not months:
        return None
    last = months_last_day(start, months)
    if end == last or (end > last) != after:
        return None
    return said.reason(
        end=end.isoformat(),
        penalty=values["penalty_kind"],
        start=start.isoformat(),
        last=last.isoformat(),
        months=int(months),
    )


def penalty_kind_refused(values: Mapping[str, Any]) -> str | None:
    """The refusal of a penalty whose kind is not one of the discipline regulation in force on its effective date
    (rule penalty.kinds, the version in force that day: its `kinds`), None otherwise or when no version is in force
    then. Judged by the penalty's own day, not the recording's: an old decision recorded late keeps its regulation's
    kinds (a PENURUNAN_PANGKAT_3 of 2015 is recorded in 2026). Judged anew only (`Employee.decide`), as
    `penalty_too_long`: a penalty already stored of a kind refused now stays and reads as recorded."""
    day = values["effective_date"]
    rule = rules().in_force(PENALTY_KINDS_RULE, day)
    kinds = None if rule is None else rule.params.get("kinds")
    if kinds is None or values["penalty_kind"] in kinds:
        return None
    return PENALTY_KIND_PERIOD.reason(
        penalty=values["penalty_kind"],
        regulation=str(rule.params.get("regulation", rule.source)),  # type: ignore[union-attr]
        day=day.isoformat(),
        kinds=", ".join(kinds),
    )


def penalty_refusals(values: Mapping[str, Any], fields: frozenset[str] | None = None) -> list[tuple[str, str]]:
    """(field, refusal) of a penalty's values judged anew: its kind out of its day's regulation (beside
    `penalty_kind`), its end after its kind's months (beside `end_date`). `fields`: those a correction changes (None:
    a recording, every check), a check judging only a penalty whose fields it reads were changed."""
    kind = penalty_kind_refused(values) if fields is None or PENALTY_KIND_FIELDS & fields else None
    too_long = penalty_too_long(values) if fields is None or PENALTY_LENGTH_FIELDS & fields else None
    return [(field, reason) for field, reason in (("penalty_kind", kind), ("end_date", too_long)) if reason is not None]


@check("award")
def check_award(career: Career, fact: Fact, errors: FieldErrors) -> None:
    """The decree comes first and within the service."""
    decreed: date = fact.values["decree_date"]
    if decreed > fact.effective_date:
        errors.add("decree_date", DECREE_AFTER.reason(decreed=decreed.isoformat(), tmt=fact.effective_date.isoformat()))


@check("award")
def check_award_in_service(career: Career, fact: Fact, errors: FieldErrors) -> None:
    decreed: date = fact.values["decree_date"]
    appointment = career.appointment
    if appointment is not None and decreed < appointment.effective_date:
        errors.add(
            "decree_date",
            DECREE_BEFORE.reason(decreed=decreed.isoformat(), tmt=appointment.effective_date.isoformat()),
        )


@check("award")
def check_award_once(career: Career, fact: Fact, errors: FieldErrors) -> None:
    """A once-only decoration is received once."""
    kind = reference().award_kinds[fact.values["award_kind"]]
    if not kind.get("once"):
        return
    for other in career.others("award", fact):
        if other.get("award_kind") == kind.code:
            errors.add(
                "award_kind",
                CONFERRED.reason(award=kind.code, day=other.effective_date.isoformat(), version=other.version),
            )


@check("status_change")
def check_status_change(career: Career, fact: Fact, errors: FieldErrors) -> None:
    if fact.values["status"] not in reference().separation_statuses():
        return
    for other in career.others("status_change", fact):
        if other.get("status") in reference().separation_statuses():
            errors.add(
                "status",
                SEPARATED.reason(
                    status=other.get("status"), day=other.effective_date.isoformat(), version=other.version
                ),
            )
            return
    for other in career.facts:
        if other.version != fact.version and other.effective_date > fact.effective_date:
            errors.add(
                "effective_date",
                DATED_AFTER.reason(version=other.version, kind=other.kind, day=other.effective_date.isoformat()),
            )
            return


def path_refusal(values: Mapping[str, Any], book: Rules | None = None) -> str | None:
    """PATH_OF_KIND of an appointment (its values) whose recruitment path is not one the rule
    appointment.recruitment_path in force on its TMT lists for its employment kind, or None (a kind it names no paths
    for takes any)."""
    kind, path, day = values.get("employment_kind"), values.get("recruitment_path"), values.get("effective_date")
    if not isinstance(kind, str) or not isinstance(path, str) or not isinstance(day, date):
        return None
    allowed = (rules() if book is None else book).param(RECRUITMENT_PATH, day, kind)
    if not allowed or path in allowed:
        return None
    return PATH_OF_KIND.reason(path=path, kind=kind, allowed=", ".join(allowed))


def probation_refusal(appointment: Fact | None, day: Any, book: Rules | None = None) -> str | None:
    """EARLY_CONFIRMATION of a confirmation as PNS effective on `day` before the end of the probation year of the
    appointment (a PNS's: a CPNS's probation, by rule confirmation.probation in force on the appointment's TMT), or
    None (no appointment, a PPPK, no version of the rule in force on the TMT, a day on or after the end)."""
    if appointment is None or appointment.get("employment_kind") != "PNS" or not isinstance(day, date):
        return None
    appointed = appointment.effective_date
    book = rules() if book is None else book
    if probation_years(book, appointed) is None:
        return None
    due = probation_end(book, appointed)
    if day >= due:
        return None
    return EARLY_CONFIRMATION.reason(day=day.isoformat(), tmt=appointed.isoformat(), due=due.isoformat())


LATSAR = "LATSAR"  # the training kind of the basic training of a CPNS (asn.toml training_kinds)
LATSAR_RULE = "confirmation.latsar"


def latsar_missing_refusal(career: Career, day: Any, book: Rules | None = None) -> str | None:
    """NO_LATSAR of a confirmation as PNS effective on `day` when rule confirmation.latsar is in force on that day and
    no active training of one of its `kinds` (LATSAR: the Latsar and, before it, the Diklat Prajabatan recorded so)
    ended on or before it; None otherwise (no version in force on the day: an older confirmation is not judged)."""
    if not isinstance(day, date):
        return None
    rule = (rules() if book is None else book).in_force(LATSAR_RULE, day)
    if rule is None:
        return None
    kinds = set(rule.params.get("kinds", (LATSAR,)))
    if any(f.get("training_kind") in kinds and f.effective_date <= day for f in career.by_kind["training"]):
        return None
    return NO_LATSAR.reason(day=day.isoformat())


# The fields of a Latsar a confirmation rests on by (`confirmations_resting_on`): one corrected away from it is refused
# beside the first of them corrected (its end date since 2026-12-05: moved past the confirmation, it no longer met it)
LATSAR_HELD_BY_ORDER = ("training_kind", "reference", "effective_date")
LATSAR_HELD_BY = frozenset(LATSAR_HELD_BY_ORDER)


def confirmations_resting_on(career: Career, training: Fact) -> list[Fact]:
    """The standing confirmations as PNS that rest on a Latsar training: those whose `latsar_certificate` names it
    (its reference, in any letter case or spacing: reference_key), and those whose certificate names no Latsar of
    the record ended by the confirmation's day when it is the record's only Latsar ended by that day (Latsar is a
    condition of becoming PNS, reference section 4: any Latsar ended by then meets it, so of two the one left rests).
    Empty for another training. Until 2026-12-05 a Latsar named but ended after the confirmation (a training corrected
    into one, say) took the only Latsar ended by the day out of it, and that one could then be retracted."""
    if training.get("training_kind") != LATSAR:
        return []
    latsars = [f for f in career.by_kind["training"] if f.get("training_kind") == LATSAR]
    own = reference_key(training.get("reference"))
    resting = []
    for confirmation in career.by_kind["confirmation"]:
        named = reference_key(confirmation.get("latsar_certificate"))
        ended = [f for f in latsars if f.effective_date <= confirmation.effective_date]
        alone = [f.version for f in ended] == [training.version]  # (named by it or not)
        if named == own or (alone and named not in {reference_key(f.get("reference")) for f in ended}):
            resting.append(confirmation)
    return resting


def separation_day_refusal(career: Career, values: Mapping[str, Any]) -> str | None:
    """ON_SEPARATION_DAY of a status change (its values) other than a separation dated on the day of the career's
    separation, or None."""
    separation = career.separation
    day = values.get("effective_date")
    if separation is None or values.get("status") in _separation_statuses() or day != separation.effective_date:
        return None
    return ON_SEPARATION_DAY.reason(
        day=separation.effective_date.isoformat(), version=separation.version, status=separation.get("status")
    )


def separation_day_held(career: Career, target: Fact | None, values: Mapping[str, Any]) -> str | None:
    """SEPARATION_DAY_HELD of a separation (its values) recorded (`target` None) or corrected into (`target`, the
    status change corrected, its corrected values) on a day on which a status change other than a separation takes
    effect in `career` (its other active facts), recorded before or after it (until 2026-12-05 one recorded before
    it was let be: the same pair was refused when the other change was moved onto the separation's day), or None.
    None too when the target was a separation on that day already: a record holding such a pair from before stays
    correctable. One dated after it is refused by its date (check_status_change, DATED_AFTER)."""
    separating = _separation_statuses()
    day = values.get("effective_date")
    if values.get("status") not in separating or not isinstance(day, date):
        return None
    if target is not None and target.get("status") in separating and target.effective_date == day:
        return None
    for other in career.by_kind["status_change"]:
        if other.effective_date == day and other.get("status") not in separating:
            return SEPARATION_DAY_HELD.reason(day=day.isoformat(), version=other.version, status=other.get("status"))
    return None


class Employee(LedgerAggregate):
    """A civil servant's career: every fact ever recorded about them."""

    CHECKS = CHECKS
    JUDGED_AGAINST = EMPLOYEE_JUDGED_AGAINST
    JUDGED_ANEW = EMPLOYEE_JUDGED_ANEW

    @classmethod
    def appoint(cls, nip: str, values: Mapping[str, Any], recording: Recording) -> tuple[Employee, Outcome]:
        """A new employee from their appointment, after checking the NIP against it."""
        nip = normalise_nip(nip)
        candidate = Fact(0, "appointment", dict(values), recording.recorded_on)
        errors = FieldErrors()
        career = Career(nip, [candidate])  # (the checks only read it)
        check_dates(career, candidate, errors, new=True)
        CHECKS["appointment"](career, candidate, errors)
        path = None if recording.reproduced else path_refusal(values)  # (a migration keeps a log's appointments)
        if path is not None:
            errors.add("recruitment_path", path)
        errors.raise_if_any()
        employee = created_directly(cls, Appointed, nip, values, recording)
        if employee is None:
            employee = cls._create(Appointed, id=nip, **values, **recording.event_kwargs())
        return employee, Outcome(nip, 1, Appointed.KIND, recording.recorded_at, True)

    def context(self, facts: list[Fact]) -> Career:
        return Career(self.id, facts)

    def decide(self, event_cls: type[LedgerEvent], values: Mapping[str, Any], recording: Recording) -> Any:
        """The ledger's decision, and a penalty judged anew (`penalty_refusals`: its length beside its end, its kind
        beside the kind when not of the regulation in force on its day): of a penalty recorded, or corrected in its
        start, end or kind. Not of a migration, which keeps what its log holds,
        nor of the penalties another change re-checks: one recorded before the check (2026-12-03) stays as it is
        until its dates or kind are corrected, and no other fact of its record is refused for it. A recording made
        already is answered as before."""
        refused = [] if recording.reproduced else self.write_judged(event_cls, values)
        if not refused:
            return LedgerAggregate.decide(self, event_cls, values, recording)
        try:
            decided = LedgerAggregate.decide(self, event_cls, values, recording)
        except InvalidInput as e:  # (named with the recording's other problems)
            errors = dict(e.errors)
            for field, reason in refused:
                errors[field] = [*errors.get(field, []), reason]
            raise InvalidInput(errors) from None
        if isinstance(decided, Outcome):
            return decided
        errors = {}
        for field, reason in refused:
            errors.setdefault(field, []).append(reason)
        raise InvalidInput(errors)

    def record_plain(
        self,
        event_cls: type[LedgerEvent],
        values: dict[str, Any],
        recording: Recording,
        expected_version: int | None = None,
    ) -> Outcome | None:
        """The ledger's, except a penalty whose length is refused, or another write a `write_judged` check refuses:
        `decide` judges it (None: nothing done)."""
        if event_cls.KIND == "penalty" and not recording.reproduced and penalty_refusals(values):
            return None
        if event_cls.KIND == "status_change" and not recording.reproduced and self.status_judged(event_cls, values):
            return None
        if event_cls.KIND == "training" and not recording.reproduced and self.training_start_judged(event_cls, values):
            return None
        confirmation = event_cls.KIND == "confirmation" and not recording.reproduced
        if confirmation and (self.probation_judged(event_cls, values) or self.basic_training_judged(event_cls, values)):
            return None
        return LedgerAggregate.record_plain(self, event_cls, values, recording, expected_version)

    def write_judged(self, event_cls: type[LedgerEvent], values: Mapping[str, Any]) -> list[tuple[str, str]]:
        """(field, refusal) of the checks a new write alone is judged by, never the facts already stored (a record
        holding such a fact from before a check stays correctable and retractable): a penalty's (`penalty_judged`),
        a status change on the day of a separation (`status_judged`)."""
        return [
            *self.penalty_judged(event_cls, values),
            *self.status_judged(event_cls, values),
            *self.latsar_judged(event_cls, values),
            *self.path_judged(event_cls, values),
            *self.probation_judged(event_cls, values),
            *self.basic_training_judged(event_cls, values),
            *self.training_start_judged(event_cls, values),
        ]

    def training_start_judged(self, event_cls: type[LedgerEvent], values: Mapping[str, Any]) -> list[tuple[str, str]]:
        """(field, BEFORE_APPOINTMENT) of a training recorded with its first day before the appointment (beside
        `start_date`), or corrected in its first day to such a day (beside `corrected_fields.start_date`):
        `start_before_appointment`."""
        if event_cls.KIND == "training":
            found = start_before_appointment(
                self.current_context(), values.get("start_date"), values.get("effective_date")
            )
            return [] if found is None else [("start_date", found)]
        corrected = self.corrected_of(event_cls, values, {"training": {"start_date"}})
        if corrected is None:
            return []
        target, changes = corrected
        end = changes.get("effective_date", target.effective_date)
        found = start_before_appointment(self.current_context(), changes.get("start_date"), end)
        return [] if found is None else [("corrected_fields.start_date", found)]

    def basic_training_judged(self, event_cls: type[LedgerEvent], values: Mapping[str, Any]) -> list[tuple[str, str]]:
        """(field, NO_LATSAR) of a confirmation as PNS recorded with no Latsar (or Diklat Prajabatan) of the record
        ended by its date (rule confirmation.latsar), beside `latsar_certificate`; and of a correction of a
        confirmation's date to a day before every such training when it met the rule as recorded (beside
        `corrected_fields.effective_date`). A confirmation stored without one stays as recorded, correctable and
        retractable; a migration import keeps a log's (not judged: `reproduced`)."""
        if event_cls.KIND == "confirmation":
            found = latsar_missing_refusal(self.current_context(), values.get("effective_date"))
            return [] if found is None else [("latsar_certificate", found)]
        corrected = self.corrected_of(event_cls, values, {"confirmation": {"effective_date"}})
        if corrected is None:
            return []
        target, changes = corrected
        career = self.current_context()
        if latsar_missing_refusal(career, target.effective_date) is not None:
            return []  # (stored without one: its correction is not refused for it)
        found = latsar_missing_refusal(career, changes.get("effective_date"))
        return [] if found is None else [("corrected_fields.effective_date", found)]

    def post_end_with(self, placement: Fact, stood_before: int | None = None) -> Fact | None:
        """The post end recorded with a placement (rule placement.ends_post: the ledger records it with the placement,
        or with a correction of its agency or date, in the same save): the standing post end right after the placement
        or a correction of it, recorded at the same time under the placement's reference as it stood then (both as
        recorded); None when none was, or it was retracted, or its own reference corrected to another decree than
        the placement's. Linked by what a correction of the placement does not change: until 2026-12-05 by both
        references as they stand, so that a correction of the placement's reference alone unlinked them, and the
        placement was then retracted, or corrected in its date or agency, unasked, its post end left standing.
        `stood_before`: the link as it stood before that version, a post end retracted by it or since read as standing
        (the post end a placement's retraction, that version, retracted with it: web.pages.hr.end_retracted_with)."""
        if placement.kind != "placement":
            return None
        reference = getattr(placement.event, "reference", None)  # (the placement's, as it stood at each version)
        for version in (placement.version, *placement.corrected_by):
            ended, before = self.facts.get(version + 1), self.events.get(version)
            if isinstance(before, EventCorrected) and version != placement.version:
                reference = before.corrected_fields.get("reference", reference)
            if (
                ended is not None
                and before is not None
                and ended.kind == "post_end"
                and (ended.active or (stood_before is not None and (ended.retracted_by or 0) >= stood_before))
                and ended.event is not None
                and ended.event.timestamp == before.timestamp
                and getattr(ended.event, "reference", None) == reference
                and ended.values.get("reference") in (reference, placement.values.get("reference"))
            ):
                return ended
        return None

    def placement_of(self, ended: Fact) -> Fact | None:
        """The standing placement a post end was recorded with (the one whose `post_end_with` it is: recorded right
        after the placement or a correction of it); None for any other fact, or a post end recorded on its own."""
        if ended.kind != "post_end":
            return None
        before = self.events.get(ended.version - 1)
        placement = self.facts.get(getattr(before, "target_version", ended.version - 1))
        if placement is None or not placement.active:
            return None
        linked = self.post_end_with(placement)
        return placement if linked is not None and linked.version == ended.version else None

    def corrected_of(
        self, event_cls: type[LedgerEvent], values: Mapping[str, Any], watched: Mapping[str, set[str]]
    ) -> tuple[Fact, dict[str, Any]] | None:
        """A correction's standing target, of a kind `watched` names, with one of the fields named for it among those
        corrected, and the corrected fields as read; None for any other recording (or fields that do not read:
        refused by the ledger, naming the field)."""
        if event_cls.KIND != "correction":
            return None
        target = self.facts.get(values.get("target_version"))  # type: ignore[arg-type]
        raw = values.get("corrected_fields")
        if target is None or not target.active or not isinstance(raw, Mapping):
            return None
        if not watched.get(target.kind, set()) & raw.keys():
            return None
        try:
            return target, parse_payload(target.event_class, raw, partial=True)
        except InvalidInput:
            return None

    def probation_judged(self, event_cls: type[LedgerEvent], values: Mapping[str, Any]) -> list[tuple[str, str]]:
        """(field, EARLY_CONFIRMATION) of a confirmation as PNS dated before the end of the probation year (rule
        confirmation.probation): recorded, or corrected in its date (beside `corrected_fields.effective_date`); and of
        a correction of the appointment's TMT (or kind) after which a standing confirmation, not before the end as
        recorded, falls before it (beside the corrected field, naming the confirmation's day). A confirmation stored
        before the rule stays as recorded and refuses no other fact of its record."""
        if event_cls.KIND == "confirmation":
            found = probation_refusal(self.current_context().appointment, values.get("effective_date"))
            return [] if found is None else [("effective_date", found)]
        watched = {"confirmation": {"effective_date"}, "appointment": {"effective_date", "employment_kind"}}
        read = self.corrected_of(event_cls, values, watched)
        if read is None:
            return []
        target, changes = read
        career = self.current_context()
        if target.kind == "confirmation":
            found = probation_refusal(career.appointment, changes.get("effective_date"))
            return [] if found is None else [("corrected_fields.effective_date", found)]
        corrected = Fact(target.version, target.kind, {**target.values, **changes}, target.recorded_on)
        for confirmation in career.by_kind["confirmation"]:
            day = confirmation.effective_date
            found = probation_refusal(corrected, day)
            if found is not None and probation_refusal(career.appointment, day) is None:
                field = "effective_date" if "effective_date" in changes else "employment_kind"
                return [(f"corrected_fields.{field}", found)]
        return []

    def path_judged(self, event_cls: type[LedgerEvent], values: Mapping[str, Any]) -> list[tuple[str, str]]:
        """(field, PATH_OF_KIND) of an appointment afresh through a recruitment path not of its employment kind, or of
        a correction of an appointment's kind or path leaving it so (beside the path when corrected, else the kind)."""
        if event_cls.KIND == "appointment":
            found = path_refusal(values)
            return [] if found is None else [("recruitment_path", found)]
        if event_cls.KIND != "correction":
            return []
        target = self.facts.get(values.get("target_version"))  # type: ignore[arg-type]
        raw = values.get("corrected_fields")
        if target is None or target.kind != "appointment" or not isinstance(raw, Mapping):
            return []
        if not {"employment_kind", "recruitment_path", "effective_date"} & raw.keys():
            return []
        try:
            changes = parse_payload(target.event_class, raw, partial=True)
        except InvalidInput:
            return []  # (refused by the ledger, naming the field)
        kind = changes.get("employment_kind")
        if kind is not None:
            with contextlib.suppress(InvalidInput):  # (a kind the NIP contradicts: KIND_OF_THE_NIP says so alone)
                if parse_nip(self.id).employment_kind != kind:
                    return []
        found = path_refusal({**target.values, **changes})
        field = "recruitment_path" if "recruitment_path" in raw or "employment_kind" not in raw else "employment_kind"
        return [] if found is None else [(f"corrected_fields.{field}", found)]

    def latsar_judged(self, event_cls: type[LedgerEvent], values: Mapping[str, Any]) -> list[tuple[str, str]]:
        """(target_version, LATSAR_RESTS) of a retraction of a Latsar training a standing confirmation as PNS rests
        on (`confirmations_resting_on`), naming the first such confirmation, or of a correction of its kind,
        reference or end date after which the confirmation no longer rests on it (beside the field corrected, the
        first of LATSAR_HELD_BY_ORDER when several are); empty otherwise."""
        if event_cls.KIND not in ("retraction", "correction"):
            return []
        target = self.facts.get(values.get("target_version"))  # type: ignore[arg-type]
        if target is None or target.kind != "training" or not target.active:
            return []
        field = "target_version"
        career = self.current_context()
        resting = confirmations_resting_on(career, target)
        if resting and event_cls.KIND == "correction":  # (its kind or reference corrected away from the confirmation)
            raw = values.get("corrected_fields")
            if not isinstance(raw, Mapping) or not LATSAR_HELD_BY & raw.keys():
                return []
            try:
                changes = parse_payload(target.event_class, raw, partial=True)
            except InvalidInput:
                return []  # (refused by the ledger, naming the field)
            corrected = Fact(target.version, target.kind, {**target.values, **changes}, target.recorded_on)
            facts = [corrected if f.version == target.version else f for f in career.facts]
            still = {f.version for f in confirmations_resting_on(Career(self.id, facts), corrected)}
            resting = [f for f in resting if f.version not in still]
            field = "corrected_fields." + next(name for name in LATSAR_HELD_BY_ORDER if name in raw)
        if not resting:
            return []
        first = resting[0]
        reason = LATSAR_RESTS.reason(
            day=first.effective_date.isoformat(),
            version=first.version,
            certificate=quoted(first.get("latsar_certificate")),
        )
        return [(field, reason)]

    def status_judged(self, event_cls: type[LedgerEvent], values: Mapping[str, Any]) -> list[tuple[str, str]]:
        """(field, refusal) of a status change other than a separation taking effect on the day of a recorded
        separation (ON_SEPARATION_DAY): recorded, or corrected in its date or status onto that day (beside the field
        corrected, its date when both are). One dated after the separation is refused by its date (check_dates).
        Likewise a separation recorded, or corrected (in its date, or a status change in its status), onto the day of a
        non-separating status change, recorded before or after it (`separation_day_held`)."""
        if event_cls.KIND == "status_change":
            career = self.current_context()
            found = separation_day_refusal(career, values) or separation_day_held(career, None, values)
            return [] if found is None else [("effective_date", found)]
        if event_cls.KIND != "correction":
            return []
        target = self.facts.get(values.get("target_version"))  # type: ignore[arg-type]
        raw = values.get("corrected_fields")
        if target is None or target.kind != "status_change" or not target.active or not isinstance(raw, Mapping):
            return []
        if not {"effective_date", "status"} & raw.keys():
            return []
        try:
            changes = parse_payload(target.event_class, raw, partial=True)
        except InvalidInput:
            return []  # (refused by the ledger, naming the field)
        others = Career(self.id, [f for f in self.active_facts() if f.version != target.version])
        corrected = {**target.values, **changes}
        found = separation_day_refusal(others, corrected) or separation_day_held(others, target, corrected)
        field = "effective_date" if "effective_date" in raw else "status"
        return [] if found is None else [(f"corrected_fields.{field}", found)]

    def penalty_judged(self, event_cls: type[LedgerEvent], values: Mapping[str, Any]) -> list[tuple[str, str]]:
        """(field, refusal) of a penalty recorded, or corrected in its start, end or kind (`penalty_refusals`: its
        kind not of its day's regulation, its end after its kind's months); empty otherwise (not a penalty, a
        correction of its other fields, a target not found). A correction's is beside the corrected field: the kind
        beside `corrected_fields.penalty_kind` when corrected, else beside the corrected `effective_date`."""
        if event_cls.KIND == "penalty":
            return penalty_refusals(values)
        if event_cls.KIND != "correction":
            return []
        target = self.facts.get(values.get("target_version"))  # type: ignore[arg-type]
        raw = values.get("corrected_fields")
        if target is None or target.kind != "penalty" or not isinstance(raw, Mapping):
            return []
        if not (PENALTY_LENGTH_FIELDS | PENALTY_KIND_FIELDS) & raw.keys():
            return []
        try:
            changes = parse_payload(target.event_class, raw, partial=True)
        except InvalidInput:
            return []  # (refused by the ledger, naming the field)
        found = penalty_refusals({**target.values, **changes}, frozenset(raw.keys()))
        kind_field = "penalty_kind" if "penalty_kind" in raw else "effective_date"
        return [(f"corrected_fields.{kind_field if field == 'penalty_kind' else field}", r) for field, r in found]

    def current_context(self) -> Career:
        """The career of the active facts, kept current as facts are added (rebuilt otherwise).

        A bulk import checks each new fact against all earlier ones: rebuilding the
        career every time made importing one history quadratic in its length.
        """
        cached: tuple[int, Career] | None = self.__dict__.get("_career")
        if cached is None or cached[0] != self.version:
            cached = (self.version, Career(self.id, self.active_facts()))
            self.__dict__["_career"] = cached
        return cached[1]

    def take_fact(self, fact: Fact, key: str) -> None:
        LedgerAggregate.take_fact(self, fact, key)
        cached: tuple[int, Career] | None = self.__dict__.get("_career")
        if cached is not None and cached[0] == fact.version - 1:
            cached[1].add(fact)
            self.__dict__["_career"] = (fact.version, cached[1])

    def check_fact(self, context: Any, fact: Fact, errors: FieldErrors, *, new: bool) -> None:
        if new and context.appointment is None:  # (voided: no appointment stands)
            if fact.kind != "appointment":
                errors.add("nip", VOIDED.reason(nip=self.id, version=self.voided_by or 0))
                return
            # an appointment afresh (AppointedAgain): judged as a first appointment is (Employee.appoint), against
            # nothing of the voided record, every fact of which is retracted
            context = Career(self.id, [fact])
        check_dates(context, fact, errors, new=new)
        check = self.CHECKS.get(fact.kind)  # the ledger's check_fact, without the call through super()
        if check is not None:
            check(context, fact, errors)

    def check_change_date(self, day: date, recording: Recording) -> None:
        """Nor before the employee's birth."""
        LedgerAggregate.check_change_date(self, day, recording)
        birth = self.current_context().birth_date
        if birth is not None and day < birth:
            raise InvalidInput(BEFORE_BIRTH.reason(day=day.isoformat(), birth=birth.isoformat()), "effective_date")

    def check_retractable(self, target: Fact) -> None:
        """The appointment only once it is the record's last fact standing (FACTS_STANDING): the record voided."""
        if target.kind == "appointment":
            standing = [f for f in self.active_facts() if f.version != target.version]
            if standing:
                named = standing[:STANDING_NAMED]
                facts = joined(", ", [STANDING_FACT.reason(version=f.version, kind=f.kind) for f in named])
                if len(standing) > len(named):
                    facts = MORE_STANDING.reason(facts=facts, more=len(standing) - len(named), count=len(standing))
                standing_facts = FACTS_STANDING.reason(facts=facts, assigned="mentee_assigned", start="mentoring_start")
                raise InvalidInput(standing_facts, "target_version")

    @property
    def void_before(self) -> int:
        """The last void of a record appointed afresh (the retraction of the appointment before the one standing), or
        0: none, or the record voided now (its last office's, reading it whole): careerlog.domain.voids.last_void, as
        projections.career's `since_void` reads it."""
        void = last_void(self.facts)
        return 0 if void is None or void.voided else void.retraction

    @property
    def voided_by(self) -> int | None:
        """The version of the retraction of the appointment (the record voided), or None: the record is voided while
        no appointment stands, its latest appointment (the first, or one made afresh after a void: AppointedAgain)
        retracted (careerlog.domain.voids.last_void)."""
        void = last_void(self.facts)
        return void.retraction if void is not None and void.voided else None

    def corrected_as_written(self, target: Fact, raw: Any) -> Any:
        """A rating's corrected predicate as the scheme of its (corrected) year names it: that scheme's code."""
        if target.kind != "performance_rating" or not isinstance(raw, Mapping) or "predicate" not in raw:
            return raw
        year = raw.get("year", target.values.get("year"))
        read = in_year_scheme({"year": year, "predicate": raw["predicate"]}, rules())
        return {**raw, "predicate": read["predicate"]}

    def check_corrected_rating(self, target_version: int, corrected_fields: Mapping[str, Any]) -> None:
        """A correction (its canonical fields) of a rating's year, predicate or score leaves a predicate of the
        year's scheme and a score in its band; a rating recorded before the schemes keeps its predicate while
        none of them is corrected. Asked by a recording command (careerlog.application), as a new rating's
        scheme is; not of a migration, which keeps what a log holds."""
        target = self.fact(target_version)
        judged = RATING_SCHEME_FIELDS | RATING_DATE_FIELDS
        if target.kind != "performance_rating" or not judged & corrected_fields.keys():
            return
        changes = parse_payload(target.event_class, corrected_fields, partial=True)
        errors = FieldErrors()
        dated = bool(RATING_DATE_FIELDS & corrected_fields.keys())  # (a stored rating's date is judged only anew)
        check_rating({**target.values, **changes}, rules(), errors, prefix="corrected_fields.", dated=dated)
        errors.raise_if_any()

    def correctable_fields(self, target: Fact) -> list[str]:
        fields = super().correctable_fields(target)
        return (
            [name for name in fields if name not in MENTORING_LINKS] if target.kind.startswith("mentoring") else fields
        )

    def check_correctable_fields(self, target: Fact, changes: Mapping[str, Any]) -> None:
        kind = changes.get("employment_kind") if target.kind == "appointment" else None
        nip = None
        if kind is not None:  # (refused beside the field corrected, not the record's number, which no form holds)
            with contextlib.suppress(InvalidInput):  # (a number of no form: the appointment's own check names it)
                nip = parse_nip(self.id)
        if nip is not None and nip.employment_kind != kind:
            reason = KIND_OF_THE_NIP.reason(
                kind=kind,
                nip=nip.value,
                number=nip.employment_kind,
                digit=nip.value[12],
                pppk_digit=nip_rules().pppk_digits_named,
                kind_number="NI PPPK" if kind == "PPPK" else "NIP",
            )
            raise InvalidInput(reason, "corrected_fields.employment_kind")
        for name in MENTORING_LINKS:
            if name in changes and target.kind.startswith("mentoring"):
                raise InvalidInput(
                    LINKS,
                    f"corrected_fields.{name}",
                )

    # ------------------------------------------------------------- queries

    @property
    def career(self) -> Career:
        return Career(self.id, self.active_facts())

    @property
    def separated_on(self) -> date | None:
        separation = self.career.separation
        return separation.effective_date if separation else None
