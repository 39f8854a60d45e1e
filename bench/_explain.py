"""`python -m bench._explain USERNAME URL [MIN_MS]`: request a page as a user (in-process) and
print EXPLAIN (ANALYZE, BUFFERS) of each of its queries that took at least MIN_MS (default 5)."""

import os
import sys
import time


def main(username: str, url: str, min_ms: float = 5.0) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhub.settings")
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from unionhub.orgs.models import User

    client = Client(raise_request_exception=True)
    client.force_login(User.objects.get(username=username))
    client.get(url)  # warm
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    print(f"{url} as {username}: {response.status_code}, {(time.perf_counter() - started) * 1000:.0f} ms, "
          f"{len(ctx.captured_queries)} queries")  # fmt: skip
    for q in ctx.captured_queries:
        took = float(q["time"]) * 1000
        print(f"-- {took:.1f} ms: {q['sql'][:300]}")
        if took >= min_ms and q["sql"].lstrip().upper().startswith("SELECT"):
            with connection.cursor() as cur:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + q["sql"])
                print("\n".join(r[0] for r in cur.fetchall()))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], *(float(a) for a in sys.argv[3:4]))
