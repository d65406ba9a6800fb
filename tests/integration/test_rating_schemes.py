"""Ratings of years before 2022 imported and recorded from the command line in the scheme of their year, on each store.

An employee appointed in 2010 has a DP3 rating for 2010-2013, an SKP of PP 46/2011 for 2014-2021 and the current
SKP since 2022: each is recorded with its own predicates (and score), a predicate of another scheme or a score
outside its band is refused naming the field, and a migration keeps a log's ratings as they were."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def rating(year: int, predicate: str, **more: object) -> dict[str, object]:
    return {"kind": "performance_rating", "nip": NIP, **f.rating(year, predicate), **more}


def ratings_exported(database_url: str, tmp_path: Path) -> dict[int, tuple[object, object]]:
    out = tmp_path / "export.jsonl"
    assert run(database_url, "export", str(out)).exit_code == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    return {r["year"]: (r["predicate"], r.get("score")) for r in rows if r["kind"] == "performance_rating"}


def test_an_import_records_each_years_predicate_in_its_scheme_with_its_score(database_url: str, tmp_path: Path) -> None:
    rows = [
        APPOINTMENT,
        rating(2010, "Amat Baik", score="92.50"),
        rating(2011, "Kurang", score=45),  # a DP3 year: DP3's Kurang, the worst
        rating(2016, "Cukup", score="70"),
        rating(2017, "BAIK"),
        rating(2023, "Butuh Perbaikan"),
    ]
    result = run(database_url, "import", str(write(tmp_path / "e.jsonl", *rows)))
    assert result.exit_code == 0, result.output
    assert ratings_exported(database_url, tmp_path) == {
        2010: ("AMAT_BAIK", "92.50"),
        2011: ("DP3_KURANG", "45"),
        2016: ("CUKUP", "70"),
        2017: ("BAIK", None),
        2023: ("BUTUH_PERBAIKAN", None),
    }


def test_an_import_refuses_a_predicate_of_another_scheme_and_a_score_out_of_place_naming_the_field(
    database_url: str, tmp_path: Path
) -> None:
    rows = [
        APPOINTMENT,
        rating(2016, "Sangat Kurang"),
        rating(2012, "SANGAT_BAIK"),
        rating(2023, "Cukup"),
        rating(2024, "BAIK", score="80"),
        rating(2015, "Cukup", score="80"),
        rating(2014, "Baik", score="80"),
    ]
    result = run(database_url, "import", str(write(tmp_path / "e.jsonl", *rows)))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        "line 2: predicate: 'SANGAT_KURANG' is not a predicate of the SKP (PP 46/2011) scheme in force for 2016; "
        "accepted for 2016: Sangat Baik (SANGAT_BAIK), Baik (BAIK), Cukup (CUKUP), Kurang (KURANG), Buruk (BURUK). "
        "(typed: 'Sangat Kurang')"
    ) in lines
    assert any(
        line.startswith("line 3: predicate: 'SANGAT_BAIK' is not a predicate of the DP3 (PP 10/1979) scheme")
        for line in lines
    )
    current = "line 4: predicate: 'CUKUP' is not a predicate of the SKP (PP 30/2019"
    assert any(line.startswith(current) for line in lines)
    assert (
        "line 5: score: The SKP (PP 30/2019, PermenPANRB 6/2022) scheme of 2024 has no numeric score; "
        "leave the score empty. (typed: '80')"
    ) in lines
    assert (
        "line 6: score: 80 is outside the band of Cukup in the SKP (PP 46/2011) scheme: at least 61 and below 76. "
        "(typed: '80')"
    ) in lines
    assert "recorded 2, already recorded 0, rejected 5" in result.output
    assert ratings_exported(database_url, tmp_path) == {2014: ("BAIK", "80")}


def test_the_command_line_records_a_dp3_rating_and_refuses_one_of_another_scheme(
    database_url: str, tmp_path: Path
) -> None:
    run(database_url, "import", str(write(tmp_path / "e.jsonl", APPOINTMENT)))
    base = [NIP, "performance_rating", "effective_date=2013-12-31"]
    refused = run(database_url, "record", *base, "reference=DP3-2013", "year=2013", "predicate=BUTUH_PERBAIKAN")
    assert refused.exit_code == 1
    assert "predicate: 'BUTUH_PERBAIKAN' is not a predicate of the DP3 (PP 10/1979) scheme in force for 2013" in (
        refused.output
    )
    recorded = run(database_url, "record", *base, "reference=DP3-2013", "year=2013", "predicate=Sedang", "score=55")
    assert recorded.exit_code == 0, recorded.output
    assert ratings_exported(database_url, tmp_path) == {2013: ("SEDANG", "55")}


def test_a_correction_of_a_ratings_year_is_judged_in_the_corrected_years_scheme(
    database_url: str, tmp_path: Path
) -> None:
    rows = [APPOINTMENT, rating(2023, "SANGAT_KURANG")]
    assert run(database_url, "import", str(write(tmp_path / "e.jsonl", *rows))).exit_code == 0
    moved = {"kind": "correction", "nip": NIP, **f.correction(2, "2024-01-10", year=2016)}
    result = run(database_url, "import", str(write(tmp_path / "c.jsonl", moved)))
    assert result.exit_code == 1
    assert "line 1: corrected_fields.predicate: 'SANGAT_KURANG' is not a predicate of the SKP (PP 46/2011)" in (
        result.output
    )
    both = {"kind": "correction", "nip": NIP, **f.correction(2, "2024-01-10", year=2016, predicate="Buruk")}
    assert run(database_url, "import", str(write(tmp_path / "c.jsonl", both))).exit_code == 0
    out = tmp_path / "export.jsonl"
    assert run(database_url, "export", str(out)).exit_code == 0
    corrections = [r for r in map(json.loads, out.read_text().splitlines()) if r["kind"] == "correction"]
    assert [c["corrected_fields"] for c in corrections] == [{"year": 2016, "predicate": "BURUK"}]


def test_a_migration_keeps_a_logs_ratings_of_earlier_years_in_the_codes_they_were_recorded_with(
    database_url: str, tmp_path: Path
) -> None:
    """A log from before the schemes holds a 2016 Butuh Perbaikan and a 2011 Kurang (the current scheme's): a
    migration import takes them as they are, and they read back unchanged."""
    stamp = {"recorded_at": "2017-01-15T00:00:00+00:00", "recorded_by": "legacy", "migrated": True}
    rows = [
        {**APPOINTMENT, **stamp, "recorded_at": "2010-03-01T00:00:00+00:00"},
        {**rating(2016, "BUTUH_PERBAIKAN"), **stamp},
        {**rating(2011, "KURANG"), **stamp},
    ]
    result = run(database_url, "import", "--migration", str(write(tmp_path / "e.jsonl", *rows)))
    assert result.exit_code == 0, result.output
    assert ratings_exported(database_url, tmp_path) == {2016: ("BUTUH_PERBAIKAN", None), 2011: ("KURANG", None)}


def test_a_csv_of_ratings_with_indonesian_headers_records_each_score_in_its_years_scheme(
    database_url: str, tmp_path: Path
) -> None:
    run(database_url, "import", str(write(tmp_path / "e.jsonl", APPOINTMENT)))
    csv = tmp_path / "performance_rating.csv"
    csv.write_text(
        "nip_baru;tahun;predikat;nilai;tmt;nomor_sk\n"
        f"{NIP};2012;Amat Baik;91,25;31/12/2012;DP3-2012\n"
        f"{NIP};2016;Cukup;70,5;31/12/2016;SKP-2016\n",
        encoding="utf-8",
    )
    result = run(database_url, "import", str(csv))
    assert result.exit_code == 0, result.output
    assert ratings_exported(database_url, tmp_path) == {2012: ("AMAT_BAIK", "91.25"), 2016: ("CUKUP", "70.5")}


def test_a_migration_keeps_a_logs_correction_of_a_ratings_predicate_in_the_code_it_was_recorded_with(
    database_url: str, tmp_path: Path
) -> None:
    """A log from before the schemes corrects a 2011 rating to Kurang (the current scheme's KURANG): a migration
    import keeps that code, as it keeps the rating's own, and does not read it as DP3's Kurang (DP3_KURANG)."""
    stamp = {"recorded_at": "2012-02-01T00:00:00+00:00", "recorded_by": "legacy", "migrated": True}
    rows = [
        {**APPOINTMENT, **stamp, "recorded_at": "2010-03-01T00:00:00+00:00"},
        {**rating(2011, "BAIK"), **stamp},
        {"kind": "correction", "nip": NIP, **f.correction(2, "2012-01-20", predicate="KURANG"), **stamp},
    ]
    result = run(database_url, "import", "--migration", str(write(tmp_path / "e.jsonl", *rows)))
    assert result.exit_code == 0, result.output
    out = tmp_path / "export.jsonl"
    assert run(database_url, "export", str(out)).exit_code == 0
    corrections = [r for r in map(json.loads, out.read_text().splitlines()) if r["kind"] == "correction"]
    assert [c["corrected_fields"] for c in corrections] == [{"predicate": "KURANG"}]
    again = run(database_url, "import", "--migration", str(tmp_path / "e.jsonl"))  # (the same log: recorded already)
    assert again.exit_code == 0, again.output
