"""The audit, the eligibility answer and the career page read `promotion.regular_without_post` alike.

Each read the rule its own way: the audit by the post held on the TMT (on the day of separation, the one held
until then), the eligibility view by the post held at the record's end ignoring the rule's enforcement, and the
answer's `regular_closed` by the kinds left open. They now read it once (projections.merit.rules.regular_bar):
on the same records, a 101 recorded is a finding exactly when the post bars it, and no 101 is offered, with
`regular_closed` on the API and the words on the career page, exactly when the post held bars it now.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_pages_auth import log_in

RULE = "promotion.regular_without_post"
TMT = "2022-04-01"
RISES_BY = "not by the regular promotion"  # the page's words for regular_closed


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def post(kind: str, assignment: str = "DEFINITIVE", **fields: str) -> dict[str, str]:
    found = {"post_kind": kind, "title": "Jabatan", "unit": "BKPSDM", "assignment": assignment}
    return {**found, "effective_date": "2018-01-02", "reference": f"SK-J-{kind}-{assignment}", **fields}


AHLI_PERTAMA = post("FUNGSIONAL", level="AHLI_PERTAMA", title="Analis SDM Aparatur Ahli Pertama")
# name: (the post held, what else is recorded before the 101 of TMT (None: no 101 recorded), a finding of the rule
# on the 101, the kind `regular_closed` names (None: a 101 is open, or nothing is))
CASES: dict[str, tuple[dict[str, str], list[tuple[str, dict[str, Any]]] | None, bool, str | None]] = {
    "functional holder at the top of the level": (AHLI_PERTAMA, [], True, "202"),
    "acting (Plt) Pengawas": (post("PENGAWAS", "PLT", level="IV.a"), [], False, None),
    "functional post ended on the TMT": (
        AHLI_PERTAMA,
        [("post_end", {"appointment_reference": AHLI_PERTAMA["reference"], "effective_date": TMT, "reference": "E"})],
        False,
        None,
    ),
    "functional holder retired on the TMT": (AHLI_PERTAMA, [("status_change", f.status("RETIRED", TMT))], True, None),
    "definitive Pengawas": (post("PENGAWAS", level="IV.a"), None, False, "201"),
}


def recorded(
    world: World, sequence: int, held: dict[str, str], before: list[tuple[str, dict[str, Any]]] | None
) -> tuple[str, int | None]:
    """A PNS appointed at III/a in 2016, confirmed 2017, holding `held` since 2018; with `before` recorded, then a
    101 to III/b on TMT (its version in the record)."""
    nip = f.nip(date(1990, 2, 2), date(2016, 3, 1), "M", sequence=sequence)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    confirmed = {"effective_date": "2017-03-01", "reference": f"SK-C-{sequence}", "latsar_certificate": "L"}
    ledger.record(nip, "confirmation", confirmed, actor="test")
    ledger.record(nip, "post_appointment", held, actor="test")
    for kind, payload in before or []:
        ledger.record(nip, kind, payload, actor="test")
    if before is None:
        return nip, None
    return nip, ledger.record(nip, "rank_promotion", f.promotion("III/b", TMT, kind="101"), actor="test").version


def page_text(world: World, nip: str) -> str:
    log_in(world, "admin")
    page = world.client.get(f"/pages/employees/{nip}?lang=en").get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_the_audit_the_eligibility_answer_and_the_career_page_read_the_rule_alike(world: World) -> None:
    nips = {
        name: recorded(world, 801 + i, held, before) for i, (name, (held, before, _, _)) in enumerate(CASES.items())
    }
    world.catch_up()
    for name, (_, _, finding, closed) in CASES.items():
        nip, version = nips[name]
        if version is not None:
            shown = world.get(f"/api/v1/audits/promotions/{nip}-{version}", "admin").get_json()
            assert (RULE in {r["rule"] for r in shown["findings"]}) == finding, name
        answer = world.get(f"/api/v1/employees/{nip}/eligibility", "admin").get_json()
        kinds = [i["kind"] for i in answer["items"]]
        assert (answer["regular_closed"] or {}).get("kind") == closed, name
        assert ("101" in kinds) == (closed is None and not name.endswith("retired on the TMT")), name
        page = world.services.career_page(world.services.accounts.get("admin"), nip)
        assert page["regular_closed"] == answer["regular_closed"], name
        assert (RISES_BY in page_text(world, nip)) == (closed is not None), name
    pengawas = world.get(f"/api/v1/employees/{nips['definitive Pengawas'][0]}/eligibility").get_json()
    assert [i["kind"] for i in pengawas["items"]] == ["201"]
