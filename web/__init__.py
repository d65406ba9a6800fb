"""The web layer: the Flask app factory (web.app) and the JSON API.

`create_app()` builds the services once (the ledger, the projector over every view, the
queries and the accounts) and keeps them in `app.extensions["careerlog"]`. The hot reads' happy
path is answered in front of Flask (web.fastreads) unless CAREERLOG_FAST_READS=off. On SQLite the
serving process that holds the follower lock keeps the views current; on PostgreSQL the
`careerlog projections run` workers do.

`from web import create_app` imports web.app (Flask, the API and its libraries) when it is first asked for, not as
the package is: a light module of the package (web.commands, the `serve` and `run` options `careerlog --help` lists)
is imported without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from web.app import CareerlogFlask, WholeNumberConverter, create_app, unmerged_slashes

__all__ = ["CareerlogFlask", "WholeNumberConverter", "create_app", "unmerged_slashes"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from web import app

        return getattr(app, name)
    raise AttributeError(f"module 'web' has no attribute {name!r}")
