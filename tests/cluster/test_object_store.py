"""Shared file storage: with STORAGE_URL set to an S3-compatible store (a real server on
loopback), an import, a report and a hardship file's attachment are written to and read from the
object store, never the local disk."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from relief.models import FileAttachment, HardshipFile
from tests.factories import PersonFactory
from unionhub.imports.models import ImportBatch
from unionhub.orgs.models import Organization
from unionhub.orgs.roles import ADMIN, OFFICIAL, STAFF
from unionhub.reports.models import Report

from .conftest import stored_keys

HEADER = "组织代码,组织名称,上级组织代码,组织类型\n"
GOOD = HEADER + "LZ-CZ-002,城中第二企业工会,LZ-CZ,企业工会\n"
BAD = HEADER + "LZ-CZ-003,,LZ-CZ,企业工会\n"


def test_storage_url_selects_the_object_store(s3_storage):
    from storages.backends.s3 import S3Storage

    name = default_storage.save("probe/hello.txt", ContentFile(b"hello"))
    assert isinstance(storages["default"], S3Storage)
    assert f"media/{name}" in stored_keys(s3_storage)
    with default_storage.open(name) as stored:
        assert stored.read() == b"hello"


def test_an_import_reads_its_upload_and_writes_its_bad_rows_through_the_object_store(
    s3_storage, tree, make_user, client_for
):
    client = client_for(make_user(tree.cz, ADMIN, username="czadmin"))
    client.post(
        reverse("imports:upload", args=["orgs"]), {"file": SimpleUploadedFile("bad.csv", BAD.encode())}
    )
    batch = ImportBatch.objects.get()
    assert batch.state == ImportBatch.State.INVALID
    assert any(key.endswith("-bad-rows.xlsx") for key in stored_keys(s3_storage))
    bad_rows = client.get(reverse("imports:bad_rows", args=[batch.pk]))
    assert bad_rows.status_code == 200 and b"".join(bad_rows.streaming_content).startswith(b"PK")

    client.post(
        reverse("imports:upload", args=["orgs"]), {"file": SimpleUploadedFile("good.csv", GOOD.encode())}
    )
    good = ImportBatch.objects.exclude(pk=batch.pk).get()
    assert good.source.name in {k.removeprefix("media/") for k in stored_keys(s3_storage)}
    client.post(reverse("imports:confirm", args=[good.pk]))
    good.refresh_from_db()
    assert good.state == ImportBatch.State.IMPORTED, good.errors
    assert Organization.objects.filter(code="LZ-CZ-002", parent=tree.cz).exists()


def test_a_report_is_stored_in_the_object_store_and_downloaded_through_the_app(
    s3_storage, tree, make_user, client_for
):
    client = client_for(make_user(tree.city, OFFICIAL, username="official"))
    client.post(reverse("reports:list"), {"org": "LZ", "year": 2018, "as_of": "2018-10-31"})
    report = Report.objects.get()
    assert report.pdf and f"media/{report.pdf.name}" in stored_keys(s3_storage)
    pdf = client.get(reverse("reports:download", args=[report.pk, "pdf"]))
    assert pdf.status_code == 200
    body = b"".join(pdf.streaming_content)
    pdf.close()
    with default_storage.open(report.pdf.name) as stored:
        assert body.startswith(b"%PDF") and body == stored.read()


def test_an_attachment_is_kept_in_the_object_store_and_downloaded_through_its_scope(
    s3_storage, tree, make_user, client_for
):
    staff = make_user(tree.cz, STAFF, username="czstaff")
    other = make_user(tree.yf, STAFF, username="yfstaff")
    hardship = HardshipFile.objects.create(
        person=PersonFactory(),
        organization=tree.cz,
        category="在职",
        cause="因病",
        household_size=3,
        income_per_head="800.00",
        filed_on="2018-03-01",
    )
    pdf = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"
    client = client_for(staff)
    r = client.post(
        reverse("relief:attachment_upload", args=[hardship.pk]),
        {"attachment": SimpleUploadedFile("证明.pdf", pdf)},
    )
    assert r.status_code == 302
    attachment = FileAttachment.objects.get()
    assert f"media/{attachment.stored.name}" in stored_keys(s3_storage)
    got = client.get(reverse("relief:attachment", args=[attachment.pk]))
    assert got.status_code == 200 and b"".join(got.streaming_content) == pdf
    assert client_for(other).get(reverse("relief:attachment", args=[attachment.pk])).status_code == 404


@pytest.fixture(autouse=True)
def _fast(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
