"""STORAGE_URL → Django's STORAGES["default"]."""

import pytest

from unionhub.core.storage import storage_from_url


def test_no_url_is_the_local_disk():
    assert storage_from_url("") == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_an_http_endpoint_with_a_prefix_and_a_region():
    s = storage_from_url("s3+http://AK:S%2Fk@127.0.0.1:9000/files/city/media?region=cn-south-1")
    o = s["OPTIONS"]
    assert s["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (o["endpoint_url"], o["bucket_name"], o["location"]) == (
        "http://127.0.0.1:9000",
        "files",
        "city/media",
    )
    assert (o["access_key"], o["secret_key"], o["region_name"]) == ("AK", "S/k", "cn-south-1")
    assert o["default_acl"] is None and o["file_overwrite"] is False


def test_s3_is_https_and_no_host_is_the_providers_own_endpoint():
    assert (
        storage_from_url("s3://a:b@oss.example.cn/bkt")["OPTIONS"]["endpoint_url"] == "https://oss.example.cn"
    )
    assert "endpoint_url" not in storage_from_url("s3://a:b@/bkt")["OPTIONS"]


@pytest.mark.parametrize("url", ["ftp://x/y", "s3://a:b@host/"])
def test_a_wrong_url_is_refused_at_start(url):
    with pytest.raises(ValueError, match="STORAGE_URL"):
        storage_from_url(url)
