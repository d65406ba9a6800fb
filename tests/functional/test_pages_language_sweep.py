"""Every text of a page in the visitor's language: the rules' sources on a decision's page (the views and the API keep
rules.toml's English; an Indonesian page read "UU 43/1999 art. 17(2) (a post filled by professionalism, ...): decisions
rest on the record as it stood"), the groups of the reports, fairness and scorecard on an English page (they read
"Perempuan (F)", "Sarjana (S-1)", "Umum"), and the demo's account names (the employee's page greeted "Demo
employee"). Both stores."""

from __future__ import annotations

import html
import io
import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from careerlog.access import Scope
from careerlog.domain.ledger import latest_today
from careerlog.reference import BUNDLED_RULES, rules
from tests import factories as f
from tests.functional.conftest import BUDI, SARI, World, appointment_of, confirm_world_pns
from tests.functional.test_pages_auth import log_in
from web.demo import DEMO_LOGINS, ensure_demo_accounts
from web.pages.labels import GROUP_LABELS, known_sources

CATALOGUE = Path(__file__).parents[2] / "web" / "translations" / "id" / "LC_MESSAGES"
LATE = f.nip(date(1976, 1, 1), date(2001, 3, 1), "F", sequence=771)
# the English of rules.toml's remarks, which an Indonesian page must not show
ENGLISH = re.compile(r"\b(the|of|and|is|an|by|for|a post|decisions|record|regular promotion|rule)\b")
# an article cited as English cites it ("art. 17(2)"), which an Indonesian text cites as "Pasal 17 ayat (2)"
ARTICLE_EN = re.compile(r"\bart\.\s*\d")
ARTICLE_ID = re.compile(r"\b(Pasal|ayat)\b")


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def decision_page(world: World, lang: str) -> str:
    """The audit page of a 2002 promotion whose 2001 rating was recorded after it (evidence.recorded_after, cited
    from UU 43/1999 with an English remark) and that came before the time in rank (PP 99/2000 jo PP 12/2002)."""
    ledger = world.services.ledger
    ledger.record(LATE, "appointment", appointment_of(LATE, unit="BKPSDM"), actor="test")
    ledger.record(LATE, "rank_promotion", f.promotion("III/b", "2002-04-01"), actor="test")
    ledger.record(LATE, "performance_rating", f.rating(2001, "BAIK", effective_date="2002-01-07"), actor="test")
    world.catch_up()
    [version] = [r["version"] for r in world.services.audit_view.promotions({}) if r["subject"] == LATE]
    log_in(world, "inspector")
    page = world.client.get(f"/pages/audits/{LATE}/{version}?lang={lang}")
    assert page.status_code == 200
    return page.get_data(as_text=True)


def sources_shown(page: str) -> dict[str, str]:
    """Each finding's rule and the source its page shows (the text after "Source:"/"Sumber:")."""
    found = re.findall(r"<h3>([a-z_.]+) · .*?(?:Source|Sumber): (.*?) · status", page, re.S)
    return dict(found)


def test_an_indonesian_decision_page_cites_the_rules_sources_in_indonesian(world: World) -> None:
    indonesian = sources_shown(decision_page(world, "id"))
    assert indonesian["evidence.recorded_after"] == (
        "UU 43/1999 Pasal 17 ayat (2) (jabatan diisi berdasarkan profesionalisme, kompetensi, prestasi kerja dan "
        "pangkat): keputusan bertumpu pada catatan sebagaimana adanya saat itu"
    )
    assert indonesian["promotion.time_in_rank"] == "PP 99/2000 jo PP 12/2002"  # the regulations as cited
    for rule, source in indonesian.items():
        assert not ENGLISH.search(source), (rule, source)
        assert 'lang="en"' not in source, (rule, source)  # no longer marked as English
        assert not ARTICLE_EN.search(source), (rule, source)  # an article is a Pasal, its paragraph an ayat


def test_an_english_decision_page_keeps_the_rules_sources_as_written(world: World) -> None:
    english = sources_shown(decision_page(world, "en"))
    assert english["evidence.recorded_after"] == (
        "UU 43/1999 art. 17(2) (a post filled by professionalism, competence, work performance and rank): "
        "decisions rest on the record as it stood"
    )


def test_a_source_the_catalogue_does_not_know_is_shown_as_written_marked_english(world: World) -> None:
    with world.app.test_request_context("/pages/?lang=id"):
        from web.pages.labels import source_text

        assert str(source_text("PP 99/2000 (a rules file of our own)")) == (
            '<span lang="en">PP 99/2000 (a rules file of our own)</span>'
        )
        assert str(source_text("PP 99/2000 jo PP 12/2002")) == "PP 99/2000 jo PP 12/2002"


def test_every_rule_and_indicator_source_has_an_indonesian_translation_compiled() -> None:
    po = read_po(io.BytesIO((CATALOGUE / "messages.po").read_bytes()))
    mo = read_mo(io.BytesIO((CATALOGUE / "messages.mo").read_bytes()))
    sources = known_sources()
    assert {r.source for r in rules(BUNDLED_RULES).all} <= set(sources)
    untranslated = [s for s in sources if po.get(s) is None or not po[s].string or po[s].fuzzy]
    assert untranslated == []
    assert [s for s in sources if mo.get(s) is None or mo[s].string != po[s].string] == []
    prose = [po[s].string for s in sources if ENGLISH.search(po[s].string) and "careerlog" not in s]
    assert prose == []  # no English remark left in a translation


def test_every_indonesian_text_cites_an_article_as_pasal_and_every_english_one_as_art() -> None:
    """An Indonesian page read "UU 43/1999 art. 17(2)", "hak PNS (PP 11/2017 art. 203(4))": an article of a regulation
    is cited "Pasal 17 ayat (2)" in Indonesian, "art. 17(2)" in English, in every text of the catalogue."""
    po = read_po(io.BytesIO((CATALOGUE / "messages.po").read_bytes()))
    mo = read_mo(io.BytesIO((CATALOGUE / "messages.mo").read_bytes()))
    entries = [m for m in po if m.id and m.string]
    assert [m.string for m in entries if ARTICLE_EN.search(str(m.string))] == []
    assert [m.id for m in entries if ARTICLE_ID.search(str(m.id))] == []
    cited = [m for m in entries if isinstance(m.id, str) and ARTICLE_EN.search(m.id)]
    assert len(cited) > 20  # (the rules' sources, the scorecard's, the career page's CPNS note)
    assert all(ARTICLE_ID.search(str(m.string)) and mo[m.id].string == m.string for m in cited)


# a grouping, a group as an English report names it and the official name it must not show ("Active" is the name of
# ACTIVE itself, as "Umum" is UMUM's on an Indonesian page)
ENGLISH_GROUPS = [
    ("sex", "<td>Female (F)</td>", "Perempuan"),
    ("sex", "<td>Male (M)</td>", "Laki-laki"),
    ("recruitment_path", "<td>General (UMUM)</td>", "Umum"),
    ("education", "<td>Bachelor&#39;s degree (S-1)</td>", "Sarjana"),
    ("status", "<td>Active</td>", "Aktif"),
    ("employment_kind", "<td>Civil servant (PNS)</td>", "Pegawai Negeri Sipil"),
]


def test_english_reports_and_fairness_name_the_groups_in_english(world: World) -> None:
    log_in(world, "inspector")
    for by, shown, official in ENGLISH_GROUPS:
        page = world.client.get(f"/pages/reports/headcount?by={by}&lang=en").get_data(as_text=True)
        assert shown in page, by
        assert official not in page, by
    fairness = world.client.get("/pages/fairness?by=sex&by=education&lang=en").get_data(as_text=True)
    assert '<th scope="row">Male (M) / ' in fairness
    assert "Laki-laki" not in fairness
    # the Indonesian pages keep the official names, and the codes stay the API's
    indonesian = world.client.get("/pages/reports/headcount?by=sex&lang=id").get_data(as_text=True)
    assert "<td>Perempuan (F)</td>" in indonesian
    api = world.get("/api/v1/reports/headcount?by=sex", "reporter").get_json()
    assert {i["sex"] for i in api["items"]} <= {"M", "F", "unknown"}


def test_every_group_label_of_an_english_page_has_its_official_name_as_indonesian() -> None:
    """The Indonesian of each English group label is the reference table's name (what an Indonesian page shows)."""
    from careerlog.reference import reference

    po = read_po(io.BytesIO((CATALOGUE / "messages.po").read_bytes()))
    for table, labels in GROUP_LABELS.items():
        names = {c.code: c.name for c in reference().table(table)}
        assert set(labels) == set(names), table  # every code of the table named
        for code, label in labels.items():
            entry = po.get(str(label._args[0]))
            assert entry is not None, (table, code)
            assert code == "ACTIVE" or entry.string == names[code], (table, code, entry.string)


def test_the_scorecard_names_its_groups_and_cites_its_sources_in_the_visitors_language(world: World) -> None:
    confirm_world_pns(world)  # Budi and Sari PNS, the staff the yearly JP's groups count (CPNS are not)
    log_in(world, "policy")
    year = latest_today().year - 1
    english = world.client.get(f"/pages/scorecard?agency=KOTA-MEDAN&year={year}&lang=en").get_data(as_text=True)
    indonesian = world.client.get(f"/pages/scorecard?agency=KOTA-MEDAN&year={year}&lang=id").get_data(as_text=True)
    assert '<th scope="row">Male (M)</th>' in english
    assert '<th scope="row">Laki-laki (M)</th>' in indonesian
    assert "<dd>PP 11/2017 art. 203(4) (rule training.yearly_jp)</dd>" in english
    assert "<dd>PP 11/2017 Pasal 203 ayat (4) (aturan training.yearly_jp)</dd>" in indonesian


def test_the_demo_employees_account_is_named_by_the_employees_own_name(world: World) -> None:
    ledger, accounts = world.services.ledger, world.services.accounts
    nip = ensure_demo_accounts(accounts, ledger)
    assert nip == BUDI  # the first of KOTA-MEDAN recorded (tests.functional.conftest)
    assert accounts.get("pegawai").display_name == "Budi Siregar"
    names = {login.username: accounts.get(login.username).display_name for login in DEMO_LOGINS}
    assert "Demo employee" not in names.values()
    assert "Reporting client" not in names.values()
    assert accounts.get("reporter").scope == Scope(national=True)


def test_an_english_career_page_names_the_recorded_codes_in_english(world: World) -> None:
    """The timeline's values and the plain requirements read "Sex: Laki-laki", "Your education, Sarjana (S-1), ..."
    on an English page."""
    log_in(world, "employee")
    english = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    for shown in ("Sex: Male", "Education: Bachelor&#39;s degree (S-1)", "Recruitment path: General"):
        assert f"<span>{shown}</span>" in english
    assert "Your education, Bachelor&#39;s degree (S-1), allows ranks up to III/d" in english
    indonesian = world.client.get(f"/pages/employees/{BUDI}?lang=id").get_data(as_text=True)
    assert "Laki-laki" in indonesian
    assert "Sarjana (S-1)" in indonesian


# The reference tables whose codes the pages name (a recorded field's table) and that keep their official names in
# both languages: ranks, functional levels and SKP predicates are the terms a rule and a decree use (Penata Muda, Ahli
# Pertama, Baik), agencies and regions proper names; promotion kinds have their own labels (PROMOTION_KIND_LABELS).
KEPT_OFFICIAL = {"ranks", "functional_levels", "rating_predicates", "agencies", "regions", "promotion_kinds"}
# A loanword Indonesian names a training kind by ("Mentoring") is English too.
LOANWORDS = {"Mentoring"}


def named_tables() -> list[str]:
    """Every reference table a recorded field takes its codes from, but those KEPT_OFFICIAL."""
    from careerlog.domain.events import EMPLOYEE_EVENTS
    from careerlog.domain.payload import payload_fields

    tables = {spec.table for cls in EMPLOYEE_EVENTS for spec in payload_fields(cls) if spec.table}
    return sorted(tables - KEPT_OFFICIAL)


def test_every_code_a_page_names_has_an_english_label() -> None:
    """A post's kind, an award's, ... were shown by their Indonesian official names on English pages ("Jabatan
    Pengawas", "Definitif", "Satyalancana Karya Satya X Tahun"): every code of every table a page names, but those
    kept official, has its English label."""
    from careerlog.reference import reference

    missing = [
        f"{table}:{c.code}"
        for table in named_tables()
        for c in reference().table(table)
        if c.code not in GROUP_LABELS.get(table, {})
    ]
    assert missing == []


def page_words(body: str) -> str:
    """A page's text as read: tags out (a select's option too keeps its text), entities read, spaces as one."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def leftovers(text: str, lang: str) -> list[str]:
    """The codes' names of the other language the page shows: on an English page an official (Indonesian) name of a
    table the pages name (named_tables), on an Indonesian page an English label of one."""
    from careerlog.reference import reference

    found = []
    for table in named_tables():
        for row in reference().table(table):
            label = GROUP_LABELS.get(table, {}).get(row.code)
            english = str(label._args[0]) if label is not None else None
            if lang == "en":  # the official name, unless it is the English label itself or a loanword
                other = None if row.name in (english, *LOANWORDS) else row.name
            else:  # the English label, unless it is the official name or a word of it (Workshop / lokakarya)
                other = None if english is None or english in row.name else english
            if other is None:
                continue
            if re.search(rf"(?<!\w){re.escape(other)}(?!\w)", text):
                found.append(other)
    return found


def sari_with_kinds(world: World) -> None:
    """Sari holding a supervisory post (definitive, open selection), with a technical training, a long-service medal,
    an oral reprimand and the service exam level I recorded."""
    ledger = world.services.ledger
    post = {"post_kind": "PENGAWAS", "level": "IV.a", "title": "Kepala Subbagian Keuangan", "unit": "Bappeda"}
    post |= {"assignment": "DEFINITIVE", "selection": "OPEN", "effective_date": "2018-01-02", "reference": "SK-PGW-1"}
    ledger.record(SARI, "post_appointment", post, actor="test")
    ledger.record(SARI, "training", f.training("2019-05-01"), actor="test")
    ledger.record(SARI, "award", f.award("SLKS_10", "2025-08-17"), actor="test")
    penalty = {"level": "LIGHT", "penalty_kind": "TEGURAN_LISAN", "effective_date": "2020-01-02", "reference": "HD-1"}
    ledger.record(SARI, "penalty", penalty, actor="test")
    ledger.record(SARI, "exam", {"exam": "UD_I", "effective_date": "2016-01-02", "reference": "UD-1"}, actor="test")
    world.catch_up()


def test_english_pages_name_posts_awards_penalties_exams_and_trainings_in_english(world: World) -> None:
    """The career page's timeline, the record form's lists and the inspector's lists of posts and awards."""
    sari_with_kinds(world)
    log_in(world, "hr")
    pages = {f"/pages/employees/{SARI}": "hr", f"/pages/employees/{SARI}/record.csv": "hr"}
    pages |= {f"/pages/record?kind={k}": "hr" for k in ("post_appointment", "penalty", "training", "award", "exam")}
    pages |= {"/pages/audits/posts": "inspector", "/pages/audits/awards": "inspector"}
    shown: dict[str, dict[str, str]] = {"en": {}, "id": {}}
    for who in ("hr", "inspector"):
        log_in(world, who)
        for url in (u for u, by in pages.items() if by == who):
            for lang in ("en", "id"):
                answer = world.client.get(f"{url}{'&' if '?' in url else '?'}lang={lang}")
                assert answer.status_code == 200, url
                shown[lang][url] = page_words(answer.get_data(as_text=True))
        world.client.post("/pages/logout")
    for lang in ("en", "id"):
        assert {url: leftovers(text, lang) for url, text in shown[lang].items()} == {url: [] for url in pages}, lang
    career = shown["en"][f"/pages/employees/{SARI}"]
    for said in (
        "Post kind: Supervisory post",
        "Assignment: Definitive",
        "Selection: Open selection",
        "Training kind: Technical training",
        "Award kind: Long service medal, 10 years",
        "Penalty kind: Oral reprimand",
        "Penalty level: Light",
        "Exam: Service exam, level I (II/d to III/a)",
    ):
        assert said in career
    assert "Jenis jabatan: Jabatan Pengawas" in shown["id"][f"/pages/employees/{SARI}"]
    assert "PENGAWAS · Supervisory post" in shown["en"]["/pages/record?kind=post_appointment"]
    assert "SLKS_10 · Long service medal, 10 years" in shown["en"]["/pages/record?kind=award"]
    assert "Long service medal, 10 years (SLKS_10)" in shown["en"]["/pages/audits/awards"]
    assert "Satyalancana Karya Satya X Tahun (SLKS_10)" in shown["id"]["/pages/audits/awards"]


def test_a_career_page_cites_an_article_as_its_language_does(world: World) -> None:
    """The bases of the next promotion's requirements read "(dasar: PP 11/2017 art. 203(4); sebuah inferensi)" on an
    Indonesian page: there an article is a Pasal and its paragraph an ayat, on an English page "art. 203(4)"."""
    log_in(world, "employee")
    english = page_words(world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True))
    indonesian = page_words(world.client.get(f"/pages/employees/{BUDI}?lang=id").get_data(as_text=True))
    assert "(basis: PP 11/2017 art. 203(4); an inference)" in english
    assert "(dasar: PP 11/2017 Pasal 203 ayat (4); sebuah inferensi)" in indonesian
    assert "(dasar: PP 11/2017 Pasal 34-37)" in indonesian
    assert not ARTICLE_ID.search(english)
    assert not ARTICLE_EN.search(indonesian)
