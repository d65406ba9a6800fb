"""A rank promotion dated before the appointment is refused for its date alone.

HR recording a promotion with a TMT before the appointment (a year typed wrong, 2014 for 2019) was told two things
beside two fields: the date is before the appointment (true, and the mistake) and, beside the new rank, that
"III/b is not below III/a, the later promotion of 2015-03-01 (version 1)": the appointment named as a later
promotion, and a rank to lower where nothing is wrong with it. The appointment is where the ladder starts, not a
promotion after the one recorded; a promotion before it is refused by its date (BEFORE_APPOINTMENT) and the rank
is judged against the promotions recorded after it only.
"""

from __future__ import annotations

import pytest

from careerlog.domain.errors import InvalidInput
from tests import factories as f
from tests.unit.test_promotion_one_step import penata_muda

T = "T00:00:00+00:00"


def refused(builder: f.CareerBuilder, promotion: dict[str, str]) -> dict[str, list[str]]:
    with pytest.raises(InvalidInput) as caught:
        builder.add("rank_promotion", promotion, f"2016-04-10{T}")
    return caught.value.errors


def test_a_promotion_before_the_appointment_is_refused_beside_its_date_alone() -> None:
    errors = refused(penata_muda(), f.promotion("III/b", "2009-04-01", reference="KP-EARLY"))
    assert list(errors) == ["effective_date"]
    assert "before the appointment" in errors["effective_date"][0]


def test_a_promotion_not_below_a_later_promotion_is_still_refused_beside_the_new_rank() -> None:
    builder = penata_muda()
    builder.add("rank_promotion", f.promotion("III/b", "2014-04-01", reference="KP-B"), f"2014-04-10{T}")
    errors = refused(builder, f.promotion("III/b", "2012-04-01", reference="KP-AGAIN"))
    assert errors["new_rank"] == ["III/b is not below III/b, the later promotion of 2014-04-01 (version 17)."]
