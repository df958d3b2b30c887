"""Every documents URL tried with every role of the cast (the expectations written out by
hand, as in accounts/tests/test_access_matrix.py): 200/302 for those allowed, 403 logged
for the others."""

import datetime as dt

import pytest
from django.urls import reverse

from dienhinh.documents.signed import signed_upload_for_batch
from dienhinh.documents.tests.test_signed import pdf_bytes, upload
from dienhinh.nominations.models import Nomination

USERS = [
    "ward_reporter",
    "ward_leader",
    "compiler",
    "city_officer",
    "city_admin",
    "outsider",
    "nobody",
    "superuser",
]
COMPILES_DISTRICT = {"compiler", "city_officer", "city_admin", "superuser"}
SEES_WARD_NOMINATION = {"ward_reporter", "ward_leader", *COMPILES_DISTRICT}
SEES_DISTRICT = {"compiler", "city_officer", "city_admin", "superuser"}
SEES_WARD = {"ward_reporter", "ward_leader", "compiler", "city_officer", "city_admin", "superuser"}
ADMINISTERS = {"city_admin", "superuser"}


@pytest.fixture
def world(cast, settings_done, relay, october, clock):
    clock(2023, 10, 18, 10)
    signed = signed_upload_for_batch(
        actor=cast.compiler,
        batch=october,
        number="125",
        document_date=dt.date(2023, 10, 17),
        upload=upload(pdf_bytes()),
    )
    return {
        "batch": october,
        "relay": relay,
        "signed": signed,
        "nomination": Nomination.objects.get(full_name="Nguyễn Văn Tâm"),
    }


def _status(client, method, url) -> int:
    return (client.post(url) if method == "post" else client.get(url)).status_code


@pytest.mark.parametrize("user_key", USERS)
def test_documents_pages_open_exactly_to_the_roles_that_may_see_them(client, cast, world, user_key):
    client.force_login(getattr(cast, user_key))
    batch, relay, nomination = world["batch"], world["relay"], world["nomination"]
    ward, district = cast.ward.pk, cast.district.pk
    walk = [
        ("get", reverse("documents:source", args=["danh-sach", batch.pk]), COMPILES_DISTRICT),
        ("get", reverse("documents:source", args=["cong-van", relay.pk]), COMPILES_DISTRICT),
        (
            "get",
            reverse("documents:word", args=["cong-van", relay.pk, "trien-khai"]),
            COMPILES_DISTRICT,
        ),
        (
            "get",
            reverse("documents:pdf", args=["cong-van", relay.pk, "trien-khai"]),
            COMPILES_DISTRICT,
        ),
        (
            "get",
            reverse("documents:pdf_file", args=["cong-van", relay.pk, "trien-khai"]),
            COMPILES_DISTRICT,
        ),
        (
            "post",
            reverse("documents:signed_upload", args=["cong-van", relay.pk]),
            COMPILES_DISTRICT,
        ),
        ("get", reverse("documents:source", args=["ho-so", nomination.pk]), SEES_WARD_NOMINATION),
        (
            "get",
            reverse("documents:word", args=["ho-so", nomination.pk, "bao-cao"]),
            SEES_WARD_NOMINATION,
        ),
        (
            "get",
            reverse("documents:word", args=["ho-so", nomination.pk, "tom-tat"]),
            SEES_WARD_NOMINATION,
        ),
        ("get", reverse("documents:signed_file", args=[world["signed"].pk]), SEES_DISTRICT),
        ("get", reverse("documents:period_xlsx", args=[batch.period_id]), COMPILES_DISTRICT),
        ("get", reverse("documents:settings", args=[ward]), SEES_WARD),
        ("get", reverse("documents:template_file", args=[ward, "summary"]), SEES_WARD),
        ("post", reverse("documents:settings", args=[district]), ADMINISTERS),
        ("post", reverse("documents:template_upload", args=[district]), ADMINISTERS),
        ("post", reverse("documents:template_reset", args=[district]), ADMINISTERS),
    ]
    for method, url, allowed in walk:
        status = _status(client, method, url)
        if user_key in allowed:
            assert status in (200, 302), (method, url, status)
        else:
            assert status == 403, (method, url, status)


def test_an_anonymous_visitor_is_sent_to_log_in(client, cast, world):
    url = reverse("documents:source", args=["danh-sach", world["batch"].pk])
    response = client.get(url)
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]
