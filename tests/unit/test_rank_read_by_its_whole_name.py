"""An import refused 'Penata' as a new rank ("'Penata' is the start of the names of several codes of the ranks
reference table ... write the code or the whole name"), though Penata is exactly III/c's name, and refused the whole
name of III/a ("Penata Muda") alike. A rank is now read by its whole pangkat, in any case (careerlog.reference
BY_NAME): an exact name wins over the names it begins; a pangkat cut short that is no rank's name is refused."""

from __future__ import annotations

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.domain.events import BY_KIND
from careerlog.domain.payload import parse_payload
from tests import factories as f


@pytest.mark.parametrize(
    ("written", "code"),
    [("Penata", "III/c"), ("penata muda", "III/a"), ("JURU", "I/c"), ("Pengatur", "II/c"), ("Pembina", "IV/a"),
     ("Pembina Utama Muda", "IV/c"), ("III/c", "III/c"), ("3c", "III/c")],
)  # fmt: skip
def test_a_new_rank_written_as_its_whole_pangkat_is_its_code(written: str, code: str) -> None:
    read = parse_payload(BY_KIND["rank_promotion"], f.promotion(written, "2024-04-01"))
    assert read["new_rank"] == code


def test_a_pangkat_cut_short_that_is_no_ranks_name_is_still_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_payload(BY_KIND["rank_promotion"], f.promotion("Penata Muda Tingkat", "2024-04-01"))
    assert refused.value.errors == {"new_rank": ["Unknown code 'Penata Muda Tingkat'; see the ranks reference table."]}
