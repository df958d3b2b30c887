"""Today's cycle on today's tree, so every demo account the README names has something to
do on the day `make run` is run: Phường Dương Kinh and Phường Hưng Đạo report to the city
since 1/7/2025, and the city forwards to the central board.

- last month: both wards sent an example with a photo and the people's consent; the city's
  compiler accepted them but has not forwarded the list yet (hp.tonghop: a list to
  forward); the board officer chose one for Báo Hải Phòng and proposed the other to the
  central board's Đặc san (hp.canbo: a story to finish and another to choose; tw.canbo: a
  proposal to take up);
- this month: Phường Dương Kinh has a draft without its photo (pdk.baocao: a draft to
  finish); Phường Hưng Đạo sent one, which waits for its leader's confirmation and the
  city's review (phd.lanhdao, hp.tonghop), and had another returned for completion
  (phd.baocao).

Idempotent: a month already played for these wards is left as it is. The people are
illustrative; the actions go through the same services as the pages, at the moment they
would have happened.
"""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from dienhinh.accounts.models import User
from dienhinh.archive.sample_material import picture
from dienhinh.common.dates import today
from dienhinh.cycles.models import Period, Programme
from dienhinh.cycles.services import periods_open_due
from dienhinh.nominations.attachments import attachment_add
from dienhinh.nominations.content import Content
from dienhinh.nominations.models import Nomination
from dienhinh.nominations.publicity import consent_record
from dienhinh.nominations.workflow import (
    nomination_accept,
    nomination_create,
    nomination_return,
    nomination_submit,
)
from dienhinh.publishing import services as publishing
from dienhinh.publishing.models import Outlet
from dienhinh.units.models import Unit

WARDS = ("pdk", "phd")
EVERY_CHANNEL = ["loudspeaker", "portal", "newspaper", "radio_tv", "central"]


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _month_before(period: Period) -> Period | None:
    return period.programme.periods.filter(ends_on=period.starts_on - dt.timedelta(days=1)).first()


def _played(period: Period, wards: list[Unit]) -> bool:
    return Nomination.objects.filter(period=period, unit__in=wards).exists()


def _example(slug: str, ward: Unit, period: Period, content: Content, *, photo: int | None):
    """A nomination of the ward, with a generated photo when `photo` is a seed."""
    reporter = _user(f"{slug}.baocao")
    nomination = nomination_create(actor=reporter, unit=ward, period=period, content=content)
    if photo is not None:
        upload = SimpleUploadedFile(f"anh-{photo}.jpg", picture(photo, content.headline))
        attachment_add(
            actor=reporter, nomination=nomination, upload=upload, caption=content.full_name
        )
    return Nomination.objects.get(pk=nomination.pk)


def _send(slug: str, nomination: Nomination) -> Nomination:
    return nomination_submit(
        actor=_user(f"{slug}.baocao"),
        nomination=nomination,
        revision=nomination.revision,
        missing_confirmed=True,
    )


def _last_month(t: dict, period: Period) -> None:
    from .scenario import clock

    day = period.starts_on
    compiler, officer = _user("hp.tonghop"), _user("hp.canbo")
    with clock(day.year, day.month, 8, 9):
        mai = _example(
            "pdk",
            t["pdk"],
            period,
            Content(
                headline="Bà Mai mở lớp học tình thương cho trẻ em khó khăn",
                full_name="Vũ Thị Mai",
                birth_year=1962,
                position="Hội viên Hội Cựu giáo chức phường",
                field="education",
                story="Bảy năm nay, bà Mai dạy miễn phí cho hơn 40 em nhỏ trong phường.",
            ),
            photo=71,
        )
        hung = _example(
            "phd",
            t["phd"],
            period,
            Content(
                headline="Anh Hùng dập lửa cứu nhà hàng xóm",
                full_name="Đặng Văn Hùng",
                birth_year=1988,
                field="security",
                story=(
                    "Thấy khói bốc lên lúc nửa đêm, anh Hùng phá cửa, dập lửa và đưa hai cụ già "
                    "ra ngoài an toàn."
                ),
            ),
            photo=72,
        )
        for slug, nomination in (("pdk", mai), ("phd", hung)):
            consent_record(
                actor=_user(f"{slug}.baocao"),
                nomination=nomination,
                given_by=nomination.full_name,
                given_on=day.replace(day=7),
                channels=EVERY_CHANNEL,
            )
        mai, hung = _send("pdk", mai), _send("phd", hung)
    with clock(day.year, day.month, 14, 10):
        mai = nomination_accept(actor=compiler, nomination=mai, revision=mai.revision)
        hung = nomination_accept(actor=compiler, nomination=hung, revision=hung.revision)
    with clock(day.year, day.month, 16, 9):
        paper = Outlet.objects.get(unit=t["city"], name="Báo Hải Phòng")
        publishing.item_create(
            actor=officer,
            choice=publishing.Choice(outlet=paper, nominations=[hung], acting_unit=t["city"]),
        )
        dac_san = Outlet.objects.get(unit=t["central"], name="Đặc san Thi đua - Khen thưởng")
        publishing.item_create(
            actor=officer,
            choice=publishing.Choice(outlet=dac_san, nominations=[mai], acting_unit=t["city"]),
        )


def _this_month(t: dict, period: Period) -> None:
    _example(
        "pdk",
        t["pdk"],
        period,
        Content(
            headline="Tổ dân phố số 3 giữ đường làng xanh, sạch",
            subject_kind="collective",
            collective_name="Tổ dân phố số 3, Phường Dương Kinh",
            collective_size=120,
            field="environment",
            story="Mỗi sáng chủ nhật, cả tổ cùng quét dọn, trồng hoa dọc đường làng.",
        ),
        photo=None,  # the photo is still to come: the draft to finish
    )
    sent = _example(
        "phd",
        t["phd"],
        period,
        Content(
            headline="Cô giáo Lan tự nguyện dạy bơi cho học sinh",
            full_name="Ngô Thị Lan",
            birth_year=1985,
            position="Giáo viên Trường Tiểu học Hưng Đạo",
            field="education",
            story="Mùa hè này cô Lan dạy bơi miễn phí cho 60 học sinh của trường.",
        ),
        photo=73,
    )
    _send("phd", sent)
    returned = _send(
        "phd",
        _example(
            "phd",
            t["phd"],
            period,
            Content(
                headline="Ông Tư hiến đất mở đường",
                full_name="Lê Văn Tư",
                field="social",
                story="Ông Tư hiến 200 m² đất.",
            ),
            photo=74,
        ),
    )
    nomination_return(
        actor=_user("hp.tonghop"),
        nomination=returned,
        revision=returned.revision,
        reason="Bổ sung năm sinh của ông Tư và kể rõ con đường phục vụ bao nhiêu hộ dân.",
    )


def play_today(t: dict) -> None:
    """Play last month and this month for the new wards, unless already played."""
    programme = Programme.objects.filter(owner=t["city"], parent__isnull=False).first()
    if programme is None:
        return  # a database from before the central programme existed: nothing to play
    periods_open_due(today=today())
    current = programme.periods.filter(starts_on__lte=today(), ends_on__gte=today()).first()
    wards = [t[slug] for slug in WARDS]
    previous = _month_before(current) if current else None
    if previous is not None and not _played(previous, wards):
        _last_month(t, previous)
    if current is not None and not _played(current, wards):
        _this_month(t, current)
