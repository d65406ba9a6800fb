"""Translated names of the event kinds, the audit's severities, the groups of the reports and the rules' sources,
shown instead of their codes or of the English the views keep."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from datetime import date
from typing import IO, Any

from babel.dates import format_date
from babel.lists import format_list
from babel.messages.extract import extract_python
from flask_babel import get_locale, gettext
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from markupsafe import Markup, escape

from careerlog.access import Role, Scope
from careerlog.accounts import Account
from careerlog.domain.events import EMPLOYEE_EVENTS
from careerlog.domain.payload import payload_fields
from careerlog.domain.ratings import scheme_of_year
from careerlog.reference import BUNDLED_RULES, Rule, reference, rules
from careerlog.workbook_template import CHECK_DESCRIPTIONS, CONFIRM_FRAMES
from projections.merit.schemas import rule_title
from projections.scorecard.scorecard import DEFINITIONS

# (careerlog.importing.KIND_NAMES keeps them in English for the command line's import summary: a kind renamed here
# is renamed there, tests/unit/test_import_summary_by_kind.py)
KIND_LABELS: dict[str, LazyString] = {
    "appointment": _l("Appointment"),
    "confirmation": _l("Confirmation as PNS"),
    "rank_promotion": _l("Rank promotion"),
    "post_appointment": _l("Post appointment"),
    "post_end": _l("End of post"),
    "placement": _l("Placement"),
    "training": _l("Training"),
    "training_feedback": _l("Training feedback"),
    "education": _l("Education"),
    "study_leave_start": _l("Study leave started"),
    "study_leave_end": _l("Study leave ended"),
    "mentoring_start": _l("Mentoring started"),
    "mentoring_end": _l("Mentoring ended"),
    "mentoring_session": _l("Mentoring session"),
    "mentee_assigned": _l("Mentee assigned"),
    "mentee_released": _l("Mentee released"),
    "performance_rating": _l("Performance rating (SKP)"),
    "penalty": _l("Disciplinary penalty"),
    "status_change": _l("Status change"),
    "exam": _l("Exam passed"),
    "award": _l("Award"),
    "correction": _l("Correction"),
    "retraction": _l("Retraction"),
    "unit_rating": _l("Unit rating"),
    "unit_registration": _l("Unit registration"),
}

FIELD_LABELS: dict[str, LazyString] = {
    "nip": _l("NIP"),
    "effective_date": _l("Effective date (TMT)"),
    "reference": _l("Reference (decree or certificate number)"),
    "employment_kind": _l("Employment kind"),
    "name": _l("Full name"),
    "birth_date": _l("Date of birth"),
    "sex": _l("Sex"),
    "education": _l("Education"),
    "agency": _l("Agency"),
    "unit": _l("Work unit"),
    "region": _l("Region"),
    "recruitment_path": _l("Recruitment path"),
    "rank": _l("Rank"),
    "latsar_certificate": _l("Latsar certificate"),
    "new_rank": _l("New rank"),
    "promotion_kind": _l("Promotion kind"),
    "post_kind": _l("Post kind"),
    "level": _l("Level"),
    "title": _l("Title"),
    "assignment": _l("Assignment"),
    "selection": _l("Selection"),
    "appointment_reference": _l("Reference of the appointment"),
    "reason": _l("Reason"),
    "training_kind": _l("Training kind"),
    "organiser": _l("Organiser"),
    "hours": _l("Lesson hours (JP)"),
    "start_date": _l("Start date"),
    "programme_id": _l("Programme"),
    "cost": _l("Cost (rupiah)"),
    "rating": _l("Rating"),
    "relevance": _l("Relevance"),
    "comment": _l("Comment"),
    "field_of_study": _l("Field of study"),
    "institution": _l("Institution"),
    "mentor_nip": _l("Mentor's NIP"),
    "mentee_nip": _l("Mentee's NIP"),
    "focus": _l("Focus"),
    "topic": _l("Topic"),
    "minutes": _l("Minutes"),
    "year": _l("Year"),
    "predicate": _l("SKP predicate"),
    "score": _l("Score"),
    "penalty_kind": _l("Penalty kind"),
    "end_date": _l("End date"),
    "status": _l("Legal status"),
    "exam": _l("Exam"),
    "award_kind": _l("Award kind"),
    "awarding_body": _l("Awarding body"),
    "decree_date": _l("Decree date"),
    "target_version": _l("Version corrected"),
    "corrected_fields": _l("Corrected fields (JSON)"),
    "client_key": _l("Client key (client_key)"),  # (an import's column: a key used before is refused beside it)
    "age_band": _l("Age band"),  # a grouping of the reports and fairness, not a recorded field
}

# The pages' own form fields (filters, uploads), named where a refusal is shown on the error page.
QUERY_LABELS: dict[str, LazyString] = {
    "page": _l("Page"),
    "from": _l("From"),
    "to": _l("To"),
    "by": _l("Group by"),
    "min_cell": _l("Smallest group shown"),
    "years": _l("Years of trend"),
    "verdict": _l("Verdict"),
    "rule": _l("Finding (rule)"),
    "severity": _l("At least severity"),
    "passed_over": _l("Colleagues passed over"),
    "kind": _l("Kind of event"),
    "file": _l("File"),
    "line": _l("Line"),
    "order": _l("Order"),  # the career page's timeline order (newest or oldest first)
}

ROLE_LABELS: dict[str, LazyString] = {
    "employee": _l("Employee"),
    "hr": _l("HR administrator"),
    "inspector": _l("Inspector"),
    "reporter": _l("Reporting client"),
    "policy": _l("Policy maker"),
    "admin": _l("Administrator"),
}


# What a read of someone's record was (the access log's action, web.services' record_access and
# record_reads; careerlog.accounts keeps it as this code).
ACTION_LABELS: dict[str, LazyString] = {
    "profile": _l("Where they stand now"),
    "history": _l("Every recorded event"),
    "timeline": _l("Timeline"),
    "career_page": _l("Career page"),
    "roster": _l("Employee list"),
    "search": _l("Search by name"),
    "mentee": _l("Mentoring, on the mentor's record"),
    "mentor": _l("Mentor's name, on the mentee's record"),
    "eligibility": _l("Next promotion"),
    "audits": _l("Audit list"),
    "audit": _l("Audit of a decision"),
    "awards": _l("Audited awards"),
    "write_check": _l("A write or dry run refused against the record"),
}


# What an account change was (careerlog.accounts' account_changes, its action), and from where it was made (its via).
CHANGE_LABELS: dict[str, LazyString] = {
    "created": _l("Account created"),
    "disabled": _l("Account disabled"),
    "unlocked": _l("Account unlocked"),
}
VIA_LABELS: dict[str, LazyString] = {
    "page": _l("accounts page"),
    "cli": _l("command line"),
    "code": _l("a program"),
}


# How sure a rule is (docs/rules.md): S confirmed, M believed but unconfirmed, I an inference.
RULE_STATUS_LABELS: dict[str, LazyString] = {
    "S": _l("confirmed"),
    "M": _l("believed, not confirmed"),
    "I": _l("an inference"),
}

# What a passed-over colleague is compared on (projections.merit.passed_over.MEASURES).
MEASURE_LABELS: dict[str, LazyString] = {
    "performance": _l("Performance (SKP score)"),
    "training_jp": _l("Training hours (JP)"),
    "days_in_rank": _l("Days in rank"),
    "education": _l("Education (place on the ladder)"),
}

SEVERITY_LABELS: dict[str, LazyString] = {"low": _l("low"), "medium": _l("medium"), "high": _l("high")}


def _label(table: Mapping[str, LazyString], code: str) -> str:
    """A code's name in the visitor's language from `table`, or the code itself for one added later."""
    found = table.get(code)
    return str(found) if found is not None else code


def kind_label(kind: str) -> str:
    """The kind's name in the visitor's language (the code itself for a kind added later)."""
    return _label(KIND_LABELS, kind)


def fact_kind_label(kind: str, values: Mapping[str, Any] | None = None) -> str:
    """A recorded fact's kind as its page names it (`values`: the fact's): a performance rating of a year rated by
    DP3 (PP 10/1979, before SKP's first year: rule skp.scheme) a DP3 rating, not an SKP one; any other by
    kind_label."""
    if kind == "performance_rating" and dp3_year((values or {}).get("year")):
        return gettext("Performance rating (DP3)")
    return kind_label(kind)


def dp3_year(year: Any) -> bool:
    """Whether a rated year (as recorded) was rated by DP3, the scheme before SKP (rule skp.scheme)."""
    scheme = scheme_of_year(year, rules()) if type(year) is int else None
    return scheme is not None and scheme.code == "DP3"


# A field named alike in several kinds but meaning another thing in one: a penalty's level is its tingkat (PP
# 94/2021), not a post's jenjang. The effective date is a decree's TMT (terhitung mulai tanggal), but a training's
# last day, a graduation's day, a rating's or an exam's day for facts no decree takes effect from.
KIND_FIELD_LABELS: dict[tuple[str, str], LazyString] = {
    ("penalty", "level"): _l("Penalty level"),
    ("post_appointment", "title"): _l("Post title"),  # nama jabatan (a training's title is its judul)
    ("training", "effective_date"): _l("Last day of the training"),
    ("training_feedback", "effective_date"): _l("Date of the feedback"),
    ("education", "effective_date"): _l("Graduation date"),
    ("performance_rating", "effective_date"): _l("Date of the rating"),
    ("exam", "effective_date"): _l("Date the exam was passed"),
    ("mentoring_session", "effective_date"): _l("Date of the session"),
    ("education", "level"): _l("Education level"),  # jenjang pendidikan, not a post's jenjang
    ("study_leave_start", "level"): _l("Education level studied for"),
    ("retraction", "target_version"): _l("Version retracted"),  # (the version a correction names is corrected)
}


def field_label(name: str, kind: str | None = None) -> str:
    """A payload field's (or a page's form field's) name in the visitor's language, as the field of `kind` when
    it is named apart (the name itself for a field added later)."""
    found = KIND_FIELD_LABELS.get((kind, name)) if kind else None
    found = found or FIELD_LABELS.get(name, QUERY_LABELS.get(name))
    if found is None and "." in name:  # a field within a field (corrected_fields.hours): each named
        return " / ".join(field_label(part, kind) for part in name.split("."))
    return str(found) if found is not None else name


def role_label(role: str) -> str:
    """A role's name in the visitor's language (the code itself for a role added later)."""
    return _label(ROLE_LABELS, role)


def action_label(action: str) -> str:
    """What a logged read was, in the visitor's language (the code itself for an action added later)."""
    return _label(ACTION_LABELS, action)


def change_label(action: str) -> str:
    """What an account change was, in the visitor's language (the code itself for an action added later)."""
    return _label(CHANGE_LABELS, action)


def via_label(via: str) -> str:
    """Where an account change was made from, in the visitor's language (the code itself for one added later)."""
    return _label(VIA_LABELS, via)


def scope_label(scope: Scope) -> str:
    """What an account's scope covers, in the visitor's language: national, or its agencies and regions."""
    if scope.national:
        return gettext("national")
    parts = [
        *(gettext("agency %(code)s", code=a) for a in scope.agencies),
        *(gettext("region %(code)s", code=r) for r in scope.regions),
    ]
    return ", ".join(parts) or gettext("nothing")


def own_record_label(nip: str | None) -> str:
    """An employee account's scope, its own record alone, as the command line says it (accounts_cli.describe): its
    empty scope read "nothing", as if it had no access, until 2026-12-06."""
    return gettext("own record only: NIP %(nip)s", nip=nip) if nip else gettext("own record only")


def account_scope_label(account: Account) -> str:
    """What an account may read, in the visitor's language: an employee's own record, or its scope."""
    return own_record_label(account.nip) if account.role is Role.EMPLOYEE else scope_label(account.scope)


def kept_scope_label(kept: str) -> str:
    """A scope as an account change keeps it (Scope.describe's English, "agency KAB-KARO, region 12", or "nip ..."
    of an employee account) in the visitor's language, part by part; a part worded otherwise is shown as kept."""
    if kept.startswith("nip "):
        return own_record_label(kept[4:])
    words = {"national": gettext("national"), "nothing": gettext("nothing")}
    parts = []
    for part in kept.split(", "):
        kind, _space, code = part.partition(" ")
        if part in words:
            parts.append(words[part])
        elif kind == "agency" and code:
            parts.append(gettext("agency %(code)s", code=code))
        elif kind == "region" and code:
            parts.append(gettext("region %(code)s", code=code))
        else:
            parts.append(part)
    return ", ".join(parts)


def rule_status_label(status: str | None) -> str:
    """A rule's status (S, M, I) in words, with the code: "an inference (I)"."""
    found = RULE_STATUS_LABELS.get(status or "")
    return f"{found} ({status})" if found is not None else (status or "")


def measure_label(measure: str) -> str:
    return _label(MEASURE_LABELS, measure)


# The groupings (and an award's kind) shown by their reference names (Perempuan (F)); agencies, regions, ranks
# and units by their codes, which is how a report's reader knows them. "unknown": records without the value.
GROUP_TABLES = {
    "sex": "sexes",
    "education": "education",
    "employment_kind": "employment_kinds",
    "recruitment_path": "recruitment_paths",
    "status": "statuses",
    "post_kind": "post_kinds",
    "award_kind": "award_kinds",
}
GROUP_SEPARATOR = " / "  # of an intersection of two groupings (projections.merit.groups.SEPARATOR)
UNKNOWN_GROUP = _l("unknown")

# The groups an English page names in English (Female (F), Bachelor's degree (S-1)); an Indonesian page names each by
# the reference table's official name (Perempuan (F), Sarjana (S-1)), which is also each label's Indonesian in
# messages.po. The codes stay the API's and the stored values. So are a post's kind, an award's, a post's assignment
# and selection, a penalty's kind and level, an exam and a training's kind (Supervisory post, Long service medal, 10
# years on an English page; Jabatan Pengawas, Satyalancana Karya Satya X Tahun on an Indonesian one). Ranks, functional
# levels and SKP predicates keep their official names in both languages (Penata Muda, Ahli Pertama, Baik: the terms a
# rule and a decree use), as agencies and regions do.
GROUP_LABELS: dict[str, dict[str, LazyString]] = {
    "sexes": {"M": _l("Male"), "F": _l("Female")},
    "education": {
        "SD": _l("Primary school"),
        "SLTP": _l("Junior secondary school (SLTP / SMP)"),
        "SLTA": _l("Senior secondary school (SLTA / SMA / SMK)"),
        "D-I": _l("Diploma I"),
        "D-II": _l("Diploma II"),
        "D-III": _l("Diploma III"),
        "S-1": _l("Bachelor's degree (S-1)"),
        "D-IV": _l("Diploma IV"),
        "S-2": _l("Master's degree (S-2) or equivalent"),
        "S-3": _l("Doctorate (S-3)"),
    },
    "employment_kinds": {
        "PNS": _l("Civil servant (PNS)"),
        "PPPK": _l("Government employee with a work agreement (PPPK)"),
    },
    "recruitment_paths": {
        "UMUM": _l("General"),
        "HONORER": _l("Former honorary staff"),
        "DISABILITAS": _l("Reserved for persons with disabilities"),
        "PPPK": _l("PPPK"),
        "PAPUA": _l("Reserved for Papuan sons and daughters"),
        "IKATAN_DINAS": _l("Service-bond school graduates"),
    },
    "statuses": {
        "ACTIVE": _l("Active"),
        "UNPAID_LEAVE": _l("Unpaid leave (CLTN)"),
        "STUDY_LEAVE": _l("Study leave"),
        "SUSPENDED": _l("Temporarily dismissed"),
        "UNDER_PENALTY": _l("Serving a disciplinary penalty"),
        "PRE_RETIREMENT": _l("Pre-retirement leave"),
        "DISMISSED": _l("Dismissed"),
        "DISMISSED_WITHOUT_PENSION": _l("Dismissed without pension"),
        "DISMISSED_WITH_PENSION": _l("Dismissed with pension"),
        "RETIREMENT_AGE": _l("Reached the retirement age"),
        "RETIRED": _l("Retired"),
        "DECEASED": _l("Deceased"),
        "CONTRACT_ENDED": _l("PPPK work agreement ended"),
    },
    "post_kinds": {
        "JPT_UTAMA": _l("High leadership post, principal (JPT Utama)"),
        "JPT_MADYA": _l("High leadership post, middle (JPT Madya)"),
        "JPT_PRATAMA": _l("High leadership post, primary (JPT Pratama)"),
        "ADMINISTRATOR": _l("Administrator post"),
        "PENGAWAS": _l("Supervisory post"),
        "FUNGSIONAL": _l("Functional post"),
        "PELAKSANA": _l("Implementing post"),
    },
    "award_kinds": {
        "SLKS_10": _l("Long service medal, 10 years"),
        "SLKS_20": _l("Long service medal, 20 years"),
        "SLKS_30": _l("Long service medal, 30 years"),
        "SL_WIRA_KARYA": _l("Medal for exemplary work (Wira Karya)"),
        "SL_PEMBANGUNAN": _l("Medal for development (Pembangunan)"),
        "ANUGERAH_ASN": _l("ASN Award"),
        "PEGAWAI_TELADAN": _l("Exemplary / outstanding employee"),
        "OTHER": _l("Other award"),
    },
    "assignment_kinds": {
        "DEFINITIVE": _l("Definitive"),
        "PLT": _l("Acting holder (Plt)"),
        "PLH": _l("Daily acting holder (Plh)"),
        "PJ": _l("Interim holder (Pj)"),
    },
    "selection_kinds": {
        "OPEN": _l("Open selection"),
        "TALENT_POOL": _l("Talent management (talent pool)"),
        "DIRECT": _l("Direct appointment"),
    },
    "penalty_levels": {"LIGHT": _l("Light"), "MEDIUM": _l("Moderate"), "SEVERE": _l("Severe")},
    "penalty_kinds": {
        "TEGURAN_LISAN": _l("Oral reprimand"),
        "TEGURAN_TERTULIS": _l("Written reprimand"),
        "PERNYATAAN_TIDAK_PUAS": _l("Written statement of dissatisfaction"),
        "POTONG_TUKIN_6": _l("Performance allowance cut by 25 percent for 6 months"),
        "POTONG_TUKIN_9": _l("Performance allowance cut by 25 percent for 9 months"),
        "POTONG_TUKIN_12": _l("Performance allowance cut by 25 percent for 12 months"),
        "PENURUNAN_JABATAN": _l("Demotion to a post one level lower for 12 months"),
        "PEMBEBASAN_JABATAN": _l("Release from the post to an implementing post for 12 months"),
        "PEMBERHENTIAN": _l("Honourable dismissal not at own request"),
        "PENUNDAAN_KP_1": _l("Rank promotion postponed for 1 year (PP 53/2010)"),
        "PENURUNAN_PANGKAT_1": _l("Demotion one rank lower for 1 year (PP 53/2010)"),
        "PENURUNAN_PANGKAT_3": _l("Demotion one rank lower for 3 years (PP 53/2010)"),
    },
    "exams": {
        "UD_I": _l("Service exam, level I (II/d to III/a)"),
        "UD_II": _l("Service exam, level II (III/d to IV/a)"),
        "UPKP": _l("Rank adjustment exam (UPKP)"),
    },
    "training_kinds": {
        "STRUKTURAL": _l("Structural / leadership training"),
        "FUNGSIONAL": _l("Functional training"),
        "TEKNIS": _l("Technical training"),
        "WORKSHOP": _l("Workshop"),
        "MANAJERIAL": _l("Managerial training"),
        "SOSIAL_KULTURAL": _l("Socio-cultural training"),
        "SOSIALISASI": _l("Briefing (sosialisasi)"),
        "BIMTEK": _l("Technical guidance (bimtek)"),
        "SEMINAR": _l("Seminar / conference"),
        "KURSUS": _l("Course"),
        "PENATARAN": _l("Upgrading course (penataran)"),
        "LATSAR": _l("CPNS basic training (Latsar)"),
        "PKN_I": _l("National leadership training, level I (PKN I)"),
        "PKN_II": _l("National leadership training, level II (PKN II)"),
        "PKA": _l("Administrator leadership training (PKA)"),
        "PKP": _l("Supervisor leadership training (PKP)"),
        "MAGANG": _l("Internship"),
        "COACHING": _l("Coaching"),
        "MENTORING": _l("Mentoring programme"),
        "E_LEARNING": _l("E-learning"),
        "JARAK_JAUH": _l("Distance training"),
        "DETASERING": _l("Secondment"),
        "BENCHMARKING": _l("Benchmarking / field study"),
        "PERTUKARAN": _l("Exchange between civil service and private sector"),
        "BELAJAR_MANDIRI": _l("Self-study"),
        "KOMUNITAS_BELAJAR": _l("Learning community"),
        "BIMBINGAN_DI_TEMPAT_KERJA": _l("On-the-job guidance"),
    },
}


# The reference tables a refusal names ("see the {table} reference table"), by their names in the visitor's
# language: an Indonesian page reads "tabel referensi jenis pelatihan", not the table's code training_kinds
TABLE_NAMES: dict[str, LazyString] = {
    "agencies": _l("agencies"),
    "assignment_kinds": _l("assignment kinds"),
    "award_kinds": _l("award kinds"),
    "education": _l("education levels"),
    "employment_kinds": _l("employment kinds"),
    "exams": _l("exams"),
    "penalty_kinds": _l("penalty kinds"),
    "penalty_levels": _l("penalty levels"),
    "post_kinds": _l("post kinds"),
    "promotion_kinds": _l("promotion kinds"),
    "ranks": _l("ranks"),
    "rating_predicates": _l("rating predicates"),
    "recruitment_paths": _l("recruitment paths"),
    "regions": _l("regions"),
    "selection_kinds": _l("selection kinds"),
    "sexes": _l("sexes"),
    "skp_predicates": _l("SKP predicates"),
    "statuses": _l("employment statuses"),
    "training_kinds": _l("training kinds"),
}


def table_name(table: str) -> str:
    """A reference table by its name in the visitor's language (the code itself for a table added later)."""
    return _label(TABLE_NAMES, table)


def reference_name(table: str, code: str) -> str:
    """A code of a reference table (one in `reference()`) by its name in the visitor's language: the table's official
    name, or on an English page its English label where GROUP_LABELS has one (Perempuan, Female)."""
    row = reference().table(table)[code]
    label = GROUP_LABELS.get(table, {}).get(row.code) if english_page() else None
    return row.name if label is None else str(label)


def code_name(value: object, field: str) -> str:
    """A group's value as read on a report: its name in the visitor's language with the code when the name does not
    hold it (Laki-laki (M), Sarjana (S-1) on an Indonesian page; Male (M), Bachelor's degree (S-1) on an English
    page: GROUP_LABELS); other fields' codes as they are."""
    text = "" if value is None else str(value)
    if text == "unknown":
        return str(UNKNOWN_GROUP)
    table = reference().table(GROUP_TABLES[field]) if field in GROUP_TABLES else None
    if table is None or text not in table:
        return text
    name = reference_name(table.name, text)
    # IKATAN_DINAS is the name "Ikatan dinas" itself, as UMUM is "Umum", and S-1 is in "Sarjana (S-1)": a whole word of
    # it (F is not in "Female")
    spelt = re.escape(text.lower().replace("_", " "))
    return name if re.search(rf"(?<!\w){spelt}(?!\w)", name.lower()) else f"{name} ({text})"


def code_label(value: object, field: str) -> str:
    """A code of a field's reference table by its name alone in the visitor's language (Aktif, where `code_name` reads
    Aktif (ACTIVE)): a list's cell names the value and needs no code to tell groups apart; a code of no table (or
    added later) as it is."""
    text = "" if value is None else str(value)
    table = reference().table(GROUP_TABLES[field]) if field in GROUP_TABLES else None
    return reference_name(table.name, text) if table is not None and text in table else text


def post_level_name(level: object) -> str:
    """A post's level as a decree names it: an eselon as written (IV.a), a functional level by its official name, in
    both languages as functional levels keep theirs (Ahli Pertama, where the audits' lists read AHLI_PERTAMA)."""
    text = "" if level is None else str(level)
    levels = reference().functional_levels
    return levels[text].name if text in levels else text


def group_name(group: str, by: list[str]) -> str:
    """A group of one grouping, or of the intersection of two ("F / S-1"), by its names."""
    parts = group.split(GROUP_SEPARATOR) if len(by) > 1 else [group]
    if len(parts) != len(by):
        return group
    return GROUP_SEPARATOR.join(code_name(part, field) for part, field in zip(parts, by, strict=True))


def severity_label(severity: str | None) -> str:
    return _label(SEVERITY_LABELS, severity or "")


# The promotion kinds (jenis kenaikan pangkat, asn.toml promotion_kinds) as an English page names them; an Indonesian
# page names each by its official name in the reference table (their Indonesian in messages.po is that name). The
# stored codes and the API's values stay the codes.
PROMOTION_KIND_LABELS: dict[str, LazyString] = {
    "101": _l("Regular"),
    "201": _l("Selective: structural post"),
    "202": _l("Selective: functional post"),
    "203": _l("Selective: degree adjustment"),
    "206": _l("Selective: outstanding achievement"),
    "211": _l("Posthumous"),
    "212": _l("Long service (before retirement)"),
}


def english_page() -> bool:
    """Whether the page is read in another language than Indonesian (the default, and the official terms')."""
    locale = get_locale()
    return locale is not None and locale.language != "id"


def promotion_kind_label(code: str) -> str:
    """A promotion kind's name in the visitor's language: the reference table's official name on an Indonesian page
    (Reguler, Pilihan: jabatan fungsional), its English label on an English page (Regular, Selective: functional
    post); the code when unknown."""
    table = reference().promotion_kinds
    if code not in table:
        return code
    label = PROMOTION_KIND_LABELS.get(code)
    return str(label) if label is not None and english_page() else table[code].name


def promotion_kind_name(code: str) -> str:
    """A promotion kind by its name in the visitor's language and its official code (Reguler (101), Regular (101)),
    the code when unknown."""
    return f"{promotion_kind_label(code)} ({code})" if code in reference().promotion_kinds else code


def promotion_kind_in_text(code: str) -> str:
    """A promotion kind named in a stored sentence: its official name on an Indonesian page (Reguler), as the
    sentence names it; on an English page its English label with the official code (Regular (101)), which ties the
    translation to the kind."""
    return promotion_kind_name(code) if english_page() else promotion_kind_label(code)


@functools.cache
def known_sources() -> tuple[str, ...]:
    """Every source of the bundled rules (careerlog/reference/rules.toml, every version) and of the scorecard's
    indicators, once each: the texts messages.po translates."""
    found = [r.source for r in rules(BUNDLED_RULES).all] + [d.source for d in DEFINITIONS]
    return tuple(dict.fromkeys(found))


# An article of a regulation as rules.toml, the scorecard and the English pages cite it ("art. 17(2)", "art. 34-37",
# "art. 16(a)"), and as an Indonesian text does ("Pasal 17 ayat (2)", "Pasal 34-37", "Pasal 16 huruf a").
ARTICLE = re.compile(r"\bart\.\s+(\d+(?:-\d+)?)(?:\((\d+)\)|\(([a-z])\))?")


def article_in_indonesian(found: re.Match[str]) -> str:
    number, paragraph, letter = found.groups()
    return f"Pasal {number}" + (f" ayat ({paragraph})" if paragraph else f" huruf {letter}" if letter else "")


def cited(text: str) -> str:
    """A citation in the visitor's language: "UU 43/1999 art. 17(2)" on an English page, "UU 43/1999 Pasal 17 ayat
    (2)" on an Indonesian one (the regulation's name and number as written in both)."""
    return text if english_page() else ARTICLE.sub(article_in_indonesian, text)


def source_text(source: str | None) -> Markup:
    """A rule's (or a scorecard indicator's) source in the visitor's language: the regulations cited as written
    ("PP 99/2000 jo PP 12/2002"), an article as the language cites it ("UU 43/1999 art. 17(2)", "UU 43/1999 Pasal 17
    ayat (2)": cited), the remarks around them translated (messages.po). The
    views and the API keep the English of rules.toml; a source the catalogue does not know (a rules file of one's
    own, CAREERLOG_RULES_FILE) is shown as written, marked as English for a screen reader."""
    if not source:
        return Markup("")
    shown = gettext(source)
    if english_page() or shown != source or source in known_sources():
        return escape(cited(shown))  # (Pasal, ayat on an Indonesian page, as messages.po writes them)
    return Markup('<span lang="en">%s</span>') % source


def field_docs() -> list[str]:
    """The description of every field of the recordable events, shown beside the field on the record form."""
    found = {spec.doc: None for cls in EMPLOYEE_EVENTS if cls.RECORDABLE for spec in payload_fields(cls) if spec.doc}
    return list(found)


Extracted = tuple[int, str | None, str | tuple[str, ...], list[str]]  # (line, function, message, comments)


def python_messages(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[Extracted]:
    """Babel's extraction of a Python module's messages, as the extraction methods of babel.cfg yield them."""
    # Babel 2.19 annotates extract_python as yielding (line, message, comments, context), which it does not (its own
    # extract() reads (line, function, message, comments)), and its options as a TypedDict of the dict it hands over.
    yield from extract_python(fileobj, keywords, comment_tags, options)  # type: ignore[misc, arg-type]


def extract(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[Extracted]:
    """Babel extraction (babel.cfg): this module's messages, then the fields' descriptions, written once in
    English on the event classes (careerlog.domain.events) and translated here like any page text, then the sources of
    the rules and of the scorecard's indicators (known_sources)."""
    yield from python_messages(fileobj, keywords, comment_tags, options)
    for text in field_docs():
        yield 0, None, text, ["an event field's description on the record form"]
    for text in known_sources():
        yield 0, None, text, ["a rule's source: keep each regulation cited as written, translate the rest"]
    for text in (*CHECK_DESCRIPTIONS.values(), *CONFIRM_FRAMES):  # (the import page's and the template guide's parts)
        yield 0, None, text, ["what a yes in an import's Konfirmasi column confirms: keep ya and each {placeholder}"]


# The rules a decision's findings name (rules.toml ids), as the audit lists' finding filter and their downloads name
# them in the visitor's language: a short label, the code staying the filter's value and the CSV's `rules`. A rule
# added later (or of a rules file of its own) is named by its title in the rule book, else by its code.
RULE_LABELS: dict[str, LazyString] = {
    "appointment.starting_rank": _l("Rank above the education's starting rank"),
    "evidence.recorded_after": _l("Evidence recorded after the decision"),
    "merit.passed_over": _l("Stronger colleague passed over"),
    "post.credit_points": _l("Credit points of the level held"),
    "post.education": _l("Minimum education for the post"),
    "post.experience": _l("Years of service before the post"),
    "post.jpt_tenure": _l("JPT official replaced within two years"),
    "post.leadership_training": _l("Leadership training of the post's level"),
    "post.max_age": _l("Maximum age for a JPT post"),
    "post.open_selection": _l("JPT post filled by open selection"),
    "post.performance": _l("SKP before a managerial post"),
    "post.post_below": _l("Years in the post below"),
    "post.rank_range": _l("Rank within the post's eselon range"),
    "promotion.credit_points": _l("Credit points of the level"),
    "promotion.dates": _l("TMT on a permitted promotion date"),
    "promotion.degree_rank": _l("Promotion by degree beyond the degree"),
    "promotion.education_ceiling": _l("Above the education's ceiling"),
    "promotion.functional_range": _l("Above the functional level's top rank"),
    "promotion.legal_status": _l("On unpaid leave or suspended"),
    "promotion.no_probation": _l("CPNS not yet confirmed as PNS"),
    "promotion.one_step": _l("More ranks than the kind allows"),
    "promotion.penalty": _l("Disciplinary penalty being served"),
    "promotion.performance": _l("SKP predicate at least Baik"),
    "promotion.regular_without_post": _l("Regular promotion while holding a post"),
    "promotion.service_exam": _l("Service exam (ujian dinas)"),
    "promotion.structural_range": _l("Above the structural post's range"),
    "promotion.time_in_rank": _l("Minimum years in rank"),
    "promotion.training": _l("Competency development (20 JP)"),
}


def dates_label(version: Rule) -> str | None:
    """promotion.dates' label of one version, the permitted dates it names in the visitor's language: "TMT on 1 April
    or 1 October" (PP 99/2000, before 2024), "TMT on 1 February, 1 April, ..., or 1 December" (Peraturan BKN 4/2023);
    None for a version whose dates are not a day of listed months (its label then RULE_LABELS')."""
    months, day = version.params.get("months"), version.params.get("day")
    if not isinstance(months, list) or not months or type(day) is not int:
        return None
    return permitted_dates(tuple(int(month) for month in months), day, str(get_locale()))


@functools.lru_cache(maxsize=64)
def permitted_dates(months: tuple[int, ...], day: int, locale: str) -> str:
    """dates_label's words, once per version's dates and language: a workbook of a million rows built them per row
    (about 250 us each, against some 30 us for another rule's label). `locale` is the request's (gettext reads it)."""
    days = [format_date(date(2000, month, day), "d MMMM", locale=locale) for month in months]
    return gettext("TMT on %(days)s", days=format_list(days, style="or", locale=locale))


# The rules whose versions ask different things of a decision, each labelled by the version in force on its TMT (the
# version it was judged by, as the CSV's and the API's `rule_titles`: projections.merit.schemas.rule_title); the
# filter, of every version, by RULE_LABELS' label of them all. Until 2026-12-07 a workbook named each finding of
# promotion.dates "TMT on 1 April or 1 October", the rule before 2024, where the CSV named the one in force.
VERSION_LABELS: dict[str, Callable[[Rule], str | None]] = {"promotion.dates": dates_label}


def rule_label(rule: str | None, day: date | str | None = None) -> str:
    """A rule's short label in the visitor's language (RULE_LABELS); with `day` (a decision's TMT), of the version in
    force then where its versions differ (VERSION_LABELS); a rule without a label by its title in the rule book
    (careerlog.reference.rules) of the version in force on `day`, else of its last version with one, else its code
    (projections.merit.schemas.rule_title)."""
    code = rule or ""
    on = date.fromisoformat(day) if isinstance(day, str) else day
    labelled = VERSION_LABELS.get(code)
    held = rules().in_force(code, on) if labelled is not None and on is not None else None
    shown = labelled(held) if labelled is not None and held is not None else None
    if shown is not None:
        return shown
    found = RULE_LABELS.get(code)
    return str(found) if found is not None else rule_title(code, on)
