"""A tester (the demo's reporting client, clt_demo-reporter, on the demo of seed 1, PostgreSQL, under the default
CAREERLOG_DISCLOSURE=withhold) recovered KAB-KARO's withheld deceased men from three headcounts (2026-12-06): the men
by status (ACTIVE 332, RETIRED 113: 445), the men ACTIVE or RETIRED of every agency but KAB-KARO (414: a union of
statuses and of agencies) and KAB-KARO's men (32, every cell withheld): 32 - (445 - 414) = 1. The union's total is a
subtotal no table's margins hold, and each request was consistent with the tables by single fields alone. Since
2026-12-06 a reader of aggregates gives one value per filter: the second request cannot be formed (refused 422 naming
the field, each union alone as both together), while the first and the third are answered; an inspector's exact
figures show what the union would have given away. A smaller demo of the same seed, both stores."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from flask import Flask

from careerlog.config import Settings
from careerlog.demo import load_demo
from web import create_app
from web.demo import ensure_demo_accounts
from web.services import Services

pytestmark = pytest.mark.xdist_group("test_suppression_unions_refused")  # its module fixture is built once

HEADCOUNT = "/api/v1/reports/headcount?by=status&sex=M"
OTHERS = "&".join(f"agency={a}" for a in ("KAB-DELISERDANG", "KOTA-MEDAN", "PROV-SUMUT", "KOTA-BINJAI"))
REPORTER, INSPECTOR = "clt_demo-reporter", "clt_demo-inspector"


@pytest.fixture(scope="module")
def demo(shared_database_url: str) -> Iterator[Flask]:
    with demo_served(shared_database_url, employees=200, seed=1) as app:
        yield app


@contextmanager
def demo_served(url: str, *, employees: int, seed: int) -> Iterator[Flask]:
    """The demo of `employees` and `seed` as of 2026-12-06 in the store at `url`, with its accounts, under the
    default CAREERLOG_DISCLOSURE=withhold (pinned)."""
    test_config = {"TESTING": True, "CAREERLOG_DISCLOSURE": "withhold"}
    app = create_app(Settings(database_url=url), test_config=test_config)
    services: Services = app.extensions["careerlog"]
    load_demo(services.ledger, employees=employees, seed=seed, today=date(2026, 12, 6), workers=1)
    services.projector.catch_up()
    ensure_demo_accounts(services.accounts, services.ledger)
    try:
        yield app
    finally:
        services.close()


def get(app: Flask, path: str, token: str) -> Any:
    return app.test_client().get(path, headers={"Authorization": f"Bearer {token}"})


def counts(body: dict[str, Any]) -> dict[str, int | None]:
    return {item["status"]: item["count"] for item in body["items"]}


def test_the_testers_union_cannot_be_formed_by_a_reporter(demo: Flask) -> None:
    every = get(demo, HEADCOUNT, REPORTER)
    karo = get(demo, f"{HEADCOUNT}&agency=KAB-KARO", REPORTER)
    assert (every.status_code, karo.status_code) == (200, 200)
    for union, field in (
        (f"{HEADCOUNT}&status=ACTIVE&status=RETIRED&{OTHERS}", "agency"),  # (the tester's; agency read first)
        (f"{HEADCOUNT}&status=ACTIVE&status=RETIRED", "status"),
        (f"{HEADCOUNT}&{OTHERS}", "agency"),
        (f"{HEADCOUNT}&status=ACTIVE&agency=KOTA-MEDAN&agency=KOTA-BINJAI", "agency"),
    ):
        refused = get(demo, union, REPORTER)
        assert refused.status_code == 422, (union, refused.get_data(as_text=True))
        assert refused.mimetype == "application/problem+json"
        assert list(refused.get_json()["errors"]) == [field], refused.get_json()
        assert "One value for a reader of aggregates" in str(refused.get_json()["errors"][field])


def test_an_inspectors_exact_figures_show_what_the_union_gave_away(demo: Flask) -> None:
    every = counts(get(demo, HEADCOUNT, INSPECTOR).get_json())
    union = get(demo, f"{HEADCOUNT}&status=ACTIVE&status=RETIRED&{OTHERS}", INSPECTOR).get_json()
    karo = get(demo, f"{HEADCOUNT}&agency=KAB-KARO", INSPECTOR).get_json()
    # (KAB-KARO's men of every status less those ACTIVE or RETIRED: the statuses of fewest people, withheld there)
    rest = karo["total"] - (every.get("ACTIVE", 0) + every.get("RETIRED", 0) - union["total"])
    assert rest == sum(n or 0 for status, n in counts(karo).items() if status not in ("ACTIVE", "RETIRED"))
