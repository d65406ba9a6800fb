"""GET /health: whether this server process can use its store, and each view's position, lag and state.

For a load balancer's health check and for monitoring (docs/operations.md, "Monitoring"). It needs no token: it
shows no personal data (the views' names and positions in the log) and writes no access-log entry. 200 while the
store answers, whatever the views' lag (a view behind or being filled is answered by no read of it, a 503 of its
own, on every server alike: taking this one out of a balancer would not help); 503 problem+json with Retry-After
when the store cannot be used (the error handler's, logged).
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

blp = Blueprint("health", __name__)


@blp.get("/health")
def health() -> Response:
    services = current_app.extensions["careerlog"]
    statuses = services.projector.status()
    answer = jsonify(
        status="ok",
        store=services.settings.store,
        head=statuses[0].head if statuses else services.ledger.max_notification_id(),
        views=[
            {"name": s.name, "version": s.version, "position": s.position, "lag": s.lag, "state": s.state}
            for s in statuses
        ],
    )
    answer.headers["Cache-Control"] = "no-store"
    return answer
