"""Findings and eligibility gaps on the pages: Indonesian by default, English with ?lang=en, dates localised."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from careerlog.domain.ledger import latest_today
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_inspector import decision_version


def test_a_promotions_findings_are_in_indonesian_by_default_and_in_english_on_request(world: World) -> None:
    log_in(world, "inspector")
    version = decision_version(world)
    stored = [x["message"] for x in world.services.audit_view.promotion(BUDI, version)["findings"]]
    assert "not confirmed by 2014-04-01" in stored  # the view keeps the English text
    indonesian = world.client.get(f"/pages/audits/{BUDI}/{version}").get_data(as_text=True)
    assert "<p>belum diangkat sebagai PNS sampai dengan 1 Apr 2014</p>" in indonesian
    assert "<p>predikat kinerja di bawah Baik atau tidak ada untuk tahun 2012, 2013</p>" in indonesian
    assert "not confirmed" not in indonesian
    english = world.client.get(f"/pages/audits/{BUDI}/{version}?lang=en").get_data(as_text=True)
    assert "<p>not confirmed by Apr 1, 2014</p>" in english
    assert "<p>ratings below Baik or absent for 2012, 2013</p>" in english


def judged_on(world: World) -> date:
    """The date BUDI's next promotion is judged on: after the record's last day, the day the fixture recorded it."""
    body = world.get(f"/api/v1/employees/{BUDI}/eligibility", "employee").get_json()
    return date.fromisoformat(body["items"][0]["judged_on"])


def confirmation_due(world: World) -> date:
    """The day BUDI's confirmation as PNS was due (the eligibility answer's `due` of promotion.no_probation)."""
    body = world.get(f"/api/v1/employees/{BUDI}/eligibility", "employee").get_json()
    (found,) = [r for r in body["items"][0]["requirements"] if r["rule"] == "promotion.no_probation"]
    assert found["standing"] == "not_met"
    return date.fromisoformat(found["due"])


# "All requirements" marks each requirement met or not, the mark named for screen readers
# (test_career_page_marks_named.py)
MET = {
    lang: f'<span aria-hidden="true">✓</span><span class="visually-hidden">{said}:</span> '
    for lang, said in (("en", "met"), ("id", "terpenuhi"))
}
NOT_MET = {
    lang: f'<span aria-hidden="true">✗</span><span class="visually-hidden">{said}:</span> '
    for lang, said in (("en", "not met"), ("id", "tidak terpenuhi"))
}

NOT_DUE = {
    lang: f'<span aria-hidden="true">○</span><span class="visually-hidden">{said}:</span> '
    for lang, said in (("en", "not due yet"), ("id", "belum waktunya"))
}


def test_what_is_missing_for_the_next_promotion_is_in_indonesian_by_default_and_in_english_on_request(
    world: World,
) -> None:
    day = judged_on(world)
    log_in(world, "employee")
    indonesian = world.client.get(f"/pages/employees/{BUDI}").get_data(as_text=True)
    # the stored "ratings below BAIK or absent for <years>" is said per year to the employee (its sentence awaits
    # its Indonesian in messages.po): here no year is rated yet
    assert "di bawah BAIK" not in indonesian
    if day.year - 1 >= latest_today().year:  # a year not over: its rating is not due (test_career_page_skp_not_due.py)
        assert f"SKP {day.year - 1}: belum waktunya, dinilai setelah tahun itu berakhir" in indonesian
    else:
        assert f"SKP {day.year - 1}: belum dicatat" in indonesian
    on_id = format_date(day, "medium", locale="id")
    # BUDI's confirmation as PNS was due long ago and is not recorded: overdue whatever the day judged, it says when
    # it was due (not "needed by" the day judged, which read as not due yet: test_requirement_standing_page_and_api.py)
    due = confirmation_due(world)
    needed = f"jatuh tempo pada {format_date(due, 'medium', locale='id')}; belum tercatat"
    # each requirement names its regulation (<span class="basis">, test_career_page_basis.py)
    assert f'<li class="missing">Pengangkatan sebagai PNS (setelah Latsar dan masa percobaan) {needed} <span' in (
        indonesian
    )
    assert f"Persyaratan dinilai pada: <strong>{on_id}</strong>" in indonesian
    assert (
        f"{MET['id']}Paling sedikit 4 tahun dalam pangkat III/b (sejak 1 Apr 2014), terpenuhi pada 1 Apr 2018"
        in indonesian  # the stored "III/b since 2014-04-01; 4 y needed, ..." worded (test_career_page_plain_words.py)
    )
    year = day.year - 1  # the training year of the promotion judged on `day`: past, or (in December) this one
    if year < latest_today().year:
        assert f"{NOT_MET['id']}Paling sedikit 20 JP pelatihan pada tahun {year}: 0 JP tercatat" in indonesian
    else:  # a year not over yet reads as what is still to do (next_promotion.training_ahead), marked not due yet
        # (not "not met": test_career_page_not_due_not_failed.py)
        assert f"{NOT_DUE['id']}Paling sedikit 20 JP pelatihan pada tahun {year} (0 JP tercatat sejauh ini)" in (
            indonesian
        )
    assert "ratings below" not in indonesian
    english = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    years = f"{day.year - 2}, {day.year - 1}"
    assert f'<li class="missing">SKP ratings of at least Baik are needed for {years} <span' in english
    needed = f"was due on {format_date(due, 'medium', locale='en')}; it is not recorded"
    assert f'<li class="missing">Confirmation as PNS (after Latsar and the probation year) {needed} <span' in english
    assert f"{MET['en']}At least 4 years in rank III/b (held since Apr 1, 2014), reached on Apr 1, 2018" in english


def test_the_api_keeps_the_english_messages(world: World) -> None:
    day = judged_on(world)
    body = world.get(f"/api/v1/employees/{BUDI}/eligibility", "employee").get_json()
    requirements = body["items"][0]["requirements"]
    assert f"ratings below BAIK or absent for {day.year - 2}, {day.year - 1}" in [r["message"] for r in requirements]
    # and the regulation each rests on (source, status: the rules file's, test_career_page_basis.py)
    # and how each stands today (standing, due: test_requirement_standing_page_and_api.py)
    fields = {"rule", "outcome", "enforced", "message", "source", "status", "standing", "due"}
    assert all(set(r) == fields for r in requirements)
