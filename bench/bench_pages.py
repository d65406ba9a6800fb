"""The first view of the inspector's heavy pages (fairness, scorecard) in a new server worker, two versions of the code
side by side.

    .venv/bin/python -m bench.bench_pages --store FILE --code A_DIR --code B_DIR [--repeat 2] [--bodies DIR]

FILE is a demo store made by `careerlog run` (`make run`: 2,000 employees), its views caught up; each run serves
a fresh copy of it. A_DIR and B_DIR are `git archive` snapshots of the two commits. For every page, runs
alternate A B A B...: each starts `careerlog serve --workers 1 --threads 1` from inside its snapshot
(PYTHONPATH=snapshot), logs in as the demo inspector, and asks the page twice: the first view (nothing kept
in the worker: what an inspector waits for after a start or a worker restart) and the same again (kept,
web.kept). It prints the worker's CPU seconds (user + system, from /proc) and the wall seconds of the first
view, each version's median side by side with B / A; and the kept view's. It also says whether the two
versions' first answers are the same once what differs between any two servings is set aside (matplotlib's
random SVG ids, the session's CSRF token); `--bodies DIR` writes each version's answers (DIR/<version>/<page>).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

PAGES = {
    "fairness": "/pages/fairness?lang=en",
    "fairness-sex-education": "/pages/fairness?by=sex&by=education&lang=en",
    "scorecard-unit": "/pages/scorecard?agency=KOTA-MEDAN&unit=Dinas+Pendidikan&lang=en",
    "api-time-to-promotion": "/api/v1/audits/time-to-promotion?by=agency",
}
INSPECTOR = ("inspector", "inspector-demo-2026", "clt_demo-inspector")  # web/demo.py
TICKS = os.sysconf("SC_CLK_TCK")
SVG_ID = re.compile(rb'(id="|#)[mp][0-9a-f]{10}')  # clip paths and markers, salted afresh in every process
CSRF = re.compile(rb'name="csrf_token" type="hidden" value="[^"]+"')


def served_alike(answer: bytes) -> bytes:
    """The answer with what differs between any two servings of it set aside."""
    return CSRF.sub(b"CSRF", SVG_ID.sub(rb"\1ID", answer))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def get(opener: urllib.request.OpenerDirector, url: str, data: dict[str, str] | None = None, **headers: str) -> bytes:
    body = None if data is None else urllib.parse.urlencode(data).encode()
    with opener.open(urllib.request.Request(url, body, headers), timeout=300) as response:  # noqa: S310
        return bytes(response.read())


def wait_for(url: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer 200 in {seconds} s")


def run(code: Path, store: Path, page: str, work: Path) -> tuple[float, float, float, float, bytes]:
    """Serve a copy of the store with the code in `code`; the first and the kept view's worker CPU and wall seconds,
    and the first view's answer."""
    copy = work / "store.db"
    shutil.copy(store, copy)
    port = free_port()
    env = {**os.environ, "CAREERLOG_DATABASE_URL": f"sqlite:///{copy}", "PYTHONPATH": str(code)}
    env.setdefault("CAREERLOG_CELL_KEY_SECRET", "a benchmark's cell-key secret, 32 characters or more")  # (serve's)
    command = [sys.executable, "-c", "from careerlog.cli import main; main()", "serve", "--bind", f"127.0.0.1:{port}"]
    with (work / "serve.log").open("wb") as log:
        server = subprocess.Popen(
            [*command, "--workers", "1", "--threads", "1"], cwd=code, env=env, stdout=log, stderr=log
        )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/health")
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        headers: dict[str, str] = {}
        if PAGES[page].startswith("/api/"):
            headers["Authorization"] = f"Bearer {INSPECTOR[2]}"
        else:
            form = get(opener, f"{base}/pages/login").decode()
            token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form)
            assert token, form
            login = {"username": INSPECTOR[0], "password": INSPECTOR[1], "csrf_token": token.group(1)}
            get(opener, f"{base}/pages/login", login)
        (worker,) = children(server.pid)
        measured = []
        for _view in ("first", "kept"):
            cpu, start = cpu_seconds(worker), time.perf_counter()
            body = get(opener, base + PAGES[page], **headers)
            measured.append((cpu_seconds(worker) - cpu, time.perf_counter() - start, body))
        (first_cpu, first_wall, answer), (kept_cpu, kept_wall, _body) = measured
        return first_cpu, first_wall, kept_cpu, kept_wall, answer
    finally:
        server.terminate()
        server.wait(30)
        copy.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="a demo store made by careerlog run")
    parser.add_argument("--code", type=Path, action="append", required=True, help="a snapshot (twice: A, then B)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--pages", default=",".join(PAGES), help=f"of {', '.join(PAGES)}")
    parser.add_argument("--bodies", type=Path, help="write each version's answers here")
    args = parser.parse_args()
    codes = [c.resolve() for c in args.code]
    print(f"code measured: {', '.join(map(str, codes))}; load {os.getloadavg()[0]:.2f}", flush=True)
    for page in args.pages.split(","):
        results: dict[Path, list[tuple[float, float, float, float]]] = {c: [] for c in codes}
        answers: dict[Path, set[bytes]] = {c: set() for c in codes}
        for _round in range(args.repeat):
            for code in codes:
                with tempfile.TemporaryDirectory() as work:
                    *figures, answer = run(code, args.store, page, Path(work))
                results[code].append(tuple(figures))  # type: ignore[arg-type]
                answers[code].add(served_alike(answer))
                if args.bodies:
                    (args.bodies / code.name).mkdir(parents=True, exist_ok=True)
                    (args.bodies / code.name / page).write_bytes(answer)
        columns = ("first view CPU", "first view wall", "kept view CPU", "kept view wall")
        for i, label in enumerate(columns):
            each = [[r[i] for r in results[c]] for c in codes]
            medians = [statistics.median(e) for e in each]
            ratio = f"  B/A {medians[-1] / medians[0]:.2f}" if medians[0] else ""
            runs = "  |  ".join(" ".join(f"{v:.2f}" for v in e) for e in each)
            print(f"{page:24s} {label:16s} " + "  ".join(f"{m:6.2f}" for m in medians) + f"{ratio}   ({runs})")
        alike = all(a == answers[codes[0]] and len(a) == 1 for a in answers.values())
        print(f"{page:24s} answers: {'the same' if alike else 'DIFFERENT'} in every run of every version", flush=True)
    print(f"load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
