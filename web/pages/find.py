"""Finding an employee from the start page: a NIP opens their career record, a name lists the employees of the
reader's scope whose name holds it (the roster's search, as the API's `q`), each linking to their record."""

from __future__ import annotations

from flask import redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from careerlog.accounts import Account
from careerlog.domain.errors import quoted_values
from careerlog.domain.nip import NUMBER_LABEL, eighteen_digits, normalise_nip, read_nip
from careerlog.domain.payload import whole_number
from web.pages.common import page, services
from web.pages.inspector import more_in_language

SHOWN = 50  # the first matches by name; more asks for more of the name


def find(account: Account, typed: str) -> ResponseReturnValue:
    """The career record of a NIP typed (as the record form and an import read one: careerlog.domain.nip's
    unlabelled_nip and normalise_nip, its label, spaces, dots and dashes left out), or the employees in scope whose
    name (or NIP) holds the text typed when it has a letter (an HR office knows its staff by name) or is digits of
    another length than a NIP's 18 (part of one, spaced, dotted or dashed as a NIP may be: "1986-0926")."""
    whole = read_nip(typed)
    if eighteen_digits(whole):
        return redirect(url_for("pages.career", nip=whole))
    # a name, or part of a NIP (its first digits, a birth date, as one is remembered): the roster's search, which
    # reads the NIP too; a part of a NIP opened the career record of that part, a 404 (with a dash, until the
    # review of 2026-12-05: "1986-0926")
    labelled = NUMBER_LABEL.fullmatch(typed)  # ("NIP 19860926")
    digits = normalise_nip(labelled.group(1) if labelled else typed)
    words = digits if whole_number(digits) else " ".join(typed.split())
    found = services().roster(account, {}, search=words, sort="name", page=1, per_page=SHOWN)
    return page("pages/employees_found.html", account, typed=words, found=found)


def no_nip_given() -> str:
    """The start page's error beside its field when the address gives no `nip`, the parameter the search reads (an
    address written by hand or a script's, `/pages/find?q=...`): the parameter named, with the address to write and
    the ones given that the page does not read; until 2026-12-07 "Missing data for required field.", as for the
    field sent empty, naming no parameter."""
    address = url_for("pages.find_employee") + "?nip=..."
    others = [name for name in request.args if name != "lang"]
    if not others:
        return _(
            "The address gives no parameter nip, from which this page reads the NIP or name to find: %(address)s",
            address=address,
        )
    return _(
        "The address gives no parameter nip, from which this page reads the NIP or name to find: %(address)s (it "
        "does not read %(names)s).",
        address=address,
        names=quoted_values(others, more=more_in_language),
    )
