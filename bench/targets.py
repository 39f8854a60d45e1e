"""quality.md's targets beside the latest figures of the city-scale benchmarks (pages, report,
load), read from their saved results; the import targets are in the import section."""

from . import Section, benchmark
from ._city import load_results, ms, verdict
from .run_pages import LABELS

PAGE_TARGETS = [
    ("Member list, first page (no filter), p95", ["member_list"], 150),
    ("Member list, filtered (organization + key group + join year), p95", ["member_filtered"], 150),
    (
        "Every list page, p95 (issue 20)",
        [
            "member_list",
            "member_filtered",
            "employers",
            "cards",
            "relief_files",
            "payments",
            "cases",
            "promotions",
        ],
        60,
    ),
    ("Exact lookup by ID number or card number, p95", ["search_id", "search_card"], 50),
    (
        "Name search (start or anywhere), p95",
        ["search_name_surname", "search_name_prefix", "search_name_given", "search_name_substring"],
        300,
    ),
    ("Detail page, p95", ["member_detail"], 100),
    ("Form save, p95", ["member_save"], 150),
]
MEASURED = "measured (slowest page and user)"


@benchmark("targets", "Targets (quality.md)", order=90)
def targets(ctx) -> Section:
    section = Section(columns=["target", MEASURED, "required", "result", "measured on"])
    pages = load_results(ctx, "pages")
    if pages:
        rows = [r for r in pages["data"] if "key" in r]
        for label, keys, target in PAGE_TARGETS:
            worst = max((r for r in rows if r["key"] in keys), key=lambda r: r["p95"], default=None)
            if worst is None:
                continue
            who = "city" if worst["user"] == "bench_city" else "district"
            section.rows.append(
                {
                    "target": label,
                    MEASURED: f"{ms(worst['p95'])} ms ({LABELS.get(worst['key'], worst['label'])}, {who})",
                    "required": f"≤ {target} ms",
                    "result": verdict(worst["p95"], target),
                    "measured on": pages["date"],
                }
            )
    section.rows.append(
        {
            "target": "The queries of each list page do not depend on its rows",
            MEASURED: "tests/scale/test_query_counts.py: every list page makes as many queries for 5 rows"
            " as for 60",
            "required": "test assertion",
            "result": "checked by make test",
        }
    )
    report = load_results(ctx, "report")
    if report:
        r = report["data"]
        for label, seconds, target in (
            ("Figures of the city's year-end report", r["figures"]["LZ"]["seconds"], 2),
            ("The city's whole year-end report with its PDF", r["job_seconds"], 10),
        ):
            section.rows.append(
                {
                    "target": label,
                    MEASURED: f"{seconds:.2f} s",
                    "required": f"≤ {target} s",
                    "result": verdict(seconds, target, "s"),
                    "measured on": report["date"],
                }
            )
    load = load_results(ctx, "load")
    if load:
        r = load["data"]
        section.rows += [
            {
                "target": "Load: throughput",
                MEASURED: f"{r['rps']:.1f} requests/s",
                "required": "≥ 150 requests/s",
                "result": verdict(r["rps"], 150, "requests/s", True),
                "measured on": load["date"],
            },
            {
                "target": "Load: p95",
                MEASURED: f"{ms(r['p95'])} ms",
                "required": "≤ 300 ms",
                "result": verdict(r["p95"], 300),
                "measured on": load["date"],
            },
            {
                "target": "Load: errors",
                MEASURED: str(r["errors"]),
                "required": "0",
                "result": "met" if r["errors"] == 0 else "missed",
                "measured on": load["date"],
            },
        ]
    section.notes.append(
        "The targets for import speed and memory are in the “Member import” section; why a figure misses its"
        " target is in the notes of its section. Response times multiply while other tests run on the same"
        " 2-core machine (each section records the load during its measurement)."
    )
    return section
