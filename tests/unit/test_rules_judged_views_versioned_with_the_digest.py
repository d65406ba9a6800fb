"""The views judged by the rules (merit, awards, study_leave) keep the rules' digest in view_configurations beside
their version, and a process whose digest differs from the stored one reports a rules mismatch (a 503, the follower
leaving the view alone, the commands refusing it). So a change of how the digest is computed, which changes the
value stored for the same rules file, takes a new version of each of them: a process of the release before, beside
one of the new release, then sees a version it does not know, not a misleading 'rules mismatch'. When
ce6c2376 left fairness.adverse_impact out of the digest, only the merit view's version moved (38 -> 39); the awards'
(2 -> 3) and the study leaves' (7 -> 8) did not. The digest of a fixed file is pinned with the versions: change one,
and bump every view listed here."""

from __future__ import annotations

from pathlib import Path

from careerlog.reference import Rules
from projections.framework import rules_digest
from projections.registry import all_projections

SAMPLE = b"""# a rules file of two rules, one read only when queried
[[rules]]
id = "promotion.one_step"
title = "One step"

[[rules]]
id = "fairness.adverse_impact"
title = "Adverse impact"
[rules.params]
alpha = 0.05
"""
# the digest of SAMPLE as this release computes it, and the version of each view storing it that took it
PINNED = ("1371a3a56475", {"merit": 64, "awards": 3, "study_leave": 8})


def test_each_view_storing_the_rules_digest_took_a_version_with_the_way_it_is_computed(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_bytes(SAMPLE)
    judged = {p.name: p.version for p in all_projections() if p.configuration() == rules_digest()}
    assert (rules_digest(Rules([], path)), judged) == PINNED
