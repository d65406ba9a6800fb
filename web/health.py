"""GET /health: whether this server process can use its store, and each view's position, lag and state, its version
in this release and in the store, and for a view built under rules the rules' digests (its rows' and this server's).

For a load balancer's health check and for monitoring (docs/operations.md, "Monitoring"). It needs no token: it
shows no personal data (the views' names and positions in the log) and writes no access-log entry. 200 while the
store answers, whatever the views' lag (a view behind or being filled is answered by no read of it, a 503 of its
own, on every server alike: taking this one out of a balancer would not help); 503 problem+json with Retry-After
when the store cannot be used (the error handler's, logged).
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify
from marshmallow import Schema, fields

from projections.framework import Status

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
    state = fields.String()
    rules = fields.Method("view_rules")

    def view_rules(self, status: Status) -> dict[str, str | None] | None:
        if status.configuration is None:
            return None
        return {"built_with": status.built_with, "server": status.configuration}


class HealthSchema(Schema):
    """The answer of GET /health."""

    status = fields.String()
    store = fields.String()
    head = fields.Integer()
    views = fields.List(fields.Nested(ViewStatusSchema))


HEALTH = HealthSchema()


@blp.get("/health")
def health() -> Response:
    services = current_app.extensions["careerlog"]
    statuses = services.projector.status()
    answer = jsonify(
        HEALTH.dump(
            {
                "status": "ok",
                "store": services.settings.store,
                "head": statuses[0].head if statuses else services.ledger.max_notification_id(),
                "views": statuses,
            }
        )
    )
    answer.headers["Cache-Control"] = "no-store"
    return answer
