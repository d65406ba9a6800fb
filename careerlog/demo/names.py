"""Indonesian names as they appear on decrees in Sumatera Utara, by origin and sex."""

from __future__ import annotations

import random
from dataclasses import dataclass

from careerlog.demo.dates import pick

BATAK_TOBA = (
    "Simanjuntak", "Sitorus", "Sinaga", "Hutapea", "Pardede", "Panjaitan", "Hutagalung",
    "Sihombing", "Simatupang", "Manurung", "Silalahi", "Situmorang", "Pasaribu",
    "Napitupulu", "Tambunan", "Sianturi", "Siahaan", "Marpaung", "Hutabarat", "Sitompul",
)  # fmt: skip
MANDAILING = ("Siregar", "Nasution", "Harahap", "Lubis", "Hasibuan", "Rangkuti", "Daulay", "Pulungan", "Ritonga")
KARO = ("Ginting", "Sembiring", "Tarigan", "Perangin-angin", "Karo-karo", "Sitepu", "Barus", "Bangun", "Surbakti")
SIMALUNGUN = ("Purba", "Damanik", "Saragih", "Girsang", "Sipayung", "Sinaga")
NIAS = ("Zebua", "Harefa", "Gulo", "Telaumbanua", "Laoli")
JAVANESE_FAMILY = (
    "Santoso", "Setiawan", "Wibowo", "Prasetyo", "Saputra", "Susanto", "Hidayat",
    "Kurniawan", "Nugroho", "Purnomo", "Wahyudi", "Hermanto", "Susilo",
)  # fmt: skip

GIVEN: dict[tuple[str, str], tuple[str, ...]] = {
    ("christian", "M"): (
        "Parlindungan", "Maruli", "Togar", "Hotman", "Bonar", "Sahat", "Tumpal", "Martua",
        "Darwin", "Benny", "Robert", "Saut", "Jhonson", "Hendra", "Roy", "Daniel", "Rudi",
        "Andreas", "Frans", "Poltak", "Marihot", "Jansen", "Edward", "Samuel",
    ),
    ("christian", "F"): (
        "Rosmawati", "Lamria", "Romauli", "Tiurma", "Sondang", "Rotua", "Maria", "Elisabeth",
        "Yanti", "Lestari", "Dewi", "Ratna", "Kristina", "Yuliana", "Rosdiana", "Masniari",
        "Friska", "Evi", "Juliana", "Hotnida", "Tiomsi", "Nurmala",
    ),
    ("muslim", "M"): (
        "Muhammad Syahrial", "Ahmad Rizal", "Irwansyah", "Zulkifli", "Hasan Basri", "Fauzi",
        "Rahmat", "Syafrizal", "Azhar", "Khairul Anwar", "Zulfikar", "Rizky Ramadhan",
        "Muhammad Iqbal", "Ali Imran", "Abdul Rahman", "Faisal", "Arif Rahman", "Hendri",
        "Taufik Hidayat", "Syahputra", "Ridwan", "Amiruddin",
    ),
    ("muslim", "F"): (
        "Nurhayati", "Siti Aisyah", "Rahmawati", "Fitriani", "Khairunnisa", "Rosnida",
        "Nur Asiah", "Nurul Hidayah", "Syarifah", "Fadhilah", "Sri Mulyani", "Herlina",
        "Zulaikha", "Rita Juliani", "Desi Ariani", "Mardiana", "Erna Wati", "Nur Cahaya",
        "Lely Suryani", "Masitah", "Rina Marlina", "Yusnidar",
    ),
    ("javanese", "M"): (
        "Budi", "Agus", "Joko", "Slamet", "Bambang", "Eko", "Dwi", "Wahyu", "Teguh",
        "Sugianto", "Hadi", "Suryadi", "Heru", "Edi", "Sutrisno", "Purwanto", "Yudi", "Priyo",
    ),
    ("javanese", "F"): (
        "Sri Wahyuni", "Dwi Lestari", "Endang Susilowati", "Tri Handayani", "Sri Rahayu",
        "Ratna Sari", "Yuni Astuti", "Puji Lestari", "Suharti", "Sulastri", "Wiwik",
        "Rini Puspitasari", "Ani Suryani", "Eka Wulandari", "Suwarni", "Ningsih",
    ),
    ("karo", "M"): (
        "Pebrianto", "Sabar", "Ramli", "Ukur", "Terkelin", "Jusup", "Mulia", "Sentosa",
        "Dedy", "Nomi", "Ronald", "Arjuna", "Riswan", "Kenan",
    ),
    ("karo", "F"): (
        "Rosmalia", "Ngena", "Malem", "Sri Ulina", "Kristina", "Yuliana", "Riahna", "Lisna",
        "Mbaru", "Ervina", "Nuraini", "Sarianna", "Ita",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Origin:
    """A family background: the pool of given names and of family names (clan, marga)."""

    given: str
    families: tuple[str, ...]
    boru: bool  # women may be written "br." before the marga


ORIGINS: dict[str, Origin] = {
    "toba": Origin("christian", BATAK_TOBA, True),
    "mandailing": Origin("muslim", MANDAILING, False),
    "karo": Origin("karo", KARO, True),
    "simalungun": Origin("christian", SIMALUNGUN, True),
    "nias": Origin("christian", NIAS, False),
    "javanese": Origin("javanese", JAVANESE_FAMILY, False),
    "malay": Origin("muslim", (), False),
}

# Share of each origin among the staff of an agency's region.
ORIGIN_MIX: dict[str, tuple[tuple[str, float], ...]] = {
    "PROV-SUMUT": (("toba", 0.28), ("mandailing", 0.22), ("javanese", 0.2), ("malay", 0.12), ("karo", 0.08),
                   ("simalungun", 0.06), ("nias", 0.04)),
    "KOTA-MEDAN": (("toba", 0.24), ("mandailing", 0.22), ("javanese", 0.24), ("malay", 0.16), ("karo", 0.08),
                   ("simalungun", 0.04), ("nias", 0.02)),
    "KAB-DELISERDANG": (("javanese", 0.34), ("malay", 0.16), ("toba", 0.18), ("mandailing", 0.14),
                        ("karo", 0.12), ("simalungun", 0.06)),
    "KOTA-BINJAI": (("malay", 0.3), ("javanese", 0.3), ("karo", 0.15), ("toba", 0.13), ("mandailing", 0.12)),
    "KAB-KARO": (("karo", 0.66), ("toba", 0.14), ("simalungun", 0.08), ("javanese", 0.07), ("mandailing", 0.05)),
}  # fmt: skip

DEGREE_SUFFIXES: dict[str, tuple[str, ...]] = {
    "education": ("S.Pd.",),
    "health": ("S.K.M.", "S.Kep.", "S.Farm."),
    "hospital": ("S.Kep.", "S.Farm.", "S.Gz."),
    "works": ("S.T.",),
    "finance": ("S.E.", "S.Ak."),
    "audit": ("S.E.", "S.Ak.", "S.H."),
    "planning": ("S.T.", "S.E.", "S.Si."),
    "it": ("S.Kom.", "S.T."),
}
GENERAL_SUFFIXES = ("S.Sos.", "S.H.", "S.E.", "S.I.P.", "S.AP.")
MASTER_SUFFIXES = ("M.Si.", "M.M.", "M.AP.", "M.H.")
MASTER_BY_FAMILY = {"education": ("M.Pd.",), "health": ("M.Kes.",), "hospital": ("M.Kes.", "M.K.M.")}
DIPLOMA_SUFFIXES = {"health": ("A.Md.Kep.", "A.Md.Keb."), "hospital": ("A.Md.Kep.", "A.Md.Keb.", "A.Md.Farm.")}


def pick_origin(rng: random.Random, agency: str) -> str:
    mix = ORIGIN_MIX[agency]
    return rng.choices([o for o, _ in mix], [w for _, w in mix])[0]


def person_name(
    rng: random.Random, origin_code: str, sex: str, education: str, family: str, appointed_year: int
) -> str:
    """A full name as on the appointment decree, with the academic title of the entry education."""
    origin = ORIGINS[origin_code]
    given = pick(rng, GIVEN[(origin.given, sex)])
    if origin.families and (origin_code != "javanese" or rng.random() < 0.5):
        marga = pick(rng, origin.families)
        middle = " br. " if sex == "F" and origin.boru and rng.random() < 0.35 else " "
        name = f"{given}{middle}{marga}"
    else:
        name = given
    return _with_title(rng, name, sex, education, family, appointed_year)


def _with_title(rng: random.Random, name: str, sex: str, education: str, family: str, year: int) -> str:
    if education in ("D-III",) and rng.random() < 0.6:
        return f"{name}, {pick(rng, DIPLOMA_SUFFIXES.get(family, ('A.Md.',)))}"
    if education not in ("S-1", "D-IV", "S-2", "S-3"):
        return name
    if family in ("health", "hospital") and rng.random() < 0.25:
        return f"dr. {name}, M.Ked." if education in ("S-2", "S-3") else f"dr. {name}"
    if year < 1996 and family in ("education", "general", "finance", "district") and rng.random() < 0.6:
        prefix = "Drs." if sex == "M" else "Dra."
        master = f", {pick(rng, MASTER_SUFFIXES)}" if education in ("S-2", "S-3") else ""
        return f"{prefix} {name}{master}"
    if rng.random() < 0.2:
        return name
    bachelor = pick(rng, DEGREE_SUFFIXES.get(family, GENERAL_SUFFIXES))
    if education == "D-IV" and family == "district":
        bachelor = "S.STP"
    if education in ("S-2", "S-3"):
        master = pick(rng, MASTER_BY_FAMILY.get(family, MASTER_SUFFIXES))
        head = "Dr. " if education == "S-3" else ""
        return f"{head}{name}, {bachelor}, {master}"
    return f"{name}, {bachelor}"


@dataclass(frozen=True)
class PostTitles:
    """The academic titles a functional post's holders carry: its profession asks for them (a Dokter is "dr.",
    an Apoteker "apt.", a Perawat with a degree "S.Kep., Ners"), whatever the unit's usual degrees."""

    bachelor: str
    diploma: str = ""
    prefix: str = ""  # before the name (dr., apt.), with the bachelor's after it if any


POST_TITLES: dict[str, PostTitles] = {
    "Guru": PostTitles("S.Pd."),
    "Dokter": PostTitles("", prefix="dr."),
    "Apoteker": PostTitles("S.Farm.", prefix="apt."),
    "Perawat": PostTitles("S.Kep., Ners", "A.Md.Kep."),
    "Bidan": PostTitles("S.Tr.Keb.", "A.Md.Keb."),
    "Nutrisionis": PostTitles("S.Gz.", "A.Md.Gz."),
    "Sanitarian": PostTitles("S.K.M.", "A.Md.K.L."),
    "Pranata Laboratorium Kesehatan": PostTitles("S.Tr.Kes.", "A.Md.A.K."),
}
HEALTH_MASTERS = ("M.Kes.", "M.K.M.")
PREFIXES = ("dr. ", "Dr. ", "Drs. ", "Dra. ", "apt. ")


def fit_to_post(name: str, job: str, education: str, unit_family: str, seed: str) -> str:
    """A name as `person_name` made it, with the titles of the functional post's profession (`job`, a job family)
    instead of the unit's: no "dr." nursing or "S.Farm." doctoring. Anyone else in a health unit keeps a degree of
    the unit but not "dr.", which only a Dokter holds. Chosen by `seed` (the NIP), so no stream of the simulation
    moves."""
    titles = POST_TITLES.get(job)
    if titles is None and not (name.startswith("dr. ") and unit_family in ("health", "hospital")):
        return name
    base = name.split(", ")[0]
    for prefix in PREFIXES:
        base = base.removeprefix(prefix)
    rng = random.Random(f"careerlog-demo:title:{seed}")
    if titles is None:  # a health unit's pelaksana or other post: a public-health degree
        titles = PostTitles(pick(rng, DEGREE_SUFFIXES[unit_family]))
    if education == "D-III":
        return f"{base}, {titles.diploma}" if titles.diploma else base
    if education not in ("D-IV", "S-1", "S-2", "S-3"):
        return base
    after = [titles.bachelor] if titles.bachelor else []
    if education in ("S-2", "S-3"):
        after.append(pick(rng, MASTER_BY_FAMILY.get(unit_family, HEALTH_MASTERS)))
    head = f"{titles.prefix} " if titles.prefix else ""
    head = f"Dr. {head}" if education == "S-3" else head
    return ", ".join([f"{head}{base}", *after])
