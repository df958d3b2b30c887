"""The dispatch pages, as a user drives them: upload, check, register, programme, relay."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from dienhinh.cycles.models import Programme
from dienhinh.dispatches.models import Dispatch, Status

from .conftest import CITY_TEXT, DISTRICT_TEXT, SAMPLES, register

pytestmark = pytest.mark.django_db


def _upload(client, unit, data: bytes, name: str, direction="outgoing"):
    return client.post(
        reverse("dispatches:upload"),
        {"unit": unit.pk, "direction": direction, "file": SimpleUploadedFile(name, data)},
    )


def test_uploading_the_district_seed_shows_its_fields_and_the_mistyped_address(client, cast):
    client.force_login(cast.compiler)
    response = _upload(client, cast.district, DISTRICT_TEXT, "cv-ubnd-nv.txt")
    draft = Dispatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dispatches:review", args=[draft.pk])
    page = client.get(response["Location"]).content.decode()
    assert "ỦY BAN NHÂN DÂN QUẬN DƯƠNG KINH" in page
    assert "Nguyễn Minh Phương" in page
    assert "noivuduongkinh@gmail.com" in page  # the suggestion
    assert "có vẻ bị gõ nhầm" in page
    assert 'class="dh-mark dh-deadlines"' in page  # the deadlines are highlighted in the text


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "trong.txt", "Tệp trống"),
        (
            b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
            "anh-doi-ten.txt",
            "không phải là tệp văn bản",
        ),
        (b"not a zip at all", "cong-van.docx", ".docx"),
    ],
    ids=["an empty file", "a binary renamed .txt", "a .docx that is not a zip"],
)
def test_a_bad_upload_gets_a_vietnamese_message_and_stores_nothing(
    client, cast, data, name, message
):
    client.force_login(cast.compiler)
    response = _upload(client, cast.district, data, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Dispatch.objects.exists()


def test_an_upload_over_the_limit_is_refused_before_it_is_read(client, cast, settings):
    settings.DISPATCH_MAX_UPLOAD_MB = 1
    client.force_login(cast.compiler)
    response = _upload(client, cast.district, b"a" * (1024 * 1024 + 10), "to.txt")
    assert "1 MB" in response.content.decode()
    assert not Dispatch.objects.exists()


def test_registering_after_correcting_the_number(client, cast):
    client.force_login(cast.compiler)
    _upload(client, cast.district, CITY_TEXT, "785.txt", direction="incoming")
    draft = Dispatch.objects.get()
    form = client.get(reverse("dispatches:review", args=[draft.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({"number": "785/BTĐKT-THHC", "document_date": "12/09/2023"})
    response = client.post(reverse("dispatches:review", args=[draft.pk]), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.REGISTERED
    assert draft.document_date == dt.date(2023, 9, 12)
    assert draft.references.get().number == "2306/BTĐKT-TTTT-TT"


def test_the_district_seed_proposes_its_programme_and_flags_the_17th_after_the_15th(
    client, cast, city_dispatch
):
    own = register(cast.compiler, cast.district, DISTRICT_TEXT, number="1520/UBND-NV")
    client.force_login(cast.compiler)
    page = client.get(reverse("dispatches:programme", args=[own.pk]))
    form = page.context["form"]
    assert form.initial["unit_relation"] == "on" and form.initial["unit_day"] == 15
    assert form.initial["forward_relation"] == "on" and form.initial["forward_day"] == 17
    assert form.initial["cadence"] == "monthly" and form.initial["quota"] == 1
    ticked = set(form.initial["addressees"])
    assert {cast.ward.pk, cast.ward2.pk, cast.office.pk} <= ticked
    html = page.content.decode()
    assert "Hạn không khớp" in html
    assert "785/BTĐKT-THHC" in html
    assert page.context["suggestion"].forward_day == 14


def test_saving_with_the_conflict_needs_a_second_confirmation(client, cast, city_dispatch):
    own = register(cast.compiler, cast.district, DISTRICT_TEXT, number="1520/UBND-NV")
    client.force_login(cast.compiler)
    url = reverse("dispatches:programme", args=[own.pk])
    initial = client.get(url).context["form"].initial
    data = {
        "as": cast.district.pk,
        "addressees": [cast.ward.pk, cast.ward2.pk],
        "title": initial["title"],
        "cadence": "monthly",
        "quota": 1,
        "starts_on": "01/11/2026",
        "unit_relation": "on",
        "unit_day": 15,
        "forward_relation": "on",
        "forward_day": 17,
        "roll": "keep",
    }
    first = client.post(url, data)
    assert first.status_code == 200 and first.context["warnings"]
    assert not Programme.objects.filter(owner=cast.district).exists()
    second = client.post(url, {**data, "confirm_warnings": "true"})
    assert second.status_code == 302
    own.refresh_from_db()
    assert own.programme.owner == cast.district
    assert own.programme.parent == city_dispatch.programme
    assert own.parent == city_dispatch


def test_a_ward_sees_the_relay_addressed_to_it_in_its_registry(client, cast, city_dispatch):
    from dienhinh.cycles.services import ProgrammeSpec
    from dienhinh.dispatches import services

    services.dispatch_relay(
        actor=cast.compiler,
        parent=city_dispatch,
        sender=cast.district,
        spec=services.RelaySpec(
            programme=ProgrammeSpec(
                title="Hằng tháng",
                cadence="monthly",
                starts_on=dt.date(2026, 11, 1),
                unit_relation="on",
                unit_day=10,
                forward_relation="before",
                forward_day=15,
            ),
            addressees=[cast.ward],
            number="15/UBND-NV",
        ),
    )
    client.force_login(cast.ward_reporter)
    page = client.get(
        reverse("dispatches:registry"), {"direction": "incoming", "unit": cast.ward.pk}
    )
    assert "15/UBND-NV" in page.content.decode()
    client.force_login(cast.outsider)
    assert "15/UBND-NV" not in client.get(reverse("dispatches:registry")).content.decode()


def test_the_registry_search_ignores_diacritics_and_filters_by_year(client, cast, city_dispatch):
    client.force_login(cast.city_officer)
    url = reverse("dispatches:registry")
    assert "785/BTĐKT-THHC" in client.get(url, {"q": "tang cuong TUYEN TRUYEN"}).content.decode()
    assert "785/BTĐKT-THHC" in client.get(url, {"q": "785/btdkt"}).content.decode()
    assert "785/BTĐKT-THHC" not in client.get(url, {"q": "cai cach hanh chinh"}).content.decode()
    assert "785/BTĐKT-THHC" in client.get(url, {"year": 2026}).content.decode()
    assert "785/BTĐKT-THHC" not in client.get(url, {"year": 2024}).content.decode()
    assert "785/BTĐKT-THHC" in client.get(url, {"subject": "thi đua yêu nước"}).content.decode()


def test_parse_dispatch_prints_the_schema_as_json(capsys):
    call_command("parse_dispatch", str(SAMPLES / "district-UBND-NV-duong-kinh.txt"), "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["emails"][0]["suggestion"] == "gmail.com"
    assert out["references"][0]["number"] == "785/BTĐKT-THHC"
    assert "spans" not in out


def test_parse_dispatch_prints_a_list_for_several_files(capsys):
    files = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    call_command("parse_dispatch", *files, "--json")
    out = json.loads(capsys.readouterr().out)
    assert isinstance(out, list) and len(out) == 2


def test_parse_dispatch_says_why_a_file_cannot_be_read_and_fails(tmp_path, capsys):
    from django.core.management.base import CommandError

    empty = tmp_path / "trong.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError):
        call_command("parse_dispatch", str(empty), "--json")
    assert "Tệp trống" in capsys.readouterr().err


def test_the_original_is_named_and_typed_by_its_content_whatever_name_it_was_kept_under(
    client, cast
):
    from dienhinh.dispatches.models import Dispatch

    from .conftest import CITY_TEXT, register

    dispatch = register(cast.compiler, cast.district, CITY_TEXT, direction="incoming")
    # A name that would make a browser render the text as a page, as older rows may hold.
    Dispatch.objects.filter(pk=dispatch.pk).update(file_name="785-BTDKT.html")
    client.force_login(cast.compiler)
    response = client.get(reverse("dispatches:original", args=[dispatch.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"] == 'attachment; filename="785-BTDKT.txt"'
    assert b"".join(response.streaming_content) == CITY_TEXT
