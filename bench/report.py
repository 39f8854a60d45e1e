"""The city's year-end report at city scale (seed_bench: 1,000,000 members): the figures and
the whole report job (figures of two years, HTML, PDF, xlsx, JSON), beside quality.md."""

from . import Section, benchmark, fmt_float
from ._city import run_on_city, save_results, verdict

YEAR = 2025  # the last whole year of seed_bench's data

SECTION_TITLES = {
    "members": "organization building",
    "relief": "hardship relief",
    "skills": "skills",
    "legal": "legal aid",
    "perks": "member perks",
}


@benchmark("report", "Year-end report (1,000,000 members)", order=40)
def report(ctx) -> Section:
    members, r, before, after = run_on_city(ctx, "run_report", ctx.runs, YEAR)
    section = Section(columns=["what", "time (s)", "queries", "target", "result"])

    def figures_row(what: str, measured: dict, target: str) -> dict:
        return {
            "what": what,
            "time (s)": fmt_float(measured["seconds"]),
            "queries": str(measured["queries"]),
            "target": target,
        }

    city = r["figures"]["LZ"]
    section.rows.append(
        {
            **figures_row(f"Figures of the city's {YEAR} report, report_figures(LZ)", city, "≤ 2 s"),
            "result": verdict(city["seconds"], 2, "s"),
        }
    )
    for key, seconds in r["sections"].items():
        section.rows.append(
            {"what": f"  of which {SECTION_TITLES.get(key, key)} ({key})", "time (s)": fmt_float(seconds, 3)}
        )
    what = f"Figures of Chengzhong district's {YEAR} report, report_figures(LZ-CZ)"
    section.rows.append(figures_row(what, r["figures"]["LZ-CZ"], "(reference)"))
    section.rows += [
        {"what": "  laying out the HTML (render_report_html)", "time (s)": fmt_float(r["html_seconds"])},
        {
            "what": f"  making the PDF (WeasyPrint, {r['pdf_bytes'] / 1024:,.0f} KB)",
            "time (s)": fmt_float(r["pdf_seconds"]),
        },
        {
            "what": "The city's whole report (the report job: this year's and last year's figures, HTML, PDF,"
            " Excel, JSON, saved)",
            "time (s)": fmt_float(r["job_seconds"]),
            "target": "≤ 10 s",
            "result": verdict(r["job_seconds"], 10, "s"),
        },
    ]
    section.notes += [
        f"Data: seed_bench, {members:,} members; {r['members_total']:,} active members at the end of {YEAR}."
        f" Each figure is the median of {ctx.runs} runs (the report figures are warmed up once first).",
        "The whole report runs the report job in-process through reports.services.report_request"
        " (CELERY_TASK_ALWAYS_EAGER), the same code a Celery worker runs; the time spent waiting in the queue"
        " for a worker is not included.",
        f"Machine load during the measurement (1-minute average): {before} at the start, {after} at the end"
        " (2 cores).",
    ]
    save_results(ctx, "report", r)
    return section
