"""The name a spreadsheet writes beside a NIP is the recorded one when the words of the one are among the other's,
whatever their case, punctuation and academic or religious titles (gelar)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from careerlog import reference
from careerlog.names import same_name


@pytest.mark.parametrize(
    "written",
    [
        "Budi Siregar",
        "BUDI SIREGAR",
        "Budi Siregar, S.Kom., M.Si.",
        "Drs. H. Budi Siregar",
        "Budi Siregar S.Kom",
        "budi  siregar ",
        "Budi",  # a name cut short by a narrow column
    ],
)
def test_the_same_name_in_another_spelling_is_the_same(written: str) -> None:
    assert same_name("Budi Siregar", written)


@pytest.mark.parametrize("written", ["Siti Aminah", "Budi Santoso", "Andi Siregar"])
def test_another_name_is_not(written: str) -> None:
    assert not same_name("Budi Siregar", written)


def test_a_cell_of_no_letters_checks_nothing() -> None:
    assert same_name("Budi Siregar", "-")


@pytest.mark.parametrize(
    ("recorded", "written"),
    [
        ("Siti Rahma", "Dr. Siti Rahma, S.E., M.M."),
        ("Dr. Siti Rahma, S.E., M.M.", "siti rahma"),
        ("Siti Rahma", "Hj. Siti Rahma"),
        ("Siti Rahma", "Hajjah Siti Rahma SE MM"),
        ("Hj. Siti Rahma, S.E.", "H. Siti Rahma M.Ak"),
        ("Siti Rahma Amd", "Ns Siti Rahma, A.Md.Kep."),
        ("Siti Rahma", "SitiRahma"),
        ("Nur'aini Lubis", "Nuraini Lubis"),
        ("Ma\u2019ruf Amin", "MA'RUF AMIN"),
    ],
)
def test_a_name_with_titles_honorifics_or_punctuation_is_the_same(recorded: str, written: str) -> None:
    assert same_name(recorded, written)


@pytest.mark.parametrize("written", ["Dr. Siti Aminah, S.E., M.M.", "Hj. Rahma Siregar", "Siti Rahmawati"])
def test_another_persons_name_with_titles_is_not(written: str) -> None:
    assert not same_name("Siti Rahma", written)


FULL = "Budi Santoso Siregar"


@pytest.mark.parametrize(
    "written",
    [
        "Budi Siregar",  # a middle name left out: a brother or cousin of the same marga
        "Santoso Siregar",  # the first name left out
        "Budi Santoso Lubis",  # another family name
        "Siregar Budi Santoso",  # another order
        "Budi Santoso Siregar Lubis",  # a word more
        "Budi H. Siregar",  # an initial of another middle name
    ],
)
def test_a_name_with_a_word_left_out_changed_or_moved_is_another_persons(written: str) -> None:
    """The check confirms that a NIP row belongs to the person named: a word left out in the middle is
    another person (the row above's brother, Budi Siregar), not the recorded one cut short."""
    assert not same_name(FULL, written)


@pytest.mark.parametrize(
    "written",
    [
        "BUDI SANTOSO SIREGAR",
        "Budi Santoso",  # cut short at its end by a narrow column
        "Budi",
        "Budi S. Siregar",  # the middle name as its initial
        "Drs. H. Budi Santoso Siregar, S.Kom., M.Si.",
        "Budi Santoso Siregar S.Kom",
        "Bapak Budi Santoso Siregar",
        "Ir. Budi Santoso Siregar MAP",
    ],
)
def test_the_recorded_name_cut_short_abbreviated_or_with_titles_is_still_the_same(written: str) -> None:
    assert same_name(FULL, written)


@pytest.mark.parametrize(
    ("recorded", "written"),
    [
        ("Muhammad Rizki", "M. Rizki"),
        ("Muhammad Rizki", "Muh. Rizki"),
        ("M. Rizki", "Muhammad Rizki"),  # the decree wrote the initial, the spreadsheet the whole name
        ("Siti Rahma", "Ibu Siti Rahma"),
        ("Nur'aini Lubis", "NURAINI LUBIS, S.Pd."),
    ],
)
def test_initials_and_honorifics_are_the_same_name(recorded: str, written: str) -> None:
    assert same_name(recorded, written)


def test_an_initial_of_another_word_is_another_name() -> None:
    assert not same_name("Muhammad Rizki", "A. Rizki")
    assert not same_name("Budi Siregar", "Budi S. Siregar")  # (Budi Santoso Siregar is another person)


@pytest.mark.parametrize(
    ("recorded", "written"),
    [
        ("Muhammad Rizki", "Mhd. Rizki"),  # the usual spelling in Medan
        ("Muhammad Rizki", "Moh. Rizki"),
        ("Muhammad Rizki", "Muh. Rizki"),
        ("Mohammad Rizki", "Muh. Rizki"),  # an abbreviation of another spelling of the name
        ("Muhammad Rizki", "MHD RIZKI"),  # without its dot
        ("Mochammad Rizki", "Moch. Rizki"),
        ("Mhd. Rizki", "Muhammad Rizki"),  # the decree wrote the abbreviation, the spreadsheet the whole name
        ("M. Rizki", "Mhd. Rizki"),
        ("I Gusti Ngurah Rai", "I Gst. Ngr. Rai"),
        ("Ni Wayan Sari", "Ni Wyn. Sari"),
        ("I Ketut Darma", "I Kt. Darma"),
    ],
)
def test_a_name_abbreviated_as_lists_write_it_is_the_same(recorded: str, written: str) -> None:
    assert same_name(recorded, written)


@pytest.mark.parametrize(
    ("recorded", "written"),
    [
        ("I Gusti Ayu Made Sari", "Gusti Ayu Made Sari"),  # the Balinese I left out
        ("Ni Wayan Sari", "Wayan Sari"),
        ("Wayan Sari", "Ni Wayan Sari"),
        ("Siti Aminah", "Rr. Siti Aminah"),  # Raden Roro
        ("Raden Roro Siti Aminah", "Rr. Siti Aminah"),
        ("Raden Roro Siti Aminah", "Siti Aminah"),
        ("Ahmad Yani", "Tgk. Ahmad Yani"),  # Teungku
        ("Ahmad Yani", "T. Ahmad Yani"),  # Teuku
        ("Ahmad Yani", "R. Ahmad Yani"),  # Raden
        ("Teuku Ahmad Yani", "Ahmad Yani"),
        ("Ahmad Dahlan", "KH. Ahmad Dahlan"),
        ("Budi Siregar", "Drs. H. Budi Siregar, M.Si."),
        ("Rina Siregar", "R. Siregar"),  # a one-letter honorific is an initial too
    ],
)
def test_a_name_with_or_without_its_leading_honorific_is_the_same(recorded: str, written: str) -> None:
    assert same_name(recorded, written)


@pytest.mark.parametrize(
    ("recorded", "written"),
    [
        ("Ni Ketut Sari", "I Ketut Sari"),  # the leading word left out, not another written
        ("Muhammad Rizki", "Mhd. Rahman"),
        ("Muhammad Rizki Siregar", "Mhd. Siregar"),  # a middle name left out still
        ("I Gusti Ngurah Rai", "I Gst. Rai"),
        ("I Gusti Ngurah Rai", "I Gst. Ngr. Oka"),
        ("Ni Wayan Sari", "Ni Nym. Sari"),  # another birth-order name
        ("Rina Siregar", "R. Budi Siregar"),
        ("Budi Santoso Siregar", "Rr. Budi Siregar"),
        ("Ahmad Yani", "Tgk. Ahmad Dahlan"),
        ("Taufik Ahmad Siregar", "T. Siregar"),
    ],
)
def test_another_name_abbreviated_or_with_a_leading_honorific_is_not(recorded: str, written: str) -> None:
    assert not same_name(recorded, written)


@pytest.mark.parametrize(
    ("recorded", "written"),
    [
        ("Elisabeth br. Sianturi", "Elisabeth Sianturi"),  # North Sumatra's lists leave br. (boru) out
        ("Elisabeth br. Sianturi", "Elisabeth br Sianturi"),
        ("Elisabeth Sianturi", "Elisabeth Boru Sianturi"),
        ("Dr. Friska br. Simatupang, M.Kes.", "Friska Simatupang"),
        ("Ahmad bin Yusuf", "Ahmad Yusuf"),
        ("Siti binti Abdullah", "Siti Abdullah"),
    ],
)
def test_a_name_with_or_without_its_particle_is_the_same(recorded: str, written: str) -> None:
    assert same_name(recorded, written)
    assert same_name(written, recorded)


@pytest.mark.parametrize(
    ("recorded", "written"),
    [
        ("Elisabeth br. Sianturi", "Elisabeth br. Simatupang"),  # another marga
        ("Elisabeth br. Sianturi", "Sianturi Elisabeth"),  # another order
        ("Ahmad bin Yusuf", "Ahmad bin Ali Yusuf"),  # a word more
    ],
)
def test_another_name_with_a_particle_is_not(recorded: str, written: str) -> None:
    assert not same_name(recorded, written)


def test_the_particles_are_read_from_the_configured_names_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bare.toml").write_text("initial_letters = 3\n", encoding="utf-8")
    monkeypatch.setenv(reference.NAMES_FILE_ENV, str(tmp_path / "bare.toml"))
    assert not same_name("Elisabeth br. Sianturi", "Elisabeth Sianturi")  # (no particles listed: br. is an initial)


def test_the_abbreviations_and_honorifics_are_read_from_the_configured_names_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """names.toml is replaced as rules.toml is: CAREERLOG_NAMES_FILE, read on every check."""
    assert not same_name("Ahmad Rizki", "Ahmd. Rizki")  # a longer word with a dot: a title, the first name gone
    (tmp_path / "names.toml").write_text(
        (Path(reference.__file__).parent / "names.toml").read_text(encoding="utf-8")
        + '\n[[names]]\nname = "ahmad"\nabbreviations = ["ahmd"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv(reference.NAMES_FILE_ENV, str(tmp_path / "names.toml"))
    assert same_name("Ahmad Rizki", "Ahmd. Rizki")
    (tmp_path / "bare.toml").write_text("initial_letters = 3\n", encoding="utf-8")
    monkeypatch.setenv(reference.NAMES_FILE_ENV, str(tmp_path / "bare.toml"))
    assert not same_name("Muhammad Rizki", "Mhd. Rizki")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('[meta]\nstatus = "I"\ntitles = ["dr"]\n', "[meta] holds only source and status, not titles"),
        ('title = ["dr"]\n', "no such list title"),
        (
            '[[names]]\nname = "made"\nabbreviations = ["md"]\n[[names]]\nname = "muhammad"\nabbreviations = ["Md."]\n',
            "'Md.' writes both 'made' and 'muhammad'",
        ),
    ],
)
def test_a_names_file_that_does_not_read_is_refused_naming_what(tmp_path: Path, text: str, says: str) -> None:
    (tmp_path / "names.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(says)):
        reference.load_name_spellings(tmp_path / "names.toml")


@pytest.mark.parametrize(
    ("recorded", "written"),
    [("Elisabeth br. Sianturi", "Sianturi, Elisabeth"), ("Elisabeth br. Sianturi", "SIANTURI, ELISABETH, S.Kom."),
     ("Budi Santoso Siregar", "Siregar, Budi Santoso"), ("Budi Siregar", "Siregar, B."),
     ("Budi Siregar", "Budi Siregar, S.Kom.")],
)  # fmt: skip
def test_a_name_written_family_name_first_before_a_comma_is_the_same(recorded: str, written: str) -> None:
    assert same_name(recorded, written)


@pytest.mark.parametrize(
    "written", ["Sianturi", "Sianturi Elisabeth", "Sianturi, Maria", "Siregar, Elisabeth", "Sianturi, Dr."]
)
def test_a_family_name_alone_or_another_order_without_a_comma_is_not(written: str) -> None:
    assert not same_name("Elisabeth br. Sianturi", written)
    assert same_name("Elisabeth br. Sianturi", "Elisabeth")  # (a given name alone: the name cut short at its end)
