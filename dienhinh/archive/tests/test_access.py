"""Every archive page walked with every role of the cast: each sees and acts only within
scope (the URL list is classified in accounts/tests/test_access_matrix.py)."""

import pytest
from django.urls import reverse

from dienhinh.archive import exports, links
from dienhinh.archive.models import ArchiveExport
from dienhinh.archive.services import collection_for

from .helpers import favourite, forward, send_photo

pytestmark = pytest.mark.clock(2023, 10, 14, 10)

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
SEES_WARD_MATERIAL = {
    "ward_reporter", "ward_leader", "compiler", "city_officer", "city_admin", "superuser",
}  # fmt: skip
SENDS_FOR_WARD = {"ward_reporter", "ward_leader", "city_admin", "superuser"}
SEES_CITY = {"city_officer", "city_admin", "superuser"}
SELECTS_FOR_CITY = {"city_officer", "city_admin", "superuser"}


@pytest.fixture
def world(cast, cycle):
    period, _city = cycle
    material = send_photo(cast, period, seed=91)
    forward(cast, period, [material])
    favourite(cast, material)
    collection = collection_for(unit=cast.city, year=2024)
    export = exports.export_request(actor=cast.city_officer, collection=collection)
    exports.export_build(export_id=export.pk)
    return period, material, ArchiveExport.objects.get(pk=export.pk)


def _status(allowed: bool, ok: int = 200) -> int:
    return ok if allowed else 403


@pytest.mark.parametrize("user_key", USERS)
def test_archive_pages_follow_the_unit_and_the_role(client, cast, world, user_key):
    period, material, export = world
    user = getattr(cast, user_key)
    client.force_login(user)
    sees, sends = user_key in SEES_WARD_MATERIAL, user_key in SENDS_FOR_WARD
    selects = user_key in SELECTS_FOR_CITY
    expect = {
        reverse("archive:album"): 200,
        reverse("archive:album") + f"?cap={cast.city.pk}": _status(user_key in SEES_CITY),
        reverse("archive:unit_period", args=[period.pk, cast.ward.pk]): _status(sees),
        reverse("archive:send", args=[period.pk, cast.ward.pk]): _status(sends),
        reverse("archive:detail", args=[material.pk]): _status(sees),
        reverse("archive:file", args=[material.pk]): _status(sees),
        reverse("archive:preview", args=[material.pk]): _status(sees),
        reverse("archive:collection") + f"?cap={cast.city.pk}": _status(selects),
        reverse("archive:export", args=[export.pk]): _status(selects),
        reverse("archive:download", args=[links.download_token(export=export, user=user)]): (
            _status(selects)
        ),
    }
    for url, status in expect.items():
        assert client.get(url).status_code == status, url


@pytest.mark.parametrize("user_key", USERS)
def test_archive_actions_follow_the_unit_and_the_role(client, cast, world, user_key):
    _period, material, _export = world
    client.force_login(getattr(cast, user_key))
    selects, sends = user_key in SELECTS_FOR_CITY, user_key in SENDS_FOR_WARD
    fav = client.post(
        reverse("archive:favourite", args=[material.pk]), {"cap": cast.city.pk, "chon": "0"}
    )
    assert fav.status_code == _status(selects, 302)
    assert material.favourites.exists() is not selects
    build = client.post(reverse("archive:build"), {"cap": cast.city.pk, "nam": 2024})
    assert build.status_code == _status(selects, 302)
    consent = client.post(
        reverse("archive:consent", args=[material.pk]),
        {"revision": material.revision, "given_by": "Ông A", "given_on": "10/10/2023",
         "uses": ["portal"]},
    )  # fmt: skip
    assert consent.status_code == _status(sends, 302)
    kept = send_photo(cast, material.period, seed=92)  # not gone up: its unit may withdraw it
    withdraw = client.post(reverse("archive:withdraw", args=[kept.pk]), {"revision": 1})
    assert withdraw.status_code == _status(sends, 302)
    kept.refresh_from_db()
    assert (kept.status == "withdrawn") is sends
