"""GET /health: whether this server process can use its store, and each view's position, lag and state, its version
in this release and in the store, and for a view built under rules the rules' digests (its rows' and this server's).

For a load balancer's health check and for monitoring (docs/operations.md, "Monitoring"). It needs no token: it
shows no personal data (the views' names and positions in the log) and writes no access-log entry. 200 while the
store answers, whatever the views' lag (a view behind or being filled is answered by no read of it, a 503 of its
own, on every server alike: taking this one out of a balancer would not help); 503 problem+json with Retry-After
when the store cannot be used (the error handler's, logged), and, on SQLite, when the store's file system has less
than MIN_FREE_BYTES free (`store_space`): every write then fails, the access-log entry each read of personal data
writes among them, so every such request answered 503 while /health answered 200 "ok". On PostgreSQL the server's
disk is not seen from here (a full one fails writes with 503 "The database could not be used": alert on those and
on the server's disk space, docs/operations.md). A view marked as rebuilding with no rebuild running (a rebuild
that stopped before it finished, which no worker mends: its reads are refused until an operator runs the rebuild
again) is shown: the view's state `rebuilding (stopped: no rebuild runs)` and `stopped: true`, and `status`
"degraded" with `detail` naming the rebuild to run (not logged at each poll: the workers warn of it); until
2026-12-05 "ok" and `rebuilding`, as a rebuild under way. So is a view built under other rules than this server's
CAREERLOG_RULES_FILE (every read of it answered 503 rules-mismatch by this server: `other_rules`; "ok" until
2026-12-05). Still a 200: its reads are refused on every server
alike, and the other reads and the writes are answered, so a balancer taking the servers out on it would turn
that outage into one of everything.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, jsonify
from marshmallow import Schema, fields

from projections.framework import Status, stalled_rebuild
from web.errors import problem, store_retry

blp = Blueprint("health", __name__)


class ViewRulesSchema(Schema):
    """The rules of a view built under them: the digest its rows were built with and this server's."""

    built_with = fields.String(allow_none=True)
    server = fields.String()


class ViewStatusSchema(Schema):
    """A view as the projector reports it (projections.framework.Status): its version in this release and in the
    store (they differ while another release's process has made it again: an upgrade under way), and for a view
    built under rules the rules' digests (they differ when it was rebuilt under other rules than this server's)."""

    name = fields.String()
    release_version = fields.Function(lambda status: status.version)
    store_version = fields.Integer(attribute="stored_version", allow_none=True)
    version = fields.Integer()  # this release's, as release_version (kept for the monitors reading it)
    position = fields.Integer()
    lag = fields.Integer()
    # ("rebuilding (stopped: no rebuild runs)" for a rebuild that stopped before it finished, as `projections status`
    # shows it; until 2026-12-05 "rebuilding", as a rebuild under way)
    state = fields.Method("view_state")
    stopped = fields.Boolean(attribute="stalled")  # (marked as rebuilding with no rebuild running)
    rules = fields.Method("view_rules")

    def view_state(self, status: Status) -> str:
        return f"{status.state}{STOPPED if status.stalled else ''}"

    def view_rules(self, status: Status) -> dict[str, str | None] | None:
        if status.configuration is None:
            return None
        return {"built_with": status.built_with, "server": status.configuration}


class HealthSchema(Schema):
    """The answer of GET /health."""

    # ok; degraded: a rebuild stopped before it finished, or a view built under other rules than this server's (`detail`
    # says which, and the mend)
    status = fields.String()
    detail = fields.String()  # (only when degraded)
    store = fields.String()
    head = fields.Integer()
    views = fields.List(fields.Nested(ViewStatusSchema))


HEALTH = HealthSchema()
STOPPED = " (stopped: no rebuild runs)"  # (a view's state, after `rebuilding`, as `projections status` writes it)

# The least free space the SQLite store's file system must have for /health to answer 200: a write needs room for its
# pages in the write-ahead log (4 KiB each); below this, writes fail or are about to.
MIN_FREE_BYTES = 1 << 20


def free_bytes(directory: Path) -> int:
    """The bytes this process may still write on the file system of `directory` (root: the blocks reserved for it
    too)."""
    st = os.statvfs(directory)
    return (st.f_bfree if os.geteuid() == 0 else st.f_bavail) * st.f_frsize


def store_space(sqlite_path: str) -> str | None:
    """Why a SQLite store cannot take a write (its file system all but full), or None."""
    free = free_bytes(Path(sqlite_path).expanduser().resolve().parent)
    if free >= MIN_FREE_BYTES:
        return None
    return (
        f"The SQLite store's file system has {free // 1024:,} KiB free (less than {MIN_FREE_BYTES // 1024:,} KiB): "
        "writes to the store fail, the access-log entry of every read of personal data among them. Free space on it."
    )


def other_rules(statuses: list[Status]) -> str:
    """What /health says of views whose rows were built under other rules than this server's CAREERLOG_RULES_FILE:
    this server answers every read of them 503 rules-mismatch until it is started again with the views' rules (it
    said "ok" until 2026-12-05)."""
    views = "; ".join(
        f"the view {s.name}'s rows were built with the rules of digest {s.built_with}, this server's "
        f"CAREERLOG_RULES_FILE gives {s.configuration}"
        for s in statuses
    )
    return (
        f"{views[0].upper()}{views[1:]}: this server answers every read of {'it' if len(statuses) == 1 else 'them'} "
        "503 rules-mismatch. Start it again with the CAREERLOG_RULES_FILE the views were built with "
        "(docs/operations.md, Upgrades)."
    )


@blp.get("/health")
def health() -> Response:
    services = current_app.extensions["careerlog"]
    if services.settings.store == "sqlite" and (full := store_space(services.settings.sqlite_path)):
        current_app.logger.error("/health: %s", full)
        return problem(503, full, headers={"Retry-After": str(store_retry())})
    # one attempt, no retry: a store that cannot be used is a 503 within the connect timeout (it took 52 s)
    head = services.ledger.head_once()
    statuses = services.projector.status(head)
    shown: dict[str, Any] = {
        "status": "ok",
        "store": services.settings.store,
        "head": head,
        "views": statuses,
    }
    details = []
    if stopped := [s.name for s in statuses if s.stalled]:  # (their reads refused until an operator rebuilds them)
        details.append(stalled_rebuild(stopped))
    if otherwise := [s for s in statuses if s.built_with not in (None, s.configuration) and s.configuration]:
        details.append(other_rules(otherwise))
    if details:
        shown.update(status="degraded", detail=" ".join(details))
    answer = jsonify(HEALTH.dump(shown))
    answer.headers["Cache-Control"] = "no-store"
    return answer
