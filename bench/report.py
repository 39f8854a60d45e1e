"""The city's year-end report at city scale (seed_bench: 1,000,000 members): the figures and
the whole report job (figures of two years, HTML, PDF, xlsx, JSON), beside quality.md."""

from . import Section, benchmark, fmt_float
from ._city import ensure_seeded, load_average, run_django, save_results, verdict

YEAR = 2025  # the last whole year of seed_bench's data

SECTION_TITLES = {"members": "组织建设", "relief": "帮扶", "skills": "技能", "legal": "维权", "perks": "红利"}


@benchmark("report", "年度报告(100万会员)", order=40)
def report(ctx) -> Section:
    members = ensure_seeded(ctx)
    before = load_average()
    r = run_django(ctx, "run_report", ctx.runs, YEAR)
    after = load_average()
    section = Section(columns=["内容", "耗时 (s)", "查询数", "目标", "结果"])
    city = r["figures"]["LZ"]
    section.rows.append(
        {
            "内容": f"{YEAR}年全市报告数字 report_figures(LZ)",
            "耗时 (s)": fmt_float(city["seconds"]),
            "查询数": str(city["queries"]),
            "目标": "≤ 2 s",
            "结果": verdict(city["seconds"], 2, "s"),
        }
    )
    for key, seconds in r["sections"].items():
        section.rows.append(
            {"内容": f"  其中 {SECTION_TITLES.get(key, key)}({key})", "耗时 (s)": fmt_float(seconds, 3)}
        )
    district = r["figures"]["LZ-CZ"]
    section.rows.append(
        {
            "内容": f"{YEAR}年城中区报告数字 report_figures(LZ-CZ)",
            "耗时 (s)": fmt_float(district["seconds"]),
            "查询数": str(district["queries"]),
            "目标": "(参考)",
        }
    )
    section.rows += [
        {"内容": "  排版 HTML(render_report_html)", "耗时 (s)": fmt_float(r["html_seconds"])},
        {
            "内容": f"  生成 PDF(WeasyPrint,{r['pdf_bytes'] / 1024:,.0f} KB)",
            "耗时 (s)": fmt_float(r["pdf_seconds"]),
        },
        {
            "内容": "全市报告整份生成(报告任务:本年与上年数字、HTML、PDF、Excel、JSON、保存)",
            "耗时 (s)": fmt_float(r["job_seconds"]),
            "目标": "≤ 10 s",
            "结果": verdict(r["job_seconds"], 10, "s"),
        },
    ]
    section.notes += [
        f"数据:seed_bench,{members:,} 名会员;{YEAR}年末在会会员 {r['members_total']:,} 名。各项为 {ctx.runs} 次的中位数"
        "(报告数字先预热一次)。",
        "整份报告经 reports.services.report_request 在进程内运行报告任务(CELERY_TASK_ALWAYS_EAGER),"
        "与 Celery worker 中执行的是同一段代码;不含排队等待 worker 的时间。",
        f"测量时机器负载(1 分钟平均):开始 {before},结束 {after}(2 核)。",
    ]
    save_results(ctx, "report", r)
    return section
