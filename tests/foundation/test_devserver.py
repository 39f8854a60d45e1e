"""`make run`'s server: a Chinese login page, a Celery worker beside it, both gone on exit."""

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from .conftest import subprocess_env

pytestmark = pytest.mark.worker


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_devserver_serves_the_login_page_with_a_worker(db, tmp_path):
    port = free_port()
    # A var/ of its own: its file broker must not take jobs meant for another worker.
    env = subprocess_env(UNIONHUB_VAR=str(tmp_path))
    env.pop("REDIS_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "devserver", "--noreload", "--port", str(port)],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        body = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2) as r:
                    body = r.read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert '<html lang="zh-Hans">' in body and "登录" in body
        workers = [p for p in children(proc.pid) if b"celery" in Path(f"/proc/{p}/cmdline").read_bytes()]
        assert len(workers) == 1
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, out.decode(errors="replace")[-3000:]
    time.sleep(0.5)
    assert not alive(workers[0]), "the worker outlived the server"
    assert b"UnionHub: http://127.0.0.1" in out
