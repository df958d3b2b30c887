"""The archive on S3-compatible storage, against a real S3 server (moto's standalone
server, started on a free local port for these tests)."""

import io
import socket
import zipfile

import boto3
import pytest
from django.urls import reverse

from dienhinh.archive import exports, links
from dienhinh.archive.models import ArchiveExport, ExportStatus
from dienhinh.archive.services import collection_for

from .helpers import favourite, send_photo

pytestmark = pytest.mark.clock(2023, 10, 14, 10)
BUCKET = "dienhinh-archive-test"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def s3(settings):
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    keys = {"aws_access_key_id": "test", "aws_secret_access_key": "test"}
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **keys)
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "access_key": "test",
                "secret_key": "test",
                "default_acl": "private",
                "file_overwrite": False,
            },
        },
    }
    yield client
    server.stop()


def _whole_object_reads_fail(monkeypatch):
    """Reading an S3 object through storage.open() downloads all of it first: the archive
    must never do that."""
    from storages.backends.s3 import S3Storage

    def refuse(self, name, mode="rb"):
        raise AssertionError(f"{name} was downloaded whole")

    monkeypatch.setattr(S3Storage, "_open", refuse)


def test_the_archive_streams_from_and_to_s3_without_whole_downloads(
    cast, cycle, s3, monkeypatch, client
):
    period, _city = cycle
    material = send_photo(cast, period, seed=61, title="Ảnh trên S3")
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert material.file.name in keys
    favourite(cast, material)
    _whole_object_reads_fail(monkeypatch)
    export = exports.export_request(
        actor=cast.city_officer, collection=collection_for(unit=cast.city, year=2024)
    )
    exports.export_build(export_id=export.pk)
    export = ArchiveExport.objects.get(pk=export.pk)
    assert export.status == ExportStatus.READY, export.error
    stored = s3.get_object(Bucket=BUCKET, Key=export.file.name)["Body"].read()
    assert len(stored) == export.size
    names = zipfile.ZipFile(io.BytesIO(stored)).namelist()
    assert "Phường Hưng Đạo/2023-10/001 Ảnh trên S3.jpg" in names

    client.force_login(cast.city_officer)
    token = links.download_token(export=export, user=cast.city_officer)
    response = client.get(reverse("archive:download", args=[token]), HTTP_RANGE="bytes=10-99")
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == stored[10:100]
