"""Performance ratings in the scheme of their year: DP3 (PP 10/1979), SKP of PP 46/2011, SKP of PermenPANRB 6/2022.

The reference (which scheme a year is in, its predicates and score bands), the rules comparing a rating
within its own scheme through the common order, and the stored event's second version (a score) read
alike by the mapper and the projections' plain readers."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import pytest
from eventsourcing.persistence import StoredEvent

from careerlog.domain.errors import FieldErrors
from careerlog.domain.events import PerformanceRated
from careerlog.domain.ratings import check_rating, in_year_scheme, predicate_problem, scheme_of_year
from careerlog.persistence import CareerMapper, NullTranscoder
from careerlog.reference import load_rules, reference, rules
from projections.career import Entry
from projections.merit.known_ratings import plain_ratings
from projections.merit.rules import MET, MISSING, PromotionJudge
from projections.stored_entries import stored_entry
from tests import factories as f

T = "T00:00:00+00:00"
TOPIC = "careerlog.domain.events:PerformanceRated"
NIP = "198609262010031001"


def problems(**values: Any) -> dict[str, list[str]]:
    errors = FieldErrors()
    check_rating(values, rules(), errors)
    return errors.errors


def test_a_year_is_rated_in_dp3_until_2013_in_skp_of_pp_46_2011_until_2021_and_since_2022_in_the_current_skp() -> None:
    book = rules()
    schemes = {year: getattr(scheme_of_year(year, book), "code", None) for year in (1978, 1979, 2013, 2014, 2021, 2022)}
    assert schemes == {1978: None, 1979: "DP3", 2013: "DP3", 2014: "SKP_2011", 2021: "SKP_2011", 2022: "SKP_2022"}


def test_the_years_of_each_scheme_are_the_configured_rules(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        '[[rules]]\nid = "skp.scheme"\ntitle = "t"\nsource = "s"\nstatus = "M"\nvalid_from = "1990-01-01"\n'
        'valid_to = "2015-01-01"\n[rules.params]\nscheme = "DP3"\n'
    )
    book = load_rules(path)
    assert scheme_of_year(2014, book).code == "DP3"  # type: ignore[union-attr]
    assert scheme_of_year(2016, book) is None


def test_rules_without_any_skp_scheme_rate_every_year_in_the_current_scheme_as_before_the_schemes(
    tmp_path: Path,
) -> None:
    """A deployment's own rules file copied from the bundled rules before `skp.scheme` existed: its ratings are
    recorded as they were (the current scheme's predicates for every year), not all refused for want of a scheme."""
    path = tmp_path / "rules.toml"
    path.write_text(
        '[[rules]]\nid = "promotion.time_in_rank"\ntitle = "t"\nsource = "s"\nstatus = "S"\n'
        'valid_from = "2000-01-01"\n[rules.params]\nyears = { "101" = 4 }\n'
    )
    book = load_rules(path)
    assert {year: scheme_of_year(year, book).code for year in (1985, 2016, 2025)} == dict.fromkeys(  # type: ignore[union-attr]
        (1985, 2016, 2025), "SKP_2022"
    )
    errors = FieldErrors()
    check_rating({"year": 2016, "predicate": "SANGAT_BAIK"}, book, errors)
    assert errors.errors == {}


@pytest.mark.parametrize(
    ("year", "written", "read"),
    [
        (2016, "Cukup", "CUKUP"),
        (2016, "kurang", "KURANG"),
        (2010, "Kurang", "DP3_KURANG"),  # the worst DP3 predicate, not the current scheme's Kurang
        (2010, "Amat Baik", "AMAT_BAIK"),
        ("2010", "sedang", "SEDANG"),
        (2023, "Butuh Perbaikan", "BUTUH_PERBAIKAN"),
        (2010, "SANGAT_BAIK", "SANGAT_BAIK"),  # not of DP3: left for the refusal
    ],
)
def test_a_predicate_written_as_its_years_scheme_names_it_reads_as_that_schemes_code(
    year: Any, written: str, read: str
) -> None:
    assert in_year_scheme({"year": year, "predicate": written}, rules())["predicate"] == read


def test_a_predicate_of_another_scheme_is_refused_naming_the_field_the_year_and_the_accepted_predicates() -> None:
    assert problems(year=2010, predicate="SANGAT_BAIK") == {
        "predicate": [
            "'SANGAT_BAIK' is not a predicate of the DP3 (PP 10/1979) scheme in force for 2010; accepted for 2010: "
            "Amat Baik (AMAT_BAIK), Baik (BAIK), Cukup (CUKUP), Sedang (SEDANG), Kurang (DP3_KURANG)."
        ]
    }
    assert "scheme in force for 2023; accepted for 2023: Sangat Baik (SANGAT_BAIK)" in str(
        predicate_problem({"year": 2023, "predicate": "Cukup"}, rules())
    )
    assert list(problems(year=2016, predicate="BUTUH_PERBAIKAN")) == ["predicate"]
    assert problems(year=1975, predicate="BAIK") == {
        "year": ["No performance rating scheme is in force for 1975 (rule skp.scheme)."]
    }


@pytest.mark.parametrize(
    ("predicate", "score", "taken"),
    [
        ("SANGAT_BAIK", "91", True),
        ("SANGAT_BAIK", "100", True),
        ("SANGAT_BAIK", "100.01", False),
        ("BAIK", "76", True),
        ("BAIK", "90.99", True),  # between the published bands (90 and 91): the lower predicate's
        ("BAIK", "91", False),
        ("CUKUP", "75.5", True),
        ("CUKUP", "80", False),
        ("KURANG", "50.99", False),
        ("BURUK", "0", True),
        ("BURUK", "-1", False),
    ],
)
def test_a_score_is_taken_only_within_its_predicates_band(predicate: str, score: str, taken: bool) -> None:
    assert (problems(year=2016, predicate=predicate, score=Decimal(score)) == {}) is taken


def test_a_score_outside_the_band_is_refused_naming_the_band() -> None:
    assert problems(year=2016, predicate="CUKUP", score=Decimal("80")) == {
        "score": ["80 is outside the band of Cukup in the SKP (PP 46/2011) scheme: at least 61 and below 76."]
    }
    assert problems(year=2011, predicate="AMAT_BAIK", score=Decimal("101")) == {
        "score": ["101 is outside the band of Amat Baik in the DP3 (PP 10/1979) scheme: at least 91 and at most 100."]
    }


def test_a_score_in_the_current_scheme_which_has_none_is_refused() -> None:
    assert problems(year=2023, predicate="BAIK", score=Decimal("80")) == {
        "score": [
            "The SKP (PP 30/2019, PermenPANRB 6/2022) scheme of 2023 has no numeric score; leave the score empty."
        ]
    }
    assert problems(year=2023, predicate="BAIK", score=None) == {}


def test_an_older_schemes_predicate_compares_and_earns_credit_as_its_common_predicate() -> None:
    ref = reference()
    score = ref.predicate_score
    assert score("AMAT_BAIK") == score("SANGAT_BAIK") > score("BAIK")
    assert score("CUKUP") == score("BUTUH_PERBAIKAN") < score("BAIK")
    assert score("SEDANG") == score("KURANG") > score("DP3_KURANG") == score("BURUK") == score("SANGAT_KURANG")
    assert ref.credit_factor("CUKUP") == ref.credit_factor("BUTUH_PERBAIKAN") == 0.75
    assert ref.credit_factor("BAIK") == 1.0


def performance(builder: f.CareerBuilder, day: date, kind: str = "101", new: str = "III/b") -> str:
    checks = PromotionJudge(builder.record()).checks(day, kind, new)
    return next(c.outcome for c in checks if c.rule == "promotion.performance")


def confirmed() -> f.CareerBuilder:
    return f.CareerBuilder().add(
        "confirmation", {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "SK-PNS-1"}
    )


def test_a_2014_promotion_after_two_dp3_years_rated_amat_baik_meets_performance() -> None:
    builder = confirmed()
    for year in (2012, 2013):
        builder.add("performance_rating", f.rating(year, "AMAT_BAIK", score="92.5"), f"{year + 1}-01-15{T}")
    assert performance(builder, date(2014, 4, 1)) == MET


def test_a_2017_promotion_after_a_year_rated_cukup_in_skp_of_pp_46_2011_misses_performance() -> None:
    builder = confirmed()
    builder.add("performance_rating", f.rating(2015, "BAIK", score="80"), f"2016-01-15{T}")
    builder.add("performance_rating", f.rating(2016, "CUKUP", score="70"), f"2017-01-15{T}")
    assert performance(builder, date(2017, 4, 1)) == MISSING
    builder = confirmed()
    for year in (2015, 2016):
        builder.add("performance_rating", f.rating(year, "BAIK", score="76"), f"{year + 1}-01-15{T}")
    assert performance(builder, date(2017, 4, 1)) == MET


def stored(state: dict[str, Any], version: int = 3) -> StoredEvent:
    return StoredEvent(NIP, version, TOPIC, orjson.dumps(state))


V1_STATE = {
    "timestamp": "2017-01-15T00:00:00+00:00",
    "effective_date": "2016-12-31",
    "reference": "SKP-2016",
    "recorded_by": "hr",
    "migrated": False,
    "client_key": None,
    "year": 2016,
    "predicate": "BUTUH_PERBAIKAN",
}


def test_a_version_1_rating_reads_with_no_score_and_its_predicate_as_recorded() -> None:
    event = CareerMapper(transcoder=NullTranscoder()).to_domain_event(stored(V1_STATE))
    assert isinstance(event, PerformanceRated)
    assert (event.year, event.predicate, event.score) == (2016, "BUTUH_PERBAIKAN", None)


def test_a_version_2_rating_is_stored_with_its_class_version_and_score_and_read_back_typed() -> None:
    mapper = CareerMapper(transcoder=NullTranscoder())
    event = PerformanceRated(
        originator_id=NIP,
        originator_version=3,
        timestamp=datetime(2017, 1, 15, tzinfo=UTC),
        effective_date=date(2016, 12, 31),
        reference="SKP-2016",
        recorded_by="hr",
        year=2016,
        predicate="CUKUP",
        score=Decimal("70.25"),
    )
    row = mapper.to_stored_event(event)
    assert orjson.loads(row.state)["class_version"] == 2
    assert orjson.loads(row.state)["score"] == "70.25"
    assert mapper.to_domain_event(row) == event


@pytest.mark.parametrize(
    "state",
    [V1_STATE, {**V1_STATE, "predicate": "CUKUP", "score": "70.25", "class_version": 2}],
    ids=["version 1", "version 2"],
)
def test_the_projections_read_a_rating_row_of_either_version_plainly_as_the_mapper_reads_it(
    state: dict[str, Any],
) -> None:
    row = stored(state)
    decoded = CareerMapper(transcoder=NullTranscoder()).to_domain_event(stored(state))
    assert stored_entry(3, TOPIC, row.state) == Entry.of(decoded)
    ratings = plain_ratings([(NIP, 3, TOPIC, row.state)], TOPIC, reference())
    assert ratings is not None
    assert ratings[0][0][2:4] == (2016, reference().predicate_score(decoded.predicate))


def test_the_career_pages_credit_ahead_counts_a_year_rated_in_an_older_scheme_as_its_common_predicate() -> None:
    from web.pages.next_promotion import credit_item

    row = {"judged_on": "2024-04-01", "earliest_date": "2024-04-01"}
    said = {"total": "31.25", "needed": "100", "year": "2021"}
    item = credit_item(row, said, "AHLI_MUDA", {"2021": "CUKUP", "2022": "BAIK", "2023": "BAIK"})
    coefficient = float(reference().functional_levels["AHLI_MUDA"]["coefficient"])
    assert item["count"] == 3
    assert item["rate"] == round((0.75 + 1.0 + 1.0) * coefficient / 3, 2)


def test_the_timeline_row_of_a_rating_without_score_holds_the_data_it_held_before_version_2() -> None:
    """A rating with no score (any version-1 rating) keeps its row's data as it was: no `score` key, so a store's
    existing timeline rows and a rebuild's are alike (no view version change); a score is kept."""
    from projections.timeline import TimelineProjection

    builder = confirmed()
    builder.add("performance_rating", f.rating(2016, "CUKUP", reference="SKP-2016"), f"2017-01-15{T}")
    builder.add("performance_rating", f.rating(2015, "BAIK", reference="SKP-2015", score="80.5"), f"2017-01-16{T}")
    rows = TimelineProjection().tuples(builder.record())["timeline"]
    data = {row[5]: orjson.loads(row[8]) for row in rows if row[2] == "performance_rating"}
    assert data == {
        "SKP-2016": {"effective_date": "2016-12-31", "reference": "SKP-2016", "year": 2016, "predicate": "CUKUP"},
        "SKP-2015": {
            "effective_date": "2015-12-31",
            "reference": "SKP-2015",
            "year": 2015,
            "predicate": "BAIK",
            "score": "80.5",
        },
    }
