from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.domain.events import BY_KIND, LedgerEvent, RankPromoted, TrainingCompleted
from careerlog.domain.payload import HOURS_NOT_WHOLE, field_parser, parse_payload, parse_value, payload_fields
from careerlog.reference import reference


def test_payload_fields_exclude_what_the_system_sets() -> None:
    names = [spec.name for spec in payload_fields(RankPromoted)]
    assert names == ["effective_date", "reference", "new_rank", "promotion_kind"]


def test_codes_are_read_in_any_accepted_spelling_and_stored_canonically() -> None:
    values = parse_payload(
        RankPromoted, {"new_rank": "32", "promotion_kind": "101", "effective_date": "2019-04-01", "reference": "KP"}
    )
    assert values["new_rank"] == "III/b"
    assert values["effective_date"] == date(2019, 4, 1)


def test_every_bad_field_is_named_with_its_reason() -> None:
    with pytest.raises(InvalidInput) as e:
        parse_payload(
            TrainingCompleted,
            {"training_kind": "NOPE", "hours": "many", "start_date": "2020-13-01", "color": "red"},
        )
    errors = e.value.errors
    assert errors["training_kind"] == ["Unknown code 'NOPE'; see the training_kinds reference table."]
    assert errors["hours"] == [HOURS_NOT_WHOLE]  # (named as JP, not as any integer)
    assert errors["start_date"][0].startswith("No such day in the calendar")  # (of the form, of no day: as the API)
    assert errors["color"] == ["Unknown field."]
    assert errors["title"] == ["Missing data for required field."]


def test_optional_fields_may_be_left_out_and_amounts_are_decimals() -> None:
    values = parse_payload(
        TrainingCompleted,
        {
            "training_kind": "teknis",
            "title": "Arsip",
            "organiser": "BKPSDM",
            "hours": 8,
            "start_date": "2020-01-01",
            "effective_date": "2020-01-01",
            "reference": "C-1",
            "cost": "1250000.50",
        },
    )
    assert values["training_kind"] == "TEKNIS"
    assert values["programme_id"] is None
    assert values["cost"] == Decimal("1250000.50")


@pytest.mark.parametrize("value", [True, 1.5, [], {}])
def test_integers_refuse_booleans_fractions_and_containers(value: object) -> None:
    with pytest.raises(InvalidInput) as e:
        parse_payload(RankPromoted, {"new_rank": value}, partial=True)
    assert "new_rank" in e.value.errors


def test_a_date_and_time_is_not_a_date() -> None:
    with pytest.raises(InvalidInput) as e:
        parse_payload(RankPromoted, {"effective_date": "2019-04-01T10:00:00"}, partial=True)
    assert "Not a valid date" in e.value.errors["effective_date"][0]


def test_every_kind_declares_a_description_for_each_field() -> None:
    for cls in BY_KIND.values():
        for spec in payload_fields(cls):
            assert spec.doc, f"{cls.__name__}.{spec.name} has no description"


class Text(str):
    """A string of a subclass: read as `parse_value` reads it."""


def odd_values() -> list[object]:
    """Values of every kind an import or the API may hand over, good and bad, and each table's codes."""
    values: list[object] = [None, "", "  ", "x", " x ", "a" * 500, " " + "a" * 500, "a" * 501, "a\x00b", Text(" M ")]
    values += ["2020-01-01", " 2020-01-01 ", "2020-13-01", "20200101", "2020-01-01T10:00", "01/02/2020"]
    values += [0, 5, -3, True, False, 1.0, 1.5, "12", " 12 ", "-4", "1.5", Decimal("1.5"), "1e3", "NaN"]
    values += [date(2020, 1, 1), datetime(2020, 1, 1, 10, 0), {}, {"a": 1}, [], ["x"]]
    for table in {spec.table for cls in BY_KIND.values() for spec in payload_fields(cls) if spec.table}:
        codes = reference().table(table).codes
        values += [codes[0], codes[-1].lower(), f" {codes[0]} ", codes[0] + "?"]
    return values


def outcome(parse: Callable[..., object], *args: object) -> tuple[str, object]:
    try:
        value = parse(*args)
    except ValueError as e:
        return "refused", str(e)
    return "read", (type(value), value)


@pytest.mark.parametrize("cls", list(BY_KIND.values()), ids=list(BY_KIND))
def test_each_fields_reader_reads_and_refuses_exactly_as_parse_value(cls: type[LedgerEvent]) -> None:
    for spec in payload_fields(cls):
        read = field_parser(spec)
        for value in odd_values():
            assert outcome(read, value) == outcome(parse_value, spec, value), (spec.name, value)


UNORDERED = {"zeta": 1, "hours": "many", "title": "", "alpha": 2, "start_date": "2020-13-01", "training_kind": "NOPE"}


@pytest.mark.parametrize(
    ("partial", "named"),
    [
        (
            False,
            [
                "zeta",
                "alpha",
                "effective_date",
                "reference",
                "training_kind",
                "title",
                "organiser",
                "hours",
                "start_date",
            ],
        ),
        (True, ["zeta", "alpha", "training_kind", "title", "hours", "start_date"]),
    ],
)
def test_unknown_fields_are_named_first_in_the_order_given_then_the_payloads_fields_in_order(
    partial: bool, named: list[str]
) -> None:
    with pytest.raises(InvalidInput) as e:
        parse_payload(TrainingCompleted, UNORDERED, partial=partial)
    assert list(e.value.errors) == named
    assert e.value.errors["zeta"] == ["Unknown field."]
    assert e.value.errors["title"] == ["May not be empty."]


def read_whole(parse: Callable[..., dict[str, object]], cls: type[LedgerEvent], raw: dict[str, object]) -> object:
    try:
        values = parse(cls, raw)
    except InvalidInput as e:
        return "refused", e.errors
    return "read", [(name, type(value), value) for name, value in values.items()]


@pytest.mark.parametrize("cls", list(BY_KIND.values()), ids=list(BY_KIND))
def test_a_whole_payload_is_read_as_field_by_field(cls: type[LedgerEvent]) -> None:
    """parse_payload's reader written out per class gives the values, their order and the errors of the loop."""
    import random

    from careerlog.domain.payload import _parse_each

    rnd = random.Random(cls.KIND)
    odd = odd_values()
    specs = payload_fields(cls)
    good = {spec.name: [v for v in odd if outcome(field_parser(spec), v)[0] == "read"] for spec in specs}
    outcomes = []
    for _ in range(600):
        raw: dict[str, object] = {}
        for spec in rnd.sample(specs, len(specs)) if rnd.random() < 0.3 else specs:
            if rnd.random() < 0.95:
                raw[spec.name] = rnd.choice(good[spec.name] if rnd.random() < 0.9 else odd)
        if rnd.random() < 0.2:
            raw[rnd.choice(["zeta", "alpha", "kind "])] = 1
        outcome_ = read_whole(parse_payload, cls, raw)
        assert outcome_ == read_whole(_parse_each, cls, raw), raw
        outcomes.append(outcome_[0])
    assert outcomes.count("read") > 20
    assert outcomes.count("refused") > 20
