"""Your account, and the access log of personal records."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from careerlog.access import Action
from web.api.blueprint import ApiBlueprint
from web.api.common import PAGE_HEADERS, authentication, caller, json_or_csv, linked, services
from web.api.schemas import (
    AccessLogQuerySchema,
    AccessLogSchema,
    AccountChangesQuerySchema,
    AccountChangesSchema,
    MeSchema,
    WaitSchema,
)

WAIT_QUERY = WaitSchema()  # built once (given the class, webargs would build one on every request)

blp = ApiBlueprint(
    "accounts",
    __name__,
    url_prefix="/api/v1",
    description="Who you are to the API, and who read which personal record.",
)

access_log_schema = AccessLogSchema()
account_changes_schema = AccountChangesSchema()


@blp.route("/me")
class Me(MethodView):
    @blp.arguments(WAIT_QUERY, location="query")
    @blp.response(200, MeSchema)
    def get(self, _: dict[str, Any]) -> Any:
        """Show your account, scope and token, and what your role may do."""
        return {**services().me(caller()), "token": authentication().token}


@blp.route("/access-log")
class AccessLog(MethodView):
    @blp.requires(Action.READ_ACCESS_LOG)
    @blp.doc(responses={200: {"headers": PAGE_HEADERS}})
    @blp.read(AccessLogQuerySchema, AccessLogSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """List reads of personal records by others: your own, or those within your scope."""
        filters: dict[str, list[str]] = {name: args.pop(name) for name in ("nip", "username") if name in args}
        log = services().access_log(caller(), filters, **args)
        return linked(json_or_csv(log, access_log_schema, name="access-log"), log["next"])


@blp.route("/account-changes")
class AccountChanges(MethodView):
    @blp.requires(Action.MANAGE_ACCOUNTS)
    @blp.doc(responses={200: {"headers": PAGE_HEADERS}})
    @blp.read(AccountChangesQuerySchema, AccountChangesSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """List every account created, disabled or unlocked: by whom, when, from where (administrators only)."""
        changes = services().account_changes(caller(), **args)
        return linked(json_or_csv(changes, account_changes_schema, name="account-changes"), changes["next"])
