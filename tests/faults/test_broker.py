"""Redis down: the app keeps serving forms; a job asked for meanwhile stays queued in the
database, says it is delayed, and is sent when `requeue_jobs` runs after Redis is back. The
request that enqueues it is not held up for long, whether Redis refuses connections or hangs."""

import io
import secrets
import socket
import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from legal.models import Case
from tests.foundation.conftest import run_python
from unionhub.celery import app
from unionhub.imports.models import ImportBatch
from unionhub.jobs.models import Job
from unionhub.reports.models import Report

from .test_jobs import cases_csv

DELAYED = "后台服务暂时不可用,任务已排队,恢复后自动处理"
QUICK = 10  # seconds: far below a browser's or gunicorn's patience


@pytest.fixture
def redis_down(settings, monkeypatch):
    """Celery in its production shape (not eager) with Redis at a closed port."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    monkeypatch.setitem(
        app.conf, "broker_transport_options", {"socket_connect_timeout": 2, "socket_timeout": 3}
    )
    monkeypatch.setitem(app.conf, "broker_connection_timeout", 2)
    # Connection and producer pools of its own, on the closed port; the app's own come back
    # untouched afterwards (monkeypatch), so later tests publish where they expect.
    monkeypatch.setattr(app, "_pool", None)
    monkeypatch.setattr(app.amqp, "_producer_pool", None)
    yield
    for pool in (app.amqp._producer_pool, app._pool):
        if pool is not None:
            pool.force_close_all()


def redis_back(settings, monkeypatch):
    """Redis is back (here: the jobs run in-process, as a worker would run them)."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    monkeypatch.setitem(app.conf, "task_always_eager", True)


def timed(fn):
    start = time.monotonic()
    result = fn()
    return result, time.monotonic() - start


def test_forms_still_save_with_redis_down(world, redis_down, django_capture_on_commit_callbacks):
    client = Client()
    client.force_login(world.users["cz_staff"])
    with django_capture_on_commit_callbacks(execute=True):
        r, took = timed(
            lambda: client.post(
                reverse("legal:intake"),
                {
                    "number": "WQ2018-0777",
                    "received_on": "2018-05-02",
                    "channel": "来电",
                    "persons": "1",
                    "migrants": "0",
                    "applicant_name": "李来电",
                    "cause": "工伤",
                    "handling": "法律咨询",
                    "status": "受理",
                    "organization": world.cz.pk,
                },
            )
        )
    assert r.status_code == 302 and took < QUICK
    assert Case.objects.filter(number="WQ2018-0777").exists()


def test_a_report_asked_for_with_redis_down_is_delayed_then_sent(
    world, redis_down, settings, monkeypatch, django_capture_on_commit_callbacks, fast_pdf
):
    client = Client()
    client.force_login(world.users["cz_official"])
    with django_capture_on_commit_callbacks(execute=True):
        r, took = timed(
            lambda: client.post(
                reverse("reports:list"), {"org": "LZ-CZ", "year": 2018, "as_of": "2018-12-31"}
            )
        )
    assert r.status_code == 302 and took < QUICK
    report = Report.objects.exclude(pk=world.report.pk).get()
    job = report.job
    assert (job.state, job.message) == (Job.State.QUEUED, DELAYED)
    assert DELAYED in client.get(reverse("reports:detail", args=[report.pk])).content.decode()

    redis_back(settings, monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        out = io.StringIO()
        call_command("requeue_jobs", stdout=out)
    assert out.getvalue().startswith("1 ")
    job.refresh_from_db()
    report.refresh_from_db()
    assert job.state == Job.State.DONE and report.is_made


def test_an_import_uploaded_with_redis_down_is_delayed_then_sent(
    world, redis_down, settings, monkeypatch, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(world.cz_admin)
    upload = SimpleUploadedFile("cases.csv", cases_csv(["WQ-R1", "WQ-R2"]))
    with django_capture_on_commit_callbacks(execute=True):
        r, took = timed(
            lambda: client.post(reverse("imports:upload", args=["legal_cases"]), {"file": upload})
        )
    assert r.status_code == 302 and took < QUICK
    batch = ImportBatch.objects.exclude(pk=world.batch.pk).get()
    assert batch.state == ImportBatch.State.CHECKING
    assert (batch.job.state, batch.job.message) == (Job.State.QUEUED, DELAYED)
    assert DELAYED in client.get(r["Location"]).content.decode()

    redis_back(settings, monkeypatch)
    from unionhub.jobs.services import requeue_stale_jobs

    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_stale_jobs() == 1
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.PREVIEW and batch.rows == 2


@pytest.fixture
def hung_redis():
    """A port that accepts connections and never answers: a frozen Redis, a half-open network."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(50)
    held = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def test_a_hung_redis_does_not_hang_the_request_with_the_production_settings(hung_redis):
    """unionhub.settings as deployed (REDIS_URL set), in a process of its own: sending a job's
    message to a Redis that never answers gives up within seconds (socket timeouts, one quick
    retry) with an error, which job_dispatch turns into "delayed" (the tests above)."""
    code = (
        "import time, django; django.setup()\n"
        "from unionhub.jobs.tasks import run_job\n"
        "start = time.monotonic()\n"
        "try:\n"
        "    run_job.delay('00000000-0000-0000-0000-000000000000')\n"
        "    outcome = 'sent'\n"
        "except Exception as exc:\n"
        "    outcome = type(exc).__name__\n"
        "print(outcome, round(time.monotonic() - start, 1))\n"
    )
    r = run_python(
        code,
        REDIS_URL=f"redis://127.0.0.1:{hung_redis}/0",
        CELERY_TASK_ALWAYS_EAGER="False",
        SECRET_KEY=secrets.token_urlsafe(40),
        LOG_LEVEL="ERROR",
    )
    assert r.returncode == 0, r.stderr
    outcome, took = r.stdout.split()
    assert outcome == "OperationalError"
    assert float(took) < QUICK
