"""Provenance and rollback: each record remembers its batch; a batch that only created records
can be rolled back by an admin, and the rollback is recorded."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from tests.factories import make_id_number
from unionhub.imports import services
from unionhub.imports.models import ImportBatch
from unionhub.orgs.roles import ADMIN, STAFF
from unionhub.people.models import FullIdView, Person

BIRTH = datetime.date(1990, 1, 2)
IDS = [make_id_number(BIRTH, seq=i) for i in range(1, 4)]


def people_csv(*rows):
    text = "身份证号,姓名,手机号\n" + "".join(f"{a},{b},{c}\n" for a, b, c in rows)
    return SimpleUploadedFile("people.csv", text.encode())


def imported(client, *rows) -> ImportBatch:
    response = client.post(reverse("imports:upload", args=["test_people"]), {"file": people_csv(*rows)})
    batch = ImportBatch.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[1])
    client.post(reverse("imports:confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.IMPORTED, batch.errors
    return batch


@pytest.fixture
def admin(tree, make_user):
    return make_user(tree.city, ADMIN, username="admin")


@pytest.fixture
def client(admin, client_for, people_kind):
    return client_for(admin)


def test_records_remember_the_batch_that_created_and_last_changed_them(client):
    first = imported(client, (IDS[0], "张一", ""), (IDS[1], "张二", ""))
    second = imported(client, (IDS[0], "张一", "13800000001"), (IDS[1], "张二", ""))
    changed, same = Person.objects.get(id_number=IDS[0]), Person.objects.get(id_number=IDS[1])
    assert (changed.created_batch_id, changed.updated_batch_id) == (first.pk, second.pk)
    assert (same.created_batch_id, same.updated_batch_id) == (first.pk, first.pk)


def test_the_batch_page_lists_its_records_with_masked_id_numbers(client):
    batch = imported(client, (IDS[0], "张一", ""), (IDS[1], "张二", ""))
    page = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "新建2条,修改0条" in page
    assert "张一" in page and IDS[0][:6] + "********" + IDS[0][14:] in page
    assert IDS[0] not in page


def test_an_admin_rolls_back_a_batch_that_only_created_records(client, admin):
    keep = imported(client, (IDS[2], "张三", ""))
    batch = imported(client, (IDS[0], "张一", ""), (IDS[1], "张二", ""))
    assert "撤销本批次" in client.get(reverse("imports:batch", args=[batch.pk])).content.decode()

    response = client.post(reverse("imports:rollback", args=[batch.pk]), follow=True)
    assert "已撤销本批次,删除了2条记录" in response.content.decode()
    assert list(Person.objects.values_list("id_number", flat=True)) == [IDS[2]]
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.ROLLED_BACK
    assert batch.rolled_back_by == admin and batch.rolled_back_at is not None
    assert keep.pk != batch.pk
    # Rolling back twice does nothing more.
    with pytest.raises(ValidationError, match="只有已导入的批次可以撤销"):
        services.batch_rollback(batch=batch, by=admin)


def test_a_batch_that_updated_records_cannot_be_rolled_back(client, admin):
    imported(client, (IDS[0], "张一", ""))
    batch = imported(client, (IDS[0], "张一", "13800000001"), (IDS[1], "张二", ""))
    assert services.batch_rollback_refusal(batch) == "本批次更新了已有记录,不能撤销"
    page = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "撤销本批次" not in page and "本批次更新了已有记录,不能撤销" in page
    with pytest.raises(ValidationError):
        services.batch_rollback(batch=batch, by=admin)
    assert Person.objects.count() == 2


def test_a_batch_whose_records_a_later_batch_changed_cannot_be_rolled_back(client, admin):
    batch = imported(client, (IDS[0], "张一", ""))
    imported(client, (IDS[0], "张一", "13800000001"))
    assert services.batch_rollback_refusal(batch) == "本批次创建的人员已被之后的导入修改,不能撤销"


def test_a_batch_whose_records_are_referred_to_cannot_be_rolled_back(client, admin):
    batch = imported(client, (IDS[0], "张一", ""))
    FullIdView.objects.create(user=admin, person=Person.objects.get())
    response = client.post(reverse("imports:rollback", args=[batch.pk]), follow=True)
    assert "本批次创建的记录已被其他记录引用,不能撤销" in response.content.decode()
    assert Person.objects.count() == 1
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.IMPORTED


def test_a_kind_without_provenance_cannot_be_rolled_back(tree, admin, client_for, people_kind):
    upload = SimpleUploadedFile(
        "orgs.csv", "组织代码,组织名称,上级组织代码,组织类型\nLZ-X,X工会,LZ,企业工会\n".encode()
    )
    client = client_for(admin)
    response = client.post(reverse("imports:upload", args=["orgs"]), {"file": upload})
    batch = ImportBatch.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[1])
    client.post(reverse("imports:confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert services.batch_rollback_refusal(batch) == "此类数据没有记录导入批次,不能撤销导入"


def test_rollback_needs_the_rollback_permission(client, tree, make_user, client_for):
    batch = imported(client, (IDS[0], "张一", ""))
    staff = make_user(tree.city, STAFF, perms=["imports.view_importbatch"], username="viewer")
    viewer = client_for(staff)
    assert "撤销本批次" not in viewer.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert viewer.post(reverse("imports:rollback", args=[batch.pk])).status_code == 403
    assert Person.objects.count() == 1


def test_a_members_batch_rolls_back_its_members_and_the_people_it_created(tree, admin, import_csv):
    from members.models import Member

    kept = Person.objects.create(id_number=IDS[2], name="张三")
    header = ["姓名", "身份证号", "所属工会组织代码", "是否农民工", "入会日期"]
    rows = [
        header,
        ["张一", IDS[0], "LZ-CZ", "否", "2015-01-01"],
        ["张三", IDS[2], "LZ-CZ", "是", "2016-01-01"],
    ]
    result = import_csv("members", rows, tree.city, user=admin)
    assert result.ok and result.new == 2
    assert services.batch_rollback(batch=result.batch, by=admin) == 3  # two members, one new person
    assert not Member.objects.exists()
    assert list(Person.objects.all()) == [kept]


def test_a_batch_is_never_deleted_so_the_records_naming_it_never_dangle(client):
    # The batch columns carry no foreign-key constraint (one check per batch, not per row at
    # commit): the database keeps the reference whole by refusing to delete any batch.
    batch = imported(client, (IDS[0], "张一", ""))
    with pytest.raises(DatabaseError), transaction.atomic():
        ImportBatch.objects.filter(pk=batch.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM imports_importbatch WHERE id = %s", [batch.pk])
    assert Person.objects.get(id_number=IDS[0]).created_batch == batch
