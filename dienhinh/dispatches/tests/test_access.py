"""Every dispatch page walked with every role: a user sees and acts only within scope."""

import pytest
from django.urls import reverse

from dienhinh.dispatches import services

from .conftest import CITY_TEXT, register

pytestmark = pytest.mark.django_db

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
# MANAGE_DISPATCHES somewhere: leaders (their unit), compilers, board officers, admins.
UPLOADS = {"ward_leader", "compiler", "city_officer", "city_admin", "superuser"}
# VIEW on the district, MANAGE_DISPATCHES / MANAGE_PROGRAMMES on it.
SEES_DISTRICT = {"compiler", "city_officer", "city_admin", "superuser"}
MANAGES_DISTRICT = SEES_DISTRICT


@pytest.fixture
def district_dispatches(cast):
    registered = register(
        cast.compiler, cast.district, CITY_TEXT, direction="incoming", number="785/BTĐKT-THHC"
    )
    draft = services.dispatch_upload(
        actor=cast.compiler,
        unit=cast.district,
        direction="incoming",
        data=CITY_TEXT,
        filename="nhap.txt",
    )
    return registered, draft


@pytest.mark.parametrize("user_key", USERS)
def test_dispatch_pages_follow_the_unit_and_the_role(client, cast, district_dispatches, user_key):
    registered, draft = district_dispatches
    client.force_login(getattr(cast, user_key))
    allowed = user_key in SEES_DISTRICT
    assert client.get(reverse("dispatches:registry")).status_code == 200
    upload = client.get(reverse("dispatches:upload")).status_code
    assert upload == (200 if user_key in UPLOADS else 403)
    expect = {
        reverse("dispatches:detail", args=[registered.pk]): allowed,
        reverse("dispatches:original", args=[registered.pk]): allowed,
        reverse("dispatches:review", args=[registered.pk]): user_key in MANAGES_DISTRICT,
        reverse("dispatches:programme", args=[registered.pk]): user_key in MANAGES_DISTRICT,
        reverse("dispatches:review", args=[draft.pk]): user_key in MANAGES_DISTRICT,
    }
    for url, ok in expect.items():
        assert client.get(url).status_code == (200 if ok else 403), url
    listed = client.get(reverse("dispatches:registry")).content.decode()
    assert ("785/BTĐKT-THHC" in listed) is allowed


@pytest.mark.parametrize("user_key", USERS)
def test_only_the_units_registrars_discard_a_draft(client, cast, district_dispatches, user_key):
    from dienhinh.dispatches.models import Dispatch

    _registered, draft = district_dispatches
    client.force_login(getattr(cast, user_key))
    response = client.post(reverse("dispatches:discard", args=[draft.pk]))
    allowed = user_key in MANAGES_DISTRICT
    assert response.status_code == (302 if allowed else 403)
    assert Dispatch.objects.filter(pk=draft.pk).exists() is not allowed


def test_a_relay_posted_with_a_unit_outside_the_subtree_changes_nothing(
    client, cast, district_dispatches
):
    from dienhinh.cycles.models import Programme

    registered, _draft = district_dispatches
    client.force_login(cast.compiler)
    response = client.post(
        reverse("dispatches:programme", args=[registered.pk]),
        {
            "as": cast.district.pk,
            "addressees": [cast.ward.pk, cast.other_ward.pk],
            "title": "Hằng tháng",
            "cadence": "monthly",
            "quota": 1,
            "starts_on": "01/11/2026",
            "unit_relation": "on",
            "unit_day": 10,
            "forward_relation": "before",
            "forward_day": 15,
            "roll": "keep",
        },
    )
    assert response.status_code == 200
    assert "chỉ triển khai được xuống các đơn vị cấp dưới" in response.content.decode()
    assert not Programme.objects.filter(owner=cast.district).exists()


@pytest.fixture
def scanned_draft(cast, settings, tmp_path):
    """A draft read from a scan: its page image stored, its reading done."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    settings.MEDIA_ROOT = tmp_path
    draft = services.dispatch_upload(
        actor=cast.compiler,
        unit=cast.district,
        direction="incoming",
        data=CITY_TEXT,
        filename="quet.txt",
    )
    draft.ocr_pages = [1]
    draft.page_images = [default_storage.save("dispatches/p/1.jpg", ContentFile(b"\xff\xd8\xff"))]
    draft.save()
    return draft


@pytest.mark.parametrize("user_key", USERS)
def test_reading_pages_of_a_draft_are_only_for_its_registrars(
    client, cast, scanned_draft, user_key
):
    client.force_login(getattr(cast, user_key))
    allowed = user_key in MANAGES_DISTRICT
    for name, args in [
        ("dispatches:reading_status", [scanned_draft.pk]),
        ("dispatches:page_image", [scanned_draft.pk, 1]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == (200 if allowed else 403)
    response = client.post(
        reverse("dispatches:correct_text", args=[scanned_draft.pk]),
        {"text": "Số: 9/ABC\nV/v thử", "revision": scanned_draft.revision},
    )
    assert response.status_code == (302 if allowed else 403)
    scanned_draft.refresh_from_db()
    assert (scanned_draft.number == "9/ABC") is allowed
