"""Load: staff browsing lists and saving forms against gunicorn (2 workers) on PostgreSQL, over
loopback only. `python -m bench.run_load USERS MAX_REQUESTS MAX_SECONDS` starts gunicorn on a
free port of 127.0.0.1, signs the virtual staff in (sessions made by Django, as a login would),
runs USERS threads in a closed loop (no think time) until MAX_REQUESTS requests or MAX_SECONDS
have passed, whichever comes first, stops gunicorn and prints one JSON line: requests, seconds,
requests/s, p50/p95/p99 and the errors.

Each virtual user is district staff (城中区) or city staff and, in turn: opens the member list
(one of the first pages), the member list filtered, a member's page, the card, hardship-file,
payment, case, promotion and employer lists, and one time in eight opens a member's form and
saves it (a real write, answered with a redirect)."""

import http.client
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "unionhub.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--timeout",
            "60",
        ],  # fmt: skip
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/accounts/login/")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("gunicorn did not answer within 60 s")


def cpu_seconds(pids) -> float:
    """User + system CPU time of these processes so far (Linux /proc; 0 for any that is gone)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


class BackendCPU:
    """CPU time of the PostgreSQL backends serving this database while the load runs: the workers
    reconnect now and then (CONN_MAX_AGE), so the backends are listed twice a second and each
    one's CPU is counted from its first sighting (from zero when it was born during the run)."""

    def __init__(self):
        from django.db import connection

        self.connection = connection
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.running = False

    def pids(self) -> list[int]:
        with self.connection.cursor() as cur:
            cur.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            return [pid for (pid,) in cur.fetchall()]

    def sample(self, *, baseline=False):
        for pid in self.pids():
            used = cpu_seconds([pid])
            self.first.setdefault(pid, used if baseline else 0.0)
            self.last[pid] = used

    def start(self):
        self.sample(baseline=True)
        self.running = True
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self):
        while self.running:
            time.sleep(0.5)
            self.sample()

    def stop(self) -> float:
        self.running = False
        self.thread.join()
        self.sample()
        return sum(self.last[pid] - self.first[pid] for pid in self.last)


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class VirtualUser:
    def __init__(self, port, session_cookie, paths, members, rnd):
        self.port, self.paths, self.members, self.rnd = port, paths, members, rnd
        self.cookies = dict([session_cookie])

    def request(self, method, path, body=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        if body is not None:
            body = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read()
            ms = (time.perf_counter() - started) * 1000
        finally:
            conn.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, ms, text

    def steps(self):
        """The next page views of this user: one GET, or a form opened and then saved."""
        rnd = self.rnd
        if rnd.random() < 1 / 8:
            member = rnd.choice(self.members)
            url = f"/members/{member['pk']}/edit/"
            return [("GET", url, None, 200), ("POST", url, member, 302)]
        path = rnd.choice(self.paths)
        if "{pk}" in path:
            path = path.format(pk=rnd.choice(self.members)["pk"])
        return [("GET", path, None, 200)]


def form_data(member: dict, token: str, rnd) -> dict:
    data = {k: v for k, v in member.items() if k != "pk"}
    data["phone"] = f"139{rnd.randrange(10**8):08d}"
    data["csrfmiddlewaretoken"] = token
    return data


LOGIN_SECONDS = 15


def login_reference(port: int, users: int, seconds: float) -> dict:
    """The same users and workers on the login page alone (anonymous GETs: no queries, a small
    template): the framework's own ceiling on this machine, measured in the same run."""
    lock = threading.Lock()
    times: list[float] = []
    failed = 0
    end = time.monotonic() + seconds

    def loop(i):
        nonlocal failed
        user = VirtualUser(port, ("bench", "anonymous"), [], [], random.Random(i))
        while time.monotonic() < end:
            try:
                status, ms, _ = user.request("GET", "/accounts/login/")
            except OSError:
                status, ms = 0, 0.0
            with lock:
                if status == 200:
                    times.append(ms)
                else:
                    failed += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=loop, args=(i,)) for i in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    times.sort()
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else 0.0
    return {
        "requests": len(times) + failed,
        "rps": (len(times) + failed) / elapsed,
        "p95": p95,
        "errors": failed,
    }


def main(users: int, max_requests: int, max_seconds: float) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhub.settings")
    django.setup()
    from django.conf import settings
    from django.test import Client

    from bench.run_pages import member_form_data, pools
    from unionhub.orgs.models import User

    pool = pools("LZ-CZ", size=200)
    district = pool["district"]
    members = [{"pk": m.pk, **member_form_data(m, 0)} for m in pool["members"]]
    paths = [
        "/members/",
        "/members/?page=2",
        "/members/?page=3",
        f"/members/?organization={district.pk}&key_group=%E8%B4%A7%E8%BD%A6%E5%8F%B8%E6%9C%BA&join_year=2025",
        "/members/{pk}/",
        "/members/{pk}/",
        "/perks/",
        "/relief/",
        "/relief/payments/",
        "/legal/",
        "/skills/promotions/",
        "/members/employers/",
    ]
    sessions = []
    for i in range(users):
        client = Client()
        client.force_login(User.objects.get(username="bench_cz" if i % 2 == 0 else "bench_city"))
        sessions.append((settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value))
    from django.db import connections

    connections.close_all()

    port = free_port()
    proc = start_gunicorn(port)
    lock = threading.Lock()
    samples: list[tuple[str, int, float, bool]] = []  # (kind, status, ms, ok)
    errors: list[str] = []
    stop_at = time.monotonic() + max_seconds
    issued = 0

    def take() -> bool:
        nonlocal issued
        with lock:
            if issued >= max_requests or time.monotonic() >= stop_at:
                return False
            issued += 1
            return True

    def run(i):
        rnd = random.Random(i)
        user = VirtualUser(port, sessions[i], paths, members, rnd)
        token = ""
        while True:
            for method, path, body, expected in user.steps():
                if not take():
                    return
                if body is not None:  # the member whose form was just opened
                    body = form_data(body, token, rnd)
                try:
                    status, ms, text = user.request(method, path, body)
                except OSError as exc:
                    with lock:
                        errors.append(f"{method} {path}: {exc}")
                        samples.append((method, 0, 0.0, False))
                    break
                if method == "GET" and path.endswith("/edit/"):
                    found = TOKEN_RE.search(text.decode("utf-8", "replace"))
                    token = found.group(1) if found else ""
                ok = status == expected
                with lock:
                    samples.append((method, status, ms, ok))
                    if not ok and len(errors) < 20:
                        errors.append(f"{method} {path}: HTTP {status}")
                if not ok:
                    break

    # Warm up: every worker answers (and opens its database connection) before the clock starts.
    warm = VirtualUser(port, sessions[0], paths, members, random.Random(0))
    for path in paths * 2:
        warm.request("GET", path.format(pk=members[0]["pk"]))
    workers, db = children(proc.pid), BackendCPU()
    web_before = cpu_seconds(workers)
    db.start()
    stop_at = time.monotonic() + max_seconds
    threads = [threading.Thread(target=run, args=(i,)) for i in range(users)]
    started = time.perf_counter()
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - started
        cpu_web = cpu_seconds(workers) - web_before
        cpu_db = db.stop()
        login = login_reference(port, users, LOGIN_SECONDS)
    finally:
        stop(proc)
    times = sorted(ms for _, _, ms, ok in samples if ok)

    def pct(p):
        return statistics.quantiles(times, n=100, method="inclusive")[p - 1] if len(times) > 1 else 0.0

    posts = [ms for kind, _, ms, ok in samples if kind == "POST" and ok]
    print(
        json.dumps(
            {
                "users": users,
                "requests": len(samples),
                "seconds": seconds,
                "rps": len(samples) / seconds,
                "p50": pct(50),
                "p95": pct(95),
                "p99": pct(99),
                "saves": len(posts),
                "save_p95": statistics.quantiles(posts, n=20)[-1] if len(posts) > 1 else 0.0,
                "cpu_web_ms": cpu_web * 1000 / max(1, len(samples)),
                "cpu_db_ms": cpu_db * 1000 / max(1, len(samples)),
                "errors": sum(1 for *_, ok in samples if not ok),
                "error_samples": errors,
                "login": login,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]))
