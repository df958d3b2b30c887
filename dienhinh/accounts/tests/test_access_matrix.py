"""Every URL of the site, walked with every role of the cast.

The expectations are written out by hand below (not derived from the scope code), so a
change in scope rules that is not also a change in this table fails here. A URL that is
added to the site without being classified here fails `test_every_url_is_classified`.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from dienhinh.audit.models import AuditEvent

# Written about November 2026: the periods these tests open are those of that month.
pytestmark = pytest.mark.clock(2026, 11, 20)

PUBLIC = {
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "set_language",
    # The public portal, its feeds and the sitemap (dienhinh/publishing/tests/test_portal.py).
    "portal:home",
    "portal:unit",
    "portal:unit_rss",
    "portal:unit_atom",
    "portal:outlet_rss",
    "portal:outlet_atom",
    "portal:story",
    "portal:story_short",
    "portal:photo",
    "portal:photo_thumbnail",
    "portal:embed",
    "portal:embed_script",
    "sitemap",
    "sitemap_section",
}
ANY_USER = {
    "home",
    "units:tree",
    "accounts:logout",
    "accounts:password_change",
    "accounts:password_change_done",
    "cycles:programme_list",
    "cycles:holidays",
    "notices:list",
    "dispatches:registry",
}
PROGRAMME_CREATE = {"cycles:programme_create"}
PROGRAMME_VIEW = {"cycles:programme_detail"}
UNIT_VIEW = {"units:detail", "units:children"}
UNIT_MANAGE = {
    "units:create_child",
    "units:edit_details",
    "units:rename",
    "units:move",
    "units:dissolve",
    "units:merge",
    "units:split",
    "accounts:members",
}
AUDIT = {"audit:events"}
OWN_NOTICES = {"notices:open"}  # the user's own only; 404 for anyone else's
DASHBOARD = {"dashboard:rollup", "dashboard:missing", "dashboard:export", "dashboard:unit"}
POST_ONLY = {
    "accounts:member_revoke",
    "accounts:member_carry_over",
    "cycles:holiday_remove",
    "nominations:step",
    "nominations:attachment_upload",
    "nominations:attachment_delete",
    "nominations:batch_item_decide",
    "nominations:consent",
    "cycles:expected_edit",
    "nominations:award_create",
    "nominations:award_delete",
    "nominations:late_exception",
    "nominations:media_select",
    "nominations:duplicate_link",
    "nominations:return",
    "notices:mark_all_read",
    "dispatches:discard",
    "system:mail_requeue",
    "dispatches:correct_text",
    "nominations:consent_withdraw",
}
NOMINATION_PAGES = {
    "nominations:review",
    "nominations:compile",
    "nominations:received_batch",
    "nominations:attachment_file",
    "nominations:attachment_thumbnail",
    "nominations:unit_period",
    "nominations:create",
    "nominations:nil",
    "nominations:detail",
    "nominations:edit",
}
# Walked role by role in dienhinh/dispatches/tests/test_access.py.
DISPATCH_PAGES = {
    "dispatches:upload",
    "dispatches:detail",
    "dispatches:review",
    "dispatches:programme",
    "dispatches:original",
    "dispatches:reading_status",
    "dispatches:page_image",
}
# Walked role by role in dienhinh/documents/tests/test_access.py.
DOCUMENT_PAGES = {
    "documents:source",
    "documents:word",
    "documents:pdf",
    "documents:pdf_file",
    "documents:signed_upload",
    "documents:signed_file",
    "documents:period_xlsx",
    "documents:settings",
    "documents:template_upload",
    "documents:template_reset",
    "documents:template_file",
}
# Walked role by role in dienhinh/system/tests/test_views.py.
SYSTEM_PAGES = {"system:status"}
# Walked role by role in dienhinh/publishing/tests/test_access.py.
PUBLISHING_PAGES = {
    "publishing:desk",
    "publishing:choose",
    "publishing:outlets",
    "publishing:outlet_edit",
    "publishing:item",
    "publishing:item_photos",
    "publishing:item_photo",
    "publishing:item_schedule",
    "publishing:item_publish",
    "publishing:item_evidence",
    "publishing:item_withdraw",
    "publishing:item_step",
    "publishing:evidence_file",
    "publishing:bulletin_create",
    "publishing:bulletin",
    "publishing:bulletin_audio",
    "publishing:bulletin_listen",
    "publishing:bulletin_docx",
    "publishing:bulletin_broadcast",
    "publishing:report",
    "publishing:report_xlsx",
}
# Walked role by role in dienhinh/archive/tests/test_access.py.
ARCHIVE_PAGES = {
    "archive:album",
    "archive:unit_period",
    "archive:send",
    "archive:detail",
    "archive:file",
    "archive:preview",
    "archive:withdraw",
    "archive:consent",
    "archive:favourite",
    "archive:collection",
    "archive:build",
    "archive:export",
    "archive:download",
}
DJANGO_ADMIN_NAMESPACE = "admin"

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
UNITS = ["ward", "district", "other_ward", "city"]

# Which of the tested units each user may see.
SEES = {
    "ward_reporter": {"ward"},
    "ward_leader": {"ward"},
    "compiler": {"ward", "district"},
    "city_officer": {"ward", "district", "other_ward", "city"},
    "city_admin": {"ward", "district", "other_ward", "city"},
    "outsider": {"other_ward"},
    "nobody": set(),
    "superuser": {"ward", "district", "other_ward", "city"},
}
MANAGES = {
    "city_admin": {"ward", "district", "other_ward", "city"},
    "superuser": {"ward", "district", "other_ward", "city"},
}
READS_AUDIT = {"ward_leader", "city_admin", "superuser"}


def _names(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _names(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}"


def test_every_url_is_classified():
    classified = (
        PUBLIC
        | ANY_USER
        | UNIT_VIEW
        | UNIT_MANAGE
        | AUDIT
        | POST_ONLY
        | PROGRAMME_CREATE
        | PROGRAMME_VIEW
        | NOMINATION_PAGES
        | OWN_NOTICES
        | DASHBOARD
        | DISPATCH_PAGES
        | DOCUMENT_PAGES
        | SYSTEM_PAGES
        | PUBLISHING_PAGES
        | ARCHIVE_PAGES
    )
    site = {n for n in _names(get_resolver().url_patterns) if not n.startswith("admin:")}
    assert site - classified == set(), "classify the new URL in this test"


def _login(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("user_key", USERS)
def test_unit_pages_are_open_exactly_to_the_units_in_scope(client, cast, user_key):
    _login(client, getattr(cast, user_key))
    for unit_key in UNITS:
        unit = getattr(cast, unit_key)
        for name in sorted(UNIT_VIEW):
            status = client.get(reverse(name, args=[unit.pk])).status_code
            expected = 200 if unit_key in SEES[user_key] else 403
            assert status == expected, (name, user_key, unit_key)


@pytest.mark.parametrize("user_key", USERS)
def test_restructuring_pages_are_open_only_to_administrators_of_the_unit(client, cast, user_key):
    _login(client, getattr(cast, user_key))
    for unit_key in UNITS:
        unit = getattr(cast, unit_key)
        for name in sorted(UNIT_MANAGE):
            status = client.get(reverse(name, args=[unit.pk])).status_code
            expected = 200 if unit_key in MANAGES.get(user_key, set()) else 403
            assert status == expected, (name, user_key, unit_key)


@pytest.mark.parametrize("user_key", USERS)
def test_the_audit_log_is_open_only_to_leaders_and_administrators(client, cast, user_key):
    _login(client, getattr(cast, user_key))
    status = client.get(reverse("audit:events")).status_code
    assert status == (200 if user_key in READS_AUDIT else 403)


@pytest.mark.parametrize("user_key", USERS)
def test_pages_without_a_unit_open_for_every_logged_in_user(client, cast, user_key):
    _login(client, getattr(cast, user_key))
    for name in [
        "home",
        "units:tree",
        "accounts:password_change",
        "cycles:programme_list",
        "cycles:holidays",
    ]:
        assert client.get(reverse(name)).status_code == 200, name


def test_an_anonymous_visitor_is_sent_to_the_login_page_everywhere_but_public_pages(client, cast):
    login = reverse("accounts:login")
    for name in ["home", "units:tree", "audit:events", "accounts:password_change"]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(login), name
    for name in sorted(UNIT_VIEW | UNIT_MANAGE):
        response = client.get(reverse(name, args=[cast.ward.pk]))
        assert response.status_code == 302 and response["Location"].startswith(login), name
    for name in ["accounts:login", "accounts:password_reset", "accounts:password_reset_done"]:
        assert client.get(reverse(name)).status_code == 200, name


def test_a_refused_access_is_logged_with_the_user_and_the_unit(client, cast):
    _login(client, cast.outsider)
    response = client.get(reverse("units:detail", args=[cast.ward.pk]))
    assert response.status_code == 403
    event = AuditEvent.objects.get(action="access.denied")
    assert event.actor == cast.outsider
    assert event.unit == cast.ward
    assert event.changes["path"] == reverse("units:detail", args=[cast.ward.pk])


def test_a_reporter_posting_a_rename_of_their_own_unit_is_refused_and_nothing_changes(client, cast):
    _login(client, cast.ward_reporter)
    response = client.post(
        reverse("units:rename", args=[cast.ward.pk]),
        {"name": "Phường Đổi Tên", "on": "2024-01-01"},
    )
    assert response.status_code == 403
    cast.ward.refresh_from_db()
    assert cast.ward.name == "Phường Hưng Đạo"


def test_the_django_admin_is_closed_to_non_staff_users(client, cast):
    _login(client, cast.city_admin)
    response = client.get("/quan-tri/")
    assert response.status_code == 302
    assert "/quan-tri/login/" in response["Location"]


@pytest.mark.parametrize("user_key", USERS)
def test_withdrawing_a_role_is_allowed_only_to_administrators_of_the_unit(client, cast, user_key):
    from dienhinh.accounts.models import Membership

    membership = Membership.objects.get(user=cast.ward_leader, unit=cast.ward)
    _login(client, getattr(cast, user_key))
    response = client.post(reverse("accounts:member_revoke", args=[cast.ward.pk, membership.pk]))
    allowed = "ward" in MANAGES.get(user_key, set())
    assert response.status_code == (302 if allowed else 403)
    assert Membership.objects.filter(pk=membership.pk).exists() is not allowed


CREATES_PROGRAMMES = {"compiler", "city_officer", "city_admin", "superuser"}
# The district's programme: run by the district, expecting its wards.
SEES_DISTRICT_PROGRAMME = {
    "ward_reporter",
    "ward_leader",
    "compiler",
    "city_officer",
    "city_admin",
    "superuser",
}


@pytest.fixture
def district_programme(cast):
    import datetime as dt

    from dienhinh.cycles.services import ProgrammeSpec, programme_create

    spec = ProgrammeSpec(
        title="Hằng tháng",
        cadence="monthly",
        starts_on=dt.date(2026, 1, 1),
        expected_kinds=["ward"],
        unit_relation="on",
        unit_day=15,
    )
    return programme_create(actor=cast.compiler, owner=cast.district, spec=spec)


@pytest.mark.parametrize("user_key", USERS)
def test_programme_pages_follow_the_scope_of_the_programme(
    client, cast, district_programme, user_key
):
    _login(client, getattr(cast, user_key))
    create = client.get(reverse("cycles:programme_create")).status_code
    assert create == (200 if user_key in CREATES_PROGRAMMES else 403)
    detail = client.get(reverse("cycles:programme_detail", args=[district_programme.pk]))
    assert detail.status_code == (200 if user_key in SEES_DISTRICT_PROGRAMME else 403)


@pytest.mark.parametrize("user_key", USERS)
def test_only_system_administrators_remove_holidays(client, cast, user_key):
    from dienhinh.cycles.models import Holiday

    holiday = Holiday.objects.first()
    _login(client, getattr(cast, user_key))
    response = client.post(reverse("cycles:holiday_remove", args=[holiday.pk]))
    allowed = user_key == "superuser"
    assert response.status_code == (302 if allowed else 403)
    assert Holiday.objects.filter(pk=holiday.pk).exists() is not allowed


ENTERS_FOR_WARD = {"ward_reporter", "ward_leader", "city_admin", "superuser"}
REVIEWS_FOR_DISTRICT = {"compiler", "city_officer", "city_admin", "superuser"}


@pytest.fixture
def ward_nomination(cast, district_programme, settings, tmp_path):
    """A nomination of the ward, with one photo, sent to the district."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from dienhinh.nominations.attachments import attachment_add
    from dienhinh.nominations.workflow import Content, nomination_create, nomination_submit

    settings.MEDIA_ROOT = tmp_path
    period = district_programme.periods.order_by("-starts_on").first()
    nomination = nomination_create(
        actor=cast.ward_reporter,
        unit=cast.ward,
        period=period,
        content=Content(headline="Gương sáng", story="Câu chuyện", full_name="Lê Văn B"),
    )
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(buffer, "PNG")
    photo = SimpleUploadedFile("anh.png", buffer.getvalue(), content_type="image/png")
    attachment_add(actor=cast.ward_reporter, nomination=nomination, upload=photo)
    return nomination_submit(
        actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
    )


@pytest.mark.parametrize("user_key", USERS)
def test_nomination_pages_follow_the_unit_and_the_programme(
    client, cast, ward_nomination, user_key
):
    _login(client, getattr(cast, user_key))
    period, ward = ward_nomination.period.pk, cast.ward.pk
    expect = {
        reverse("nominations:unit_period", args=[period, ward]): SEES_DISTRICT_PROGRAMME,
        reverse("nominations:create", args=[period, ward]): ENTERS_FOR_WARD,
        reverse("nominations:nil", args=[period, ward]): ENTERS_FOR_WARD,
        reverse("nominations:detail", args=[ward_nomination.pk]): SEES_DISTRICT_PROGRAMME,
        reverse("nominations:edit", args=[ward_nomination.pk]): ENTERS_FOR_WARD,
        reverse("nominations:review"): REVIEWS_FOR_DISTRICT,
    }
    photo = ward_nomination.attachments.get()
    for name in ("nominations:attachment_file", "nominations:attachment_thumbnail"):
        expect[reverse(name, args=[photo.pk])] = SEES_DISTRICT_PROGRAMME
    for url, allowed in expect.items():
        assert client.get(url).status_code == (200 if user_key in allowed else 403), url


@pytest.mark.parametrize("user_key", USERS)
def test_only_reviewers_of_the_programme_accept_or_return_a_nomination(
    client, cast, ward_nomination, user_key
):
    _login(client, getattr(cast, user_key))
    nomination = ward_nomination
    accept = client.post(
        reverse("nominations:step", args=[nomination.pk, "tiep-nhan"]),
        {"revision": nomination.revision},
    )
    allowed = user_key in REVIEWS_FOR_DISTRICT
    assert accept.status_code == (302 if allowed else 403)
    nomination.refresh_from_db()
    assert (nomination.status == "accepted") is allowed
    returned = client.post(
        reverse("nominations:return", args=[nomination.pk]),
        {"revision": nomination.revision, "reason": "Thiếu ảnh"},
    )
    assert returned.status_code == (302 if allowed else 403)


REVIEWS_FOR_CITY = {"city_officer", "city_admin", "superuser"}


@pytest.mark.parametrize("user_key", USERS)
def test_compiling_and_receiving_lists_is_for_the_reviewers_of_each_level(client, cast, user_key):
    import datetime as dt

    from dienhinh.nominations.batches import batch_forward, batch_open
    from dienhinh.testing import make_seed_programmes

    _city, district = make_seed_programmes(cast, starts_on=dt.date(2026, 11, 1))
    period = district.periods.get()
    batch = batch_open(actor=None, period=period)
    batch = batch_forward(actor=cast.compiler, batch=batch, revision=batch.revision)
    _login(client, getattr(cast, user_key))
    compile_page = client.get(reverse("nominations:compile", args=[period.pk]))
    assert compile_page.status_code == (200 if user_key in REVIEWS_FOR_DISTRICT else 403)
    received = client.get(reverse("nominations:received_batch", args=[batch.pk]))
    assert received.status_code == (200 if user_key in REVIEWS_FOR_CITY else 403)


SELECTS_FOR_MEDIA = {"city_officer", "city_admin", "superuser"}


@pytest.mark.parametrize("user_key", USERS)
def test_only_board_officers_choose_a_consented_nomination_for_the_media(
    client, cast, ward_nomination, user_key
):
    import datetime as dt

    from dienhinh.nominations.models import MediaSelection
    from dienhinh.nominations.publicity import consent_record
    from dienhinh.nominations.workflow import nomination_accept

    nomination = nomination_accept(
        actor=cast.compiler, nomination=ward_nomination, revision=ward_nomination.revision
    )
    consent_record(
        actor=cast.ward_reporter,
        nomination=nomination,
        given_by="Lê Văn B",
        given_on=dt.date(2026, 11, 1),
        channels=["portal"],
    )
    _login(client, getattr(cast, user_key))
    response = client.post(
        reverse("nominations:media_select", args=[nomination.pk]), {"channel": "portal"}
    )
    allowed = user_key in SELECTS_FOR_MEDIA
    assert response.status_code == (302 if allowed else 403)
    assert MediaSelection.objects.filter(nomination=nomination).exists() is allowed


# The dashboard of a unit is for those who compile for it (compilers, board officers and
# administrators there or above); a unit's timeliness for everyone who sees the unit. A user
# without a compiling role is sent from the dashboard's front page to their own unit's
# timeliness, and a user with no unit at all is refused (dienhinh/cycles/dashboard_views.py).
COMPILES_FOR = {
    "ward_reporter": set(),
    "ward_leader": set(),
    "compiler": {"ward", "district"},
    "city_officer": {"ward", "district", "other_ward", "city"},
    "city_admin": {"ward", "district", "other_ward", "city"},
    "outsider": set(),
    "nobody": set(),
    "superuser": {"ward", "district", "other_ward", "city"},
}


@pytest.mark.parametrize("user_key", USERS)
def test_the_dashboard_is_for_compilers_and_a_unit_record_for_whoever_sees_the_unit(
    client, cast, district_programme, user_key
):
    _login(client, getattr(cast, user_key))
    front = client.get(reverse("dashboard:rollup")).status_code
    compiles = bool(COMPILES_FOR[user_key])
    assert front == (200 if compiles else 302 if SEES[user_key] else 403)
    for unit_key in UNITS:
        unit = getattr(cast, unit_key)
        query = f"?don_vi={unit.pk}&ky=2026-10"
        allowed = unit_key in COMPILES_FOR[user_key]
        for name in ("dashboard:rollup", "dashboard:missing", "dashboard:export"):
            status = client.get(reverse(name) + query).status_code
            assert status == (200 if allowed else 403), (name, user_key, unit_key)
        record = client.get(reverse("dashboard:unit", args=[unit.pk])).status_code
        assert record == (200 if unit_key in SEES[user_key] else 403), (user_key, unit_key)
