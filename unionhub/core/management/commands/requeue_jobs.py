"""Send again every job still queued in the database: after the broker (Redis) was down, the
jobs asked for meanwhile are "delayed", never lost; this sends them. Safe to run at any time
(from cron or a timer, e.g. every few minutes): a job that runs already, or is done, is not run
twice (unionhub.jobs.services.job_run)."""

from django.core.management.base import BaseCommand

from unionhub.jobs.services import requeue_stale_jobs


class Command(BaseCommand):
    help = "Send again the jobs that are still queued (after the broker was down)."

    def handle(self, *args, **options):
        n = requeue_stale_jobs()
        self.stdout.write(f"{n} queued job(s) sent again")
