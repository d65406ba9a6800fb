"""A promotion by degree (203) with no degree recorded, with its degree obtained after the TMT, or above the starting
rank of its degree is listed among the audited promotions with findings under `rule=promotion.degree_rank`, with
the degree (or the decision) as evidence; a 203 to the starting rank of a degree obtained before it is compliant; on
each store."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from projections.framework import Projector
from projections.merit.audit import MeritProjection
from projections.merit.queries import AuditQueries
from projections.store import open_view_store
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

RULE = "promotion.degree_rank"
TMT = "2018-04-01"


def record_career(
    app: CareerLog, clock: f.Clock, nip: str, birth: date, new: str, degree: tuple[str, str] | None
) -> int:
    """An SLTA CPNS of 2010 at II/a, confirmed, rated Baik, II/c since 2014, UPKP and UD_I passed in 2017, with
    `degree` (level, graduation day) recorded ten days after it, if any, then promoted by a 203 to `new` on
    2018-04-01, recorded on 2018-04-20 (the last fact recorded): the version of that promotion."""

    def rec(kind: str, payload: dict[str, object], at: str) -> int:
        clock.set(f"{at}T02:00:00+00:00")
        return app.record(nip, kind, payload, actor="hr").version

    rec("appointment", f.appointment(birth, date(2010, 3, 1), "M", rank="II/a", education="SLTA"), "2010-03-02")
    rec("confirmation", {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "PNS"}, "2011-03-02")
    rec("rank_promotion", f.promotion("II/b", "2012-04-01", reference="KP-IIB"), "2012-04-10")
    rec("rank_promotion", f.promotion("II/c", "2014-04-01", reference="KP-IIC"), "2014-04-10")
    for year in range(2010, 2018):
        rec("performance_rating", f.rating(year), f"{year + 1}-01-15")
    rec("exam", {"exam": "UPKP", "effective_date": "2017-11-01", "reference": "UPKP-1"}, "2017-11-05")
    rec("exam", {"exam": "UD_I", "effective_date": "2017-11-02", "reference": "UD-1"}, "2017-11-06")
    if degree is not None:
        level, day = degree
        payload = {"level": level, "field_of_study": "Administrasi Publik", "institution": "USU"}
        payload |= {"effective_date": day, "reference": f"IJAZAH-{nip}"}
        rec("education", payload, (date.fromisoformat(day) + timedelta(days=10)).isoformat())
    return rec("rank_promotion", f.promotion(new, TMT, kind="203", reference="KP-203"), "2018-04-20")


def test_promotions_by_degree_are_judged_by_the_degree_they_rest_on(settings: Settings) -> None:
    clock = f.Clock()
    careers = {  # nip: (new rank, degree)
        f.nip(date(1988, 1, 2), date(2010, 3, 1), sequence=901): ("III/a", ("S-1", "2017-08-01")),  # compliant
        f.nip(date(1988, 1, 3), date(2010, 3, 1), sequence=902): ("III/a", None),
        f.nip(date(1988, 1, 4), date(2010, 3, 1), sequence=903): ("III/a", ("S-1", "2018-04-05")),  # recorded 04-15
        f.nip(date(1988, 1, 5), date(2010, 3, 1), sequence=904): ("III/b", ("S-1", "2017-08-01")),
    }
    clean, none, after, above = careers
    versions = {}
    with CareerLog.from_settings(settings, clock=clock) as app:
        for nip, (new, degree) in careers.items():
            birth = date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
            versions[nip] = record_career(app, clock, nip, birth, new, degree)
        projector = Projector(settings, [MeritProjection()], app=app)
        projector.catch_up()
        projector.close()

    audit = AuditQueries(open_view_store(settings).sql)
    listed = {d["subject"]: d["verdict"] for d in audit.promotions({}) if d["kind"] == "203"}
    assert listed == {clean: "compliant", none: "findings", after: "findings", above: "findings"}
    assert sorted(d["subject"] for d in audit.promotions({}, rule=RULE)) == sorted([none, after, above])

    def finding(nip: str) -> tuple[str, list[tuple[str, str]]]:
        decision = audit.promotion(nip, versions[nip])
        assert [(x["rule"], x["severity"], x["status"]) for x in decision["findings"]] == [(RULE, "high", "S")]
        found = decision["findings"][0]
        return found["message"], [(e["kind"], e["effective_date"]) for e in found["evidence"]]

    assert finding(none) == ("no degree recorded for a 203 promotion", [("rank_promotion", TMT)])
    assert finding(after) == (
        "degree S-1 obtained on 2018-04-05, after the TMT 2018-04-01",
        [("education", "2018-04-05")],
    )
    assert finding(above) == ("degree S-1 starts at III/a; new rank III/b", [("education", "2017-08-01")])
