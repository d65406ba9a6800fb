"""The pages as their users meet them: every text in the visitor's language, errors tied to their fields,
landmarks and table headers a screen reader can name, counts in the right plural, and error pages."""

from __future__ import annotations

import io
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from eventsourcing.persistence import OperationalError

from careerlog.domain.events import BY_KIND
from careerlog.domain.ledger import IN_FUTURE
from careerlog.domain.payload import payload_fields
from tests import factories as f
from tests.functional.conftest import BUDI, MISSING, World, appointment_of
from tests.functional.test_pages_auth import csrf_token, log_in
from tests.functional.test_pages_hr import form_of, training_form
from web.pages import local_p
from web.pages.labels import FIELD_LABELS, KIND_LABELS, field_docs, measure_label
from web.pages.messages import reason_text

CATALOGUE = Path(__file__).parents[2] / "web" / "translations" / "id" / "LC_MESSAGES" / "messages.po"


class Elements(HTMLParser):
    """Every element's tag, attributes and own text, in document order."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str], list[str]]] = []
        self.open: list[list[str]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text: list[str] = []
        self.found.append((tag, {k: v or "" for k, v in attrs}, text))
        if tag not in ("input", "br", "meta", "link", "img"):
            self.open.append(text)

    def handle_endtag(self, tag: str) -> None:
        if self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for text in self.open:
            text.append(data)

    def by_id(self, id_: str) -> tuple[str, dict[str, str], list[str]]:
        return next(e for e in self.found if e[1].get("id") == id_)

    def text_of(self, id_: str) -> str:
        return " ".join("".join(self.by_id(id_)[2]).split())

    def landmark_names(self) -> list[str]:
        """The accessible name of every region landmark (a named section, or role=region)."""
        names = []
        for tag, attrs, _text in self.found:
            if tag == "section" or attrs.get("role") == "region":
                if "aria-labelledby" in attrs:
                    names.append(self.text_of(attrs["aria-labelledby"]))
                elif "aria-label" in attrs:
                    names.append(attrs["aria-label"])
        return names


def page_of(world: World, path: str) -> Elements:
    answer = world.client.get(path)
    assert answer.status_code == 200, (path, answer.status_code)
    return Elements(answer.get_data(as_text=True))


def test_a_wrong_method_on_a_page_address_is_an_html_405_in_the_visitors_language(world: World) -> None:
    log_in(world, "inspector")
    answer = world.client.post("/pages/audits?lang=id", data={})
    assert answer.status_code == 405
    assert answer.mimetype == "text/html"
    page = answer.get_data(as_text=True)
    assert "Cara meminta halaman ini tidak diizinkan" in page
    assert 'href="/pages/audits"' in page  # the inspector's own menu
    assert world.post("/api/v1/employees/x/nothing").mimetype == "application/problem+json"


def test_a_page_whose_store_cannot_be_used_is_an_html_503_to_try_again(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_in(world, "reporter")

    def unusable(*args: object, **kwargs: object) -> None:
        raise OperationalError("the database is locked")

    monkeypatch.setattr(world.services, "headcount", unusable)
    answer = world.client.get("/pages/reports/headcount?lang=id")
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "5"
    assert "Belum siap; coba lagi sebentar lagi" in answer.get_data(as_text=True)


def test_a_failed_log_in_ties_each_error_to_its_field_and_keeps_the_user_name(world: World) -> None:
    token = csrf_token(world.client)
    answer = world.client.post("/pages/login", data={"username": "hr-web", "password": "", "csrf_token": token})
    page = Elements(answer.get_data(as_text=True))
    password = page.by_id("password")[1]
    assert password["aria-invalid"] == "true"
    assert page.text_of(password["aria-describedby"]) == "Kolom ini wajib diisi."
    assert password["value"] == ""
    assert page.by_id("username")[1]["value"] == "hr-web"
    assert "aria-invalid" not in page.by_id("username")[1]


def test_the_import_form_ties_its_file_error_to_the_field(world: World) -> None:
    log_in(world, "hr")
    token = csrf_token(world.client, "/pages/import")
    answer = world.client.post("/pages/import", data={"csrf_token": token})
    assert answer.status_code == 422
    page = Elements(answer.get_data(as_text=True))
    upload = page.by_id("f-file")[1]
    assert upload["aria-invalid"] == "true"
    assert page.text_of(upload["aria-describedby"]) == "Pilih berkas .jsonl, .csv, atau .xlsx."


def test_a_smallest_group_that_is_not_a_number_is_tied_to_its_field(world: World) -> None:
    log_in(world, "inspector")
    answer = world.client.get("/pages/fairness?min_cell=lima&lang=id")
    assert answer.status_code == 422
    page = Elements(answer.get_data(as_text=True))
    smallest = page.by_id("f-min")[1]
    assert smallest["aria-invalid"] == "true"
    assert page.text_of(smallest["aria-describedby"]) == "Harus bilangan bulat paling sedikit 1."
    assert smallest["value"] == "lima"


def test_a_csv_import_without_a_kind_asks_for_one_beside_the_kind_and_keeps_the_choices(world: World) -> None:
    log_in(world, "hr")
    data = {"csrf_token": csrf_token(world.client, "/pages/import"), "dry_run": "y"}
    data["file"] = (io.BytesIO(b"nip,hours\n1,2\n"), "events.csv")  # type: ignore[assignment]
    answer = world.client.post("/pages/import?lang=id", data=data, content_type="multipart/form-data")
    assert answer.status_code == 422
    page = Elements(answer.get_data(as_text=True))
    kind = page.by_id("f-kind")[1]
    assert kind["aria-invalid"] == "true"
    assert page.text_of(kind["aria-describedby"]) == "Pilih jenis peristiwa yang dimuat berkas CSV atau buku kerja ini."
    assert "checked" in page.by_id("f-dry")[1]


def test_the_start_page_names_the_role_and_scope_in_the_visitors_language(world: World) -> None:
    log_in(world, "hr")
    page = world.client.get("/pages/?lang=id").get_data(as_text=True)
    assert "Peran: Pengelola kepegawaian · Cakupan: instansi KOTA-MEDAN" in page
    english = world.client.get("/pages/?lang=en").get_data(as_text=True)
    assert "Role: HR administrator · Scope: agency KOTA-MEDAN" in english
    log_in(world, "inspector")
    assert "Peran: Inspektur · Cakupan: wilayah 12" in world.client.get("/pages/?lang=id").get_data(as_text=True)


def test_report_and_fairness_groupings_are_named_in_the_visitors_language(world: World) -> None:
    log_in(world, "inspector")
    headcount = world.client.get("/pages/reports/headcount?by=sex&lang=id").get_data(as_text=True)
    assert '<option value="sex" selected>Jenis kelamin</option>' in headcount
    assert '<option value="age_band">Kelompok umur</option>' in headcount
    assert '<th scope="col">Jenis kelamin</th>' in headcount
    training = world.client.get("/pages/reports/training?by=rank&year=2024&lang=id").get_data(as_text=True)
    assert '<th scope="col">Pangkat</th>' in training
    fairness = world.client.get("/pages/fairness?by=education&lang=id").get_data(as_text=True)
    assert '<option value="education" selected>Pendidikan</option>' in fairness
    assert '<option value="recruitment_path">Jenis pengadaan</option>' in fairness


def test_every_table_header_cell_has_text(world: World) -> None:
    log_in(world, "inspector")
    for path in ("/pages/reports/mentoring", "/pages/reports/headcount", "/pages/fairness", "/pages/audits"):
        page = page_of(world, path)
        empty = [attrs for tag, attrs, text in page.found if tag == "th" and not "".join(text).strip()]
        assert not empty, path


@pytest.mark.parametrize(
    "path", ["/pages/fairness?by=sex", "/pages/reports/headcount", "/pages/reports/mentoring", "/pages/audits"]
)
def test_no_two_landmarks_of_a_page_share_a_name(world: World, path: str) -> None:
    log_in(world, "inspector")
    names = page_of(world, path).landmark_names()
    assert names
    assert [n for n, count in Counter(names).items() if count > 1] == []


@pytest.mark.parametrize("path", ["/pages/accounts", "/pages/accounts/changes"])
def test_the_administrators_pages_name_every_header_cell_and_their_landmarks_apart(world: World, path: str) -> None:
    log_in(world, "admin")
    page = page_of(world, path)
    assert not [attrs for tag, attrs, text in page.found if tag == "th" and not "".join(text).strip()]
    names = page.landmark_names()
    assert names
    assert [n for n, count in Counter(names).items() if count > 1] == []


def test_counts_use_the_right_plural_form(world: World) -> None:
    log_in(world, "inspector")
    english = world.client.get("/pages/audits?agency=KOTA-MEDAN&lang=en").get_data(as_text=True)
    assert "1 promotion ·" in english
    assert "1 promotions" not in english
    indonesian = world.client.get("/pages/audits?agency=KOTA-MEDAN&lang=id").get_data(as_text=True)
    assert "1 kenaikan pangkat ·" in indonesian


def test_the_language_links_keep_the_pages_filters(world: World) -> None:
    log_in(world, "inspector")
    page = world.client.get("/pages/audits?verdict=findings&page=1&agency=KOTA-MEDAN").get_data(as_text=True)
    assert 'href="?verdict=findings&amp;agency=KOTA-MEDAN&amp;lang=en"' in page
    assert 'href="?verdict=findings&amp;agency=KOTA-MEDAN&amp;lang=id"' in page


def test_the_tables_of_a_promotions_findings_are_named_each_by_its_finding(world: World) -> None:
    ledger = world.services.ledger
    ledger.record(BUDI, "performance_rating", f.rating(2015, "KURANG", effective_date="2016-01-10"), actor="test")
    ledger.record(BUDI, "rank_promotion", f.promotion("III/c", "2016-04-01"), actor="test")  # cites the rating
    ledger.record(BUDI, "training", f.training("2016-02-01", hours=8), actor="test")  # evidence after it
    world.catch_up()
    log_in(world, "inspector")
    decisions = world.services.audit_view.promotions({"agency": ["KOTA-MEDAN"]})
    version = max(d["version"] for d in decisions)
    names = page_of(world, f"/pages/audits/{BUDI}/{version}?lang=en").landmark_names()
    assert sum(name.startswith("Supporting events") for name in names) >= 2
    assert [n for n, count in Counter(names).items() if count > 1] == []


def test_the_record_form_describes_each_field_in_the_visitors_language(world: World) -> None:
    log_in(world, "hr")
    page = world.client.get("/pages/record?kind=training&lang=id").get_data(as_text=True)
    assert "<code>hours</code> · Jam pelajaran (JP, masing-masing 45 menit).</small>" in page
    english = world.client.get("/pages/record?kind=training&lang=en").get_data(as_text=True)
    assert "<code>hours</code> · Lesson hours (JP, 45 minutes each).</small>" in english


def test_every_field_description_of_the_record_form_has_an_indonesian_translation() -> None:
    po = read_po(io.BytesIO(CATALOGUE.read_bytes()))
    docs = field_docs()
    assert len(docs) >= 60
    untranslated = [doc for doc in docs if po.get(doc) is None or not po[doc].string or po[doc].fuzzy]
    assert untranslated == []


def test_the_ledgers_reasons_that_quote_the_input_are_shown_in_the_visitors_language(world: World) -> None:
    log_in(world, "hr")
    data = {**training_form(world, start_date="2024-05-12", hours="40"), "effective_date": "2024-05-10"}
    page = Elements(world.client.post("/pages/record?kind=training&lang=id", data=data).get_data(as_text=True))
    assert page.text_of("start_date-error") == "12 Mei 2024 jatuh setelah tanggal selesai 10 Mei 2024."
    english = world.client.post("/pages/record?kind=training&lang=en", data={**data, **form_of(world, "training")})
    assert Elements(english.get_data(as_text=True)).text_of("start_date-error") == (
        "May 12, 2024 is after the end date May 10, 2024."
    )
    unknown = {**training_form(world), "nip": MISSING}
    page = Elements(world.client.post("/pages/record?kind=training&lang=id", data=unknown).get_data(as_text=True))
    assert page.text_of("nip-error") == (
        f"Tidak ada pegawai dengan NIP {MISSING} dalam catatan cakupan Anda: tidak ada yang diangkat di dalamnya, "
        "atau riwayatnya telah dipindahkan keluar (administrator nasional menjangkau semua riwayat)."
    )
    bad_date = {**training_form(world), "effective_date": "2024-02-3x"}
    page = Elements(world.client.post("/pages/record?kind=training&lang=id", data=bad_date).get_data(as_text=True))
    assert page.text_of("effective_date-error") == "Bukan tanggal yang sah (seharusnya TTTT-BB-HH): '2024-02-3x'."
    no_day = {**training_form(world), "effective_date": "2024-02-30"}  # (of the form, of no day: as the API says it)
    page = Elements(world.client.post("/pages/record?kind=training&lang=id", data=no_day).get_data(as_text=True))
    assert page.text_of("effective_date-error") == (
        "Tidak ada hari seperti itu di kalender, dibaca sebagai TTTT-BB-HH (tahun, bulan, hari): periksa hari dan "
        "bulannya."
    )


def test_a_reason_is_translated_by_its_template_never_read_back_from_english(world: World) -> None:
    with world.app.test_request_context("/pages/?lang=id"):
        assert reason_text("The hearing is in the future.") == "The hearing is in the future."
        assert reason_text("2024-05-10 is in the future.") == "2024-05-10 is in the future."  # a text, not a Reason
        assert reason_text(IN_FUTURE.reason(day="2024-05-10")) == "10 Mei 2024 berada di masa depan."


def test_every_event_kind_and_field_has_a_name_in_the_visitors_language() -> None:
    po = read_po(io.BytesIO(CATALOGUE.read_bytes()))
    fields = {spec.name for cls in set(BY_KIND.values()) for spec in payload_fields(cls)}
    assert sorted(fields - set(FIELD_LABELS)) == []
    assert sorted(set(BY_KIND) - set(KIND_LABELS)) == []
    names = [str(label._args[0]) for label in [*FIELD_LABELS.values(), *KIND_LABELS.values()]]
    assert [name for name in names if po.get(name) is None or not po[name].string] == []


def test_a_findings_rule_status_and_the_measures_compared_are_named_in_the_visitors_language(world: World) -> None:
    log_in(world, "inspector")
    version = world.services.audit_view.promotions({"agency": ["KOTA-MEDAN"]})[0]["version"]
    page = world.client.get(f"/pages/audits/{BUDI}/{version}?lang=id").get_data(as_text=True)
    # the status named in Indonesian, whichever the findings' rules have (since 026e8775 an old decision's finding
    # may cite an earlier regulation's version, believed: M)
    statuses = ("status: dikonfirmasi (S)", "status: sebuah inferensi (I)", "status: diyakini, belum dikonfirmasi (M)")
    assert any(status in page for status in statuses)
    assert 'Sumber: <span lang="en">' not in page  # the rules' sources in Indonesian (rules.toml's English translated)
    with world.app.test_request_context("/pages/?lang=id"):
        assert measure_label("days_in_rank") == "Hari dalam pangkat"


def test_a_tiny_p_value_reads_under_a_thousandth_not_zero(world: World) -> None:
    with world.app.test_request_context("/pages/?lang=id"):
        assert local_p(0.0000004) == "< 0,001"
        assert local_p(0.0432) == "0,043"
        assert local_p(1.0) == "1"


def test_the_groups_of_reports_and_fairness_are_shown_by_their_names(world: World) -> None:
    log_in(world, "inspector")
    headcount = world.client.get("/pages/reports/headcount?by=sex&lang=id").get_data(as_text=True)
    assert "<td>Perempuan (F)</td>" in headcount
    assert "<td>Laki-laki (M)</td>" in headcount
    by_agency = world.client.get("/pages/reports/headcount?by=agency&lang=id").get_data(as_text=True)
    assert "<td>KOTA-MEDAN</td>" in by_agency  # agencies and regions by their codes
    groups = [g["group"] for g in world.services.fairness_view.fairness(["sex", "education"])["groups"]]
    assert groups
    fairness = world.client.get("/pages/fairness?by=sex&by=education&lang=id").get_data(as_text=True)
    names = {"M": "Laki-laki (M)", "F": "Perempuan (F)", "unknown": "tidak diketahui"}
    for group in groups:
        assert f'<th scope="row">{names[group.split(" / ")[0]]} / ' in fairness


def test_the_audited_awards_name_each_award_kind_and_the_mentoring_report_is_named_as_a_noun(world: World) -> None:
    award = {"award_kind": "SLKS_10", "awarding_body": "Presiden", "reference": "K-1"}
    award |= {"effective_date": "2020-08-17", "decree_date": "2020-08-10"}
    world.services.ledger.record(BUDI, "award", award, actor="test")
    world.catch_up()
    log_in(world, "inspector")
    page = world.client.get("/pages/audits/awards?lang=id").get_data(as_text=True)
    assert "<td>Satyalancana Karya Satya X Tahun (SLKS_10)</td>" in page
    reports = world.client.get("/pages/reports/mentoring?lang=id").get_data(as_text=True)
    assert "Laporan: Pembimbingan" in reports


@pytest.mark.parametrize("name", ["headcount", "training"])
def test_a_report_refused_for_its_grouping_says_why_beside_the_grouping(world: World, name: str) -> None:
    log_in(world, "inspector")
    answer = world.client.get(f"/pages/reports/{name}?by=religion&lang=id")
    assert answer.status_code == 422
    page = Elements(answer.get_data(as_text=True))
    grouping = page.by_id("f-by")[1]
    assert grouping["aria-invalid"] == "true"
    assert page.text_of(grouping["aria-describedby"]).startswith("Pengelompokan 'religion' tidak dikenal; pilih")


def test_the_error_page_names_the_field_in_the_visitors_language(world: World) -> None:
    log_in(world, "inspector")
    answer = world.client.get("/pages/audits?page=x&lang=id")
    assert answer.status_code == 422
    assert "Halaman: Harus bilangan bulat paling sedikit 1." in answer.get_data(as_text=True)
    csv = world.client.get("/pages/audits.csv?from=x&lang=id").get_data(as_text=True)
    assert "Dari: Harus berupa tanggal TTTT-BB-HH." in csv


def test_an_empty_import_file_is_refused_beside_the_file_in_the_visitors_language(world: World) -> None:
    log_in(world, "hr")
    data = {"csrf_token": csrf_token(world.client, "/pages/import")}
    data["file"] = (io.BytesIO(b"\n"), "kosong.jsonl")  # type: ignore[assignment]
    answer = world.client.post("/pages/import?lang=id", data=data, content_type="multipart/form-data")
    assert answer.status_code == 422
    page = Elements(answer.get_data(as_text=True))
    assert page.text_of(page.by_id("f-file")[1]["aria-describedby"]) == (
        "'kosong.jsonl' tidak berisi satu baris pun (kosong, hanya baris kosong, atau hanya kepala CSV): "
        "tidak ada yang diimpor."
    )


def test_more_of_the_ledgers_refusals_are_shown_in_the_visitors_language(world: World) -> None:
    log_in(world, "hr")
    rating = {**form_of(world, "performance_rating"), "nip": BUDI, **f.rating(2025, effective_date="2024-12-31")}
    page = Elements(world.client.post("/pages/record?kind=performance_rating&lang=id", data=rating).get_data(True))
    assert page.text_of("year-error") == "Tahun 2025 jatuh setelah tanggal penilaiannya (31 Des 2024)."
    retraction = {**form_of(world, "retraction"), "nip": BUDI, "target_version": "1", "reason": "salah"}
    retraction |= {"effective_date": "2024-01-02", "reference": "R-1"}
    page = Elements(world.client.post("/pages/record?kind=retraction&lang=id", data=retraction).get_data(True))
    assert page.text_of("target_version-error") == (
        "Pengangkatan dibatalkan (catatan dibatalkan seluruhnya, seperti catatan yang dibuat dengan NIP keliru) hanya "
        "setelah setiap fakta lain dalam catatan ini dibatalkan; yang masih berlaku: versi 2 (Kenaikan pangkat). "
        "Batalkan masing-masing lebih dulu (Penugasan peserta bimbingan dengan membatalkan Pembimbingan dimulai dalam "
        "catatan mentee), atau koreksi pengangkatan bila NIP-nya benar."
    )


def test_the_career_page_names_its_landmarks_apart_and_who_read_it_in_words(world: World) -> None:
    """The timeline's and the JP's sections and their scrolling tables were two landmarks of one name each
    (axe: landmark-unique); the readers' table showed the role and the read as codes (hr, career_page)."""
    log_in(world, "hr")
    assert world.client.get(f"/pages/employees/{BUDI}").status_code == 200
    log_in(world, "employee")
    page = page_of(world, f"/pages/employees/{BUDI}?lang=id")
    names = page.landmark_names()
    assert "Tabel: Linimasa" in names
    assert [n for n, count in Counter(names).items() if count > 1] == []
    cells = ["".join(text).strip() for tag, _attrs, text in page.found if tag == "td"]
    assert "Pengelola kepegawaian" in cells  # the role hr, named
    assert "Halaman riwayat karier" in cells  # the read career_page, named
    assert "career_page" not in cells
    assert "hr" not in cells
    english = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    assert "1 of 1 read shown, newest first." in english  # one read by another, in the singular


def test_the_nip_refusals_of_the_appointment_form_are_shown_in_the_visitors_language(world: World) -> None:
    log_in(world, "hr")
    good = {k: str(v) for k, v in appointment_of(BUDI, agency="KOTA-MEDAN", region="12.71").items()}
    expected = {
        "123": ("nip-error", "Harus 18 digit, bukan '123'."),
        "199013322016031001": ("nip-error", "Digit 1-8 (19901332) bukan tanggal lahir yang sebenarnya."),
        "199001012016131001": ("nip-error", "Digit 13-14 (bulan TMT CPNS) harus 01-12, bukan 13."),
        "199001012016031003": ("birth_date-error", "26 Sep 1986 tidak sesuai dengan NIP (1 Jan 1990)"),
    }
    for nip, (field, text) in expected.items():
        data = {**form_of(world, "appointment"), **good, "nip": nip}
        answer = world.client.post("/pages/record?kind=appointment&lang=id", data=data)
        assert answer.status_code == 422, nip
        assert Elements(answer.get_data(as_text=True)).text_of(field) == text, nip
    again = {**form_of(world, "appointment"), **good, "nip": BUDI}
    page = world.client.post("/pages/record?kind=appointment&lang=id", data=again).get_data(as_text=True)
    # beside the NIP since the conflict names its field (nip, as the API's 409 and an import's report do)
    told = f"NIP {BUDI} sudah diangkat (NIP diangkat kembali hanya setelah catatannya dibatalkan)."
    assert Elements(page).text_of("nip-error") == told
    data = {**form_of(world, "appointment"), **good, "nip": "123"}
    english = world.client.post("/pages/record?kind=appointment&lang=en", data=data).get_data(as_text=True)
    assert Elements(english).text_of("nip-error") == "Must be 18 digits, got '123'."


def test_the_imports_row_refusals_are_shown_in_the_visitors_language(world: World) -> None:
    log_in(world, "hr")
    rows = b'{"kind": "training"}\n' + f'{{"nip": "{BUDI}", "kind": "nonsense"}}\n'.encode() + b"not json\n"
    data = {"csrf_token": csrf_token(world.client, "/pages/import"), "dry_run": "y"}
    data["file"] = (io.BytesIO(rows), "baris.jsonl")  # type: ignore[assignment]
    answer = world.client.post("/pages/import?lang=id", data=data, content_type="multipart/form-data")
    page = answer.get_data(as_text=True)
    assert "Isian wajib ini belum diisi: setiap baris memerlukan NIP pegawainya." in page  # (the NIP's, d7bbb41)
    assert "Jenis tidak dikenal &#39;nonsense&#39;; salah satu dari: " in page
    assert "Baris ini bukan objek JSON yang dapat dibaca careerlog" in page


def summary_links(page: Elements) -> list[tuple[str, str]]:
    """The refused form's error summary: each link's text and the id it leads to, in order; and each leads to a
    field marked invalid (or to the reason of a group of fields)."""
    summary = next(i for i, e in enumerate(page.found) if "error-summary" in e[1].get("class", ""))
    assert page.found[summary][1]["role"] == "alert"
    links = []
    for tag, attrs, text in page.found[summary + 1 :]:
        if tag == "a" and attrs.get("href", "").startswith("#"):
            links.append((" ".join("".join(text).split()), attrs["href"][1:]))
        elif tag not in ("p", "ul", "li", "a"):
            break
    for _text, target in links:
        attrs = page.by_id(target)[1]
        assert attrs.get("aria-invalid") == "true" or target.endswith("-error"), target
    return links


def test_a_refused_record_form_links_its_summary_to_each_field_with_a_reason(world: World) -> None:
    # the summary said "see the reasons beside the fields" and linked none: a keyboard or screen reader user heard it
    # and looked for them field by field
    log_in(world, "hr")
    form = training_form(world, hours="many", start_date="2024-13-01", title="")
    answer = world.client.post("/pages/record?kind=training&lang=en", data=form)
    assert answer.status_code == 422
    assert summary_links(Elements(answer.get_data(as_text=True))) == [
        ("Start date", "f-start_date"),
        ("Title", "f-title"),
        ("Lesson hours (JP)", "f-hours"),
    ]


def test_a_refused_correction_links_its_summary_to_the_corrected_fields(world: World) -> None:
    from tests.functional.test_correction_form_fields import correction, promoted

    log_in(world, "hr")
    version = promoted(world)
    data = correction(world, version, **{"corrected.hours": "x"})
    answer = world.client.post("/pages/record?kind=correction&lang=id", data={**data, "reason": ""})
    assert answer.status_code == 422
    links = summary_links(Elements(answer.get_data(as_text=True)))
    assert ("Jam pelajaran (JP)", "f-corrected-hours") in links
    assert links[-1] == ("Alasan", "f-reason")


def test_a_refused_account_links_its_summary_to_each_field_with_a_reason(world: World) -> None:
    # on the accounts page the summary is above the list of accounts, the form below it
    log_in(world, "admin")
    token = csrf_token(world.client, "/pages/accounts")
    form = {"username": "baru", "display_name": "", "role": "employee", "nip": "123", "password": "pendek"}
    answer = world.client.post("/pages/accounts?lang=en", data={**form, "csrf_token": token})
    assert answer.status_code == 422
    assert summary_links(Elements(answer.get_data(as_text=True))) == [
        ("Name", "f-display_name"),
        ("NIP (employee accounts only)", "f-nip"),
        ("Password (at least 10 characters; leave empty for an account that uses API tokens only)", "f-password"),
    ]
