"""COPY-based writes: keys, provenance and values as bulk_create/bulk_update would leave them."""

import datetime

from tests.factories import make_id_number
from unionhub.imports.writers import insert_rows, update_rows
from unionhub.people.models import Person

IDS = [make_id_number(datetime.date(1970, 1, 1) + datetime.timedelta(days=i), seq=i) for i in range(120)]


def test_inserted_rows_get_their_keys_and_defaults(db):
    people = [Person(id_number=n, name=f"甲{i}", phone="") for i, n in enumerate(IDS[:3])]
    for p in people:
        p.derive_from_id()
    insert_rows(Person, people)
    assert all(p.pk and not p._state.adding for p in people)
    stored = Person.objects.get(pk=people[0].pk)
    assert stored.id_number == IDS[0] and stored.created_at is not None
    assert stored.birth_date == datetime.date(1970, 1, 1)


def test_many_updates_are_applied_in_one_statement(db):
    people = [Person(id_number=n, name=f"乙{i}", phone="") for i, n in enumerate(IDS)]
    for p in people:
        p.derive_from_id()
    insert_rows(Person, people)
    for i, p in enumerate(people):
        p.phone = f"138{i:08d}"
        p.name = "O'Brien\t\\ 名"
    update_rows(Person, people, ["phone", "name"])
    assert Person.objects.get(pk=people[7].pk).phone == "13800000007"
    assert set(Person.objects.values_list("name", flat=True)) == {"O'Brien\t\\ 名"}


def test_a_large_reimport_with_changes_updates_every_row(db, tree, people_kind, import_csv):
    header = ["身份证号", "姓名", "手机号"]
    import_csv("test_people", [header, *[[n, f"丙{i}", ""] for i, n in enumerate(IDS)]], tree.city)
    rows = [header, *[[n, f"丙{i}", f"139{i:08d}"] for i, n in enumerate(IDS)]]
    people_kind.batch_size = 100
    result = import_csv("test_people", rows, tree.city)
    assert (result.new, result.updated) == (0, 120)
    assert Person.objects.get(id_number=IDS[99]).phone == "13900000099"
    assert Person.objects.get(id_number=IDS[99]).updated_batch_id == result.batch.pk


def test_people_created_by_an_import_get_birth_date_and_sex_from_the_id_number(db, tree, import_csv):
    header = ["姓名", "身份证号", "所属工会组织代码", "是否农民工", "入会日期"]
    numbers = [
        make_id_number(datetime.date(1988, 2, 29), seq=7),
        make_id_number(datetime.date(1979, 12, 31), seq=8),
    ]
    rows = [header, *[[f"丁{i}", n, "LZ-CZ", "否", "2015-01-01"] for i, n in enumerate(numbers)]]
    result = import_csv("members", rows, tree.city)
    assert result.ok, [str(p) for p in result.problems]
    for number in numbers:
        stored = Person.objects.get(id_number=number)
        expected = Person(id_number=number)
        expected.derive_from_id()
        assert (stored.birth_date, stored.sex) == (expected.birth_date, expected.sex)
        assert stored.created_batch_id == result.batch.pk
