"""The programmes, mentoring and training compliance reports in-process: CPU and wall ms per request, beside a bare one.

The WSGI app is called directly (as bench.reads_inprocess), on the store `bench.reads --keep` loaded (same
--employees, --seed, --store), by an administrator (every figure exact) and by a national reporter (aggregates
only: small cells suppressed, and the report asked again without each filter for its differencing), unfiltered and
filtered by an agency and a year (programmes) or an agency and a rank (mentoring); and a reporter's training compliance
by unit of the busiest agency's women PNS of S-1 (four filters, each judged in turn: a reporting client's tester's
request). The baseline, timed in the same rounds, is one plain GROUP BY of the same view (each programme's
participants; the relationships' counts; the year's staff by unit), the least a report of it costs; the ratios
request/bare are printed. --profile NAME: a pyinstrument profile of one of them. Since 2026-12-08 a repeated request
is answered from the answers kept per worker (web.kept.kept_report) until the views move: `--cold` forgets them
before each request, so that the figures are those of a first request (as after an event, or in another worker).

    .venv/bin/python -m bench.reads --employees 1000 --store sqlite --keep --seconds 1
    .venv/bin/python -m bench.reports_inprocess --employees 1000 --store sqlite --requests 5 [--rounds 3] [--cold]
"""

from __future__ import annotations

from bench.common import report
from bench.reads_inprocess import Environ, arguments, environs, heading, timed_rounds
from careerlog.access import Role, Scope
from careerlog.accounts import open_accounts
from careerlog.config import Settings
from careerlog.sqlstore import SqlStore, open_store

REPORTER = "bench-reporter"  # a national reporter: aggregates only
BARE = {
    "bare programmes": "SELECT programme_id, COUNT(DISTINCT subject) AS n FROM training "
    "WHERE programme_id IS NOT NULL GROUP BY programme_id",
    "bare mentoring": "SELECT COUNT(*) AS n, COUNT(DISTINCT subject) AS mentees, SUM(sessions) AS sessions "
    "FROM mentoring",
    "bare compliance": "SELECT unit, COUNT(DISTINCT subject) AS n FROM spells WHERE start_date <= '2024-12-31' "
    "AND (end_date IS NULL OR end_date >= '2024-12-31') GROUP BY unit",
}
COMPLIANCE_YEAR = 2024  # (the tester's)


def requests(settings: Settings) -> dict[str, tuple[str, str]]:
    """Each timed request: (path, the account asking)."""
    store = open_store(settings)
    try:
        agency = store.query("SELECT agency FROM training GROUP BY agency ORDER BY COUNT(*) DESC, agency LIMIT 1")
        year = store.query("SELECT MAX(year) AS year FROM training")
        rank = store.query("SELECT rank FROM mentoring GROUP BY rank ORDER BY COUNT(*) DESC, rank LIMIT 1")
    finally:
        store.close()
    programmes, mentoring = "/api/v1/reports/programmes", "/api/v1/reports/mentoring"
    place = f"agency={agency[0]['agency']}" if agency else "agency=NONE"
    found = {
        "programmes admin": (programmes, "bench"),
        "programmes reporter": (programmes, REPORTER),
        "programmes reporter filtered": (f"{programmes}?{place}&year={year[0]['year']}", REPORTER),
        "mentoring admin": (mentoring, "bench"),
        "mentoring reporter": (mentoring, REPORTER),
    }
    if rank:
        found["mentoring reporter filtered"] = (f"{mentoring}?{place}&rank={rank[0]['rank']}", REPORTER)
    if year:
        four = f"{place}&sex=F&employment_kind=PNS&education=S-1"
        asked = f"/api/v1/reports/training-compliance?year={COMPLIANCE_YEAR}&by=unit&{four}"
        found["compliance reporter filtered"] = (asked, REPORTER)
    return found


def main(argv: list[str] | None = None) -> None:
    args = arguments(__doc__.splitlines()[0], argv, 5, "'programmes reporter'")

    def asked(settings: Settings, store: SqlStore) -> dict[str, list[Environ]]:
        accounts = open_accounts(settings, store)
        if not store.query("SELECT 1 AS found FROM accounts WHERE username = ?", (REPORTER,)):
            accounts.create(REPORTER, display_name="Reporter", role=Role.REPORTER, scope=Scope(national=True))
        tokens = {who: accounts.issue_token(who, days=1).token for who in ("bench", REPORTER)}
        return {name: environs([path] * args.requests, tokens[who]) for name, (path, who) in requests(settings).items()}

    results = timed_rounds(args, asked, BARE, warm=1)
    if results is None:
        return
    lines = [heading("reports", args)]
    for name, result in results.items():
        base = results["bare " + name.split()[0]] if not name.startswith("bare") else None
        ratio = f"  {result['cpu_ms'] / max(base['cpu_ms'], 1e-3):8.1f} x bare CPU" if base else ""
        lines.append(f"{name:<30} {result['wall_ms']:9.2f} ms wall {result['cpu_ms']:9.2f} ms CPU{ratio}")
        if base:
            result["cpu_ratio"] = result["cpu_ms"] / max(base["cpu_ms"], 1e-3)
    report("reports_inprocess", args, {"requests": args.requests, "rounds": args.rounds, "results": results}, lines)


if __name__ == "__main__":
    main()
