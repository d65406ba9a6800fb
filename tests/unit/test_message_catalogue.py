"""The wording of findings and requirements: every template translated, each message traceable to its
template and values, and shown in the visitor's language with dates and numbers localised."""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from flask import Flask
from flask_babel import Babel, force_locale

from careerlog.domain.wording import Refusal, Template, Wording, fill, names_of, parse
from projections.merit.rules import PromotionJudge
from projections.scorecard.awards import audit_award
from tests import factories as f
from web.errors import DOMAIN_ERRORS, PROBLEM_TYPES, TITLES
from web.pages.messages import extract, load_refusals, load_templates, message_text
from web.security import NOT_UTF8, NOT_UTF8_PATH

CATALOGUE = Path(__file__).parents[2] / "web" / "translations" / "id" / "LC_MESSAGES"
T = "T00:00:00+00:00"


def sample(template: Template) -> Wording:
    """The template with a value of each placeholder's kind."""
    values = {
        name: "2021-04-01"
        if name in template.dates
        else "2021-04-02 08:00:00+00:00"
        if name in template.times
        else "12"
        if name in template.numbers
        else "PELAKSANA or FUNGSIONAL"
        if name in template.either
        else "III/b"
        for name in template.names
    }
    return Wording(template.text, tuple((name, values[name]) for name in template.names))


@pytest.fixture(scope="module")
def pages() -> Flask:
    app = Flask(__name__)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(CATALOGUE.parents[1])
    Babel(app)
    return app


def assert_translated(texts: Mapping[str, Template | Refusal]) -> None:
    """Each text in messages.po, translated, not fuzzy, compiled into messages.mo, with the same placeholders."""
    po = read_po(io.BytesIO((CATALOGUE / "messages.po").read_bytes()))
    mo = read_mo(io.BytesIO((CATALOGUE / "messages.mo").read_bytes()))
    for text, wording in texts.items():
        entry, compiled = po[text], mo[text]
        assert entry is not None, f"{text!r} is not in messages.po"
        assert entry.string, f"no Indonesian translation of {text!r}"
        assert not entry.fuzzy, f"the translation of {text!r} is fuzzy"
        assert compiled is not None, f"messages.mo is not compiled: {text!r}"
        assert compiled.string == entry.string, f"messages.mo is not compiled: {text!r}"
        assert set(names_of(entry.string)) == set(wording.names), text


def test_every_template_of_the_projections_has_an_indonesian_translation_with_the_same_placeholders() -> None:
    templates = load_templates()
    assert len(templates) >= 30  # the promotion, post, late-evidence and award wordings
    assert_translated(templates)


def test_every_template_is_recovered_with_its_values_from_the_message_it_renders() -> None:
    for template in load_templates().values():
        wording = sample(template)
        assert parse(wording.text) == wording, template.text


def test_a_text_of_no_template_is_not_taken_for_one() -> None:
    assert parse("a message written before the templates") is None
    assert message_text("a message written before the templates") == "a message written before the templates"


def test_checks_carry_the_template_and_values_their_english_message_was_rendered_from() -> None:
    builder = f.CareerBuilder().add("performance_rating", f.rating(2016, "KURANG"), f"2017-01-15{T}")
    judge = PromotionJudge(builder.record())
    checks = judge.checks(date(2014, 4, 1), "101", "III/b") + judge.checks(date(2018, 4, 1), "101", "III/b")
    assert "ratings below BAIK or absent for 2016, 2017" in [c.message for c in checks]
    for c in checks:
        assert c.template in load_templates()
        assert c.message == fill(c.template, dict(c.params))
        assert parse(c.message) == Wording(c.template, c.params)


def test_award_findings_carry_their_template_and_values() -> None:
    record = f.CareerBuilder(appointed=date(2010, 8, 17)).add("award", f.award("SLKS_20", "2025-08-17")).record()
    [found] = audit_award(record, record.of_kind("award")[0])
    assert found.message == "SLKS_20 needs 20 years of service; 15 served at 2025-08-17"
    assert dict(found.params) == {"award": "SLKS_20", "years": "20", "served": "15", "day": "2025-08-17"}
    assert parse(found.message) == Wording(found.template, found.params)


def test_the_babel_extraction_hands_every_template_to_the_translators() -> None:
    source = Path(__file__).parents[2] / "web" / "pages" / "messages.py"
    with source.open("rb") as fh:
        extracted = {text for _, _, text, _ in extract(fh, {"_l": None}, [], {})}
    assert set(load_templates()) <= extracted
    assert "or" in extracted


def test_a_message_is_shown_in_indonesian_with_local_dates_numbers_and_alternatives(pages: Flask) -> None:
    stored = "2864 days in PELAKSANA or FUNGSIONAL by 2018-01-02; 4 y (1461 days) needed"
    with pages.test_request_context(), force_locale("id"):
        shown = message_text(stored)
    expected = (
        "2.864 hari dalam Jabatan Pelaksana atau Jabatan Fungsional sampai dengan 2 Jan 2018; diperlukan 4 tahun"
        " (1.461 hari)"
    )
    assert shown == expected
    with pages.test_request_context(), force_locale("en"):
        english = "2,864 days in Implementing post or Functional post by Jan 2, 2018; 4 y (1,461 days) needed"
        assert message_text(stored) == english
        assert message_text("credit 31.25 of 50 since 2019") == "credit 31.25 of 50 since 2019"
    with pages.test_request_context(), force_locale("id"):
        assert message_text("credit 31.25 of 50 since 2019") == "angka kredit 31,25 dari 50 sejak 2019"


@pytest.mark.parametrize(
    ("stored", "english", "indonesian"),
    [
        (
            "0 days in ADMINISTRATOR or FUNGSIONAL:AHLI_MADYA by 2020-01-02; 2 y (730 days) needed",
            "0 days in Administrator post or Functional post Ahli Madya by Jan 2, 2020; 2 y (730 days) needed",
            "0 hari dalam Jabatan Administrator atau Jabatan Fungsional Ahli Madya sampai dengan 2 Jan 2020;",
        ),
        (
            "selection DIRECT; allowed: OPEN, TALENT_POOL",
            "selection Direct appointment; allowed: Open selection, Talent management (talent pool)",
            "pengisian jabatan melalui Penunjukan langsung; yang diizinkan: Seleksi terbuka, Manajemen talenta",
        ),
        (
            "JPT_PRATAMA held since 2018-01-15; not to be replaced before 2020-01-15",
            "High leadership post, primary (JPT Pratama) held since Jan 15, 2018; not to be replaced before"
            " Jan 15, 2020",
            "Jabatan Pimpinan Tinggi Pratama diduduki sejak 15 Jan 2018;",
        ),
    ],
)
def test_a_post_findings_post_kinds_and_selections_are_named_in_the_pages_language_each_of_a_list(
    pages: Flask, stored: str, english: str, indonesian: str
) -> None:
    """Before, the post findings named the codes ("0 days in ADMINISTRATOR or FUNGSIONAL:AHLI_MADYA", "selection
    DIRECT; allowed: OPEN, TALENT_POOL", "JPT_PRATAMA held since") on pages in either language, where the pages name
    a post kind and a selection by its name."""
    with pages.test_request_context(), force_locale("en"):
        assert message_text(stored) == english
    with pages.test_request_context(), force_locale("id"):
        assert message_text(stored).startswith(indonesian)


def test_a_template_is_filled_in_one_step_as_placeholder_by_placeholder() -> None:
    """`filler` gives the text to fill with str.format_map: the same text as joining the template's
    literals and values, literal braces and format specs included; placeholders str.format would
    read otherwise (`{}`, `{a.b}`, `{a[0]}`) are joined as before."""
    from careerlog.domain.wording import TEMPLATES, filler, parts

    def joined(text: str, values: dict[str, str]) -> str:
        return "".join(literal + (values[name] if name is not None else "") for literal, name, _ in parts(text))

    odd = ["{{literal}} {a:g} and {b}}}", "{a} {a} {b:>5}", "no placeholder {{}}", "{}{a.b}", "{a[0]} x"]
    for text in [*TEMPLATES, *odd]:
        values = {name: f"<{name}>" for _, name, _ in parts(text) if name is not None}
        assert fill(text, values) == joined(text, values)
    assert filler("{{literal}} {a:g} and {b}}}") == "{{literal}} {a} and {b}}}"
    assert filler("{}{a.b}") is None
    assert filler("{a[0]} x") is None
    worded = Wording(
        "credit {total:g} of {needed:g} {{since}} {year}", (("total", "12.5"), ("needed", "50"), ("year", "2020"))
    )
    assert worded.text == "credit 12.5 of 50 {since} 2020"


def test_every_refusal_has_an_indonesian_translation_with_the_same_placeholders() -> None:
    """A refusal raised with a template (careerlog.domain.wording.Refusal) but not translated fails here."""
    refusals = load_refusals()
    assert len(refusals) >= 120  # the ledger's, the import's, the accounts' and the reports' groupings
    assert_translated(refusals)


def test_every_problem_title_the_api_answers_has_an_indonesian_translation() -> None:
    """The API's problems say their title in the client's language (web.languages): each status a problem type, a
    domain error or routing answers with (and the bare 414 and 500) has its title in the catalogue."""
    statuses = {status for _, status, _ in PROBLEM_TYPES} | {status for status, _ in DOMAIN_ERRORS.values()}
    assert statuses | {414, 500} <= set(TITLES)
    assert_translated({title.text: title for title in TITLES.values()})


def test_the_babel_extraction_hands_every_refusal_to_the_translators() -> None:
    source = Path(__file__).parents[2] / "web" / "pages" / "messages.py"
    with source.open("rb") as fh:
        extracted = {text for _, _, text, _ in extract(fh, {"_l": None}, [], {})}
    assert set(load_refusals()) <= extracted


def test_every_entry_with_a_named_placeholder_is_flagged_python_format() -> None:
    # (msgfmt -c checks a python-format entry's translation keeps its placeholders; 13 entries lacked the flag)
    import re

    lines = (CATALOGUE / "messages.po").read_text(encoding="utf-8").split("\n")
    unflagged = []
    for at, line in enumerate(lines):
        if not line.startswith("msgid "):
            continue
        text = line[6:]
        for more in lines[at + 1 :]:
            if not more.startswith('"'):
                break
            text += more
        comments = []
        for before in reversed(lines[:at]):
            if not before.startswith("#"):
                break
            comments.append(before)
        if re.search(r"%\(\w+\)[sd]", text) and not any(c.startswith("#,") and "python-format" in c for c in comments):
            unflagged.append(text[:60])
    assert unflagged == []


def test_every_message_of_the_catalogue_is_one_the_code_or_a_template_uses() -> None:
    # What babel.cfg extracts from web/ (its templates, calls, and the refusals, findings, labels and indicators its
    # extractors hand over), read here without writing a catalogue, and the texts shown through gettext that no call
    # names (a plain reason, reason_text; one inside an f-string): an entry of none of them is left from an earlier
    # wording, translated for nothing (2026-12-05: "Eligible", "Staff meeting the yearly 20 JP" and 14 more)
    root = Path(__file__).parents[2]
    with (root / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {**DEFAULT_KEYWORDS, "_l": None}
    extracted = {
        text if isinstance(text, str) else text[0]
        for _, _, text, _, _ in extract_from_dir(str(root / "web"), method_map, options_map, keywords=keywords)
    }
    shown_unextracted = {NOT_UTF8, NOT_UTF8_PATH, "Accepted: %(codes)s."}
    po = read_po(io.BytesIO((CATALOGUE / "messages.po").read_bytes()))
    entries = {entry.id if isinstance(entry.id, str) else entry.id[0] for entry in po if entry.id}
    assert sorted(entries - extracted - shown_unextracted) == []
