"""A recorded time on the pages says its zone: the times are UTC as recorded, and read without a zone an
inspector in Medan (WIB, UTC+7) took a decision recorded at 08:31 WIB for one recorded at 1:31 at night, and
could misjudge whether evidence was recorded the same working day as the decision."""

from __future__ import annotations

from flask import Flask

from web.pages import local_datetime


def test_a_recorded_time_is_shown_with_its_zone_in_both_languages(app: Flask) -> None:
    with app.test_request_context("/pages/?lang=en"):
        app.preprocess_request()
        assert local_datetime("2001-05-08T01:31:00+00:00") == "May 8, 2001, 1:31:00\u202fAM UTC"
    with app.test_request_context("/pages/?lang=id"):
        app.preprocess_request()
        assert local_datetime("2001-05-08T01:31:00+00:00") == "8 Mei 2001 01.31.00 UTC"
    with app.test_request_context("/pages/?lang=en"):
        assert local_datetime(None) == ""
