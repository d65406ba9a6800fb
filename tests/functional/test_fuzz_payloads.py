"""Any malformed payload POSTed to the API is a 4xx problem naming the field, and records nothing.

Hypothesis starts from a valid appointment or fact (the test factories) and spoils one
field with junk that its type (from the event class) cannot take: wrong types, bad dates,
bad NIPs, unknown codes, strings over the length limit, nested junk, or a field the kind
does not have.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerlog.domain.events import BY_KIND
from careerlog.domain.payload import MAX_TEXT, payload_fields
from careerlog.reference import reference
from tests import factories as f
from tests.functional.conftest import BUDI, SARI, World, appointment_of
from tests.functional.test_errors import assert_problem

EXAMPLES = 150
EVENTS = f"/api/v1/employees/{BUDI}/events"
FULLWIDTH_NIP = "".join(chr(0xFF10 + int(d)) for d in BUDI)  # digits that look like a NIP but are not ASCII

NEWCOMER = f.nip(date(1991, 2, 3), date(2019, 3, 1), "F", sequence=705)
VALID: dict[str, dict[str, Any]] = {
    "appointment": {"nip": NEWCOMER, **appointment_of(NEWCOMER)},
    "training": f.training("2016-01-08", hours=16, start="2016-01-07"),
    "rank_promotion": f.promotion("III/c", "2018-04-01"),
    "performance_rating": f.rating(2019),
    "status_change": f.status("UNPAID_LEAVE", "2020-01-01"),
    "correction": f.correction(2, "2020-01-01", new_rank="III/c"),
    "retraction": f.retraction(2, "2020-01-01"),
    "mentoring_start": {"mentor_nip": SARI, "focus": "Arsip", "effective_date": "2020-03-02", "reference": "MNT-9"},
}

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
nested = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
containers = st.one_of(st.lists(nested, max_size=3), st.dictionaries(st.text(max_size=8), nested, max_size=3))
huge = st.integers(MAX_TEXT + 1, MAX_TEXT * 20).map(lambda n: "x" * n)
bad_dates = st.sampled_from(["2020-13-45", "2020-02-30", "soon", "01/02/2020", "2020-01-01T00:00:00", "", "  "])
bad_nips = st.one_of(
    st.text(alphabet="0123456789", max_size=17),
    st.text(alphabet="0123456789", min_size=19, max_size=25),
    st.sampled_from(["19860926201003X701", "19861326201003 1 701", "'; DROP TABLE x; --", FULLWIDTH_NIP]),
)
fractions = st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: not x.is_integer())
field_names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
not_codes = st.text(min_size=1, max_size=30).filter(lambda s: s.strip() != "" and not s.strip().isdigit())


def junk_for(kind: str, name: str) -> st.SearchStrategy[Any]:
    """Values the field `name` of `kind` can never take."""
    if name in ("nip", "mentor_nip"):
        return st.one_of(bad_nips, containers, st.booleans())
    spec = {s.name: s for s in payload_fields(BY_KIND[kind])}[name]
    wrong = st.one_of(containers, st.booleans()) if spec.type is not dict else st.one_of(scalars, st.lists(nested))
    if spec.required:
        wrong = st.one_of(wrong, st.none())
    by_type = {
        date: st.one_of(bad_dates, huge, st.integers()),
        int: st.one_of(st.sampled_from(["many", "1.5", "", "1e3"]), fractions, huge),
        str: huge if spec.table is None else st.one_of(huge, unknown_codes(spec.table)),
    }
    return st.one_of(wrong, by_type.get(spec.type, st.nothing()))


def unknown_codes(table: str) -> st.SearchStrategy[str]:
    codes = {str(c).upper() for c in reference().table(table).codes}
    return not_codes.filter(lambda s: s.strip().upper() not in codes)


@st.composite
def spoiled(draw: st.DrawFn) -> tuple[str, dict[str, Any], str]:
    """(kind, a payload with one spoiled field, that field's name)."""
    kind = draw(st.sampled_from(sorted(VALID)))
    payload = dict(VALID[kind])
    if draw(st.booleans()) and len(payload) > 2:
        name = draw(st.sampled_from(sorted(payload)))
        payload[name] = draw(junk_for(kind, name))
    else:
        name = draw(field_names.filter(lambda n: n not in payload and n != "kind"))
        payload[name] = draw(nested)
    return kind, payload, name


def post(world: World, kind: str, payload: dict[str, Any]) -> Any:
    if kind == "appointment":
        return world.post("/api/v1/employees", "hr", json=payload)
    return world.post(EVENTS, "hr", json={"kind": kind, **payload})


def test_every_valid_base_payload_is_accepted(world: World) -> None:
    for kind in ("appointment", "training", "rank_promotion", "performance_rating", "mentoring_start"):
        assert post(world, kind, VALID[kind]).status_code == 201, kind


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=spoiled())
def test_a_malformed_payload_is_a_4xx_naming_the_field_and_records_nothing(
    world: World, case: tuple[str, dict[str, Any], str]
) -> None:
    kind, payload, name = case
    before = world.log()
    response = post(world, kind, payload)
    body = assert_problem(response, response.status_code)
    assert 400 <= response.status_code < 500, body
    assert name in body.get("errors", {}), body
    assert world.log() == before


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.one_of(st.binary(max_size=40), st.sampled_from([b"{", b"[]", b'"x"', b"null", b"1", b'{"kind": []}'])))
def test_a_body_that_is_not_a_json_object_is_a_4xx_and_records_nothing(world: World, raw: bytes) -> None:
    before = world.log()
    response = world.post(EVENTS, "hr", data=raw, content_type="application/json")
    assert_problem(response, response.status_code)
    assert response.status_code in (400, 422)
    assert world.log() == before
