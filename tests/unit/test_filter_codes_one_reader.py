"""One reader of a filter's codes in any letter case (careerlog.reference.filter_codes), beside FILTER_TABLES: the
API's CodeFilter, web.services.filter_key (one value per filter) and web.services.read_codes (the scope's agencies
and regions), the pages' filters_from and refused (web.pages.common.coded_values) read by it, where each built its
own AnyCase, or named its own table, until 2026-12-06 (filter_key the rank's on every call). Built once: the
reference tables are loaded once (careerlog.reference.reference), and nothing loads them again. A comma-separated
value is several codes (AnyCase.each), on the API and the pages alike."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from careerlog.reference import FILTER_TABLES, AnyCase, filter_codes, reference
from web.api.schemas import RosterQuerySchema
from web.pages.common import coded_values, filters_from
from web.services import filter_key, one_value_each, read_codes


@pytest.mark.parametrize("name", list(FILTER_TABLES))
def test_each_filter_has_one_reader_of_its_tables_codes(name: str) -> None:
    codes = filter_codes(name)
    assert codes is not None
    assert codes is filter_codes(name)  # (built once)
    assert codes.codes == [c for t in FILTER_TABLES[name] for c in reference().table(t).codes]
    for code in codes.codes:
        assert codes.read(code.lower()) == code
        assert filter_key(name, f" {code.lower()} ") == code


def test_a_filter_of_no_codes_has_no_reader() -> None:
    assert filter_codes("unit") is None
    assert filter_key("unit", " Bappeda ") == filter_key("unit", "BAPPEDA")


def test_the_api_the_one_value_rule_and_the_scope_read_by_the_same_reader() -> None:
    fields = RosterQuerySchema().fields
    for name in FILTER_TABLES:
        assert fields[name].any_case is filter_codes(name), name  # type: ignore[attr-defined]
    assert fields["rank"].deserialize(["iii/a", " xvii"]) == ["III/a", "XVII"]
    assert fields["agency"].deserialize(["kota-medan,KAB-KARO"]) == ["KOTA-MEDAN", "KAB-KARO"]
    assert read_codes({"agency": ["kota-medan"], "region": [" 12.71"]}) == {
        "agency": ["KOTA-MEDAN"],
        "region": ["12.71"],
    }
    one_value_each({"rank": ["iii/a", "III/a", " III/A "], "agency": ["kota-medan", "KOTA-MEDAN"]}, cell=5)


def test_the_pages_read_by_the_same_reader_and_split_commas_as_the_api() -> None:
    for name in FILTER_TABLES:
        assert coded_values(name) is filter_codes(name), name
    assert coded_values("unit") is None
    assert coded_values("kind") is None  # (a list's kind is of the list's own table)
    assert coded_values("kind", "award_kinds") is reference().award_kinds.any_case
    args = MultiDict([("agency", "kab-karo, KOTA-MEDAN"), ("agency", "bkn"), ("unit", "Dinas A, Dinas B")])
    assert filters_from(args, ("agency", "unit", "region")) == {
        "agency": ["KAB-KARO", "KOTA-MEDAN", "BKN"],
        "unit": ["Dinas A, Dinas B"],  # (free text: a unit's name may hold a comma)
    }
    assert filters_from(MultiDict([("agency", "NOPE,kab-karo")]), ("agency",)) == {"agency": ["NOPE", "KAB-KARO"]}


def test_a_comma_splits_only_codes_none_of_which_holds_one() -> None:
    assert AnyCase(["A", "B"]).each(["a,b", "c", 3]) == ["a", "b", "c", 3]
    assert AnyCase(["A,B", "C"]).each(["A,B"]) == ["A,B"]
