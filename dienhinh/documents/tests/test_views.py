"""The documents pages through HTTP: the list's documents, the PDF's progress fragment,
the signed copy, the period's workbook and a unit's settings page."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from dienhinh.documents.models import DocumentSettings, SignedCopy
from dienhinh.documents.tests.conftest import LONG_NAME, long_story
from dienhinh.documents.tests.docx_reading import read
from dienhinh.documents.tests.test_signed import pdf_bytes
from dienhinh.nominations.models import Nomination


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_list_page_offers_the_dispatch_and_the_list_in_word_and_pdf(
    client, cast, settings_done, october
):
    client.force_login(cast.compiler)
    page = html(client.get(reverse("documents:source", args=["danh-sach", october.pk])))
    assert "Công văn gửi danh sách" in page and "Danh sách trích ngang (kèm theo)" in page
    assert reverse("documents:word", args=["danh-sach", october.pk, "cong-van"]) in page
    assert "Tạo bản PDF" in page
    response = client.get(reverse("documents:word", args=["danh-sach", october.pk, "danh-sach"]))
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert "danh-sach-trich-ngang-2023-10" in response["Content-Disposition"]
    assert LONG_NAME in "\n".join(
        c.text for c in read(response.content).tables[-1].columns[1].cells
    )


def test_a_unit_without_settings_sees_what_to_fill_in_with_a_link(client, cast, october):
    client.force_login(cast.city_admin)
    page = html(client.get(reverse("documents:source", args=["danh-sach", october.pk])))
    assert "chưa thiết lập văn bản" in page and "ký hiệu công văn" in page
    assert reverse("documents:settings", args=[cast.district.pk]) in page
    response = client.get(reverse("documents:word", args=["danh-sach", october.pk, "cong-van"]))
    assert response.status_code == 302  # back to the page, with the message


def test_asking_for_the_pdf_shows_its_progress_while_the_worker_converts(
    client, cast, settings_done, october, django_capture_on_commit_callbacks, settings
):
    settings.DOCUMENTS_SOFFICE = "true"  # a converter that makes no PDF: the job fails
    client.force_login(cast.compiler)
    url = reverse("documents:pdf", args=["danh-sach", october.pk, "cong-van"])
    with django_capture_on_commit_callbacks(execute=False):
        fragment = html(client.post(url, HTTP_HX_REQUEST="true"))
    assert "Đang tạo bản PDF" in fragment and 'hx-trigger="every 2s"' in fragment
    polled = html(client.get(url, HTTP_HX_REQUEST="true"))
    assert "Đang tạo bản PDF" in polled


def test_a_signed_copy_is_uploaded_from_the_page_and_replaces_the_drafts(
    client, cast, settings_done, october, clock
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    clock(2023, 10, 18, 10)
    client.force_login(cast.compiler)
    url = reverse("documents:signed_upload", args=["danh-sach", october.pk])
    response = client.post(
        url,
        {
            "number": "125/UBND-NV",
            "date": "17/10/2023",
            "file": SimpleUploadedFile("ky.pdf", pdf_bytes()),
        },
    )
    assert response.status_code == 302
    copy = SignedCopy.objects.get()
    page = html(client.get(reverse("documents:source", args=["danh-sach", october.pk])))
    assert "Đã ký và vào sổ số 125/UBND-NV ngày 17/10/2023" in page
    assert reverse("documents:signed_file", args=[copy.pk]) in page
    again = client.get(
        reverse("documents:word", args=["danh-sach", october.pk, "cong-van"]), follow=True
    )
    assert "không lập lại dự thảo" in again.content.decode()
    assert client.get(reverse("documents:signed_file", args=[copy.pk])).status_code == 200


def test_the_periods_workbook_lists_every_nomination_as_text_ready_to_print(
    client, cast, settings_done, october
):
    Nomination.objects.filter(full_name="Nguyễn Văn Tâm").update(headline="=1+1 Cứu người")
    client.force_login(cast.compiler)
    response = client.get(reverse("documents:period_xlsx", args=[october.period_id]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Danh sách gương", "Tình hình báo cáo"]
    sheet = book["Danh sách gương"]
    assert [c.value for c in sheet[3]][:3] == ["STT", "Đơn vị", "Họ và tên / Tập thể"]
    assert sheet.freeze_panes == "A4"
    assert sheet.column_dimensions["I"].width == 60
    assert sheet.page_setup.orientation == "landscape"
    rows = {r[2]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows[LONG_NAME][8] == long_story()
    headline = next(c for c in sheet["H"] if c.value == "=1+1 Cứu người")
    assert headline.data_type == "s" and headline.quotePrefix
    table = {r[1]: r for r in book["Tình hình báo cáo"].iter_rows(min_row=4, values_only=True)}
    assert table["Phường Anh Dũng"][4] == "Chưa gửi"
    assert table["Phường Hưng Đạo"][5] == 2


def test_the_administrator_fills_in_the_settings_and_a_reporter_only_reads_them(client, cast):
    url = reverse("documents:settings", args=[cast.ward.pk])
    client.force_login(cast.city_admin)
    response = client.post(
        url,
        {
            "body_name": "ỦY BAN NHÂN DÂN\nPHƯỜNG HƯNG ĐẠO",
            "symbol": "ubnd",
            "place_name": "Hưng Đạo",
            "signing_mode": "tm",
            "authority": "ỦY BAN NHÂN DÂN",
            "signer_title": "CHỦ TỊCH",
            "signer_name": "Đỗ Văn Thành",
        },
    )
    assert response.status_code == 302
    assert DocumentSettings.objects.get(unit=cast.ward).symbol == "UBND"
    client.force_login(cast.ward_reporter)
    page = html(client.get(url))
    assert "Đỗ Văn Thành" in page and '<form method="post" class="card' not in page


def test_a_bad_setting_is_shown_next_to_its_field_and_nothing_is_saved(client, cast):
    client.force_login(cast.city_admin)
    page = html(
        client.post(
            reverse("documents:settings", args=[cast.ward.pk]),
            {"symbol": "12/UBND", "place_name": "Hưng Đạo", "signing_mode": "direct"},
        )
    )
    assert "Ghi ký hiệu như trong sổ văn thư" in page
    assert not DocumentSettings.objects.exists()


def test_a_template_that_is_not_word_is_refused_on_the_page(client, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cast.city_admin)
    response = client.post(
        reverse("documents:template_upload", args=[cast.district.pk]),
        {"template": "summary:", "file": SimpleUploadedFile("mau.docx", b"not a zip")},
        follow=True,
    )
    assert "không phải văn bản Word" in response.content.decode()
