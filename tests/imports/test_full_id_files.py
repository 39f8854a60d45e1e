"""Issue 15 item 7: files that carry full ID numbers follow the full-ID permission. A bad-rows
file (the rows as uploaded) is handed masked to an admin without it; to one with it, whole, and
that is logged as a full view with how many numbers it held. An export with full numbers is
logged the same way."""

import io

import openpyxl
from django.urls import reverse

from tests.sheets import write_csv
from unionhub.imports.engine import run_import
from unionhub.imports.kinds import get_kind
from unionhub.imports.models import ImportBatch
from unionhub.imports.services import _keep_bad_rows
from unionhub.orgs.roles import ADMIN
from unionhub.people.models import FullIdFileView

from .test_export_pages import NUMBER, export, exporter, person  # noqa: F401 (fixture)

HEADER = ["身份证号", "姓名", "手机号", "出生日期", "所属工会组织代码"]
OTHER = "45020219800304123X"


def bad_batch(tree, people_kind, tmp_path, uploader):
    """A batch whose bad rows hold two full ID numbers (one also typed inside a note)."""
    rows = [HEADER, [NUMBER, "", "", "", "LZ"], [f"{OTHER}", "", f"备注{NUMBER}", "", "LZ"]]
    path = write_csv(tmp_path / "p.csv", rows)
    batch = ImportBatch.objects.create(
        kind="test_people", filename="p.csv", organization=tree.city, created_by=uploader, dry_run=True
    )
    result = run_import(
        kind=get_kind("test_people"), path=path, filename="p.csv", root=tree.city, dry_run=True, batch=batch
    )
    assert result.bad_rows
    _keep_bad_rows(batch, result)
    batch.refresh_from_db()
    assert batch.bad_rows_file
    return batch


def download(client, batch):
    response = client.get(reverse("imports:bad_rows", args=[batch.pk]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [[c.value for c in r] for r in sheet.iter_rows()]


def test_a_bad_rows_file_is_masked_for_an_admin_without_the_full_id_permission(
    tree, people_kind, tmp_path, make_user, client_for
):
    uploader = make_user(tree.city, ADMIN, username="up", perms=["people.view_full_id"])
    batch = bad_batch(tree, people_kind, tmp_path, uploader)
    colleague = make_user(tree.city, ADMIN, username="colleague")
    rows = download(client_for(colleague), batch)
    text = repr(rows)
    assert NUMBER not in text and OTHER not in text  # today: both handed over whole
    assert NUMBER[:6] + "********" + NUMBER[14:] in text
    assert "备注" + NUMBER[:6] + "********" + NUMBER[14:] in text
    assert not FullIdFileView.objects.exists()


def test_a_bad_rows_file_with_full_numbers_is_logged_as_a_full_view(
    tree, people_kind, tmp_path, make_user, client_for
):
    uploader = make_user(tree.city, ADMIN, username="up", perms=["people.view_full_id"])
    batch = bad_batch(tree, people_kind, tmp_path, uploader)
    rows = download(client_for(uploader), batch)
    assert NUMBER in repr(rows) and OTHER in repr(rows)
    (log,) = FullIdFileView.objects.all()
    # Two in the ID column, one in the phone cell and one again in its reason (it quotes the cell).
    assert (log.user, log.count) == (uploader, 4)
    assert "p.csv" in log.what


def test_an_export_with_full_numbers_is_logged_as_a_full_view_with_its_count(
    tree,
    client_for,
    people_kind,
    person,  # noqa: F811
):
    user = exporter(tree.city, "people.view_full_id")
    export(client_for(user), "test_people", "csv")
    (log,) = FullIdFileView.objects.all()
    assert (log.user, log.count) == (user, 1)
    masked_user = exporter(tree.yf)
    export(client_for(masked_user), "test_people", "csv")
    assert FullIdFileView.objects.count() == 1  # a masked export hands over no full number
