"""Two trainings whose certificate numbers hold no letter nor digit ("-", "--", a dash written for none, as migrated
lists often do) are not one training by their certificates: such a key is empty, and two empty keys matched, so that
two different trainings of the same days and JP counted their JP once (rule training.counted_once) since it took
training.duplicate's definition (careerlog.domain.employee.one_training). Their titles and organisers still decide."""

from datetime import date

from careerlog.domain.employee import one_training

A = {
    "reference": "-",
    "title": "Workshop SAKIP",
    "organiser": "Bappeda",
    "start_date": date(2024, 5, 10),
    "effective_date": date(2024, 5, 10),
    "hours": 8,
}


def test_two_trainings_whose_certificates_are_placeholders_are_not_one() -> None:
    assert one_training({**A, "reference": "--", "title": "Bimtek SIPD", "organiser": "BPKAD"}, A) is None
    assert one_training({**A, "reference": "\u2014", "title": "Bimtek SIPD", "organiser": "BPKAD"}, A) is None


def test_placeholder_certificates_of_the_same_title_and_organiser_are_still_one() -> None:
    assert one_training({**A, "reference": "--"}, A) is not None


def test_a_certificate_written_otherwise_is_still_one() -> None:
    first = {**A, "reference": "BPSDM-SU/TEKNIS/2026/9001"}
    assert one_training({**first, "reference": "bpsdm su teknis 2026 09001", "title": "Other"}, first) is not None
