"""A response shape's cut gives data that is already its own cut back as it is (a timeline item nothing
amended): the same as cutting it field by field, for any data, at every depth; and a roster item's age
band is the first band holding the age; a roster item is its own cut."""

from __future__ import annotations

import random
from datetime import date
from typing import Any, cast

import orjson

from careerlog.sqlstore import SqlStore
from projections.queries import AGE_BAND_OF, AGE_BANDS, Queries, age_band_label
from web.api.common import Shape, shape_of
from web.api.schemas import RosterPageSchema, TimelineSchema


def field_by_field(shape: Shape, data: Any) -> Any:
    """The cut as the shape's fields say it, one by one at every depth (no data given back as it is)."""
    if data is None:
        return None
    out = {}
    for key, attribute, nested, many in shape.fields:
        if attribute in data:
            value = data[attribute]
            if nested is not None and value is not None:
                value = [field_by_field(nested, v) for v in value] if many else field_by_field(nested, value)
            out[key] = value
    return out


def random_data(shape: Shape, rng: random.Random) -> dict[str, Any]:
    """Data for the shape: its fields (some missing or reordered), extra keys, nested values None, empty
    or holding data of their own."""
    data: dict[str, Any] = {}
    for _, attribute, nested, many in shape.fields:
        if rng.random() < 0.05:
            continue
        if nested is None:
            data[attribute] = rng.choice([None, 0, 1, "", "text", [], {}, {"x": 1}, [1, 2]])
        elif many:
            data[attribute] = rng.choice([None, [], [random_data(nested, rng) for _ in range(rng.randrange(1, 3))]])
        else:
            data[attribute] = rng.choice([None, {}, random_data(nested, rng)])
    if rng.random() < 0.1:
        data["extra"] = "not documented"
    if rng.random() < 0.1:
        data = dict(reversed(list(data.items())))
    return data


def test_a_cut_is_the_field_by_field_cut_for_any_data() -> None:
    rng = random.Random(11)
    given_back = 0
    for schema in (TimelineSchema(), RosterPageSchema()):
        shape = shape_of(schema)
        item = shape.fields[-1][2] if schema.__class__ is TimelineSchema else None
        for _ in range(3000):
            data = random_data(shape, rng)
            cut = shape.cut(data)
            assert cut == field_by_field(shape, data)
            assert orjson.dumps(cut) == orjson.dumps(field_by_field(shape, data))  # the keys' order too
            for value in data.get("items") or []:
                if item is not None and item.cut(value) is value:
                    given_back += 1
    assert given_back > 0  # the data given back as it is was met


def test_an_unamended_timeline_item_is_its_own_cut_and_an_amended_one_is_cut() -> None:
    item_shape = shape_of(TimelineSchema()).fields[-1][2]
    assert item_shape is not None
    keys = [key for key, _, _, _ in item_shape.fields]
    plain: dict[str, Any] = dict.fromkeys(keys, "x") | {"corrections": [], "retracted": None}
    assert item_shape.cut(plain) is plain
    corrected = plain | {"corrections": [{"version": 3, "reason": "typo", "secret": 1}]}
    assert item_shape.cut(corrected) is not corrected
    assert "secret" not in item_shape.cut(corrected)["corrections"][0]
    assert item_shape.cut(plain | {"retracted": {"version": 4, "secret": 1}})["retracted"] == {"version": 4}
    assert item_shape.cut(plain | {"extra": 1}) == plain


def test_an_age_band_is_the_first_band_holding_the_age() -> None:
    for age in [None, *range(-5, 260)]:
        expected = next(
            (age_band_label(lo, hi) for lo, hi in AGE_BANDS if age is not None and lo <= age <= hi), "unknown"
        )
        assert AGE_BAND_OF.get(age, "unknown") == expected


def test_a_roster_item_is_its_own_cut_and_its_figures_are_from_its_days() -> None:
    row = {
        "subject": "198203192013011001",
        "name": "Abdul Rahman",
        "sex": "M",
        "birth_date": "1982-03-19",
        "employment_kind": "PNS",
        "confirmed": 1,
        "status": "ACTIVE",
        "agency": "PROV-SUMUT",
        "unit": "Dinas Pendidikan",
        "region": "12",
        "rank": "III/d",
        "rank_order": 11,
        "rank_since": "2025-04-01",
        "appointed_on": "2013-01-01",
        "education": "S-1",
        "post_kind": "FUNGSIONAL",
        "post_level": "AHLI_MUDA",
        "post_title": "Guru Ahli Muda",
        "recruitment_path": "UMUM",
        "separated_on": None,
        "last_recorded_at": "2026-10-11T04:18:00+00:00",
    }
    queries = Queries(cast(SqlStore, None), today=date(2026, 12, 1))
    item_shape = next(nested for key, _, nested, _ in shape_of(RosterPageSchema()).fields if key == "items")
    assert item_shape is not None
    for each in (row, row | {"separated_on": "2024-02-29", "rank_since": None, "birth_date": None, "confirmed": 0}):
        item = queries._roster_item(each)
        assert item_shape.cut(item) is item  # the API's fields, in their order: given back as it is
        end = date.fromisoformat(each["separated_on"]) if each["separated_on"] else date(2026, 12, 1)
        for key, day in (("years_in_rank", each["rank_since"]), ("years_of_service", each["appointed_on"])):
            expected = round((end - date.fromisoformat(day)).days / 365.25, 1) if day else None
            assert item[key] == expected
        assert item["age_band"] == ("41-45" if each["birth_date"] else "unknown")
        assert (item["nip"], item["confirmed"]) == (each["subject"], bool(each["confirmed"]))
        assert not {"rank_order", "subject"} & item.keys()


def test_cutting_each_of_a_list_is_cutting_them_one_by_one() -> None:
    rng = random.Random(12)
    for schema in (TimelineSchema(), RosterPageSchema()):
        items = next(nested for key, _, nested, _ in shape_of(schema).fields if key == "items")
        assert items is not None
        values = [None, *(random_data(items, rng) for _ in range(300))]
        values += [items.cut(v) for v in values]  # their own cuts
        each = items.cut_each(values)
        one_by_one = [items.cut(v) for v in values]
        assert orjson.dumps(each) == orjson.dumps(one_by_one)
        assert [a is v for a, v in zip(each, values, strict=True)] == [
            b is v for b, v in zip(one_by_one, values, strict=True)
        ]
