"""The views' rules digest (projections.framework.rules_digest: eligibility's rules_version and the configuration
of the merit, awards and study-leave views) leaves out the rules read only when queried (fairness.adverse_impact):
a change of its threshold, alpha or min_cell changes no view row, and refilled every view judged by the rules. Any
other change still counts; the whole file's digest (rules_file_digest: what the scorecard's kept answers depend on)
counts them too."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.reference import BUNDLED_RULES, load_rules
from projections.framework import RULES_READ_WHEN_QUERIED, rules_digest, rules_file_digest, without_rules
from projections.merit.fairness import RULE


def written(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def fairness_params(text: str, params: str) -> str:
    start = text.index('id = "fairness.adverse_impact"')
    at = text.index("[rules.params]", start)
    end = text.index("[[rules]]", start)
    return text[:at] + f"[rules.params]\n{params}\n\n" + text[end:]


BUNDLED = Path(BUNDLED_RULES).read_text(encoding="utf-8")


def test_the_fairness_rule_is_read_only_when_queried() -> None:
    assert RULE in RULES_READ_WHEN_QUERIED


@pytest.mark.parametrize(
    "params", ["threshold = 0.9\nmin_cell = 5\nalpha = 0.05", "threshold = 0.8\nmin_cell = 3\nalpha = 0.01", ""]
)
def test_a_change_of_the_fairness_params_leaves_the_views_digest(tmp_path: Path, params: str) -> None:
    bundled = load_rules(written(tmp_path, "a.toml", BUNDLED))
    changed = load_rules(written(tmp_path, "b.toml", fairness_params(BUNDLED, params)))
    assert rules_digest(changed) == rules_digest(bundled)
    assert rules_file_digest(changed) != rules_file_digest(bundled)


def test_any_other_change_changes_the_views_digest(tmp_path: Path) -> None:
    bundled = load_rules(written(tmp_path, "a.toml", BUNDLED))
    other = BUNDLED.replace("min_better = 2", "min_better = 3", 1)
    assert other != BUNDLED
    assert rules_digest(load_rules(written(tmp_path, "b.toml", other))) != rules_digest(bundled)
    commented = load_rules(written(tmp_path, "c.toml", BUNDLED + "\n# edited\n"))
    assert rules_digest(commented) != rules_digest(bundled)  # (a byte outside the fairness rule counts, as before)


def test_the_cut_is_the_file_less_that_rule_alone() -> None:
    whole = BUNDLED.encode()
    cut = without_rules(whole, RULES_READ_WHEN_QUERIED).decode()
    assert all(f'id = "{rule}"' not in cut for rule in RULES_READ_WHEN_QUERIED)
    assert cut.count("[[rules]]") == BUNDLED.count("[[rules]]") - len(RULES_READ_WHEN_QUERIED)
    assert without_rules(whole, frozenset()) == whole


def test_a_layout_the_cut_does_not_follow_counts_the_whole_file() -> None:
    plain = '[[rules]]\nid = "fairness.adverse_impact"\n[rules.params]\nalpha = 0.05\n[[rules]]\nid = "x"\n'
    assert without_rules(plain.encode(), RULES_READ_WHEN_QUERIED) == b'[[rules]]\nid = "x"\n'
    # the rules as an inline array: no [[rules]] table to cut, the whole file counts (any change refills, as before)
    inline = 'rules = [{id = "fairness.adverse_impact", alpha = 0.05}, {id = "x"}]\n'
    assert without_rules(inline.encode(), RULES_READ_WHEN_QUERIED) == inline.encode()
    # a cut that does not read as the whole less that rule (of a file of it alone, no `rules` at all, not an empty
    # list): the whole
    tangled = '[[rules]]\nid = "fairness.adverse_impact"\n[rules.params]\nalpha = 0.05\n[rules.params.x]\ny = 1\n'
    assert without_rules(tangled.encode(), RULES_READ_WHEN_QUERIED) == tangled.encode()


def test_a_change_of_the_pppk_cap_or_its_year_leaves_the_views_digest(tmp_path: Path) -> None:
    """training.pppk_yearly_jp is read by the career page's query alone (TrainingQueries.jp_by_year): counting it by
    calendar year, or another cap, changes no view row and refilled the merit, awards and study-leave views."""
    assert "training.pppk_yearly_jp" in RULES_READ_WHEN_QUERIED
    bundled = load_rules(written(tmp_path, "a.toml", BUNDLED))
    for name, changed in (
        ("b", BUNDLED.replace('year = "contract"', 'year = "calendar"')),
        ("c", BUNDLED.replace("jp = 24", "jp = 30")),
    ):
        assert changed != BUNDLED
        other = load_rules(written(tmp_path, f"{name}.toml", changed))
        assert rules_digest(other) == rules_digest(bundled)
        assert rules_file_digest(other) != rules_file_digest(bundled)


def test_a_change_of_the_recruitment_paths_leaves_the_views_digest(tmp_path: Path) -> None:
    """appointment.recruitment_path is read only when an appointment is written (careerlog.domain.employee
    .path_refusal, a new one or a correction; a stored one is never refused later): no view row reads it, and another
    path list of a kind, or a kind named no more, refilled the merit, awards and study-leave views."""
    assert "appointment.recruitment_path" in RULES_READ_WHEN_QUERIED
    bundled = load_rules(written(tmp_path, "a.toml", BUNDLED))
    for name, changed in (
        ("b", BUNDLED.replace('PPPK = ["PPPK"]', 'PPPK = ["PPPK", "UMUM"]')),
        ("c", BUNDLED.replace('"PAPUA", "IKATAN_DINAS"]', '"PAPUA"]')),
    ):
        assert changed != BUNDLED
        other = load_rules(written(tmp_path, f"{name}.toml", changed))
        assert rules_digest(other) == rules_digest(bundled)
        assert rules_file_digest(other) != rules_file_digest(bundled)


def test_a_status_note_written_or_mended_changes_the_digests(tmp_path: Path) -> None:
    """A rule's status_note gives its status for a promotion of a kind ("201: M"), which the merit view's findings
    store (merit.rules.kind_status): the bundled file without its notes, or with one mended, has other digests than
    the file as bundled (the views judged by the rules refill). Until 2026-12-07 the digests left the notes out."""
    assert 'status_note = "201: M"' in BUNDLED
    plain = "".join(line for line in BUNDLED.splitlines(keepends=True) if not line.startswith("status_note ="))
    mended = BUNDLED.replace('status_note = "201: M"', 'status_note = "201: I"')
    bundled = load_rules(Path(BUNDLED_RULES))
    for text in (plain, mended):
        book = load_rules(written(tmp_path, f"{len(text)}.toml", text))
        assert rules_digest(book) != rules_digest(bundled)
        assert rules_file_digest(book) != rules_file_digest(bundled)
