"""GET /health: whether this server process can use its store, and each view's position, lag and state.

For a load balancer's health check and for monitoring (docs/operations.md, "Monitoring"). It needs no token: it
shows no personal data (the views' names and positions in the log) and writes no access-log entry. 200 while the
store answers, whatever the views' lag (a view behind or being filled is answered by no read of it, a 503 of its
own, on every server alike: taking this one out of a balancer would not help); 503 problem+json with Retry-After
when the store cannot be used (the error handler's, logged).
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify
from marshmallow import Schema, fields

blp = Blueprint("health", __name__)


class ViewStatusSchema(Schema):
    """A view as the projector reports it (projections.framework.Status)."""

    name = fields.String()
    version = fields.Integer()
    position = fields.Integer()
    lag = fields.Integer()
    state = fields.String()


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
