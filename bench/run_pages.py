"""Server time of the pages at city scale, in-process with Django's test Client (the whole
middleware stack, templates and queries; no network): `python -m bench.run_pages RUNS N`
prints one JSON line with, per page and user, the p50/p95 of N timed requests per run (the
median over RUNS runs) and the queries the page makes.

Each timed request asks for a different record where the page names one (a pool of members,
ID numbers and card numbers of the district), so no figure is one hot row."""

import json
import os
import statistics
import sys
import time

# The pages' names in docs/benchmarks.md, by key (also for figures saved before a label changed).
LABELS = {
    "member_list": "Member list, first page (no filter)",
    "member_list_page": "Member list, page 200 (no filter, OFFSET 9950)",
    "member_filtered": "Member list, filtered (organization + key group + join year)",
    "search_id": "Lookup by ID number (exact, POST)",
    "search_card": "Lookup by card number (exact, POST)",
    "search_name_surname": "Name search: surname (one character, start of the name)",
    "search_name_prefix": "Name search: two characters (start or end of the name, e.g. “张伟”)",
    "search_name_given": "Name search: given name (two characters, end of the name, e.g. “建国”)",
    "search_name_substring": "Name search: three characters (anywhere, pg_trgm)",
    "member_detail": "Member detail page",
    "member_save": "Member form save (edit, POST→302)",
    "employers": "Employer list, first page",
    "cards": "Member card list, first page",
    "relief_files": "Hardship file list, first page",
    "payments": "Relief payment list, first page",
    "cases": "Legal aid case list, first page",
    "promotions": "Skill promotion list, first page",
}


LIST = 60  # every list page's p95, issue 20 (quality.md's 150 ms before)


def percentile(values, pct):
    values = sorted(values)
    k = (len(values) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def pools(district_code: str, size: int = 60) -> dict:
    """Records of the district (so both its user and the city's may open them)."""
    from members.models import Member
    from perks.models import MemberCard
    from unionhub.orgs.models import Organization

    district = Organization.objects.get(code=district_code)

    def spread(ids):  # every k-th of the district's records: spread over the table, not the first
        ids = list(ids)
        return ids[:: max(1, len(ids) // size)][:size]

    member_ids = spread(
        Member.objects.within(district)
        .filter(status=Member.Status.ACTIVE)
        .order_by("id")
        .values_list("id", flat=True)
    )
    members = list(
        Member.objects.filter(pk__in=member_ids).select_related("person", "employer").order_by("id")
    )
    card_ids = spread(MemberCard.objects.within(district).order_by("id").values_list("id", flat=True))
    cards = list(MemberCard.objects.filter(pk__in=card_ids).values_list("number", flat=True))
    return {"district": district, "members": members, "cards": cards}


def member_form_data(member, i: int) -> dict:
    """The member form as the browser posts it, with a new phone number each time (a real save)."""
    data = {
        "name": member.person.name,
        "phone": f"139{(member.pk * 7 + i) % 10**8:08d}",
        "organization": str(member.organization_id),
        "employer_code": member.employer.credit_code if member.employer_id else "",
        "key_group": member.key_group,
        "join_date": member.join_date.isoformat(),
        "status": member.status,
    }
    if member.is_migrant:
        data["is_migrant"] = "on"
    return data


def scenarios(p: dict) -> list[dict]:
    """(key, target p95 ms, request maker i -> (method, url, data)); the label is LABELS[key]."""
    from django.urls import reverse

    members, cards, district = p["members"], p["cards"], p["district"]
    n = len(members)
    names = [m.person.name for m in members]
    # Given names (the characters after the surname: the end of the name) and whole names.
    givens = [name[1:] for name in names if len(name) == 3]
    triples = [name for name in names if len(name) == 3]

    def get(url, **params):
        return lambda i: ("get", url, {k: (v(i) if callable(v) else v) for k, v in params.items()})

    members_url = reverse("members:list")
    return [
        dict(key="member_list", target=LIST, make=get(members_url)),
        dict(
            key="member_list_page",
            target=0,
            make=get(members_url, page="200"),
        ),
        dict(
            key="member_filtered",
            target=LIST,
            make=get(members_url, organization=str(district.pk), key_group="货车司机", join_year="2025"),
        ),
        dict(
            key="search_id",
            target=50,
            make=lambda i: ("post", reverse("members:lookup"), {"q": members[i % n].person.id_number}),
        ),
        dict(
            key="search_card",
            target=50,
            make=lambda i: ("post", reverse("perks:card_lookup"), {"q": cards[i % len(cards)]}),
        ),
        dict(
            key="search_name_surname",
            target=300,
            make=get(members_url, q=lambda i: names[i % n][:1]),
        ),
        dict(
            key="search_name_prefix",
            target=300,
            make=get(members_url, q=lambda i: names[i % n][:2]),
        ),
        dict(
            key="search_name_given",
            target=300,
            make=get(members_url, q=lambda i: givens[i % len(givens)]),
        ),
        dict(
            key="search_name_substring",
            target=300,
            make=get(members_url, q=lambda i: triples[i % len(triples)]),
        ),
        dict(
            key="member_detail",
            target=100,
            make=lambda i: ("get", reverse("members:detail", args=[members[i % n].pk]), {}),
        ),
        dict(
            key="member_save",
            target=150,
            make=lambda i: (
                "post",
                reverse("members:edit", args=[members[i % n].pk]),
                member_form_data(members[i % n], i),
            ),
        ),
        dict(key="employers", target=LIST, make=get(reverse("members:employers"))),
        dict(key="cards", target=LIST, make=get(reverse("perks:cards"))),
        dict(key="relief_files", target=LIST, make=get(reverse("relief:files"))),
        dict(key="payments", target=LIST, make=get(reverse("relief:payments"))),
        dict(key="cases", target=LIST, make=get(reverse("legal:cases"))),
        dict(key="promotions", target=LIST, make=get(reverse("skills:promotions"))),
    ]


def measure(client, make, *, n: int, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def once(i):
        method, url, data = make(i)
        started = time.perf_counter()
        response = getattr(client, method)(url, data)
        return (time.perf_counter() - started) * 1000, response.status_code

    statuses = set()
    for i in range(3):  # warm the caches and the connection
        statuses.add(once(10_000 + i)[1])
    p50s, p95s = [], []
    for r in range(runs):
        times = []
        for i in range(n):
            ms, status = once(r * n + i)
            times.append(ms)
            statuses.add(status)
        p50s.append(percentile(times, 50))
        p95s.append(percentile(times, 95))
    with CaptureQueriesContext(connection) as ctx:
        once(99_999)
    return {
        "p50": statistics.median(p50s),
        "p95": statistics.median(p95s),
        "queries": len(ctx.captured_queries),
        "statuses": sorted(statuses),
    }


def main(runs: int, n: int, only: str = "") -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhub.settings")
    django.setup()
    from django.test import Client

    from members.models import Member
    from unionhub.orgs.models import User

    p = pools("LZ-CZ")
    results = []
    for user_name in ("bench_cz", "bench_city"):
        user = User.objects.get(username=user_name)
        client = Client(raise_request_exception=False)
        client.force_login(user)
        for s in scenarios(p):
            if only and s["key"] not in only.split(","):
                continue
            sys.stderr.write(f"{user_name} {s['key']}\n")
            figures = measure(client, s["make"], n=n, runs=runs)
            results.append(
                {
                    "key": s["key"],
                    "label": LABELS[s["key"]],
                    "user": user_name,
                    "target": s["target"],
                    **figures,
                }
            )
    results.append({"members": Member.objects.count()})
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), *(sys.argv[3:4]))
