"""Attachments (scanned documents) of hardship files: PDF/JPG/PNG by extension and content, at
most 10MB, stored under MEDIA_ROOT with a random name, downloaded only by users who may see the
file, and never deleted."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import ProgrammingError, transaction
from django.urls import reverse

from relief.models import FileAttachment
from relief.services import ATTACHMENT_MAX_BYTES
from unionhub.orgs.roles import OFFICIAL

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def upload(client, file, name, content):
    url = reverse("relief:attachment_upload", args=[file.pk])
    return client.post(url, {"attachment": SimpleUploadedFile(name, content)})


def stored_files():
    root = settings.MEDIA_ROOT / "relief" / "attachments"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("低保证明.pdf", PDF, "application/pdf"),
        ("病历.JPG", JPG, "image/jpeg"),
        ("诊断书.png", PNG, "image/png"),
    ],
)
def test_staff_upload_a_scan_kept_under_a_random_name_and_download_it(
    relief, cz_user, client_for, name, content, content_type
):
    client = client_for(cz_user)
    r = upload(client, relief.cz_file, name, content)
    assert r.status_code == 302
    attachment = FileAttachment.objects.get(file=relief.cz_file)
    assert (attachment.filename, attachment.content_type) == (name, content_type)
    assert attachment.size == len(content) and attachment.uploaded_by == cz_user
    stored = attachment.stored.name
    assert stored.startswith("relief/attachments/") and name.rsplit(".")[0] not in stored
    assert stored_files() == [settings.MEDIA_ROOT / stored]

    page = client.get(reverse("relief:file", args=[relief.cz_file.pk])).content.decode()
    assert name in page

    r = client.get(reverse("relief:attachment", args=[attachment.pk]))
    assert r.status_code == 200
    assert b"".join(r.streaming_content) == content
    assert r["Content-Type"] == content_type
    assert r["Content-Disposition"].startswith("attachment;")
    assert r["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("scan.exe", PDF, "只支持 PDF、JPG、PNG 格式的扫描件"),
        ("scan.gif", b"GIF89a" + b"\x00" * 10, "只支持 PDF、JPG、PNG 格式的扫描件"),
        ("scan", PDF, "只支持 PDF、JPG、PNG 格式的扫描件"),
        ("scan.pdf", PNG, "文件内容与扩展名不符"),
        ("scan.png", b"<html><script>alert(1)</script></html>", "文件内容与扩展名不符"),
        ("scan.jpg", b"", "文件为空"),
    ],
)
def test_another_type_or_a_disguised_file_is_refused_and_nothing_is_kept(
    relief, cz_user, client_for, name, content, message
):
    r = upload(client_for(cz_user), relief.cz_file, name, content)
    assert r.status_code == 400
    assert message in r.content.decode()
    assert not FileAttachment.objects.exists()
    assert stored_files() == []


def test_a_file_over_10mb_is_refused_and_nothing_is_kept(relief, cz_user, client_for):
    big = PDF + b"0" * (ATTACHMENT_MAX_BYTES - len(PDF) + 1)
    r = upload(client_for(cz_user), relief.cz_file, "scan.pdf", big)
    assert r.status_code == 400
    assert "文件过大(超过10MB)" in r.content.decode()
    assert not FileAttachment.objects.exists()
    assert stored_files() == []


def test_no_file_chosen_says_so(relief, cz_user, client_for):
    r = client_for(cz_user).post(reverse("relief:attachment_upload", args=[relief.cz_file.pk]))
    assert r.status_code == 400
    assert "请选择要上传的文件" in r.content.decode()


def test_a_sibling_district_gets_404_on_download_and_upload(relief, cz_user, yf_user, client_for):
    upload(client_for(cz_user), relief.cz_file, "scan.pdf", PDF)
    attachment = FileAttachment.objects.get()
    client = client_for(yf_user)
    assert client.get(reverse("relief:attachment", args=[attachment.pk])).status_code == 404
    assert upload(client, relief.cz_file, "x.pdf", PDF).status_code == 404
    assert FileAttachment.objects.count() == 1


def test_an_enterprise_union_below_gets_404_on_its_districts_attachment(
    relief, cz_user, ent_user, client_for
):
    upload(client_for(cz_user), relief.cz_file, "scan.pdf", PDF)
    url = reverse("relief:attachment", args=[FileAttachment.objects.get().pk])
    assert client_for(ent_user).get(url).status_code == 404


def test_an_official_downloads_but_gets_403_on_upload(relief, tree, cz_user, make_user, client_for):
    upload(client_for(cz_user), relief.cz_file, "scan.pdf", PDF)
    official = client_for(make_user(tree.cz, OFFICIAL))
    assert upload(official, relief.cz_file, "x.pdf", PDF).status_code == 403
    page = official.get(reverse("relief:file", args=[relief.cz_file.pk])).content.decode()
    assert reverse("relief:attachment_upload", args=[relief.cz_file.pk]) not in page
    r = official.get(reverse("relief:attachment", args=[FileAttachment.objects.get().pk]))
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF
    assert FileAttachment.objects.count() == 1


def test_the_stored_path_never_appears_in_a_url_or_page(relief, cz_user, client_for):
    client = client_for(cz_user)
    upload(client, relief.cz_file, "scan.pdf", PDF)
    attachment = FileAttachment.objects.get()
    stored_name = attachment.stored.name.rsplit("/", 1)[1].split(".")[0]
    url = reverse("relief:attachment", args=[attachment.pk])
    assert url == f"/relief/attachments/{attachment.pk}/" or url.endswith(f"/attachments/{attachment.pk}/")
    page = client.get(reverse("relief:file", args=[relief.cz_file.pk])).content.decode()
    assert url in page
    assert stored_name not in page and "relief/attachments/20" not in page
    assert settings.MEDIA_URL not in page
    r = client.get(url)
    assert stored_name not in r["Content-Disposition"]
    r.close()


def test_an_attachment_is_never_deleted(relief, cz_user, client_for):
    upload(client_for(cz_user), relief.cz_file, "scan.pdf", PDF)
    with pytest.raises(ProgrammingError, match="Cannot delete"), transaction.atomic():
        FileAttachment.objects.all().delete()
    assert FileAttachment.objects.count() == 1
