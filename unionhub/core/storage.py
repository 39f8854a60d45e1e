"""Where uploaded and generated files live: STORAGE_URL → Django's `STORAGES["default"]`.

Every file of the project (import uploads and bad-rows sheets, job files, report PDFs, hardship
file attachments) goes through Django's storage API, so web nodes and workers on different
machines share them through an S3-compatible object store (django-storages). Without
STORAGE_URL the local disk (MEDIA_ROOT) is used, which only works when web and worker share it.

    s3://KEY:SECRET@s3.example.com/bucket[/prefix][?region=cn-south-1]   HTTPS endpoint
    s3+http://KEY:SECRET@127.0.0.1:9000/bucket                          plain HTTP (loopback, MinIO)
    s3://KEY:SECRET@/bucket                                              AWS's own endpoint

Files are private: no ACL, no public URL; downloads are streamed through access-checked views,
so `querystring_auth` (signed URLs) is never relied upon.
"""

from urllib.parse import parse_qs, unquote, urlsplit


def storage_from_url(url: str) -> dict:
    """The `STORAGES["default"]` entry for a STORAGE_URL (empty: the local disk)."""
    if not url:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    parts = urlsplit(url)
    if parts.scheme not in ("s3", "s3+http", "s3+https"):
        raise ValueError(f"STORAGE_URL: unknown scheme {parts.scheme!r} (s3:// or s3+http://)")
    bucket, _, prefix = parts.path.lstrip("/").partition("/")
    if not bucket:
        raise ValueError("STORAGE_URL: no bucket name (s3://KEY:SECRET@host/bucket)")
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    options = {
        "bucket_name": bucket,
        "location": prefix.strip("/"),
        "access_key": unquote(parts.username or ""),
        "secret_key": unquote(parts.password or ""),
        "region_name": query.get("region", "us-east-1"),
        "default_acl": None,
        "file_overwrite": False,
        "querystring_auth": True,
        "addressing_style": query.get("addressing", "path"),
        "signature_version": "s3v4",
    }
    if parts.hostname:
        http = "http" if parts.scheme == "s3+http" else "https"
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        options["endpoint_url"] = f"{http}://{host}"
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
