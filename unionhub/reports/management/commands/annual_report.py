"""python manage.py annual_report YEAR [--org CODE] [--as-of DATE] --output PDF [--json JSON] [--xlsx XLSX]

Makes the year-end report with the same service and job as the reports page, in this process."""

import datetime
import shutil
import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from unionhub.jobs.models import Job
from unionhub.orgs.models import Organization
from unionhub.orgs.scoping import tree_root
from unionhub.reports.services import report_request

WAIT_SECONDS = 600


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--as-of: not a date (YYYY-MM-DD): {value}")


class Command(BaseCommand):
    help = "Make the year-end report (PDF, and optionally its figures as JSON and xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--org", help="organization code (default: the root of the tree)")
        parser.add_argument("--as-of", type=_date, help="YYYY-MM-DD (default: 31 December, or today)")
        parser.add_argument("--output", required=True, help="the PDF to write")
        parser.add_argument("--json", help="the figures as JSON")
        parser.add_argument("--xlsx", help="the figures as an .xlsx sheet")

    def handle(self, *args, year, org, as_of, output, json, xlsx, **options):
        organization = self._org(org)
        # The same job as the page's, run here rather than sent to a worker.
        with override_settings(CELERY_TASK_ALWAYS_EAGER=True):
            try:
                report = report_request(org=organization, year=year, as_of=as_of, by=None)
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages))
        report = self._wait(report)
        for kind, target in (("pdf", output), ("json", json), ("xlsx", xlsx)):
            if target:
                with report.file_for(kind).open("rb") as src, Path(target).open("wb") as dst:
                    shutil.copyfileobj(src, dst)
                self.stdout.write(f"{kind}: {target}")
        self.stdout.write(self.style.SUCCESS(f"{report.title} (as of {report.as_of:%Y-%m-%d})"))

    def _org(self, code):
        if code:
            org = Organization.objects.filter(code=code).first()
            if org is None:
                raise CommandError(f"no organization with code {code}")
            return org
        org = tree_root()
        if org is None:
            raise CommandError("no organizations yet: import the organization tree first")
        return org

    def _wait(self, report):
        """A report already being made by a worker (the same one asked for twice) is waited for."""
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            report.refresh_from_db()
            job = report.job
            if job is not None and job.state == Job.State.FAILED:
                raise CommandError(f"the report failed: {job.error}")
            if report.is_made and (job is None or not job.is_active):
                return report
            if time.monotonic() > deadline:
                raise CommandError("timed out waiting for the report being made elsewhere")
            time.sleep(1)
