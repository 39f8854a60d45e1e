"""The same member file through django-import-export 4 (a bench-only extra: `pip install
".[bench]"`), in its own process so that its peak memory can be read on its own:
`python -m bench.run_iexport FILE MODE` prints the result as JSON.

Both modes import the file's persons and then its members into the same Person and Member tables
(with their indexes, foreign keys and history triggers) that our engine writes, in one transaction.
Each cell is parsed by its widget (dates, booleans, references); the model's validators are not run
(`clean_model_instances` is off by default; on, its uniqueness checks cost a query per row and
field, about 50 rows/s here), so the comparison flatters django-import-export: our engine checks
the ID number, the phone number, the dates and the scope of every reference.

- `defaults`: the resources as the documentation's first example declares them: one query per row
  to find the instance, one per row and reference (ForeignKeyWidget), one INSERT per row, a diff.
- `tuned`: the documentation's settings for large files ("Bulk imports"): `use_bulk`,
  `batch_size = 1000`, `skip_diff`, `force_init_instance` (every row new: no look-up), and the
  organizations, employers and the persons just written preloaded into dicts for the foreign keys.
"""

import datetime
import json
import os
import sys
import time
from pathlib import Path


def resources_for(mode: str):
    from import_export import fields, resources, widgets

    from members.models import Employer, Member
    from unionhub.orgs.models import Organization
    from unionhub.people.models import Person

    tuned = mode == "tuned"

    class Preloaded(widgets.ForeignKeyWidget):
        """A ForeignKeyWidget answered from a dict loaded once (tuned mode)."""

        def __init__(self, model, field, **kwargs):
            super().__init__(model, field=field, **kwargs)
            self.cache = None

        def clean(self, value, row=None, **kwargs):
            if not value:
                return None
            if self.cache is None:
                self.cache = {getattr(o, self.field): o for o in self.get_queryset(value, row)}
            try:
                return self.cache[value]
            except KeyError:
                raise ValueError(f"{self.model.__name__} {value} does not exist") from None

    fk = Preloaded if tuned else widgets.ForeignKeyWidget

    class Dates(widgets.DateWidget):
        """The date spellings the file uses (and our cells.date accepts)."""

        FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d")

        def clean(self, value, row=None, **kwargs):
            if not value:
                return None
            for fmt in self.FORMATS:
                try:
                    return datetime.datetime.strptime(value, fmt).date()  # noqa: DTZ007 (a date)
                except (TypeError, ValueError):
                    continue
            raise ValueError("Value could not be parsed using defined formats.")

    class Options:
        use_transactions = True
        if tuned:
            use_bulk = True
            batch_size = 1000
            skip_diff = True
            force_init_instance = True

    class PersonResource(resources.ModelResource):
        id_number = fields.Field(attribute="id_number", column_name="身份证号")
        name = fields.Field(attribute="name", column_name="姓名")
        phone = fields.Field(attribute="phone", column_name="手机号")

        class Meta(Options):
            model = Person
            import_id_fields = ("id_number",)
            fields = ("id_number", "name", "phone")

        def before_save_instance(self, instance, row, **kwargs):
            instance.phone = instance.phone or ""
            instance.derive_from_id()

    class MemberResource(resources.ModelResource):
        person = fields.Field(attribute="person", column_name="身份证号", widget=fk(Person, "id_number"))
        organization = fields.Field(
            attribute="organization", column_name="所属工会组织代码", widget=fk(Organization, "code")
        )
        employer = fields.Field(
            attribute="employer", column_name="工作单位统一社会信用代码", widget=fk(Employer, "credit_code")
        )
        key_group = fields.Field(attribute="key_group", column_name="重点群体")
        is_migrant = fields.Field(
            attribute="is_migrant", column_name="是否农民工", widget=widgets.BooleanWidget()
        )
        join_date = fields.Field(attribute="join_date", column_name="入会日期", widget=Dates())
        status = fields.Field(attribute="status", column_name="会员状态")
        leave_date = fields.Field(attribute="leave_date", column_name="离会日期", widget=Dates())

        class Meta(Options):
            model = Member
            import_id_fields = ("person",)
            fields = (
                "person",
                "organization",
                "employer",
                "key_group",
                "is_migrant",
                "join_date",
                "status",
                "leave_date",
            )

        def before_import_row(self, row, **kwargs):
            row["是否农民工"] = {"是": "1", "否": "0"}.get(row["是否农民工"], row["是否农民工"])
            row["会员状态"] = row["会员状态"] or Member.Status.ACTIVE
            row["重点群体"] = row["重点群体"] or ""

    return PersonResource(), MemberResource()


def main(file: str, mode: str) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhub.settings")
    django.setup()
    import tablib
    from django.db import transaction

    path = Path(file)
    started, cpu = time.perf_counter(), time.process_time()
    if path.suffix == ".csv":
        dataset = tablib.Dataset().load(path.read_text(encoding="utf-8"), format="csv")
    else:
        dataset = tablib.Dataset().load(path.read_bytes(), format="xlsx")
    persons, members = resources_for(mode)
    with transaction.atomic():
        first = persons.import_data(dataset, raise_errors=True, use_transactions=False)
        second = members.import_data(dataset, raise_errors=True, use_transactions=False)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    problems = first.has_validation_errors() or second.has_validation_errors()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu,
                "rows": len(dataset),
                "new": second.totals.get("new", 0),
                "invalid": bool(problems),
            }
        )
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
