"""The scorecard page says why an impact ratio compares no group this year, as the fairness page says it.

A lone group's impact ratio read 1.0 on the page (compared with no one); its value is now none ("-") and the
page says under the table why (`untested` of its details: tests/unit/test_scorecard_impact_ratio_untested.py),
in the visitor's language; other indicators, and a ratio compared, say nothing so."""

from __future__ import annotations

from typing import Any

from flask import Flask

from web.pages.scorecard_view import untested_of


def ratio(untested: str | None) -> dict[str, Any]:
    return {"details": {"untested": untested, "min_cell": 5, "threshold": 0.8}}


def test_the_page_says_why_an_impact_ratio_compares_no_group(app: Flask) -> None:
    with app.test_request_context("/pages/scorecard?lang=en"):
        said = untested_of("merit.impact_ratio_by_sex", [ratio("fewer_than_two_groups")])
        assert said == (
            "No impact ratio against another group and no test: they compare two groups or more, each with a pool "
            "of at least 5, and fewer are shown here."
        )
        assert untested_of("merit.impact_ratio_by_sex", [ratio(None), ratio(None)]) is None
        assert untested_of("merit.clean_promotions", [ratio("fewer_than_two_groups")]) is None
    with app.test_request_context("/pages/scorecard?lang=id"):
        said = untested_of("merit.impact_ratio_by_region", [ratio("nobody_promoted")])
        assert said == (
            "Tanpa rasio dampak terhadap kelompok lain dan tanpa uji: tidak seorang pun dalam kelompok yang "
            "ditampilkan naik pangkat."
        )


def test_the_page_says_a_ratio_beside_a_withheld_reference_group_compares_no_group(app: Flask) -> None:
    # (a reader of aggregates' card: the group compared with withheld, so are the ratios beside it: since 2026-12-07)
    with app.test_request_context("/pages/scorecard?lang=en"):
        assert untested_of("merit.impact_ratio_by_region", [ratio("reference_withheld")]) == (
            "No impact ratio against another group and no test: the group they are compared with, of the highest "
            "selection rate, is withheld, and a ratio beside it would give its rate."
        )
    with app.test_request_context("/pages/scorecard?lang=id"):
        assert untested_of("merit.impact_ratio_by_region", [ratio("reference_withheld")]) == (
            "Tanpa rasio dampak terhadap kelompok lain dan tanpa uji: kelompok pembandingnya, yang tingkat seleksinya "
            "tertinggi, disembunyikan, dan rasio di sampingnya akan membuka tingkat seleksinya."
        )
