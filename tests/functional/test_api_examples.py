"""The curl examples of docs/api.md, run in order through the Flask client with the demo accounts."""

from __future__ import annotations

import io
import json
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import World
from web.demo import DEMO_LOGINS, ensure_demo_accounts

DOC = Path(__file__).parents[2] / "docs" / "api.md"
URL = "http://localhost"
CAPTURE = re.compile(r"^(\w+)=\$\((curl .*?)\|\s*python3 -c .*\[\"(\w+)\"\]", re.DOTALL)


@dataclass
class Example:
    command: str
    status: int
    capture: tuple[str, str] | None = None  # (variable, key of the JSON answer)


def example_blocks() -> list[str]:
    text = DOC.read_text().split("## Examples", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)```", text, re.DOTALL)


def commands(block: str, files: dict[str, str]) -> Iterator[Example]:
    """The block's commands: heredocs become files, comments give the expected status."""
    lines = block.replace("\\\n", " ").splitlines()
    status = 200
    while lines:
        line = lines.pop(0)
        heredoc = re.match(r"cat > (\S+) <<'EOF'", line)
        if heredoc:
            body = []
            while (row := lines.pop(0)) != "EOF":
                body.append(row)
            files[heredoc.group(1)] = "\n".join(body) + "\n"
            continue
        if re.fullmatch(r"# \d{3}", line.strip()):
            status = int(line.strip()[2:])
            continue
        while not _complete(line):
            line += "\n" + lines.pop(0)
        captured = CAPTURE.match(line)
        if captured:
            yield Example(captured.group(2), status, (captured.group(1), captured.group(3)))
        elif line.startswith("curl "):
            yield Example(line, status)


def _complete(command: str) -> bool:
    try:
        shlex.split(command)
    except ValueError:
        return False
    return True


def substitute(command: str, variables: dict[str, str]) -> str:
    return re.sub(r"\$\{?(\w+)\}?", lambda m: variables.get(m.group(1), m.group(0)), command)


def send(world: World, command: str, files: dict[str, str]) -> Any:
    """Do what curl would: -X, -H, -d, -F field=@file, and the URL (-o FILE: the answer is checked, not saved)."""
    args = shlex.split(command)[1:]
    method, headers, kwargs, url = None, {}, {}, ""
    while args:
        arg = args.pop(0)
        if arg == "-s":
            continue
        if arg == "-o":
            args.pop(0)
            continue
        if arg == "-X":
            method = args.pop(0)
        elif arg == "-H":
            name, _, value = args.pop(0).partition(":")
            headers[name.strip()] = value.strip()
        elif arg == "-d":
            kwargs["data"] = args.pop(0)
        elif arg == "-F":
            field, _, value = args.pop(0).partition("=")
            name = value.removeprefix("@")
            kwargs["data"] = {field: (io.BytesIO(files[name].encode()), name)}
            kwargs["content_type"] = "multipart/form-data"
        else:
            assert arg.startswith(URL), f"unexpected curl argument {arg!r}"
            url = arg[len(URL) :]
    if "Content-Type" in headers and "data" in kwargs:
        kwargs["content_type"] = headers.pop("Content-Type")
    method = method or ("POST" if "data" in kwargs else "GET")
    return world.client.open(url, method=method, headers=headers, **kwargs)


@pytest.fixture
def variables(world: World) -> dict[str, str]:
    ledger = world.services.ledger
    for sequence in (751, 752):
        nip = f.nip(date(1980, 4, 4), date(2005, 3, 1), "M", sequence=sequence)
        ledger.record(nip, "appointment", f.appointment(date(1980, 4, 4), date(2005, 3, 1), "M"), actor="test")
    nip = ensure_demo_accounts(world.services.accounts, ledger)
    world.catch_up()
    return {"CAREERLOG_URL": URL, "NIP": nip} | {login.variable: login.token for login in DEMO_LOGINS}


def test_every_curl_example_in_the_api_docs_answers_as_documented(world: World, variables: dict[str, str]) -> None:
    files: dict[str, str] = {}
    ran = 0
    for block in example_blocks():
        for example in commands(block, files):
            response = send(world, substitute(example.command, variables), files)
            assert response.status_code == example.status, (example.command, response.get_data(as_text=True))
            if example.capture is not None:
                name, key = example.capture
                variables[name] = str(json.loads(response.get_data())[key])
            ran += 1
    documented = sum(len(re.findall(r"^# \d{3}$", block, re.MULTILINE)) for block in example_blocks())
    assert ran == documented > 20
