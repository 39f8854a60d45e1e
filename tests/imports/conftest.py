"""Helpers for the import tests: files written in every way users write them, and a tiny
`test_people` kind on the Person model (ID numbers, dates, phone, an org code, rollback)."""

import pytest

from tests.sheets import do_import, problems_text, read_sheet, write_csv, write_xlsx  # noqa: F401
from unionhub.imports import cells
from unionhub.imports.kinds import Column, ImportKind, RowError, _kinds, register_kind
from unionhub.people.idnumbers import birth_date_of
from unionhub.people.models import Person


class PeopleKind(ImportKind):
    """A tiny kind for engine tests: people by ID number, with an optional date and org code."""

    name = "test_people"
    label = "测试人员"
    model = Person
    key = ("身份证号",)
    batch_size = 3  # several batches even in a small file
    rollback_models = (Person,)
    columns = [
        Column("身份证号", cells.id_number),
        Column("姓名", cells.text),
        Column("手机号", cells.phone, required=False),
        Column("出生日期", cells.date, required=False),
        Column("所属工会组织代码", cells.org_code, required=False),
    ]

    def prepare(self, rows, ctx):
        ctx.prefetch(Person, "id_number", [r["身份证号"] for r in rows])

    def apply(self, row, ctx):
        number = row["身份证号"]
        if row["出生日期"] and row["出生日期"] != birth_date_of(number):
            raise RowError("出生日期", "与身份证号中的出生日期不一致")
        if row["所属工会组织代码"]:
            ctx.org(row["所属工会组织代码"])
        person = ctx.lookup(Person, "id_number", number)
        if person is None:
            person = Person(id_number=number, name=row["姓名"], phone=row["手机号"] or "")
            person.derive_from_id()
            ctx.remember(Person, "id_number", person)
            return ctx.add(person)
        if person.name != row["姓名"]:
            raise RowError("姓名", "姓名与身份证号不一致")
        return ctx.update(person, ctx.assign(person, phone=row["手机号"] or ""))

    def export_queryset(self, org):
        return Person.objects.order_by("id_number")

    def export_row(self, obj):
        return {"身份证号": obj.id_number, "姓名": obj.name, "手机号": obj.phone, "出生日期": obj.birth_date}


@pytest.fixture
def people_kind():
    kind = register_kind(PeopleKind())
    yield kind
    _kinds.pop(kind.name, None)
