"""The year-end report at city scale: `python -m bench.run_report RUNS YEAR` prints one JSON line
with the seconds of the figures (report_figures, per organization) and of the whole report job
(reports.services.report_request, run in-process: this year's and last year's figures, the HTML,
the PDF, the xlsx and the JSON, stored), the median of RUNS runs each."""

import json
import os
import statistics
import sys
import time


def timed(fn, runs: int) -> tuple[float, object]:
    seconds, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result


def main(runs: int, year: int) -> None:
    import datetime

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhub.settings")
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from unionhub.orgs.models import Organization
    from unionhub.reports.figures import report_figures
    from unionhub.reports.models import Report
    from unionhub.reports.pdf import html_to_pdf, render_report_html
    from unionhub.reports.registry import sections
    from unionhub.reports.services import report_request

    assert settings.CELERY_TASK_ALWAYS_EAGER, "the report job runs in this process"
    as_of = datetime.date(year, 12, 31)
    out = {"year": year, "figures": {}, "sections": {}}
    for code in ("LZ", "LZ-CZ"):
        org = Organization.objects.get(code=code)
        report_figures(org=org, year=year, as_of=as_of)  # warm
        with CaptureQueriesContext(connection) as q:
            seconds, figures = timed(lambda org=org: report_figures(org=org, year=year, as_of=as_of), runs)
        out["figures"][code] = {"seconds": seconds, "queries": len(q.captured_queries) // runs}
        if code == "LZ":
            out["members_total"] = figures["members"]["total"]
            for section in sections():
                out["sections"][section.key] = timed(
                    lambda s=section, org=org: s.figures(org=org, year=year, as_of=as_of), runs
                )[0]

    city = Organization.objects.get(code="LZ")
    report = Report(organization=city, year=year, as_of=as_of)
    previous = report_figures(org=city, year=year - 1, as_of=datetime.date(year - 1, 12, 31))
    figures = report_figures(org=city, year=year, as_of=as_of)
    render = lambda: render_report_html(  # noqa: E731
        report=report,
        figures=figures,
        previous=previous,
        previous_as_of=datetime.date(year - 1, 12, 31),
        made_at=datetime.datetime.now(datetime.UTC),
    )
    out["html_seconds"], html = timed(render, runs)
    out["pdf_seconds"], pdf = timed(lambda: html_to_pdf(html), runs)
    out["pdf_bytes"] = len(pdf)

    def whole():
        made = report_request(org=city, year=year, as_of=as_of, by=None)
        made.refresh_from_db()
        assert made.pdf and made.made_at, f"the report job did not finish: {made.job and made.job.state}"
        return made

    out["job_seconds"], made = timed(whole, runs)
    out["job_pdf_bytes"] = made.pdf.size
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
