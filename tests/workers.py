"""A real Celery worker process for the tests marked `worker`, with the fixtures `queue` and
`not_eager` of tests/conftest.py."""

import contextlib
import subprocess
import sys
import time

from django.conf import settings

from tests.foundation.conftest import subprocess_env


@contextlib.contextmanager
def celery_worker(queue: str, log, **env):
    """A solo worker on `queue`, on the test database, writing to `log`; stopped on leaving."""
    cmd = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "unionhub",
        "worker",
        "--pool=solo",
        "-Q",
        queue,
        "-l",
        "info",
    ]
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=settings.BASE_DIR, env=subprocess_env(**env), stdout=out, stderr=subprocess.STDOUT
        )
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_for(job, proc, seconds: float) -> None:
    """Until `job` (refreshed from the database) is no longer active, the worker has exited or
    `seconds` have passed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if not job.is_active or proc.poll() is not None:
            return
        time.sleep(0.5)
