"""Load: staff browsing lists and saving forms against gunicorn (2 workers) on PostgreSQL over
loopback, a bounded closed loop (bench/run_load.py), beside quality.md's target."""

from . import Section, benchmark, fmt_float, fmt_int
from ._city import ensure_seeded, load_average, ms, run_django, save_results, verdict

USERS = 8  # concurrent virtual staff (threads), no think time: four per worker keeps both busy
MAX_REQUESTS = 6000
MAX_SECONDS = 60

REASONS: list[str] = []


@benchmark("load", "Concurrent load (gunicorn with 2 workers, PostgreSQL)", order=50)
def load(ctx) -> Section:
    members = ensure_seeded(ctx)
    before = load_average()
    runs = [
        run_django(ctx, "run_load", USERS, MAX_REQUESTS, MAX_SECONDS) for _ in range(max(1, ctx.runs // 2))
    ]
    after = load_average()
    runs.sort(key=lambda r: r["rps"])
    r = runs[len(runs) // 2]  # the median run by throughput
    section = Section(columns=["measure", "value", "target", "result"])
    section.rows += [
        {"measure": "Concurrent users (threads, no think time)", "value": str(r["users"])},
        {"measure": "Requests / time", "value": f"{fmt_int(r['requests'])} / {fmt_float(r['seconds'], 1)} s"},
        {
            "measure": "Throughput (requests/s)",
            "value": fmt_float(r["rps"], 1),
            "target": "≥ 150",
            "result": verdict(r["rps"], 150, "requests/s", True),
        },
        {"measure": "p50 (ms)", "value": ms(r["p50"])},
        {
            "measure": "p95 (ms)",
            "value": ms(r["p95"]),
            "target": "≤ 300 ms",
            "result": verdict(r["p95"], 300),
        },
        {"measure": "p99 (ms)", "value": ms(r["p99"])},
        *(
            [
                {
                    "measure": "Reference, same run: the login page alone (requests/s, p95 ms)",
                    "value": f"{fmt_float(r['login']['rps'], 1)} requests/s, p95 {ms(r['login']['p95'])}",
                    "result": f"staff mix at {r['rps'] / r['login']['rps']:.0%} of it",
                }
            ]
            if r.get("login")
            else []
        ),
        {"measure": f"p95 of the {r['saves']} form saves among them (ms)", "value": ms(r["save_p95"])},
        {"measure": "CPU per request: web worker (ms)", "value": fmt_float(r["cpu_web_ms"], 1)},
        {"measure": "CPU per request: PostgreSQL backend (ms)", "value": fmt_float(r["cpu_db_ms"], 1)},
        {
            "measure": "Errors (unexpected status codes or failed connections)",
            "value": str(r["errors"]),
            "target": "0",
            "result": "met" if r["errors"] == 0 else "missed",
        },
    ]
    section.notes += [
        f"Data: seed_bench, {members:,} members. gunicorn's 2 sync workers, PostgreSQL and the load client"
        " on the same 2-core machine, over 127.0.0.1 only.",
        f"{USERS} virtual staff (half Chengzhong district, half the city federation) each loop over: the"
        " member list (first three pages), the filtered member list, a member's page, member cards, hardship"
        " files, relief payments, legal aid cases, skill promotions, the employer list; one time in eight"
        " they open a member's form and save it (a real write, 302). At most"
        f" {MAX_REQUESTS:,} requests or {MAX_SECONDS} seconds, whichever comes first; of {len(runs)}"
        f" run{'s' if len(runs) != 1 else ''}, the one with the median throughput is kept.",
        f"Machine load during the measurement (1-minute average): {before} at the start, {after} at the end.",
        "The login page's rate is measured right after, against the same gunicorn workers with the same"
        " number of threads for 15 seconds (anonymous GETs: no database queries, a small template): the"
        " ceiling of Django, gunicorn and the load client on this machine at that moment.",
    ]
    if r["error_samples"]:
        section.notes.append("Sample errors: " + "; ".join(r["error_samples"][:5]))
    cpu = r["cpu_web_ms"] + r["cpu_db_ms"]
    if cpu:
        section.notes.append(
            f"Each request takes about {cpu:.0f} ms of CPU (web {r['cpu_web_ms']:.0f} ms + database"
            f" {r['cpu_db_ms']:.0f} ms, not counting PostgreSQL's temporary parallel query workers). Even"
            f" with both cores for this service alone, throughput tops out at about {2000 / cpu:.0f}"
            " requests/s; the target of 150 requests/s needs ≤ 13 ms of CPU per request. The list pages'"
            " rows, counts and filter panels are kept until their data changes (docs/decisions.md, cached"
            " counts and rows), so what is left is what every signed-in page pays: the session, the user"
            " and two permission queries, the page shell and navigation, and Django compiling each query's"
            " SQL; the member's page and the form save (two requests, about 20 queries) are the"
            " dearest steps of the mix. Most queries take a few milliseconds."
        )
    section.notes += REASONS
    save_results(ctx, "load", r)
    return section
