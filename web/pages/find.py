"""Finding an employee from the start page: a NIP opens their career record, a name lists the employees of the
reader's scope whose name holds it (the roster's search, as the API's `q`), each linking to their record."""

from __future__ import annotations

from flask import redirect, url_for
from flask.typing import ResponseReturnValue

from careerlog.accounts import Account
from web.pages.common import page, services

SHOWN = 50  # the first matches by name; more asks for more of the name


def find(account: Account, typed: str) -> ResponseReturnValue:
    """The career record of a NIP typed (spaces allowed, as NIPs are often written), or the employees in scope
    whose name (or NIP) holds the text typed when it has a letter: an HR office knows its staff by name."""
    if not any(c.isalpha() for c in typed):
        return redirect(url_for("pages.career", nip="".join(typed.split())))
    words = " ".join(typed.split())
    found = services().roster(account, {}, search=words, sort="name", page=1, per_page=SHOWN)
    return page("pages/employees_found.html", account, typed=words, found=found)
