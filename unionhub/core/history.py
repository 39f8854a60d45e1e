"""A record's history for its page, read from django-pghistory's event rows (written by database
triggers, so imports, bulk updates and tasks are in it): when, who, what action and why, and each
field that changed (before → after).

Only the events in which one of the shown fields changed are read: the database compares each
event with the one before it (LAG), so a program whose running total moves with every payment
reads its few budget changes, not one row per payment.
"""

import pghistory.models
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils.translation import gettext as _


def history_user(by) -> int | None:
    """The user a write's history events name (pghistory.context(user=…)): `by`'s id, None for
    the system (commands, imports' own checks) or an anonymous user."""
    return by.pk if by is not None and by.is_authenticated else None


def event_model_of(model, fields=()):
    """The pghistory event model tracking `model` that holds every one of `fields`."""
    for m in apps.get_models():
        if issubclass(m, pghistory.models.Event) and m.pgh_tracked_model is model:
            names = {f.attname for f in m._meta.concrete_fields}
            if set(fields) <= names:
                return m
    raise LookupError(f"no pghistory event model of {model._meta.label} with {fields}")


def _changed_event_ids(event_model, obj_pk, fields) -> list[int]:
    """pgh_id of the events where one of `fields` differs from the event before (the first
    event always counts)."""
    # Identifiers only from the models' metadata, quoted; the one value is a parameter.
    q = connection.ops.quote_name
    columns = ", ".join(q(event_model._meta.get_field(f).column) for f in fields)
    sql = (
        f"SELECT pgh_id FROM (SELECT pgh_id, ROW({columns}) IS DISTINCT FROM "  # noqa: S608
        f"LAG(ROW({columns})) OVER (ORDER BY pgh_id) AS changed "
        f"FROM {q(event_model._meta.db_table)} WHERE pgh_obj_id = %s) e WHERE changed ORDER BY pgh_id"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [obj_pk])
        return [row[0] for row in cur.fetchall()]


def record_history(obj, fields: tuple[str, ...]) -> list[dict]:
    """The history of `obj` over `fields` (attribute names; a foreign key as "<name>_id" is shown
    by the related record's name), oldest first."""
    model = type(obj)
    event_model = event_model_of(model, fields)
    ids = _changed_event_ids(event_model, obj.pk, fields)
    events = list(event_model.objects.filter(pgh_id__in=ids).select_related("pgh_context").order_by("pgh_id"))
    metas = [e.pgh_context.metadata if e.pgh_context else {} for e in events]
    users = get_user_model().objects.in_bulk({m["user"] for m in metas if m.get("user")})
    related = {}  # "organization_id" -> {pk: object}, to show names rather than keys
    for name in fields:
        if name.endswith("_id"):
            target = model._meta.get_field(name.removesuffix("_id")).related_model
            related[name] = target._default_manager.in_bulk({getattr(e, name) for e in events} - {None})
    out, previous = [], None
    for e, meta in zip(events, metas, strict=True):
        changes = []
        if previous is not None:
            for name in fields:
                before, after = getattr(previous, name), getattr(e, name)
                if before != after:
                    label = model._meta.get_field(name.removesuffix("_id")).verbose_name
                    if name in related:
                        before, after = related[name].get(before), related[name].get(after)
                    changes.append({"field": label, "before": before, "after": after})
        out.append(
            {
                "at": e.pgh_created_at,
                "label": e.pgh_label,
                "action": meta.get("action") or (_("创建") if previous is None else _("修改")),
                "user": users.get(meta.get("user")),
                "reason": meta.get("reason", ""),
                "changes": changes,
            }
        )
        previous = e
    return out
