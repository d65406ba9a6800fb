"""One reader of a filter's codes in any letter case (careerlog.reference.filter_codes), beside FILTER_TABLES: the
API's CodeFilter, web.services.filter_key (one value per filter) and web.services.read_codes (the scope's agencies
and regions) read by it, where each built its own AnyCase until 2026-12-06 (filter_key the rank's on every call).
Built once per loaded reference tables, so tables loaded again are read by readers of their own."""

from __future__ import annotations

from typing import Any

import pytest

import careerlog.reference
from careerlog.reference import FILTER_TABLES, HERE, Reference, _load_toml, filter_codes, reference
from web.api.schemas import RosterQuerySchema
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


def test_tables_loaded_again_are_read_by_readers_of_their_own(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = reference()
    agencies = _load_toml(HERE / "agencies.toml")
    agencies["agencies"].append({"code": "KOTA-BARU", "name": "Pemerintah Kota Baru", "kind": "city", "region": "12"})
    again = Reference(_load_toml(HERE / "asn.toml"), _load_toml(HERE / "regions.toml"), agencies)
    monkeypatch.setattr(careerlog.reference, "reference", lambda: again)
    assert filter_codes("agency") is again.agencies.any_case
    assert filter_codes("agency") is not loaded.agencies.any_case
    assert filter_codes("rank") is again.any_case(FILTER_TABLES["rank"]) is not loaded.any_case(FILTER_TABLES["rank"])
    asked: dict[str, Any] = {"agency": ["kota-baru"]}
    assert filter_key("agency", "kota-baru") == "KOTA-BARU"
    assert read_codes(asked) == {"agency": ["KOTA-BARU"], "region": []}
    monkeypatch.undo()
    assert filter_codes("agency") is loaded.agencies.any_case
    assert filter_key("agency", "kota-baru") == "kota-baru"  # (no code of the tables loaded)
    assert read_codes(asked) is None
