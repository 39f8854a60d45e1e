"""Real servers beside the suite: an S3-compatible object store (moto's server, from PyPI) and,
in test_replica.py, a PostgreSQL primary with a streaming replica (pgserver's binaries)."""

import socket
import subprocess
import sys
import time
import uuid

import pytest

from unionhub.core.storage import storage_from_url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port} after {seconds}s")


@pytest.fixture(scope="session")
def object_store():
    """An S3 server on loopback for the whole session; its STORAGE_URL (a fresh bucket)."""
    pytest.importorskip("moto", reason="moto[server] (a dev dependency) is not installed")

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, proc)
        bucket = f"unionhub-{uuid.uuid4().hex[:8]}"
        url = f"s3+http://testkey:testsecret@127.0.0.1:{port}/{bucket}/media"
        s3 = client_for(url)
        s3.create_bucket(Bucket=bucket)
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


def client_for(url: str):
    import boto3

    o = storage_from_url(url)["OPTIONS"]
    return boto3.client(
        "s3",
        endpoint_url=o["endpoint_url"],
        aws_access_key_id=o["access_key"],
        aws_secret_access_key=o["secret_key"],
        region_name=o["region_name"],
    )


def stored_keys(url: str) -> list[str]:
    o = storage_from_url(url)["OPTIONS"]
    listing = client_for(url).list_objects_v2(Bucket=o["bucket_name"])
    return sorted(item["Key"] for item in listing.get("Contents", []))


@pytest.fixture
def s3_storage(settings, object_store, tmp_path):
    """Django's default storage is the object store for this test; the local media folder must
    stay empty (a web node and a worker on two machines share no disk)."""
    settings.STORAGES = {**settings.STORAGES, "default": storage_from_url(object_store)}
    settings.MEDIA_ROOT = tmp_path / "must-stay-empty"
    yield object_store
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*"))
