"""Trainings: recurring programmes with their classes, one-off courses, and leadership training."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from functools import cache

from careerlog.demo.dates import param, pick, randint

PROGRAMMES_FROM = 2019  # programme ids (for evaluation) since the LAN learning-system reform


@dataclass(frozen=True)
class Theme:
    """A subject trained on, the kinds of training that teach it and the units it suits."""

    code: str
    title: str
    kinds: tuple[str, ...]
    organisers: tuple[str, ...]
    families: tuple[str, ...]  # unit families it is relevant to; () for everyone


BPSDM = "BPSDM Provinsi Sumatera Utara"
THEMES: tuple[Theme, ...] = (
    Theme("DIGITAL", "Transformasi Digital dan SPBE", ("E_LEARNING", "BIMTEK"), (BPSDM, "ASN Unggul (LAN RI)"), ()),
    Theme("PELAYANAN", "Pelayanan Publik Prima", ("BIMTEK", "WORKSHOP"), (BPSDM, "Ombudsman RI Perwakilan Sumut"),
          ("district", "general", "health", "hospital")),
    Theme("SAKIP", "Akuntabilitas Kinerja Instansi Pemerintah", ("BIMTEK", "WORKSHOP"),
          (BPSDM, "Kementerian PANRB"), ("planning", "secretariat", "finance", "general")),
    Theme("PBJ", "Pengadaan Barang/Jasa Pemerintah Tingkat Dasar", ("KURSUS", "TEKNIS"), ("LKPP", BPSDM),
          ("works", "finance", "general", "hospital")),
    Theme("INTEGRITAS", "Penguatan Integritas dan Antikorupsi", ("SOSIALISASI", "E_LEARNING"),
          ("KPK (ACLC)", "Inspektorat Provinsi Sumatera Utara"), ()),
    Theme("KEUANGAN", "Penatausahaan Keuangan Daerah", ("TEKNIS", "BIMTEK"),
          ("BPSDM Kemendagri Regional Bukittinggi", BPSDM), ("finance", "secretariat", "general")),
    Theme("KURIKULUM", "Implementasi Kurikulum Merdeka", ("BIMTEK", "WORKSHOP", "KOMUNITAS_BELAJAR"),
          ("Balai Guru Penggerak Sumatera Utara", "Dinas Pendidikan"), ("education",)),
    Theme("KLINIS", "Penanganan Kegawatdaruratan Medis", ("TEKNIS", "FUNGSIONAL"),
          ("Bapelkes Medan", "Kementerian Kesehatan"), ("health", "hospital")),
    Theme("ARSIP", "Pengelolaan Arsip Dinamis", ("TEKNIS", "BIMTEK"), ("ANRI", BPSDM), ("general", "district")),
    Theme("SDM", "Manajemen Talenta ASN", ("BIMTEK", "SEMINAR"), ("BKN Kanreg VI Medan", BPSDM), ("hr",)),
    Theme("DATA", "Analisis Data dan Statistik Sektoral", ("E_LEARNING", "KURSUS"), ("BPS Provinsi Sumatera Utara",),
          ("planning", "it", "health")),
    Theme("K3", "Keselamatan dan Kesehatan Kerja", ("SOSIALISASI", "SEMINAR"), (BPSDM,), ("works", "hospital")),
)  # fmt: skip
THEME_BY_CODE = {t.code: t for t in THEMES}
LONG_KINDS = ("BIMTEK", "TEKNIS", "KURSUS", "WORKSHOP")
SHORT_KINDS = ("SOSIALISASI", "SEMINAR", "COACHING", "KOMUNITAS_BELAJAR", "BIMBINGAN_DI_TEMPAT_KERJA")

# Days a training of a kind lasts and the lesson hours (JP) it holds per day.
SHAPE: dict[str, tuple[int, int, int, int]] = {
    "SOSIALISASI": (1, 1, 3, 6),
    "SEMINAR": (1, 2, 4, 8),
    "COACHING": (1, 1, 2, 4),
    "KOMUNITAS_BELAJAR": (1, 1, 2, 4),
    "BIMBINGAN_DI_TEMPAT_KERJA": (1, 3, 2, 4),
    "WORKSHOP": (2, 3, 6, 9),
    "BIMTEK": (3, 4, 7, 10),
    "TEKNIS": (3, 5, 7, 10),
    "FUNGSIONAL": (5, 10, 7, 10),
    "KURSUS": (4, 8, 6, 9),
    "E_LEARNING": (7, 28, 1, 3),
    "BELAJAR_MANDIRI": (5, 20, 1, 2),
}


@dataclass(slots=True)
class Course:
    """A run of a training: the same dates, hours and certificate issuer for every participant."""

    theme: Theme
    kind: str
    title: str
    organiser: str
    start: date
    end: date
    hours: int
    cost_per_head: int | None
    programme_id: str | None
    quality: float  # how participants rate it on average


def shape(rng: random.Random, kind: str) -> tuple[int, int]:
    """(days, hours) of a training of a kind, within the JP a day can hold."""
    low, high, per_low, per_high = SHAPE.get(kind, (2, 3, 6, 8))
    days = randint(rng, low, high)
    per_day = min(randint(rng, per_low, per_high), int(param("training.max_jp_per_day", date(2020, 1, 1), "jp", 12)))
    return days, max(1, days * per_day)


def make_course(
    rng: random.Random,
    theme: Theme,
    year: int,
    programme_id: str | None,
    window: tuple[date, date],
    kinds: tuple[str, ...] | None = None,
) -> Course:
    kind = pick(rng, kinds or theme.kinds)
    days, hours = shape(rng, kind)
    span = max((window[1] - window[0]).days - days, 0)
    start = window[0] + timedelta(days=randint(rng, 0, span))
    end = start + timedelta(days=days - 1)
    cost = None
    if kind not in ("E_LEARNING", "KOMUNITAS_BELAJAR", "COACHING") and rng.random() < 0.55:
        cost = hours * pick(rng, (45_000, 60_000, 75_000, 90_000, 120_000))
    batch = f" Angkatan {randint(rng, 1, 12)}" if programme_id else ""
    return Course(
        theme=theme,
        kind=kind,
        title=f"{theme.title}{batch}",
        organiser=pick(rng, theme.organisers),
        start=start,
        end=end,
        hours=hours,
        cost_per_head=cost,
        programme_id=programme_id,
        quality=rng.uniform(3.2, 4.6),
    )


# A training held for weeks, which the career needs (Latsar before the confirmation, a leadership training before or
# soon after a post): moved to after the trainings it would share days with, rather than left out.
FULL_TIME_KINDS = ("LATSAR", "PKP", "PKA", "PKN_II", "PKN_I")


@dataclass(frozen=True, slots=True)
class Held:
    """A training already in a person's record, as the recording path's training checks read it."""

    start: date
    end: date
    hours: int
    title: str
    organiser: str


def held(payload: dict[str, object], end: date) -> Held:
    start = date.fromisoformat(str(payload["start_date"]))
    hours = payload["hours"]
    return Held(start, end, hours if isinstance(hours, int) else int(str(hours)), str(payload["title"]),
                str(payload["organiser"]))  # fmt: skip


def day_too_full(others: Iterable[Held], start: date, end: date, hours: int) -> date | None:
    """The first day a training of these days and JP makes, with the person's trainings of the same days, hold more JP
    than rule training.daily_jp's `jp` in force on its last day (each training's JP spread evenly over its days), as
    the recording path judges it (careerlog.domain.employee.day_over_full): the demo writes none it would ask to
    confirm. None when no day is, or when the rules file has no such rule then."""
    per_day = param("training.daily_jp", end, "jp", None)
    if per_day is None:
        return None
    own = Fraction(hours, (end - start).days + 1)
    if own > per_day:
        return None  # the training alone (training.max_jp_per_day refuses it)
    spans = [(o.start, o.end, Fraction(o.hours, (o.end - o.start).days + 1)) for o in others
             if o.start <= end and o.end >= start]  # fmt: skip
    for day in sorted({start, *(max(first, start) for first, _, _ in spans)}):
        if own + sum(jp for first, last, jp in spans if first <= day <= last) > per_day:
            return day
    return None


def repeats(others: Iterable[Held], course: Course) -> bool:
    """Whether the person holds this training already, as rule training.duplicate reads it (the same days, JP, title
    and organiser): the same run picked twice."""
    return any(
        (o.start, o.end, o.hours, o.title, o.organiser)
        == (course.start, course.end, course.hours, course.title, course.organiser)
        for o in others
    )


class Catalogue:
    """The runs of each theme's trainings in a year, made on first demand: several people attend each.

    Programme runs carry a programme id (for evaluation); the others are one-off courses,
    long (a few days, enough for the yearly 20 JP) or short (a morning's socialisation).
    """

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.runs: dict[tuple[str, int, str], list[Course]] = {}

    def classes(self, theme: Theme, year: int, group: str = "programme") -> list[Course]:
        key = (theme.code, year, group)
        if key not in self.runs:
            window = (date(year, 1, 8), date(year, 12, 15))
            if group == "programme":
                window = (date(year, 2, 1), date(year, 11, 25))
                self.runs[key] = [
                    make_course(self.rng, theme, year, f"PRG-{year}-{theme.code}-{i + 1:02d}", window)
                    for i in range(randint(self.rng, 2, 4))
                ]
            else:
                kinds = {"long": LONG_KINDS, "short": SHORT_KINDS}.get(group)
                self.runs[key] = [make_course(self.rng, theme, year, None, window, kinds) for _ in range(8)]
        return self.runs[key]


# The prefix of an organiser's certificate numbers: its own short name, as on its letters (I). Before, the initials
# of its words: "A" for ANRI, "L" for LKPP, and "BPSU" for both BPSDM and BPS of Sumatera Utara.
ORGANISER_CODES: dict[str, str] = {
    BPSDM: "BPSDM-SU",
    "ASN Unggul (LAN RI)": "LAN",
    "LAN RI": "LAN",
    "Ombudsman RI Perwakilan Sumut": "ORI-SU",
    "Kementerian PANRB": "KEMENPANRB",
    "LKPP": "LKPP",
    "KPK (ACLC)": "KPK",
    "Inspektorat Provinsi Sumatera Utara": "ITPROV-SU",
    "BPSDM Kemendagri Regional Bukittinggi": "BPSDM-KEMENDAGRI-BKT",
    "Balai Guru Penggerak Sumatera Utara": "BGP-SU",
    "Dinas Pendidikan": "DISDIK",
    "Bapelkes Medan": "BAPELKES-MDN",
    "Kementerian Kesehatan": "KEMENKES",
    "ANRI": "ANRI",
    "BKN Kanreg VI Medan": "BKN-KANREG-VI",
    "BPS Provinsi Sumatera Utara": "BPS-SU",
}
# A training kind as a certificate number names it (I): the stored code but for the long ones.
KIND_CODES: dict[str, str] = {
    "KOMUNITAS_BELAJAR": "KOMBEL",
    "BIMBINGAN_DI_TEMPAT_KERJA": "BDTK",
    "E_LEARNING": "E-LEARNING",
    "BELAJAR_MANDIRI": "MANDIRI",
    "PKN_I": "PKN.I",
    "PKN_II": "PKN.II",
}


@cache
def organiser_code(organiser: str) -> str:
    """The prefix of an organiser's certificate numbers (else the initials of its words)."""
    known = ORGANISER_CODES.get(organiser)
    if known is not None:
        return known
    return "".join(w[0] for w in organiser.replace("(", "").split() if w[0].isupper())[:6]


def certificate_number(organiser: str, kind: str, year: int, serial: int) -> str:
    """A training certificate's number: organiser/kind/year/serial, e.g. BPSDM-SU/PKP/2019/00012 (I)."""
    return f"{organiser_code(organiser)}/{KIND_CODES.get(kind, kind)}/{year}/{serial:05d}"


@cache
def themes_for(family: str) -> tuple[Theme, ...]:
    return tuple(t for t in THEMES if not t.families or family in t.families)


LEADERSHIP_TITLES = {
    "PKP": ("Diklat Kepemimpinan Tingkat IV", "Pelatihan Kepemimpinan Pengawas"),
    "PKA": ("Diklat Kepemimpinan Tingkat III", "Pelatihan Kepemimpinan Administrator"),
    "PKN_II": ("Diklat Kepemimpinan Tingkat II", "Pelatihan Kepemimpinan Nasional Tingkat II"),
    "PKN_I": ("Diklat Kepemimpinan Tingkat I", "Pelatihan Kepemimpinan Nasional Tingkat I"),
}
LEADERSHIP_SHAPE = {  # days, hours, cost (rupiah)
    "PKP": (110, 430, 28_000_000),
    "PKA": (130, 520, 45_000_000),
    "PKN_II": (150, 620, 110_000_000),
    "PKN_I": (160, 700, 165_000_000),
}
LEADERSHIP_ORGANISER = {"PKP": BPSDM, "PKA": BPSDM, "PKN_II": "LAN RI", "PKN_I": "LAN RI"}


def leadership_course(rng: random.Random, kind: str, start: date) -> Course:
    days, hours, cost = LEADERSHIP_SHAPE[kind]
    days += randint(rng, -10, 10)
    old, new = LEADERSHIP_TITLES[kind]
    name = old if start.year < 2019 else new
    return Course(
        theme=THEMES[0],
        kind=kind,
        title=f"{name} Angkatan {randint(rng, 1, 40)} Tahun {start.year}",
        organiser=LEADERSHIP_ORGANISER[kind],
        start=start,
        end=start + timedelta(days=days - 1),
        hours=hours + randint(rng, -20, 20),
        cost_per_head=cost + randint(rng, -10, 10) * 500_000 if start.year >= 2010 else None,
        programme_id=None,
        quality=4.0,
    )


def latsar_course(rng: random.Random, start: date, rank: str) -> Course:
    if start.year >= 2018:
        days, hours, title = 51, randint(rng, 480, 560), f"Pelatihan Dasar CPNS Golongan {rank.split('/')[0]}"
    else:
        days, hours, title = (
            randint(rng, 18, 21),
            randint(rng, 180, 210),
            f"Diklat Prajabatan Golongan {rank.split('/')[0]}",
        )
    return Course(
        theme=THEMES[0],
        kind="LATSAR",
        title=title,
        organiser=BPSDM,
        start=start,
        end=start + timedelta(days=days - 1),
        hours=hours,
        cost_per_head=None,
        programme_id=None,
        quality=4.0,
    )


FOCUS = (
    "Orientasi tugas dan budaya kerja",
    "Penyusunan SKP dan rencana kinerja",
    "Pengembangan kompetensi teknis",
    "Kepemimpinan dan komunikasi",
    "Persiapan aktualisasi nilai dasar ASN",
)
SESSION_TOPICS = (
    "Rencana pengembangan diri",
    "Evaluasi capaian kinerja triwulan",
    "Studi kasus pelayanan publik",
    "Penulisan telaahan staf",
    "Etika dan integritas",
    "Manajemen waktu dan prioritas kerja",
)
COMMENTS = (
    "Materi sangat bermanfaat",
    "Perlu lebih banyak praktik",
    "Narasumber kompeten",
    "Waktu pelatihan terlalu singkat",
    "Kurang sesuai dengan tugas sehari-hari",
)
