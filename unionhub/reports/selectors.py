"""Reads for the reports pages: the reports a user may see, the live figures of the dashboard."""

import datetime

from django.core.cache import cache
from django.db.models import Q
from django.http import Http404

from unionhub.orgs.models import Organization
from unionhub.orgs.scoping import get_visible_or_404, org_visible_to, user_root, visible_orgs

from .figures import child_pattern, figure_rows, is_breakdown, report_figures
from .models import Report
from .numbers import fmt_value
from .registry import Section, sections

DASHBOARD_CACHE_SECONDS = 60
BATCHES_SHOWN = 50
CHART_WIDTH = 420
BAR_HEIGHT = 22


def reports_for_user(*, user):
    return Report.objects.visible_to(user).select_related("organization", "created_by", "published_by", "job")


def report_get_for_user(*, user, pk) -> Report:
    return get_visible_or_404(reports_for_user(user=user), user, pk=pk)


def dashboard_orgs(*, root: Organization):
    """The organizations the dashboard offers: the user's own and the ones just below it."""
    return Organization.objects.filter(Q(pk=root.pk) | Q(parent=root)).order_by("path")


def imports_since_published(*, report: Report) -> list:
    """The import batches that changed records of the report's subtree after it was published:
    who changed the figures in bulk, and when (a form's edit is in each record's history)."""
    from unionhub.imports.kinds import get_kind
    from unionhub.imports.models import ImportBatch

    org = report.organization
    in_scope = Q(organization__path__startswith=org.path)
    if org.parent_id is None:
        in_scope |= Q(organization__isnull=True)  # the command line imports for the whole tree
    after = Q(state=ImportBatch.State.IMPORTED, finished_at__gt=report.published_at) | Q(
        state=ImportBatch.State.ROLLED_BACK, rolled_back_at__gt=report.published_at
    )
    batches = list(
        ImportBatch.objects.filter(in_scope, after, dry_run=False)
        .select_related("organization", "created_by", "rolled_back_by")
        .order_by("finished_at")[:BATCHES_SHOWN]
    )
    for batch in batches:
        kind = get_kind(batch.kind)
        batch.kind_label = kind.label if kind else batch.kind
    return batches


def live_figures(*, org: Organization, as_of: datetime.date) -> dict:
    """The figures of `as_of`'s year up to that day, recomputed at most once a minute."""
    key = f"reports:live:{org.code}:{as_of.isoformat()}"
    figures = cache.get(key)
    if figures is None:
        figures = report_figures(org=org, year=as_of.year, as_of=as_of)
        cache.set(key, figures, DASHBOARD_CACHE_SECONDS)
    return figures


def dashboard_sections(figures: dict) -> list[dict]:
    """Per registered section: its headline tiles and bar charts of its breakdowns."""
    out = []
    for section in sections():
        data = figures.get(section.key)
        if data is None:
            continue
        out.append(
            {
                "key": section.key,
                "title": section.title,
                "tiles": section.tiles(data),
                "charts": breakdown_charts(section, data),
                "rows": [] if section.headline else figure_rows({section.key: data}),
            }
        )
    return out


def breakdown_charts(section: Section, data: dict) -> list[dict]:
    """Bar charts of the section's breakdowns: each dict of named figures (by group, by cause,
    by kind …), drawn with its first numeric figure."""
    charts = []
    for pattern, names, node in _dicts(section, "", data, ()):
        bars = _bars(section, pattern, node)
        if len(bars) >= 2 and any(value for _l, value, _m, _u in bars):
            metric, unit = bars[0][2], bars[0][3]
            title = " · ".join([*names, metric] if metric else names)
            charts.append(_chart(title, unit, [(label, value) for label, value, _m, _u in bars]))
    return charts


def _label(section: Section, pattern: str, key) -> tuple[str, str]:
    label, unit = section.label(pattern)
    return label or str(key), unit


def _dicts(section: Section, pattern: str, node: dict, names: tuple):
    for k, v in node.items():
        if isinstance(v, dict):
            child = child_pattern(section, pattern, str(k))
            if not child.endswith("*"):
                names_here = (*names, _label(section, child, k)[0])
                if is_breakdown(section, child):
                    yield child, names_here, v
                else:
                    yield from _dicts(section, child, v, names_here)


def _bars(section: Section, pattern: str, node: dict) -> list[tuple]:
    """(name, value, metric, unit) for each entry that is a number, or a dict led by one."""
    bars = []
    for k, v in node.items():
        child = child_pattern(section, pattern, str(k))
        if isinstance(v, dict):
            first = next(((mk, mv) for mk, mv in v.items() if _number(mv)), None)
            if first is None:
                return []
            metric, unit = _label(section, child_pattern(section, child, str(first[0])), first[0])
            bars.append((str(k), first[1], metric, unit))
        elif _number(v):
            bars.append((str(k), v, "", _label(section, child, k)[1]))
        else:
            return []
    return bars


def _number(v) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _chart(title: str, unit: str, bars: list[tuple[str, float]]) -> dict:
    top = max((v for _l, v in bars), default=0) or 1
    rows = []
    for i, (label, value) in enumerate(bars):
        rows.append(
            {
                "label": label,
                "text": fmt_value(value, unit),
                "y": i * BAR_HEIGHT,
                "width": round(CHART_WIDTH * value / top),
            }
        )
    return {"title": title, "bars": rows, "height": len(rows) * BAR_HEIGHT + 4}


RECORD_CHANGES_SHOWN = 100


def record_changes_since_published(*, report: Report) -> list[dict]:
    """The changes of the records behind the report's figures (every section's `records`) in
    its subtree since it was published, newest first: when, who (the user pghistory's context
    names: a form's edit as well as an import), which record (with a link to its page), what
    action, and each field before → after."""
    from django.apps import apps
    from django.urls import NoReverseMatch, reverse

    from unionhub.core.history import event_model_of, record_history

    org = report.organization
    out = []
    for section in sections():
        for label, url_name in section.records.items():
            model = apps.get_model(label)
            event_model = event_model_of(model)
            scope = {f"pgh_obj__{model.ORG_FIELD}__path__startswith": org.path}
            obj_ids = (
                event_model.objects.filter(pgh_created_at__gt=report.published_at, **scope)
                .values_list("pgh_obj_id", flat=True)
                .distinct()[:RECORD_CHANGES_SHOWN]
            )
            fields = tuple(
                f.attname
                for f in event_model._meta.concrete_fields
                if not f.name.startswith("pgh_")
                and f.attname != "id"
                and hasattr(model, f.attname)
                and not f.attname.endswith(("updated_at", "created_at", "batch_id"))
            )
            for obj in model._default_manager.filter(pk__in=list(obj_ids)):
                try:
                    url = reverse(url_name, args=[obj.pk])
                except NoReverseMatch:
                    url = ""
                for entry in record_history(obj, fields):
                    if entry["at"] > report.published_at:
                        out.append(
                            {
                                **entry,
                                "section": str(section.title),
                                "model": str(model._meta.verbose_name),
                                "record": str(obj),
                                "url": url,
                            }
                        )
    out.sort(key=lambda e: e["at"], reverse=True)
    return out[:RECORD_CHANGES_SHOWN]


def report_history(*, report: Report) -> list[dict]:
    """The report's own history: each save of what officials wrote, the publishing, with who
    and when (pghistory's events of the report, oldest first)."""
    from unionhub.core.history import record_history

    return record_history(report, ("authored", "published_at"))


def report_versions(*, report: Report) -> list[Report]:
    """Every version of the report (the first to the latest), following `supersedes` both ways."""
    first = report
    seen = {first.pk}
    while first.supersedes_id and first.supersedes_id not in seen:
        first = Report.objects.select_related("published_by").get(pk=first.supersedes_id)
        seen.add(first.pk)
    chain = [first]
    while True:
        nxt = Report.objects.filter(supersedes=chain[-1]).select_related("published_by").first()
        if nxt is None or nxt.pk in {r.pk for r in chain}:
            break
        chain.append(nxt)
    return chain


def refuse_other_subtree(*, user, code: str | None) -> None:
    """An organization outside `user`'s subtree is a 404, as any record there is (an unknown code
    is the form's to refuse)."""
    org = Organization.objects.filter(code=code).first() if code else None
    if org is not None and not org_visible_to(user, org):
        raise Http404


def dashboard_org(*, user, code: str) -> Organization | None:
    """The organization the dashboard shows: `code`'s when the user may see it, else their own."""
    return visible_orgs(user).filter(code=code).first() or user_root(user)


def dashboard_org_choices(*, user, org: Organization):
    """The organizations the dashboard's picker offers, with the one it shows."""
    return dashboard_orgs(root=user_root(user)) | visible_orgs(user).filter(pk=org.pk)
