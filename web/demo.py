"""Demo accounts for `careerlog run`: one per role, with known passwords and tokens.

They are for the demo on the embedded store only (`make run`, bound to 127.0.0.1): their
passwords and tokens are printed and written in docs/api.md, so never create them on a
store that holds real records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import cast

from careerlog.access import Scope
from careerlog.accounts import Accounts
from careerlog.application import CareerLog
from careerlog.domain.errors import NotFound
from careerlog.domain.events import Appointed, LedgerEvent
from projections.career import CareerRecord

DEMO_AGENCY = "KOTA-MEDAN"
TOKEN_DAYS = 365


@dataclass(frozen=True)
class DemoLogin:
    username: str
    display_name: str  # the employee's account: their name on record instead (first_employee_of)
    role: str
    scope: Scope
    password: str
    token: str
    variable: str  # the shell variable docs/api.md uses for the token

    @property
    def needs_nip(self) -> bool:
        return self.role == "employee"


DEMO_LOGINS = (
    DemoLogin(
        "admin", "Administrator", "admin", Scope(national=True), "admin-demo-2026", "clt_demo-admin", "ADMIN_TOKEN"
    ),
    DemoLogin(
        "hr-medan",
        "BKPSDM Kota Medan",
        "hr",
        Scope(agencies=(DEMO_AGENCY,)),
        "hr-medan-demo-2026",
        "clt_demo-hr-medan",
        "HR_TOKEN",
    ),
    DemoLogin(
        "inspector",
        "Inspektorat Sumatera Utara",
        "inspector",
        Scope(regions=("12",)),
        "inspector-demo-2026",
        "clt_demo-inspector",
        "INSPECTOR_TOKEN",
    ),
    DemoLogin(
        "reporter",
        "Portal Satu Data Sumatera Utara",  # a reporting client is a system that reads the aggregates, named as one
        "reporter",
        Scope(national=True),
        "reporter-demo-2026",
        "clt_demo-reporter",
        "REPORTER_TOKEN",
    ),
    DemoLogin(
        "policy",
        "Bappeda Provinsi Sumatera Utara",
        "policy",
        Scope(regions=("12",)),
        "policy-demo-2026",
        "clt_demo-policy",
        "POLICY_TOKEN",
    ),
    # the employee's account is named by the employee's own name on record (demo_employee), as a page greets them
    DemoLogin("pegawai", "", "employee", Scope(), "pegawai-demo-2026", "clt_demo-pegawai", "EMPLOYEE_TOKEN"),
)


def first_employee_of(ledger: CareerLog, agency: str) -> tuple[str, str]:
    """The NIP and name of the first employee appointed in an agency who still serves there (the demo employee)."""
    for _, event in ledger.iter_events():
        if isinstance(event, Appointed) and event.agency == agency:
            events = [cast(LedgerEvent, e) for e in ledger.events.get(event.originator_id)]
            record = CareerRecord.from_events(event.originator_id, events)
            place = record.placement_on(date.max)
            if record.separation is None and place is not None and place[0] == agency:
                return event.originator_id, str(record.profile("name") or event.originator_id)
    raise NotFound(f"No employee of {agency} is recorded; load the demo first.")


def ensure_demo_accounts(accounts: Accounts, ledger: CareerLog) -> str:
    """Create the demo accounts and tokens that are missing; return the demo employee's NIP."""
    nip: str | None = None
    for login in DEMO_LOGINS:
        try:
            existing = accounts.get(login.username)
        except NotFound:
            display_name = login.display_name
            if login.needs_nip:
                nip, display_name = first_employee_of(ledger, DEMO_AGENCY)
            accounts.create(
                login.username,
                display_name=display_name,
                role=login.role,
                scope=login.scope,
                nip=nip if login.needs_nip else None,
                password=login.password,
            )
        else:
            if login.needs_nip:
                nip = existing.nip
        if not accounts.token_exists(login.token):
            accounts.issue_token(login.username, days=TOKEN_DAYS, token=login.token)
    assert nip is not None
    return nip
