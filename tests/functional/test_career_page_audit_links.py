"""The career page and the audit pages link to each other. An inspector (or an administrator) reading a career
record finds, on each promotion, definitive post appointment and CPNS appointment the merit audit judged, a link to
its decision's page,
when their audits reach where it was decided; the employee and HR, whom the audit pages refuse, find none. On a
decision's page each supporting event links to its fact on the career page of the employee it belongs to (an anchor
per fact, correction and retraction: #event-<version>). Each "Audit of this decision" link is named after its
decision (its kind, date and version, in the visitor's language), so a screen reader's list of links tells them
apart (before, a record with six audited decisions listed six identical names)."""

from __future__ import annotations

import re

import pytest

from careerlog.access import Scope
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_api_posts import ready_colleague, record
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_inspector import decision_version, late_evidence
from tests.unit.test_merit_posts import post


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores (PostgreSQL too, with CI=true)."""
    return database_url


def career_page(world: World, who: str, nip: str = BUDI) -> str:
    log_in(world, who)
    answer = world.client.get(f"/pages/employees/{nip}?lang=en")
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


def test_an_inspector_reads_a_link_from_the_promotion_to_its_decisions_page(world: World) -> None:
    version = decision_version(world)
    for who in ("inspector", "inspector_medan", "admin"):
        page = career_page(world, who)
        link = f'<a href="/pages/audits/{BUDI}/{version}" aria-label="{audit_name(version)}">Audit of this decision</a>'
        assert link in page, who
        row = page.split(f'<tr id="event-{version}"', 1)[1].split("</tr>", 1)[0]
        assert link in row  # on the promotion's own row, not another fact's
        assert world.client.get(f"/pages/audits/{BUDI}/{version}").status_code == 200
        assert page.count(">Audit of this decision</a>") == 2  # the promotion's and the CPNS appointment's


def audit_name(version: int, decision: str = "Rank promotion of Apr 1, 2014") -> str:
    return f"Audit of this decision: {decision}, version {version}"


def audit_link_names(page: str) -> dict[str, str]:
    """Each audit link's address and accessible name (its aria-label)."""
    return dict(re.findall(r'<a href="(/pages/audits/[^"]+)" aria-label="([^"]+)">Audit', page))


def test_each_audit_link_is_named_after_its_decision_in_both_languages(world: World) -> None:
    promoted = decision_version(world)
    record(world, BUDI, "post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"))
    world.catch_up()
    posted = max(int(i["version"]) for i in world.services.ledger.get_history(BUDI))
    page = career_page(world, "inspector")
    assert page.count(">Audit of this decision</a>") == 3
    assert audit_link_names(page) == {
        f"/pages/audits/appointments/{BUDI}/1": audit_name(1, "Appointment of Mar 1, 2010"),
        f"/pages/audits/{BUDI}/{promoted}": audit_name(promoted),
        f"/pages/audits/posts/{BUDI}/{posted}": audit_name(posted, "Post appointment of Jan 2, 2018"),
    }
    indonesian = world.client.get(f"/pages/employees/{BUDI}?lang=id").get_data(as_text=True)
    assert audit_link_names(indonesian) == {
        f"/pages/audits/appointments/{BUDI}/1": "Audit keputusan ini: Pengangkatan TMT 1 Mar 2010, versi 1",
        f"/pages/audits/{BUDI}/{promoted}": f"Audit keputusan ini: Kenaikan pangkat TMT 1 Apr 2014, versi {promoted}",
        f"/pages/audits/posts/{BUDI}/{posted}": (
            f"Audit keputusan ini: Pengangkatan dalam jabatan TMT 2 Jan 2018, versi {posted}"
        ),
    }


@pytest.mark.parametrize("who", ["employee", "hr"])
def test_the_employee_and_hr_whom_the_audit_pages_refuse_read_no_link_to_them(world: World, who: str) -> None:
    version = decision_version(world)
    page = career_page(world, who)
    assert "/pages/audits/" not in page
    assert "Audit of this decision" not in page
    assert world.client.get(f"/pages/audits/{BUDI}/{version}").status_code == 403


def test_an_inspector_whose_audits_do_not_reach_where_the_promotion_was_decided_reads_no_link(world: World) -> None:
    """Budi, promoted in Kota Medan, now works in Kabupaten Karo: Karo's inspector reads his record (he works in
    their scope now) but not the audit of a promotion decided in Medan (its page is a 404 to them), so no link; the
    region's inspector, whose audits reach both, reads it."""
    version = decision_version(world)
    move = {"agency": "KAB-KARO", "unit": "Dinas Pendidikan", "region": "12.06"}
    record(world, BUDI, "placement", move | {"effective_date": "2020-01-02", "reference": "SK-MUT-1"})
    world.catch_up()
    world.services.accounts.create(
        "inspector-karo", display_name="Karo", role="inspector", scope=Scope(agencies=("KAB-KARO",))
    )
    page = career_page(world, "inspector_karo")
    assert "Audit of this decision" not in page
    assert world.client.get(f"/pages/audits/{BUDI}/{version}").status_code == 404
    assert f'<a href="/pages/audits/{BUDI}/{version}" ' in career_page(world, "inspector")  # (region 12: both)


def test_a_definitive_post_appointment_links_to_its_post_decisions_page(world: World) -> None:
    record(world, BUDI, "post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"))
    world.catch_up()
    version = max(int(i["version"]) for i in world.services.ledger.get_history(BUDI))
    page = career_page(world, "inspector")
    row = page.split(f'<tr id="event-{version}"', 1)[1].split("</tr>", 1)[0]
    name = audit_name(version, "Post appointment of Jan 2, 2018")
    assert f'<a href="/pages/audits/posts/{BUDI}/{version}" aria-label="{name}">Audit of this decision</a>' in row
    assert world.client.get(f"/pages/audits/posts/{BUDI}/{version}").status_code == 200


def test_a_cpns_appointment_links_to_its_appointment_decisions_page(world: World) -> None:
    """The CPNS appointment, a decision of its own since appointment.starting_rank (merit view 33) with a page of its
    own (/pages/audits/appointments/<NIP>/<version>), links to it from its row as the promotions and posts do, for
    the same readers; before, the career page linked no appointment."""
    for who in ("inspector", "inspector_medan", "admin"):
        page = career_page(world, who)
        row = page.split('<tr id="event-1"', 1)[1].split("</tr>", 1)[0]
        name = audit_name(1, "Appointment of Mar 1, 2010")
        link = f'<a href="/pages/audits/appointments/{BUDI}/1" aria-label="{name}">Audit of this decision</a>'
        assert link in row, who  # on the appointment's own row
        assert world.client.get(f"/pages/audits/appointments/{BUDI}/1").status_code == 200
    for who in ("employee", "hr"):
        assert "/pages/audits/appointments/" not in career_page(world, who), who
        assert world.client.get(f"/pages/audits/appointments/{BUDI}/1").status_code == 403


def evidence_links(page: str) -> list[tuple[str, int]]:
    return [(nip, int(v)) for nip, v in re.findall(r'<a href="/pages/employees/(\d+)#event-(\d+)">', page)]


def test_each_supporting_event_of_a_decision_links_to_its_fact_on_the_career_page(world: World) -> None:
    late_evidence(world)  # a rating of 2012 recorded only now: evidence of a finding
    version = decision_version(world)
    decision = world.services.audit_view.promotion(BUDI, version)
    cited = {(e["subject"], e["version"]) for finding in decision["findings"] for e in finding["evidence"]}
    assert cited, "the promotion's findings cite events"
    log_in(world, "inspector")
    page = world.client.get(f"/pages/audits/{BUDI}/{version}?lang=en").get_data(as_text=True)
    assert set(evidence_links(page)) == cited
    career = career_page(world, "inspector")
    for _nip, cited_version in cited:
        assert f'<tr id="event-{cited_version}"' in career


def test_a_colleagues_facts_compared_link_to_the_colleagues_career_page(world: World) -> None:
    ready_colleague(world)
    record(world, BUDI, "post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"))
    world.catch_up()
    version = max(int(i["version"]) for i in world.services.ledger.get_history(BUDI))
    log_in(world, "inspector")
    page = world.client.get(f"/pages/audits/posts/{BUDI}/{version}?lang=en").get_data(as_text=True)
    colleagues = {(nip, v) for nip, v in evidence_links(page) if nip != BUDI}
    assert colleagues, "the passed-over finding cites the colleague's facts"
    for nip, cited in colleagues:
        assert f'<tr id="event-{cited}"' in career_page(world, "inspector", nip)


def test_a_corrections_and_a_retractions_own_versions_are_anchors_on_the_career_page(world: World) -> None:
    ledger = world.services.ledger
    ledger.record(BUDI, "performance_rating", f.rating(2012), actor="test")
    rated = max(int(i["version"]) for i in ledger.get_history(BUDI))
    ledger.record(BUDI, "correction", f.correction(rated, "2012-12-31", predicate="AMAT_BAIK"), actor="test")
    ledger.record(BUDI, "retraction", f.retraction(rated, "2012-12-31"), actor="test")
    world.catch_up()
    page = career_page(world, "hr")
    for version in (rated, rated + 1, rated + 2):
        assert f'id="event-{version}"' in page
