"""The fairness statistics and charts, the scorecard's figures, and the inspector pages' agency choices, kept per
web worker (docs/pages.md, Inspector, Fairness and Scorecard; docs/api.md, Conditional reads): the fairness page and
its CSV tables and the API's /audits/fairness and /audits/time-to-promotion share the kept statistics
(`kept_statistic`), the scorecard's page, its PDF and the API's /reports/scorecard the kept scorecards
(`kept_scorecard`). Used by both web.pages and web.api, it imports neither (it sat in web/pages/ until the API used
it).

Computing them takes a second or more (the rank spells read and fitted for time to promotion, the tests of the
selection rates, two matplotlib charts), and they are a function of what the views hold, the query and the day
they are judged on. So each answer is kept (cachetools' LRUCache, per app in a worker, shared by its threads)
under all of it:

- every view's version, state, rules digest and position in the log (`stamps`): any event applied, a view rebuilt
  to a new version, under other rules or being rebuilt, and the statistics are computed again; the views follow the
  log together, so one event moves them all;
- the digest of the whole rules file (`rules_file_digest`): the views' digest leaves out the rules read only when a
  question is answered (projections.framework.RULES_READ_WHEN_QUERIED: fairness.adverse_impact), whose threshold,
  alpha and smallest cell the statistics read as they are asked, so a change of them alone is a new answer too;
- the query: the statistic (`rates`, `times`), the groups asked for, the filters narrowed to the reader's scope
  (readers of the same scope share an answer; another scope has its own), the period and the smallest cell;
- the judging day (`today` of the fairness queries: time to promotion counts waiting until it), so a new day is
  computed anew;
- a chart also under the visitor's language (its titles and group names are translated).

A scorecard (0.85 s of CPU for a unit of the 2,000-employee demo: its three years and the agencies' comparison) is
kept the same way, under the same stamps and judging day, and its query: the agency, unit, region, year and years,
the agencies the reader may read a scorecard of (they decide both whether the reader may read this one and which
agencies it is compared with), the reader's scope (a region scope reads an agency of its staff there unless it reads
it whole: web.services.agency_reach), the smallest cell the reader may be shown, and what the scorecard
reads besides the views on every request: the rules' digest (the merit and awards indicators read the configured
rules) and the scorecard's settings (CAREERLOG_SCORECARD_FILE's thresholds).

The passed-over pairs of GET /api/v1/audits/passed-over (`kept_passed_over`: 6-10 s of CPU at 2,000 employees, computed
on every request until 2026-12-07) are kept the same way, under the same stamps, rules digest and judging day, and
the filters narrowed to the reader's scope and the period; each answer, kept or not, is logged as the reads it is.
Computed anew after an event, they reuse each unit's 202 and managerial post comparisons, nearly all of the cost
(projections.merit.passed_over.KeptUnits), kept under what each is computed from: only the units whose decisions,
staff or colleagues' records the event changed are compared again (until later on 2026-12-07 every unit was: 5-9 s
after any write at 2,000 employees, then 0.03 s until the next).

The agencies the inspector pages offer in their filter (those with staff within the reader's reach, a GROUP BY of
the roster) are kept too, per scope, for `AGENCIES_SECONDS`: they are choices, not figures, so an agency staffed in
the region since is offered a few minutes later, and the roster is not grouped on every page (at a million
employees it reads a province's rows).

A request never waits for another's computation: two threads asking at once may both compute, and both answers
are right. An answer that fails (a refused filter, a view being filled) is not kept.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cachetools import Cache, LRUCache, TTLCache
from flask import current_app
from flask_babel import get_locale
from markupsafe import Markup

from careerlog.access import Action, permits
from careerlog.accounts import Account
from careerlog.domain.ledger import latest_today
from careerlog.reference import reference
from projections.framework import rules_file_digest
from projections.merit.fairness import ROUND
from projections.merit.passed_over import KeptUnits
from projections.scorecard.findings import settings
from web.services import NOTHING, PUBLISHED, Services, agency_target

EXTENSION = "careerlog.kept"
KEPT_STATISTICS = 64  # a few hundred KB each at most (a Kaplan-Meier curve per group)
KEPT_CHARTS = 128  # some 10-40 KB of SVG each
KEPT_PASSED_OVER = 16  # some 20 KB a hundred pairs: a province's whole history a few MB
KEPT_REPORTS = 64  # a few KB each; a national programmes report some 150 KB of JSON
AGENCIES_SECONDS = 300
# The reports' window and outcome years when not given (Services.programmes', Services.mentoring_report's defaults)
PUBLISHED_DEFAULTS = {name: values[0] for name, values in PUBLISHED.items()}


@dataclass
class Kept:
    """The answers of one app (one store): statistics and charts by what they are computed from, and the agencies
    offered per scope."""

    statistics: LRUCache[Hashable, dict[str, Any]] = field(default_factory=lambda: LRUCache(KEPT_STATISTICS))
    charts: LRUCache[Hashable, Markup | None] = field(default_factory=lambda: LRUCache(KEPT_CHARTS))
    passed_over: LRUCache[Hashable, dict[str, Any]] = field(default_factory=lambda: LRUCache(KEPT_PASSED_OVER))
    reports: LRUCache[Hashable, dict[str, Any]] = field(default_factory=lambda: LRUCache(KEPT_REPORTS))
    units: KeptUnits = field(default_factory=KeptUnits)  # the units' 202 and post comparisons of the pairs
    agencies: TTLCache[Hashable, set[str]] = field(default_factory=lambda: TTLCache(256, AGENCIES_SECONDS))
    regions: TTLCache[Hashable, set[str]] = field(default_factory=lambda: TTLCache(256, AGENCIES_SECONDS))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, cache: Cache[Hashable, Any], key: Hashable, compute: Callable[[], Any]) -> Any:
        """The answer kept under `key`, else `compute()`'s, kept (looked up and stored under the lock, computed
        outside it)."""
        with self.lock:
            if key in cache:
                return cache[key]  # a lookup makes it the most recently used
        found = compute()
        with self.lock:
            cache[key] = found  # the least recently used forgotten past the cache's size
        return found


def services() -> Services:
    """The app's services (as web.pages.common's and web.api.common's)."""
    found: Services = current_app.extensions["careerlog"]
    return found


def kept() -> Kept:
    """This app's kept answers (an app is one store: another app, as in tests, keeps its own)."""
    found: Kept = current_app.extensions.setdefault(EXTENSION, Kept())
    return found


def stamps() -> tuple[tuple[Any, ...], ...]:
    """Every view's name, version, state, rules digest and position in the log (Projector.stamps, one
    statement)."""
    return services().projector.stamps()


def scope_key(scope: Mapping[str, list[str]]) -> Hashable:
    """The filters a statistic is computed over, as a key (the scope that meets nothing apart: it is shown so)."""
    if scope is NOTHING:
        return None
    return tuple(sorted((name, tuple(values)) for name, values in scope.items()))


def statistics(asked: Hashable, compute: Callable[[], dict[str, Any]]) -> tuple[Hashable, dict[str, Any]]:
    """The statistic the query `asked` describes, kept under it, the views' stamps, the whole rules file's digest
    (fairness.adverse_impact, read as asked, is left out of the views') and the judging day; with the key it is kept
    under (for its charts)."""
    key = (asked, stamps(), rules_file_digest(), services().fairness_view.today)
    found: dict[str, Any] = kept().get(kept().statistics, key, compute)
    return key, found


def kept_statistic(
    kind: str,
    account: Account,
    by: Sequence[str],
    filters: Mapping[str, list[str]],
    *,
    start: date | None,
    end: date | None,
    min_cell: int | None,
    count: str | None = None,
) -> tuple[Hashable, dict[str, Any]]:
    """Fairness (`rates`: Services.fairness) or time to promotion (`times`: Services.time_to_promotion) for the
    reader, grouped `by`, over the filters narrowed to the reader's scope (an agency or region asked outside it
    refused before anything kept is read: Services.asked_within), the period, the smallest cell and (the
    selection rates) how the pool is counted (`count`, round or person), kept (`statistics`) under all of it; with
    the key it is kept under. The page and the API ask alike, so they share an answer."""
    scope = scope_key(services().asked_within(account, Action.RUN_AUDITS, filters))
    options: dict[str, Any] = {"start": start, "end": end, "min_cell": min_cell}
    if kind == "rates":
        method = services().fairness
        options["count"] = count or ROUND
    else:
        method = services().time_to_promotion
    return statistics(
        (kind, tuple(by), scope, start, end, min_cell, options.get("count")),
        lambda: method(account, list(by), filters, **options),
    )


def kept_scorecard(
    account: Account, agency: str, year: int, *, years: int = 3, unit: str | None = None, region: str | None = None
) -> dict[str, Any]:
    """The reader's scorecard (Services.scorecard), kept (`statistics`) under its query, the agencies whose
    scorecards the reader may read, the reader's smallest cell, the rules' digest and the scorecard's settings
    (see above). An agency outside the reader's reach is refused by Services.scorecard (403), never answered from
    another reader's card. The card is shared: read it, never change
    it."""
    reach = tuple(
        a.code for a in reference().agencies if permits(account, Action.READ_SCORECARD, agency_target(a.code))
    )
    asked = (
        "scorecard",
        agency,
        year,
        years,
        unit,
        region,
        reach,
        account.scope,  # (a region scope reads an agency of its staff there unless read whole: agency_reach)
        services().smallest_cell(account),
        rules_file_digest(),  # (the whole file: the scorecard reads fairness.adverse_impact when it answers)
        settings(),
        latest_today(),  # (the scorecard's day: ScorecardQueries.today follows the clock)
    )
    _key, found = statistics(
        asked, lambda: services().scorecard(account, agency, year, years=years, unit=unit, region=region)
    )
    return found


def kept_passed_over(
    account: Account, filters: Mapping[str, list[str]], *, start: date | None = None, end: date | None = None
) -> dict[str, Any]:
    """GET /api/v1/audits/passed-over's answer for the reader: the pairs (Services.passed_over_pairs, seconds of CPU
    at a few thousand employees, read from the views and the ledger) kept under the filters narrowed to the reader's
    scope (readers of one scope share them; an agency or region asked outside it refused before anything kept is read:
    Services.asked_within), the period, the views' stamps (any event applied computes them anew), the whole rules
    file's digest and the judging day (`statistics`' key); every answer, kept or not, logged as the reads it is
    (Services.log_passed_over). The pairs are shared: read them, never change them."""
    scope = services().asked_within(account, Action.RUN_AUDITS, filters)
    key = (("passed_over", scope_key(scope), start, end), stamps(), rules_file_digest(), services().fairness_view.today)
    found: dict[str, Any] = kept().get(
        kept().passed_over, key, lambda: services().passed_over_pairs(scope, start, end, units=kept().units)
    )
    services().log_passed_over(account, found)
    return {"passed_over": found["passed_over"], "recorded_later": found["recorded_later"]}


def kept_report(
    report: str, account: Account, asked: Hashable, compute: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """A report of aggregates (`report`: training compliance, programmes, mentoring; Services' answer `compute()`)
    kept (`Kept.reports`) under its arguments as asked (`asked`: the year, the fields counted by in their order, the
    filters as given, the window), what the answer reads of the reader (their role, which sets the smallest cell, and
    their scope: readers of one role and scope share it), the smallest cell, the views' stamps (any event applied, a
    view rebuilt: computed anew), the whole rules file's digest and the day (`latest_today`). A reader of aggregates'
    answer is judged against the same report without each of its filters, each judged so in turn: a reporter's
    training compliance of four filters took 2-3 s of CPU at the 2,000-employee demo, the programmes 0.5 s and the
    mentoring 0.2 s, on every request until 2026-12-08. A refused request (a filter outside the scope, an unknown
    value) raises before anything is kept, every time. The answer is shared: read it, never change it."""
    key = (
        (report, account.role, account.scope, services().smallest_cell(account), asked),
        stamps(),
        rules_file_digest(),
        latest_today(),
    )
    found: dict[str, Any] = kept().get(kept().reports, key, compute)
    return found


def filters_key(filters: Mapping[str, Sequence[Any]]) -> Hashable:
    """A report's filters as given, as a key: their names in order, each one's values in the order given."""
    return tuple(sorted((name, tuple(values)) for name, values in filters.items()))


def kept_compliance(account: Account, year: int, by: Sequence[str], filters: Mapping[str, list[str]]) -> dict[str, Any]:
    """Services.training_compliance for the reader, kept (`kept_report`): the API's and the report page's."""
    asked = (year, tuple(by), filters_key(filters))
    return kept_report(
        "training-compliance", account, asked, lambda: services().training_compliance(account, year, list(by), filters)
    )


def kept_headcount(account: Account, by: Sequence[str], filters: Mapping[str, list[str]]) -> dict[str, Any]:
    """Services.headcount for the reader, kept (`kept_report`): the API's and the report page's (a reporter's of four
    filters about 0.9 s of CPU at the 2,000-employee demo, every call until 2026-12-08), under the app's disclosure
    method too (CAREERLOG_DISCLOSURE, its secret by a digest: an app's is set once, the tests set theirs anew)."""
    disclosure = services().disclosure
    how = (disclosure.method, disclosure.guarded, hashlib.sha256(repr(disclosure.secret).encode()).hexdigest())
    asked = (tuple(by), filters_key(filters), how)
    return kept_report("headcount", account, asked, lambda: services().headcount(account, list(by), filters))


def kept_programmes(account: Account, filters: Mapping[str, list[Any]], **options: Any) -> dict[str, Any]:
    """Services.programmes for the reader, kept (`kept_report`): the API's and the report page's (the page asks the
    default window, the API names it: one answer)."""
    window = {"window_months": PUBLISHED_DEFAULTS["window_months"]}
    asked = (filters_key(filters), tuple(sorted({**window, **options}.items())))
    return kept_report("programmes", account, asked, lambda: services().programmes(account, filters, **options))


def kept_mentoring(account: Account, filters: Mapping[str, list[str]], **options: Any) -> dict[str, Any]:
    """Services.mentoring_report for the reader, kept (`kept_report`): the API's and the report page's (the page asks
    the default window and outcome years, the API names them: one answer)."""
    asked = (filters_key(filters), tuple(sorted({**PUBLISHED_DEFAULTS, **options}.items())))
    return kept_report("mentoring", account, asked, lambda: services().mentoring_report(account, filters, **options))


def chart(name: str, statistic_key: Hashable, draw: Callable[[], Markup | None]) -> Markup | None:
    """A chart of a kept statistic, kept under it and the visitor's language."""
    found: Markup | None = kept().get(kept().charts, (name, str(get_locale()), statistic_key), draw)
    return found


def agencies(scope: Mapping[str, list[str]] | None, compute: Callable[[], set[str]]) -> set[str]:
    """The agencies with staff within a reach (None: none), kept for `AGENCIES_SECONDS`."""
    key = None if scope is None else scope_key(scope)
    found: set[str] = kept().get(kept().agencies, key, compute)
    return found


def regions(scope: Mapping[str, list[str]] | None, compute: Callable[[], set[str]]) -> set[str]:
    """The regions with staff within a reach (None: none), kept as the agencies are (`agencies`)."""
    key = None if scope is None else scope_key(scope)
    found: set[str] = kept().get(kept().regions, key, compute)
    return found
