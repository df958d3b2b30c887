"""A small publishing world on the cast: the seeds' programmes, outlets at every level and
a ward story sent to the district with a photo and consent for some channels."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from dienhinh.accounts.models import Membership, Role
from dienhinh.nominations.attachments import attachment_add
from dienhinh.nominations.publicity import consent_record
from dienhinh.nominations.workflow import (
    Content,
    nomination_accept,
    nomination_create,
    nomination_submit,
)
from dienhinh.testing import make_seed_programmes, make_unit, make_user
from dienhinh.units.models import UnitKind

from ..outlets import OutletSpec, outlet_create
from ..services import Choice, item_create

DAY = dt.date(2026, 11, 20)
ALL = ["loudspeaker", "portal", "newspaper", "radio_tv", "central", "social"]


def photo_upload(name="anh.jpg", colour="seagreen", size=(640, 480)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def send_story(
    w,
    headline="Anh Tâm cứu hai em nhỏ",
    name="Nguyễn Văn Tâm",
    *,
    unit=None,
    channels=ALL,
    photo=True,
    **content,
):
    unit = unit or w.cast.ward
    reporter = w.cast.ward_reporter if unit == w.cast.ward else w.cast.superuser
    nomination = nomination_create(
        actor=reporter,
        unit=unit,
        period=w.period,
        content=Content(
            headline=headline,
            story=f"{name} đã lao xuống sông cứu hai em nhỏ bị đuối nước.",
            full_name=name,
            **content,
        ),
    )
    if photo:
        attachment_add(
            actor=reporter, nomination=nomination, upload=photo_upload(), caption="Anh Tâm"
        )
    nomination = nomination_submit(
        actor=reporter, nomination=nomination, revision=nomination.revision
    )
    if channels:
        consent_record(
            actor=reporter,
            nomination=nomination,
            given_by=name,
            given_on=dt.date(2026, 11, 2),
            channels=list(channels),
        )
    return nomination


def accept(w, nomination):
    return nomination_accept(
        actor=w.cast.compiler, nomination=nomination, revision=nomination.revision
    )


def forward(w, *nominations):
    """Accept at the district and forward the list to the city."""
    from dienhinh.nominations.batches import batch_save

    accepted = [accept(w, n) if n.status != "accepted" else n for n in nominations]
    batch_save(
        actor=w.cast.compiler, period=w.period, revision=0, nominations=accepted, forward=True
    )
    return accepted[0] if len(accepted) == 1 else accepted


def choose(w, outlet, nominations, *, actor=None, unit=None):
    nominations = nominations if isinstance(nominations, list) else [nominations]
    return item_create(
        actor=actor or w.cast.ward_reporter,
        choice=Choice(outlet=outlet, nominations=nominations, acting_unit=unit or outlet.unit),
    )


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Rendered portal pages are cached under the portal's change counter, which restarts
    with every test's database: start each test with an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    w = SimpleNamespace(cast=cast)
    _city, district_programme = make_seed_programmes(cast, starts_on=dt.date(2026, 11, 1))
    w.period = district_programme.periods.get(key="2026-11")
    c = cast
    c.district_editor = make_user("district.editor", unit=c.district, role=Role.REPORTER)
    c.district_leader = make_user("district.leader", unit=c.district, role=Role.UNIT_LEADER)
    c.central_officer = make_user("central.officer", unit=c.central, role=Role.BOARD_OFFICER)
    Membership.objects.get_or_create(user=c.ward_reporter, unit=c.ward, role=Role.REPORTER)

    def outlet(unit, kind, name, **extra):
        return outlet_create(
            actor=c.superuser, unit=unit, spec=OutletSpec(kind=kind, name=name, **extra)
        )

    w.loudspeakers = outlet(
        c.ward,
        "loudspeaker",
        "Đài truyền thanh phường Hưng Đạo",
        address="FM 87,9 MHz",
        contact_email="truyenthanh@hungdao.vn",
    )
    w.ward_portal = outlet(c.ward, "e_portal", "Trang thông tin điện tử phường Hưng Đạo")
    w.district_portal = outlet(
        c.district,
        "e_portal",
        "Cổng thông tin điện tử quận Dương Kinh",
        address="https://duongkinh.haiphong.gov.vn",
        contact_email="banbientap@duongkinh.vn",
    )
    w.newspaper = outlet(
        c.city,
        "newspaper",
        "Báo Hải Phòng",
        address="https://baohaiphong.vn",
        contact_email="toasoan@baohaiphong.vn",
    )
    w.radio = outlet(c.city, "radio_tv", "Đài Phát thanh và Truyền hình Hải Phòng")
    w.dac_san = outlet(
        c.central,
        "periodical",
        "Đặc san Thi đua - Khen thưởng",
        contact_email="dacsan@btdkt.gov.vn",
    )
    w.other_outlet = outlet(c.other_ward, "loudspeaker", "Đài truyền thanh phường Vạn Hương")
    w.make_unit, w.kind = make_unit, UnitKind
    return w


@pytest.fixture
def story(world):
    return send_story(world)
