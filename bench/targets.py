"""quality.md's targets beside the latest figures of the city-scale benchmarks (pages, report,
load), read from their saved results; the import targets are in the import section."""

from . import Section, benchmark
from ._city import load_results, ms, verdict

PAGE_TARGETS = [
    ("会员列表第一页(无筛选)p95", ["member_list"], 150),
    ("会员列表筛选(组织+重点群体+入会年度)p95", ["member_filtered"], 150),
    ("按身份证号或卡号精确查找 p95", ["search_id", "search_card"], 50),
    (
        "按姓名查找(开头或包含)p95",
        ["search_name_surname", "search_name_prefix", "search_name_given", "search_name_substring"],
        300,
    ),
    ("详情页 p95", ["member_detail"], 100),
    ("表单保存 p95", ["member_save"], 150),
]


@benchmark("targets", "目标对照(quality.md)", order=90)
def targets(ctx) -> Section:
    section = Section(columns=["目标", "实测(最慢的页面与用户)", "要求", "结果", "测量日期"])
    pages = load_results(ctx, "pages")
    if pages:
        rows = [r for r in pages["data"] if "key" in r]
        for label, keys, target in PAGE_TARGETS:
            worst = max((r for r in rows if r["key"] in keys), key=lambda r: r["p95"], default=None)
            if worst is None:
                continue
            who = "市总" if worst["user"] == "bench_city" else "区级"
            section.rows.append(
                {
                    "目标": label,
                    "实测(最慢的页面与用户)": f"{ms(worst['p95'])} ms({worst['label']},{who})",
                    "要求": f"≤ {target} ms",
                    "结果": verdict(worst["p95"], target),
                    "测量日期": pages["date"],
                }
            )
    section.rows.append(
        {
            "目标": "每个列表页的查询数与行数无关",
            "实测(最慢的页面与用户)": "tests/scale/test_query_counts.py:每个列表页 5 行与 60 行查询数相同",
            "要求": "测试断言",
            "结果": "由 make test 检查",
        }
    )
    report = load_results(ctx, "report")
    if report:
        r = report["data"]
        for label, seconds, target in (
            ("全市年度报告数字", r["figures"]["LZ"]["seconds"], 2),
            ("全市年度报告整份 PDF", r["job_seconds"], 10),
        ):
            section.rows.append(
                {
                    "目标": label,
                    "实测(最慢的页面与用户)": f"{seconds:.2f} s",
                    "要求": f"≤ {target} s",
                    "结果": verdict(seconds, target, "s"),
                    "测量日期": report["date"],
                }
            )
    load = load_results(ctx, "load")
    if load:
        r = load["data"]
        section.rows += [
            {
                "目标": "负载:吞吐量",
                "实测(最慢的页面与用户)": f"{r['rps']:.1f} 请求/秒",
                "要求": "≥ 150 请求/秒",
                "结果": verdict(r["rps"], 150, "请求/秒", True),
                "测量日期": load["date"],
            },
            {
                "目标": "负载:p95",
                "实测(最慢的页面与用户)": f"{ms(r['p95'])} ms",
                "要求": "≤ 300 ms",
                "结果": verdict(r["p95"], 300),
                "测量日期": load["date"],
            },
            {
                "目标": "负载:错误",
                "实测(最慢的页面与用户)": str(r["errors"]),
                "要求": "0",
                "结果": "达标" if r["errors"] == 0 else "未达标",
                "测量日期": load["date"],
            },
        ]
    section.notes.append(
        "导入速度与内存的目标见“会员导入”一节;未达标的原因写在各节的说明中。"
        "同一台 2 核机器上同时运行其他测试时,响应时间会成倍增加(各节记录了测量时的负载)。"
    )
    return section
