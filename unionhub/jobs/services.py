import datetime
import logging
import threading
import time
import uuid
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Job, JobFile
from .registry import JobError, failure_hook, get_handler, retry_hook

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
PROGRESS_INTERVAL = 0.5  # seconds between progress writes


def lease_length() -> datetime.timedelta:
    """How long a running job's lease lasts; its worker renews it four times as often."""
    return datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS)


def _expired(now=None) -> Q:
    return Q(state=Job.State.RUNNING, lease_until__lt=now or timezone.now())


def job_enqueue(*, kind: str, organization, user=None, args: dict | None = None, dedupe_key: str = "") -> Job:
    """Create a job and send it to a worker once the surrounding transaction commits.

    With a `dedupe_key`, asking again while the same job is queued or running returns that job.
    """
    if dedupe_key:
        active = Job.objects.filter(dedupe_key=dedupe_key, state__in=Job.ACTIVE).first()
        if active:
            if active.is_stuck:
                # Its worker died: asking again sends it again rather than answering "running".
                _recover(active, now=timezone.now())
                active.refresh_from_db()
            return active
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind, args=args or {}, organization=organization, created_by=user, dedupe_key=dedupe_key
            )
    except IntegrityError:
        return Job.objects.get(dedupe_key=dedupe_key, state__in=Job.ACTIVE)
    job_dispatch(job)
    return job


def job_queue(kind: str) -> str | None:
    """The Celery queue of a job kind (settings.JOB_QUEUES, e.g. imports and reports on workers of
    their own); None: the default queue, which every worker consumes."""
    return settings.JOB_QUEUES.get(kind)


def job_dispatch(job: Job) -> None:
    from .tasks import run_job

    if settings.CELERY_TASK_ALWAYS_EAGER:
        run_job.apply(args=[str(job.id)])
        return

    def send():
        try:
            queue = job_queue(job.kind)
            if queue:
                run_job.apply_async(args=[str(job.id)], queue=queue)
            else:
                run_job.delay(str(job.id))
        except Exception:
            # The broker is down: the job stays queued in the database and is sent again by
            # `requeue_jobs` (or the next retry); the page says it is delayed, nothing is lost.
            log.warning("broker unavailable, job %s stays queued", job.id, exc_info=True)
            Job.objects.filter(pk=job.pk).update(message=_("后台服务暂时不可用,任务已排队,恢复后自动处理"))

    transaction.on_commit(send)


def job_retry(*, job: Job) -> Job:
    """Run a failed job, or one stuck past its lease (its worker died), again, as the same job.
    Only a job still failed or stuck in the database is retried (the update is conditional), so
    two retries at once (a double click) run it once."""
    now = timezone.now()
    retryable = Q(state=Job.State.FAILED) | _expired(now)
    if not Job.objects.filter(retryable, pk=job.pk).exists():
        raise ValidationError(_("只有失败或长时间无响应的任务可以重试"))
    hook = retry_hook(job.kind)
    if hook is not None:
        hook(job)  # may refuse (the file of an import is gone)
    retried = Job.objects.filter(retryable, pk=job.pk).update(
        state=Job.State.QUEUED,
        progress=0,
        error="",
        message="",
        attempts=0,
        finished_at=None,
        lease_until=None,
    )
    if not retried:
        raise ValidationError(_("只有失败或长时间无响应的任务可以重试"))
    job.refresh_from_db()
    job_dispatch(job)
    return job


def _advisory_key(job_id) -> int:
    return zlib.crc32(uuid.UUID(str(job_id)).bytes) - 2**31


class Heartbeat(threading.Thread):
    """Renews a running job's lease every `interval` seconds on its own database connection,
    for as long as the job runs in this process. If the whole worker dies, the renewals stop and
    the lease runs out; beat or the next worker to start then sends the job again."""

    def __init__(self, job_id, *, interval: float, lease: datetime.timedelta):
        super().__init__(name=f"job-heartbeat-{job_id}", daemon=True)
        self.job_id, self.interval, self.lease = job_id, interval, lease
        self._stopped = threading.Event()
        self.beats = 0

    def run(self):
        try:
            while not self._stopped.wait(self.interval):
                Job.objects.filter(pk=self.job_id, state=Job.State.RUNNING).update(
                    lease_until=timezone.now() + self.lease
                )
                self.beats += 1
        except Exception:
            log.warning("heartbeat of job %s failed", self.job_id, exc_info=True)
        finally:
            connection.close()  # this thread's own connection

    def stop(self):
        self._stopped.set()
        self.join(timeout=10)


def job_run(job_id, *, heartbeat: bool | None = None) -> None:
    """Run a job in this process. Called by the Celery task; safe to call twice (a redelivered
    message): a session-level advisory lock keeps a second copy from running at the same time,
    and a finished job is not run again. On a worker (not when jobs run eagerly, inside the
    request) the job holds a lease that a heartbeat thread renews."""
    if heartbeat is None:
        heartbeat = not settings.CELERY_TASK_ALWAYS_EAGER
    key = _advisory_key(job_id)
    with connection.cursor() as cur:
        cur.execute("SELECT pg_try_advisory_lock(%s)", [key])
        if not cur.fetchone()[0]:
            log.info("job %s is already running elsewhere", job_id)
            return
    try:
        _run_locked(job_id, heartbeat=heartbeat)
    finally:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_unlock(%s)", [key])


def _run_locked(job_id, *, heartbeat: bool = False):
    job = Job.objects.filter(pk=job_id).first()
    if job is None or not job.is_active:
        return
    if job.attempts >= MAX_ATTEMPTS:
        _finish(
            job, Job.State.FAILED, error=_("任务多次中断(已尝试%(n)d次),已停止,请重试") % {"n": job.attempts}
        )
        return
    lease = lease_length()
    Job.objects.filter(pk=job.pk).update(
        state=Job.State.RUNNING,
        attempts=job.attempts + 1,
        started_at=timezone.now(),
        message=_("处理中"),
        lease_until=timezone.now() + lease if heartbeat else None,
    )
    job.refresh_from_db()
    beat = None
    if heartbeat:
        beat = Heartbeat(job.pk, interval=lease.total_seconds() / 4, lease=lease)
        beat.start()
    try:
        _run_handler(job)
    finally:
        if beat is not None:
            beat.stop()


def _run_handler(job):
    last = [0.0]

    def progress(pct: float, message: str = ""):
        now = time.monotonic()
        if now - last[0] < PROGRESS_INTERVAL and pct < 100:
            return
        last[0] = now
        Job.objects.filter(pk=job.pk).update(progress=round(min(max(pct, 0), 100), 1), message=message[:200])

    try:
        result = get_handler(job.kind)(job, progress) or {}
    except (JobError, ValidationError) as exc:
        msg = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        _finish(job, Job.State.FAILED, error=msg)
        return
    except Exception:
        ref = uuid.uuid4().hex[:8]
        log.exception("job %s (%s) failed unexpectedly, reference %s", job.id, job.kind, ref)
        _finish(job, Job.State.FAILED, error=_("发生意外错误,参考编号 %(ref)s,请联系管理员") % {"ref": ref})
        return
    _finish(job, Job.State.DONE, result=result)


def _finish(job, state, *, error="", result=None):
    Job.objects.filter(pk=job.pk).update(
        state=state,
        error=error,
        result=result if result is not None else job.result,
        progress=100 if state == Job.State.DONE else job.progress,
        message="",
        finished_at=timezone.now(),
        lease_until=None,
    )
    if state == Job.State.FAILED:
        _failed(job, error)


def _failed(job, error: str):
    """Tell the job's kind that it ended failed (an import batch is marked failed)."""
    hook = failure_hook(job.kind)
    if hook is None:
        return
    try:
        hook(job, error)
    except Exception:
        log.exception("failure hook of job %s (%s) failed", job.id, job.kind)


def job_attach_file(*, job: Job, name: str, filename: str, content: bytes, content_type: str) -> JobFile:
    JobFile.objects.filter(job=job, name=name).delete()
    jf = JobFile(job=job, name=name, filename=filename, content_type=content_type)
    jf.file.save(f"{job.id}-{name}", ContentFile(content), save=False)
    jf.save()
    return jf


REQUEUE_AFTER = datetime.timedelta(minutes=1)


def _recover(job: Job, *, now) -> bool:
    """A running job whose lease ran out (its worker died): queued and sent again, or failed
    with the reason once it has used its tries. Conditional, so two recoverers act once."""
    if job.attempts >= MAX_ATTEMPTS:
        error = _("任务多次中断(已尝试%(n)d次),已停止,请重试") % {"n": job.attempts}
        failed = Job.objects.filter(_expired(now), pk=job.pk).update(
            state=Job.State.FAILED, error=error, message="", finished_at=now, lease_until=None
        )
        if failed:
            _failed(job, error)
        return bool(failed)
    requeued = Job.objects.filter(_expired(now), pk=job.pk).update(
        state=Job.State.QUEUED, lease_until=None, message=_("处理任务的工作进程已中断,任务已重新排队")
    )
    if requeued:
        job_dispatch(job)
    return bool(requeued)


def recover_expired_jobs() -> int:
    """Every running job whose lease has run out, requeued (or failed after its tries)."""
    now = timezone.now()
    return sum(_recover(job, now=now) for job in Job.objects.filter(_expired(now)).order_by("started_at"))


def requeue_stale_jobs(*, older_than: datetime.timedelta | None = None) -> int:
    """Send again every queued job whose message may have been lost (broker down at the time),
    after requeueing the running jobs whose lease ran out (their worker died).

    With `older_than`, only the jobs asked for at least that long ago: a job just asked for has
    its message on the way. A duplicate message is harmless (job_run runs a job once)."""
    recovered = recover_expired_jobs()
    jobs = Job.objects.filter(state=Job.State.QUEUED)
    if older_than is not None:
        jobs = jobs.filter(created_at__lte=timezone.now() - older_than)
    n = 0
    for job in jobs.order_by("created_at"):
        job_dispatch(job)
        n += 1
    return n + recovered
