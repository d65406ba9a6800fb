"""The demo's organisations: agencies of Sumatera Utara, their units and their managerial posts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from careerlog.reference import reference


@dataclass(frozen=True)
class SlotSpec:
    """A managerial post of a unit: its kind, eselon and title."""

    kind: str
    eselon: str
    title: str


@dataclass(frozen=True)
class UnitSpec:
    """A work unit (perangkat daerah) of an agency."""

    name: str
    family: str  # what the unit does: education, health, hospital, district, ...
    weight: float  # share of the agency's staff, relative to the other units


@dataclass(frozen=True)
class AgencySpec:
    """An agency (instansi) of the demo, with the region its staff work in."""

    code: str
    kind: str  # province, city, regency
    short: str  # used in decree numbers
    weight: float
    units: tuple[UnitSpec, ...]

    @property
    def region(self) -> str:
        return str(reference().agencies[self.code]["region"])

    @property
    def hr_office(self) -> str:
        return "BKD" if self.kind == "province" else "BKPSDM"

    def unit(self, name: str) -> UnitSpec:
        for unit in self.units:
            if unit.name == name:
                return unit
        raise KeyError(name)


def _units(*rows: tuple[str, str, float]) -> tuple[UnitSpec, ...]:
    return tuple(UnitSpec(name, family, weight) for name, family, weight in rows)


COMMON_OFFICES = (
    ("Sekretariat Daerah", "secretariat", 5.0),
    ("Inspektorat", "audit", 2.0),
    ("Bappeda", "planning", 2.0),
    ("BPKAD", "finance", 3.0),
    ("Dinas Pekerjaan Umum", "works", 4.0),
    ("Dinas Sosial", "general", 2.0),
    ("Dinas Perhubungan", "general", 2.5),
    ("Satuan Polisi Pamong Praja", "general", 3.0),
)


def _district(names: tuple[str, ...], weight: float) -> tuple[tuple[str, str, float], ...]:
    return tuple((f"Kecamatan {name}", "district", weight) for name in names)


AGENCIES: tuple[AgencySpec, ...] = (
    AgencySpec(
        "PROV-SUMUT", "province", "Provsu", 0.30,
        _units(
            *COMMON_OFFICES,
            ("Sekretariat DPRD", "general", 2.0),
            ("BKD", "hr", 2.0),
            ("Badan Pendapatan Daerah", "finance", 3.0),
            ("Dinas Pendidikan", "education", 30.0),
            ("Dinas Kesehatan", "health", 5.0),
            ("RSUD Haji Provinsi Sumatera Utara", "hospital", 8.0),
            ("Dinas Komunikasi dan Informatika", "it", 2.0),
            ("Dinas Ketahanan Pangan dan Peternakan", "general", 3.0),
            ("Dinas Lingkungan Hidup", "general", 2.0),
            ("BPSDM", "hr", 1.5),
        ),
    ),
    AgencySpec(
        "KOTA-MEDAN", "city", "Medan", 0.32,
        _units(
            *COMMON_OFFICES,
            ("BKPSDM", "hr", 2.0),
            ("Badan Pendapatan Daerah", "finance", 2.5),
            ("Dinas Pendidikan", "education", 30.0),
            ("Dinas Kesehatan", "health", 10.0),
            ("RSUD dr. Pirngadi", "hospital", 8.0),
            ("Dinas Kependudukan dan Pencatatan Sipil", "general", 2.0),
            ("Dinas Kebersihan dan Pertamanan", "general", 3.0),
            *_district(("Medan Baru", "Medan Johor", "Medan Helvetia", "Medan Deli", "Medan Tembung", "Medan Kota",
                        "Medan Sunggal", "Medan Amplas"), 1.2),
        ),
    ),
    AgencySpec(
        "KAB-DELISERDANG", "regency", "DS", 0.24,
        _units(
            *COMMON_OFFICES,
            ("BKPSDM", "hr", 2.0),
            ("Dinas Pendidikan", "education", 32.0),
            ("Dinas Kesehatan", "health", 12.0),
            ("RSUD Drs. H. Amri Tambunan", "hospital", 6.0),
            ("Dinas Pertanian", "general", 3.0),
            *_district(("Lubuk Pakam", "Tanjung Morawa", "Percut Sei Tuan", "Sunggal", "Pancur Batu", "Batang Kuis",
                        "Deli Tua", "Beringin"), 1.2),
        ),
    ),
    AgencySpec(
        "KOTA-BINJAI", "city", "Binjai", 0.06,
        _units(
            *COMMON_OFFICES,
            ("BKPSDM", "hr", 2.0),
            ("Dinas Pendidikan", "education", 30.0),
            ("Dinas Kesehatan", "health", 10.0),
            ("RSUD dr. R.M. Djoelham", "hospital", 7.0),
            *_district(("Binjai Kota", "Binjai Utara", "Binjai Timur", "Binjai Selatan", "Binjai Barat"), 1.2),
        ),
    ),
    AgencySpec(
        "KAB-KARO", "regency", "Karo", 0.08,
        _units(
            *COMMON_OFFICES,
            ("BKPSDM", "hr", 2.0),
            ("Dinas Pendidikan", "education", 32.0),
            ("Dinas Kesehatan", "health", 12.0),
            ("RSUD Kabanjahe", "hospital", 6.0),
            ("Dinas Pertanian", "general", 3.0),
            ("Dinas Pariwisata", "general", 1.5),
            *_district(("Kabanjahe", "Berastagi", "Tigapanah", "Simpang Empat", "Munte", "Tiganderket"), 1.2),
        ),
    ),
)  # fmt: skip
SMALL_DEMO = 1000  # below this many employees, only the first three agencies take part


def agencies_for(employees: int) -> tuple[AgencySpec, ...]:
    return AGENCIES if employees >= SMALL_DEMO else AGENCIES[:3]


# ------------------------------------------------------------------ managerial posts

DIVISIONS: dict[str, tuple[str, ...]] = {
    "education": ("Pembinaan Sekolah Menengah", "Guru dan Tenaga Kependidikan", "Pembinaan Sekolah Dasar",
                  "Pendidikan Anak Usia Dini dan Nonformal", "Kurikulum dan Penilaian"),
    "health": ("Pelayanan Kesehatan", "Pencegahan dan Pengendalian Penyakit", "Kesehatan Masyarakat",
               "Sumber Daya Kesehatan"),
    "hospital": ("Pelayanan Medik", "Keperawatan", "Penunjang Medik", "Umum dan Keuangan"),
    "works": ("Bina Marga", "Sumber Daya Air", "Cipta Karya", "Penataan Ruang"),
    "finance": ("Anggaran", "Perbendaharaan", "Akuntansi dan Pelaporan", "Aset Daerah"),
    "audit": ("Inspektur Pembantu Wilayah I", "Inspektur Pembantu Wilayah II", "Inspektur Pembantu Wilayah III",
              "Inspektur Pembantu Khusus"),
    "planning": ("Perencanaan Ekonomi", "Perencanaan Sosial Budaya", "Perencanaan Infrastruktur",
                 "Penelitian dan Pengembangan"),
    "hr": ("Pengadaan dan Informasi Kepegawaian", "Mutasi dan Promosi", "Pengembangan Kompetensi",
           "Penilaian Kinerja dan Disiplin"),
    "it": ("Aplikasi Informatika", "Informasi dan Komunikasi Publik", "Statistik dan Persandian"),
    "general": ("Program dan Pelaporan", "Pelayanan", "Pengawasan dan Pengendalian", "Pembinaan"),
    "secretariat": ("Pemerintahan", "Hukum", "Perekonomian", "Organisasi", "Umum", "Protokol dan Komunikasi"),
}  # fmt: skip
SECTIONS = ("Umum dan Kepegawaian", "Keuangan", "Program dan Pelaporan")
DISTRICT_SECTIONS = ("Pemerintahan", "Ketenteraman dan Ketertiban Umum", "Pemberdayaan Masyarakat",
                     "Kesejahteraan Sosial", "Pelayanan Umum")  # fmt: skip
ASSISTANTS = ("Asisten Pemerintahan dan Kesejahteraan Rakyat", "Asisten Perekonomian dan Pembangunan",
              "Asisten Administrasi Umum")  # fmt: skip


def head_slots(agency: AgencySpec, unit: UnitSpec) -> list[SlotSpec]:
    """The top posts of a unit: its head (and the assistants of a regional secretary)."""
    if unit.family == "district":
        place = unit.name.removeprefix("Kecamatan ")
        return [SlotSpec("ADMINISTRATOR", "III.a", f"Camat {place}")]
    high = "II.a" if agency.kind == "province" else "II.b"
    where = reference().agencies[agency.code].name.removeprefix("Pemerintah ")
    if unit.family == "secretariat":
        if agency.kind == "province":
            head = SlotSpec("JPT_MADYA", "I.b", f"Sekretaris Daerah {where}")
        else:
            head = SlotSpec("JPT_PRATAMA", "II.a", f"Sekretaris Daerah {where}")
        return [head, *(SlotSpec("JPT_PRATAMA", high, title) for title in ASSISTANTS)]
    if unit.family == "hospital":
        return [SlotSpec("JPT_PRATAMA", high, f"Direktur {unit.name}")]
    if unit.name == "Inspektorat":
        return [SlotSpec("JPT_PRATAMA", high, f"Inspektur {where}")]
    if unit.name == "Sekretariat DPRD":
        return [SlotSpec("JPT_PRATAMA", high, "Sekretaris DPRD")]
    return [SlotSpec("JPT_PRATAMA", high, f"Kepala {unit.name}")]


def middle_slots(unit: UnitSpec, count: int) -> list[SlotSpec]:
    """Administrator posts: the secretary and the heads of division (or of a district's secretariat)."""
    if unit.family == "district":
        return [SlotSpec("ADMINISTRATOR", "III.b", f"Sekretaris {unit.name}")][:count]
    if unit.family == "secretariat":
        return [SlotSpec("ADMINISTRATOR", "III.a", f"Kepala Bagian {d}") for d in DIVISIONS["secretariat"]][:count]
    first = SlotSpec("ADMINISTRATOR", "III.a", f"Sekretaris {unit.name}")
    divisions = DIVISIONS.get(unit.family, DIVISIONS["general"])
    if unit.family == "audit":
        rest = [SlotSpec("ADMINISTRATOR", "III.a", d) for d in divisions]
    elif unit.family == "hospital":
        rest = [SlotSpec("ADMINISTRATOR", "III.b", f"Kepala Bidang {d}") for d in divisions]
    else:
        rest = [SlotSpec("ADMINISTRATOR", "III.b", f"Kepala Bidang {d} {unit.name}") for d in divisions]
    return [first, *rest][:count]


def lower_slots(unit: UnitSpec, count: int) -> list[SlotSpec]:
    """Pengawas posts: heads of sub-division and of section."""
    if unit.family == "district":
        titles = [f"Kepala Seksi {s} {unit.name}" for s in DISTRICT_SECTIONS]
        return [SlotSpec("PENGAWAS", "IV.a", t) for t in titles][:count]
    titles = [f"Kepala Sub Bagian {s} {unit.name}" for s in SECTIONS]
    for division in DIVISIONS.get(unit.family, DIVISIONS["general"]):
        titles.append(f"Kepala Seksi {division.removeprefix('Inspektur Pembantu ')} {unit.name}")
    return [SlotSpec("PENGAWAS", "IV.a", t) for t in titles][:count]


# A unit is led by a JPT (pimpinan tinggi) post in the demo only when its expected staff reaches JPT_UNIT_STAFF, and a
# regional secretary has assistants only when the secretariat's reaches ASSISTANTS_STAFF (I): the demo samples
# each agency's staff at about 1 in 30 but a real agency heads every office with a JPT Pratama, so with every
# head kept the 2,000 demo had 74 JPT Pratama, 3.7% of its staff against 0.49% of all ASN (20,877 of 4,254,513,
# asn-career-rules.md s.8). docs/demo.md "Senior posts" says what the number is and why.
JPT_UNIT_STAFF = 20.0
ASSISTANTS_STAFF = 25.0


def unit_slots(agency: AgencySpec, unit: UnitSpec, expected_staff: float) -> list[SlotSpec]:
    """The managerial posts of a unit, sized to its expected staff."""
    admin = max(1, min(6, round(expected_staff / 45)))
    lower = max(1, min(9, round(expected_staff / 14)))
    if expected_staff < 6:
        admin, lower = 0, 1
    heads = head_slots(agency, unit)
    if unit.family == "secretariat":
        heads = heads[:1] if expected_staff < ASSISTANTS_STAFF else heads  # the regional secretary always
    elif heads[0].kind in ("JPT_PRATAMA", "JPT_MADYA") and expected_staff < JPT_UNIT_STAFF:
        heads = []
    return [*heads, *middle_slots(unit, admin), *lower_slots(unit, lower)]


# ------------------------------------------------------------------ non-managerial posts


@dataclass(frozen=True)
class JobFamily:
    """A functional job family (jabatan fungsional) and the education it recruits from."""

    name: str
    skilled: bool  # has the keterampilan levels (Terampil, Mahir, Penyelia) for diploma holders
    expert: bool  # has the keahlian levels (Ahli Pertama .. Ahli Utama)
    women_only: bool = False


FAMILIES: dict[str, tuple[JobFamily, ...]] = {
    "education": (JobFamily("Guru", False, True),),
    "health": (JobFamily("Perawat", True, True), JobFamily("Bidan", True, False, True),
               JobFamily("Dokter", False, True), JobFamily("Sanitarian", True, True),
               JobFamily("Nutrisionis", True, True)),
    "hospital": (JobFamily("Perawat", True, True), JobFamily("Bidan", True, False, True),
                 JobFamily("Dokter", False, True), JobFamily("Apoteker", False, True),
                 JobFamily("Pranata Laboratorium Kesehatan", True, True)),
    "audit": (JobFamily("Auditor", True, True), JobFamily("Pengawas Penyelenggaraan Urusan Pemerintahan Daerah",
                                                          False, True)),
    "planning": (JobFamily("Perencana", False, True),),
    "hr": (JobFamily("Analis Sumber Daya Manusia Aparatur", False, True),
           JobFamily("Pranata Sumber Daya Manusia Aparatur", True, False)),
    "it": (JobFamily("Pranata Komputer", True, True),),
    "works": (JobFamily("Teknik Jalan dan Jembatan", True, True), JobFamily("Penata Ruang", False, True)),
    "finance": (JobFamily("Analis Keuangan Pusat dan Daerah", False, True),),
    "general": (JobFamily("Arsiparis", True, True), JobFamily("Analis Kebijakan", False, True),
                JobFamily("Pranata Komputer", True, True)),
    "secretariat": (JobFamily("Analis Kebijakan", False, True), JobFamily("Arsiparis", True, True)),
    "district": (JobFamily("Arsiparis", True, True),),
}  # fmt: skip
FUNCTIONAL_SHARE = {
    "education": 0.85, "health": 0.7, "hospital": 0.75, "audit": 0.5, "planning": 0.3, "hr": 0.2, "it": 0.3,
    "works": 0.15, "finance": 0.1, "general": 0.08, "secretariat": 0.08, "district": 0.03,
}  # fmt: skip
LEVEL_NAMES = {
    "AHLI_PERTAMA": "Ahli Pertama", "AHLI_MUDA": "Ahli Muda", "AHLI_MADYA": "Ahli Madya", "AHLI_UTAMA": "Ahli Utama",
    "PEMULA": "Pemula", "TERAMPIL": "Terampil", "MAHIR": "Mahir", "PENYELIA": "Penyelia",
}  # fmt: skip
EXPERT_LEVELS = ("AHLI_PERTAMA", "AHLI_MUDA", "AHLI_MADYA", "AHLI_UTAMA")
SKILLED_LEVELS = ("PEMULA", "TERAMPIL", "MAHIR", "PENYELIA")

PELAKSANA_TITLES: dict[str, tuple[str, ...]] = {
    "basic": ("Pramu Kebersihan", "Pengemudi", "Petugas Keamanan", "Pengantar Surat"),
    "school": ("Pengadministrasi Umum", "Pengolah Data", "Pengadministrasi Kepegawaian",
               "Pengelola Barang Milik Daerah", "Pengadministrasi Keuangan"),
    "diploma": ("Pengelola Keuangan", "Pengelola Data", "Pengelola Layanan Kepegawaian", "Verifikator Keuangan",
                "Bendahara"),
    "degree": ("Analis Data dan Informasi", "Penyusun Program Anggaran dan Pelaporan", "Analis Perencanaan",
               "Penelaah Teknis Kebijakan", "Analis Hukum"),
    "pppk": ("Pengelola Layanan Operasional", "Penata Layanan Operasional", "Operator Layanan Operasional"),
}  # fmt: skip


@cache
def level_for(ladder: tuple[str, ...], rank: str) -> str | None:
    """The level of a functional ladder whose rank range holds a rank, or None."""
    ref = reference()
    index = ref.rank_index(rank)
    for code in ladder:
        level = ref.functional_levels[code]
        if ref.rank_index(level["min_rank"]) <= index <= ref.rank_index(level["max_rank"]):
            return code
    return None
