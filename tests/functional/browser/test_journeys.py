"""Each role's main journey in Chromium: texts in Indonesian and English, charts, forms, downloads."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.functional.browser.conftest import MARKS, Site, log_in
from tests.functional.browser.test_axe import violations

pytestmark = MARKS


def test_employee_reads_their_career_record_in_indonesian_then_english(page: Any, site: Site) -> None:
    log_in(page, site, "pegawai")
    assert page.url.endswith(f"/pages/employees/{site.employee_nip}")
    assert page.locator("h1").inner_text().startswith("Riwayat Karier ")  # and the employee's name
    assert page.locator("#h-next").inner_text() == "Kenaikan pangkat berikutnya"
    charts = page.locator("img.chart")  # rank over the years, JP per year: images of their own requests
    assert charts.count() >= 2
    assert charts.first.get_attribute("alt").startswith("Pangkat dari tahun ke tahun: ")
    page.wait_for_load_state("load")  # (the images loaded)
    assert charts.first.evaluate("image => image.complete && image.naturalWidth > 0")  # (drawn, not a broken image)
    site.shot(page, "career-id")
    page.click("text=English")
    assert page.locator("h1").inner_text().startswith("Career record of ")
    assert page.locator("#h-jp").inner_text() == "Training hours (JP) per year"
    assert page.locator("#h-readers").inner_text() == "Who has viewed this record"
    site.shot(page, "career-en")
    with page.expect_download() as download:
        page.click("text=Download the record (CSV)")
    assert download.value.suggested_filename == f"career-record-{site.employee_nip}.csv"  # (the English page)
    record = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert record.startswith("Effective date (TMT),Recorded at (WIB),Event,")  # (Indonesian: semicolons)


def test_employee_is_shown_an_html_403_for_the_inspector_pages(page: Any, site: Site) -> None:
    log_in(page, site, "pegawai")
    answer = page.goto(f"{site.url}/pages/audits")
    assert answer.status == 403
    assert "Anda tidak boleh membuka halaman ini" in page.locator("h1").inner_text()


def test_hr_records_a_training_by_keyboard_and_sees_refusals_beside_the_fields(page: Any, site: Site) -> None:
    log_in(page, site, "hr-medan")
    page.goto(f"{site.url}/pages/record")
    page.focus("#f-kind")
    page.keyboard.type("Pelatihan")  # selects the first option starting with the typed text
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the "Choose" button
    page.wait_for_url("**/pages/record?kind=training*")
    page.focus("#f-nip")
    page.keyboard.type(site.employee_nip)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submit with nothing else filled in
    assert page.locator("#f-effective_date[aria-invalid=true]").count() == 1
    assert "Isian wajib ini belum diisi." in page.locator("#effective_date-error").inner_text()
    site.shot(page, "record-errors")
    fields = {"reference": "SERT-2025-7", "title": "Analisis Kebijakan", "organiser": "BPSDM", "hours": "24"}
    for name, value in fields.items():
        page.focus(f"#f-{name}")
        page.keyboard.type(value)
    page.fill("#f-effective_date", "2025-03-05")
    page.fill("#f-start_date", "2025-03-03")
    page.select_option("#f-training_kind", index=1)
    page.focus("#main form.event-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Tercatat: Pelatihan" in page.locator(".notice").inner_text()


def test_hr_uploads_an_import_file_and_reads_the_per_row_report(page: Any, site: Site, tmp_path: Any) -> None:
    log_in(page, site, "hr-medan")
    page.goto(f"{site.url}/pages/import?lang=en")
    upload = tmp_path / "events.jsonl"
    upload.write_text(
        f'{{"nip": "{site.employee_nip}", "kind": "training", "hours": "x"}}\n{{"nip": "123", "kind": "nothing"}}\n'
    )
    page.set_input_files("#f-file", str(upload))
    page.check("#f-dry")
    page.click("#main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#h-report").inner_text() == "Import report (dry run)"
    assert page.locator(".report tbody tr").count() == 2
    site.shot(page, "import-report")


def test_hr_downloads_the_refused_rows_of_a_csv_import(page: Any, site: Site, tmp_path: Any) -> None:
    """The button posts the file the page carries back to the download route (text/csv, an attachment): Chromium
    saves it under its name, the page's strict CSP letting the form post."""
    log_in(page, site, "hr-medan")
    page.goto(f"{site.url}/pages/import")
    upload = tmp_path / "diklat.csv"
    # (every required column named: a header leaving one out is refused whole, with no rows to download, since
    # 2026-12-06; the row is refused for its end date of no calendar day)
    header = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;Nomor Sertifikat"
    upload.write_text(f"{header}\r\n{site.employee_nip};TEKNIS;Arsip;BKPSDM;8;15/11/2021;31/11/2021;ARS/2021/7\r\n")
    page.set_input_files("#f-file", str(upload))
    page.select_option("#f-kind", "training")
    page.check("#f-dry")
    page.click("#main button[type=submit]")
    page.wait_for_load_state()
    with page.expect_download() as download:
        page.click("text=Unduh baris yang ditolak (CSV)")
    assert download.value.suggested_filename == "diklat-ditolak.csv"
    refused = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert refused[0] == header + ";Alasan penolakan (careerlog)"
    # (the NIP kept as text, ="...", so that a spreadsheet does not round it: since 2026-12-06)
    kept = f'"=""{site.employee_nip}"""'
    assert refused[1].startswith(f"{kept};TEKNIS;Arsip;BKPSDM;8;15/11/2021;31/11/2021;ARS/2021/7;")


def test_inspector_filters_audits_opens_a_promotion_and_reads_fairness(page: Any, site: Site) -> None:
    log_in(page, site, "inspector")
    page.goto(f"{site.url}/pages/audits?lang=en")
    page.select_option("#f-verdict", "findings")
    page.click("#main form.filters button[type=submit]")
    page.wait_for_load_state()
    rows = page.locator("tbody tr")
    assert rows.count() > 0
    assert "with findings" in rows.first.inner_text()
    site.shot(page, "audits")
    rows.first.locator("a").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Audited promotion"
    assert page.locator("article.finding").count() > 0
    site.shot(page, "audit")
    page.goto(f"{site.url}/pages/fairness?by=sex")
    assert page.locator("#h-rates").inner_text() == "Selection rates"
    assert page.locator("svg.chart title").first.text_content() == "Selection rate per group"
    assert page.locator("table.stats tbody tr").count() >= 2
    site.shot(page, "fairness")
    page.goto(f"{site.url}/pages/fairness?by=sex&lang=id")
    assert page.locator("#h-rates").inner_text() == "Tingkat seleksi"


def test_reporter_sees_each_report_with_its_chart(page: Any, site: Site) -> None:
    log_in(page, site, "reporter")
    page.goto(f"{site.url}/pages/reports/headcount?by=agency")
    assert page.locator("svg.chart").count() == 1
    site.shot(page, "report-headcount")
    for name in ("training", "programmes", "mentoring"):
        answer = page.goto(f"{site.url}/pages/reports/{name}")
        assert answer.status == 200, name
    page.goto(f"{site.url}/pages/reports/training?year=2024")
    assert page.locator("svg.chart").count() == 1
    site.shot(page, "report-training")


def test_career_page_fits_a_phone_screen(phone: Any, site: Site) -> None:
    log_in(phone, site, "pegawai")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page is {width}px wide on a 375px screen"
    site.shot(phone, "career-phone")


def test_hr_uploads_a_large_file_and_its_job_page_shows_the_report_once_done(
    page: Any, site: Site, tmp_path: Any
) -> None:
    """A file of more than CAREERLOG_IMPORT_JOB_ROWS (1,000) rows is a job: the upload lands on its page, whose
    script asks the progress and opens the page again once done, with the report (web/static/import_job.js)."""
    log_in(page, site, "hr-medan")
    page.goto(f"{site.url}/pages/import?lang=en")
    upload = tmp_path / "diklat.csv"
    header = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;Nomor Sertifikat"
    rows = [f"{site.employee_nip};TEKNIS;Arsip {i};BKPSDM;8;15/11/2021;31/11/2021;JOB/{i}" for i in range(1001)]
    upload.write_text("\r\n".join([header, *rows]) + "\r\n")
    page.set_input_files("#f-file", str(upload))
    page.select_option("#f-kind", "training")
    page.check("#f-dry")
    page.click("#main button[type=submit]")
    page.wait_for_url(re.compile(r".*/pages/import/jobs/[0-9a-f]+"))
    if page.locator("#job-bar").count():  # (still running: its progress bar and counts, checked by axe)
        assert violations(page) == []
    page.wait_for_selector("#h-report", timeout=120_000)  # (the page opened again by its script once done)
    assert violations(page) == []
    assert page.locator("#h-report").inner_text() == "Import report (dry run)"
    assert "1,001 of 1,001" in page.locator("#job-progress").inner_text()
    with page.expect_download() as download:
        page.click("text=Download the refused rows (CSV)")
    assert download.value.suggested_filename == "diklat-rejected.csv"
    page.goto(f"{site.url}/pages/import/jobs?lang=en")
    assert "diklat.csv" in page.locator("main table").inner_text()
