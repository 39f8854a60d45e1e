"""Load: staff browsing lists and saving forms against gunicorn (2 workers) on PostgreSQL over
loopback, a bounded closed loop (bench/run_load.py), beside quality.md's target."""

from . import Section, benchmark, fmt_float, fmt_int
from ._city import ensure_seeded, load_average, ms, run_django, save_results, verdict

USERS = 8  # concurrent virtual staff (threads), no think time: four per worker keeps both busy
MAX_REQUESTS = 6000
MAX_SECONDS = 60

REASONS: list[str] = []


@benchmark("load", "并发负载(gunicorn 2 个 worker,PostgreSQL)", order=50)
def load(ctx) -> Section:
    members = ensure_seeded(ctx)
    before = load_average()
    runs = [
        run_django(ctx, "run_load", USERS, MAX_REQUESTS, MAX_SECONDS) for _ in range(max(1, ctx.runs // 2))
    ]
    after = load_average()
    runs.sort(key=lambda r: r["rps"])
    r = runs[len(runs) // 2]  # the median run by throughput
    section = Section(columns=["指标", "数值", "目标", "结果"])
    section.rows += [
        {"指标": "并发用户(线程,无思考时间)", "数值": str(r["users"])},
        {"指标": "请求数 / 用时", "数值": f"{fmt_int(r['requests'])} / {fmt_float(r['seconds'], 1)} s"},
        {
            "指标": "吞吐量(请求/秒)",
            "数值": fmt_float(r["rps"], 1),
            "目标": "≥ 150",
            "结果": verdict(r["rps"], 150, "请求/秒", True),
        },
        {"指标": "p50 (ms)", "数值": ms(r["p50"])},
        {"指标": "p95 (ms)", "数值": ms(r["p95"]), "目标": "≤ 300 ms", "结果": verdict(r["p95"], 300)},
        {"指标": "p99 (ms)", "数值": ms(r["p99"])},
        {"指标": f"其中表单保存 {r['saves']} 次的 p95 (ms)", "数值": ms(r["save_p95"])},
        {"指标": "每个请求的 CPU:web worker (ms)", "数值": fmt_float(r["cpu_web_ms"], 1)},
        {"指标": "每个请求的 CPU:PostgreSQL 后端 (ms)", "数值": fmt_float(r["cpu_db_ms"], 1)},
        {
            "指标": "错误(非预期状态码或连接失败)",
            "数值": str(r["errors"]),
            "目标": "0",
            "结果": "达标" if r["errors"] == 0 else "未达标",
        },
    ]
    section.notes += [
        f"数据:seed_bench,{members:,} 名会员。gunicorn 2 个同步 worker 与 PostgreSQL、压测客户端在同一台 2 核机器上,"
        "只走 127.0.0.1。",
        f"{USERS} 个虚拟工作人员(一半城中区、一半市总)各自循环:会员列表(前三页)、会员筛选、会员详情、会员卡、"
        "困难档案、帮扶发放、维权案件、技能晋升、单位列表;每 8 次中 1 次打开会员表单并保存(真实写入,302)。"
        f"上限 {MAX_REQUESTS:,} 个请求或 {MAX_SECONDS} 秒,先到为止;{len(runs)} 轮取吞吐量居中的一轮。",
        f"测量时机器负载(1 分钟平均):开始 {before},结束 {after}。",
    ]
    if r["error_samples"]:
        section.notes.append("错误示例:" + ";".join(r["error_samples"][:5]))
    cpu = r["cpu_web_ms"] + r["cpu_db_ms"]
    if cpu:
        section.notes.append(
            f"每个请求约用 {cpu:.0f} ms CPU(web {r['cpu_web_ms']:.0f} ms + 数据库 {r['cpu_db_ms']:.0f} ms,"
            "不含 PostgreSQL 并行查询的临时工作进程)。即使 2 个核全归这台服务,吞吐量的上限也约为 "
            f"{2000 / cpu:.0f} 请求/秒;目标 150 请求/秒要求每个请求 ≤ 13 ms CPU。web 端的时间主要花在 Django "
            "模板渲染(50 行的表格、筛选表单和组织下拉框),查询本身多在几毫秒内。"
        )
    section.notes += REASONS
    save_results(ctx, "load", r)
    return section
