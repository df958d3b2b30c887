import pytest
from django.urls import reverse

from dienhinh.archive import batching, selectors
from dienhinh.archive.services import material_withdraw
from dienhinh.common.errors import ApplicationError
from dienhinh.nominations.batches import batch_forward, batch_open

from .helpers import send_photo

pytestmark = pytest.mark.clock(2023, 10, 17, 9)


def test_the_district_forwards_chosen_material_and_the_city_sees_only_that(cast, cycle, client):
    period, city_period = cycle
    chosen = send_photo(
        cast, period, seed=81, title="Được chọn", day=__import__("datetime").date(2023, 10, 9)
    )
    kept = send_photo(cast, period, seed=82, title="Giữ lại ở quận")
    client.force_login(cast.compiler)
    batch = batch_open(actor=None, period=period)
    response = client.post(
        reverse("nominations:compile", args=[period.pk]),
        {"revision": batch.revision, "chon_tl": [chosen.pk], "forward": "1", "note": ""},
    )
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == "forwarded"
    assert list(batch.material_links.values_list("material_id", flat=True)) == [chosen.pk]
    city_album = selectors.received_by(cast.city)
    assert list(city_album) == [chosen]
    assert list(selectors.eligible_for(batch_open(actor=None, period=city_period))) == [chosen]
    assert kept in selectors.received_by(cast.district)
    client.force_login(cast.city_officer)
    page = client.get(reverse("nominations:received_batch", args=[batch.pk])).content.decode()
    assert "Được chọn" in page and "Giữ lại ở quận" not in page


def test_material_of_another_period_cannot_go_up_with_the_list(cast, cycle):
    period, city_period = cycle
    district_own = send_photo(cast, city_period, seed=83, unit=cast.district, actor=cast.compiler)
    with pytest.raises(ApplicationError):
        batching.batch_set_materials(
            actor=cast.compiler,
            batch=batch_open(actor=None, period=period),
            materials=[district_own],
        )


def test_a_forwarded_list_keeps_its_material_and_the_ward_can_no_longer_withdraw(cast, cycle):
    period, _city = cycle
    material = send_photo(cast, period, seed=84)
    batch = batch_open(actor=None, period=period)
    batching.batch_set_materials(actor=cast.compiler, batch=batch, materials=[material])
    batch = batch_forward(actor=cast.compiler, batch=batch, revision=batch.revision)
    with pytest.raises(ApplicationError):
        batching.batch_set_materials(actor=cast.compiler, batch=batch, materials=[])
    with pytest.raises(ApplicationError):
        material_withdraw(actor=cast.ward_reporter, material=material, revision=material.revision)
    material.refresh_from_db()
    assert material.status == "sent"


def test_the_units_period_page_counts_its_material(cast, cycle, client):
    period, _city = cycle
    send_photo(cast, period, seed=85)
    client.force_login(cast.ward_reporter)
    page = client.get(reverse("nominations:unit_period", args=[period.pk, cast.ward.pk]))
    text = page.content.decode()
    assert reverse("archive:send", args=[period.pk, cast.ward.pk]) in text
    assert "Kỳ này đã gửi 1" in text or "1 sent this period" in text
