"""Writing a batch of rows with PostgreSQL's COPY: what makes a 100,000-row import take seconds.

Django's bulk_create and bulk_update build one big SQL string whose values are quoted in
Python (bulk_update with a CASE per field and row); COPY streams the rows instead. New rows get
their primary keys from the table's sequence first (one query), so the objects have their keys
afterwards exactly as after bulk_create. Updates are copied into a temporary table and applied
with one UPDATE ... FROM. Constraints, foreign keys and triggers (pghistory) work as for any
INSERT or UPDATE. Anything unusual (another database, inherited models, database defaults)
falls back to bulk_create / bulk_update.
"""

from django.db import connections, models, router
from django.db.models import NOT_PROVIDED
from django.db.models.fields import AutoFieldMixin

# Fields whose Python value psycopg writes as it is (the database conversion of Django's
# get_db_prep_save is the identity for them on PostgreSQL): skipping it per cell is a third of
# the writing. Text goes as it is when it is a plain str (anything else, such as a TextChoices
# member, through get_db_prep_save as before).
_AS_IS = (
    models.IntegerField,
    models.BooleanField,
    models.DecimalField,
    models.UUIDField,
    models.AutoField,
    models.BigAutoField,
    models.SmallAutoField,
)
_TEXT = (models.CharField, models.TextField)


def _converter(field, connection):
    """value -> what COPY writes for `field`; None when that is the value itself."""
    if field.is_relation:
        return _converter(field.target_field, connection)
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return None  # dates (auto_now ones are stamped before)
    if isinstance(field, _AS_IS):
        return None
    prep = field.get_db_prep_save
    if isinstance(field, _TEXT):
        return lambda v: v if v is None or v.__class__ is str else prep(v, connection)
    return lambda v: prep(v, connection)


def _connection(model):
    return connections[router.db_for_write(model)]


def _copyable(model, connection) -> bool:
    meta = model._meta
    return (
        connection.vendor == "postgresql"
        and not meta.parents
        and all(
            f.db_default is NOT_PROVIDED and not getattr(f, "generated", False) for f in meta.concrete_fields
        )
    )


def insert_rows(model, objs: list) -> None:
    if not objs:
        return
    connection = _connection(model)
    if not _copyable(model, connection):
        model._default_manager.bulk_create(objs, batch_size=1000)
        return
    meta = model._meta
    _take_related_keys(meta, objs)
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        keyless = [obj for obj in objs if obj.pk is None]
        if keyless:
            if not isinstance(meta.pk, AutoFieldMixin):
                model._default_manager.bulk_create(objs, batch_size=1000)
                return
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [qn(meta.db_table), meta.pk.column, len(keyless)],
            )
            for obj, (pk,) in zip(keyless, cursor.fetchall(), strict=True):
                obj.pk = pk
        fields = meta.concrete_fields
        # Only date fields with auto_now(_add) compute a value on save; the rest is the attribute.
        stamped = {f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)}
        prep = [(f, f in stamped, f.attname, _converter(f, connection)) for f in fields]
        plain = all(not stamp and convert is None for _, stamp, _, convert in prep)
        attnames = [attname for _, _, attname, _ in prep]
        columns = ", ".join(qn(f.column) for f in fields)
        with cursor.cursor.copy(f"COPY {qn(meta.db_table)} ({columns}) FROM STDIN") as copy:
            write = copy.write_row
            for obj in objs:
                values = obj.__dict__
                if plain:
                    write([values[a] for a in attnames])
                    continue
                row = []
                for f, stamp, attname, convert in prep:
                    value = f.pre_save(obj, True) if stamp else values[attname]
                    row.append(value if convert is None else convert(value))
                write(row)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias


def _take_related_keys(meta, objs) -> None:
    """What bulk_create does first: a foreign key set to an object saved since takes its key."""
    relations = [f for f in meta.concrete_fields if f.is_relation]
    for obj in objs:
        for f in relations:
            if getattr(obj, f.attname) is None and f.is_cached(obj):
                related = f.get_cached_value(obj)
                if related is not None:
                    if related.pk is None:
                        raise ValueError(f"{meta.label}.{f.name}: the related object is not saved")
                    setattr(obj, f.attname, related.pk)


def update_rows(model, objs: list, field_names: list[str]) -> None:
    if not objs:
        return
    connection = _connection(model)
    if not _copyable(model, connection) or len(objs) < 50:
        model._default_manager.bulk_update(objs, field_names, batch_size=1000)
        return
    meta = model._meta
    fields = [meta.pk, *(meta.get_field(name) for name in field_names)]
    qn = connection.ops.quote_name
    table, temp = qn(meta.db_table), qn(f"import_update_{meta.db_table}"[:63])
    columns = [qn(f.column) for f in fields]
    # Only quoted names of the model's own table and columns are put into the SQL.
    with connection.cursor() as cursor:
        create = f"CREATE TEMPORARY TABLE {temp} AS SELECT {', '.join(columns)} FROM {table} WITH NO DATA"  # noqa: S608
        cursor.execute(create)
        with cursor.cursor.copy(f"COPY {temp} ({', '.join(columns)}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row([f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields])
        assignments = ", ".join(f"{c} = s.{c}" for c in columns[1:])
        key = columns[0]
        cursor.execute(f"UPDATE {table} AS t SET {assignments} FROM {temp} AS s WHERE t.{key} = s.{key}")  # noqa: S608
        cursor.execute(f"DROP TABLE {temp}")
