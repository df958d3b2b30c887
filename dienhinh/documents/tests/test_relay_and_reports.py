"""The relay dispatch (like seed 002 citing 785/BTĐKT-THHC) and the achievement reports, in
the template of the decree in force on their date."""

import datetime as dt

import pytest

from dienhinh.common.errors import ApplicationError
from dienhinh.documents import contexts
from dienhinh.documents.legal import basis_on
from dienhinh.documents.tests.conftest import DIACRITICS, LONG_NAME, long_story
from dienhinh.documents.tests.docx_reading import find, mm, read, run_look, texts
from dienhinh.nominations.models import Nomination


def test_the_relay_cites_the_parent_and_gives_the_addressees_deadlines_and_email(
    cast, settings_done, relay
):
    letter = read(contexts.relay(relay).render())
    assert find(letter, "V/v ").text == (
        "V/v tăng cường công tác tuyên truyền phong trào thi đua yêu nước, điển hình tiên tiến"
    )
    assert find(letter, "Dương Kinh, ngày").text == "Dương Kinh, ngày 20 tháng 9 năm 2023"
    body = texts(letter)
    start = body.index("Kính gửi:")
    assert body[start + 1 : start + 3] == ["- Phường Hưng Đạo;", "- Phường Anh Dũng."]
    received = find(letter, "Ủy ban nhân dân quận Dương Kinh nhận được")
    assert "Công văn số 785/BTĐKT-THHC ngày 12/9/2023" in received.text
    assert "về việc tăng cường công tác tuyên truyền" in received.text
    assert "tối thiểu 01 gương" in find(letter, "1. Hằng tháng,").text
    second = find(letter, "2. Danh sách và báo cáo thành tích").text
    assert "(qua Phòng Nội vụ) vào ngày 15 hằng tháng" in second
    assert second.endswith("hòm thư điện tử: noivuduongkinh@gmail.com.")
    assert find(letter, "Phòng Nội vụ có trách nhiệm tổng hợp").text.endswith(
        "vào ngày 17 hằng tháng."
    )
    attached = find(letter, "(Gửi kèm Công văn số 785/BTĐKT-THHC ngày 12/9/2023")
    assert run_look(attached)[2]  # italic
    assert "TM. ỦY BAN NHÂN DÂN" in texts(letter)


def test_only_an_outgoing_relay_is_drafted_as_a_relay(cast, settings_done, city_785):
    with pytest.raises(ApplicationError):
        contexts.relay(city_785)


@pytest.mark.parametrize(
    ("day", "key"),
    [
        (dt.date(2023, 10, 12), "nd91-2017"),
        (dt.date(2023, 12, 30), "nd91-2017"),
        (dt.date(2023, 12, 31), "nd98-2023"),
        (dt.date(2025, 6, 30), "nd98-2023"),
        (dt.date(2025, 7, 1), "nd152-2025"),
        (dt.date(2028, 2, 29), "nd152-2025"),
    ],
)
def test_the_report_template_is_the_one_in_force_on_the_day(day, key):
    assert basis_on(day).key == key


def test_an_individual_report_of_october_2023_follows_its_decree_and_keeps_every_section(
    cast, settings_done, october
):
    tam = Nomination.objects.get(full_name="Nguyễn Văn Tâm")
    draft = contexts.report(tam)
    assert draft.template.name == "report_individual-nd91-2017"
    report = read(draft.render())
    assert report.core_properties.keywords == "nd91-2017"
    assert mm(report.sections[0].page_width) == 210
    lines = texts(report)
    for heading in (
        "BÁO CÁO THÀNH TÍCH",
        "I. SƠ LƯỢC LÝ LỊCH",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
    ):
        assert heading in lines
    assert "- Họ và tên: Nguyễn Văn Tâm" in lines and "- Giới tính: Nam" in lines
    assert "- Quê quán: Hưng Đạo, Dương Kinh" in lines
    assert "Ngày 5/10/2023 anh cứu hai em nhỏ." in lines
    assert "Anh Tâm sinh ra trong một gia đình lao động." in lines
    assert find(report, "Hưng Đạo, ngày").text == "Hưng Đạo, ngày 12 tháng 10 năm 2023"
    awards = report.tables[0]
    assert [c.text for c in awards.rows[1].cells] == [
        "2022",
        "Giấy khen của Chủ tịch UBND quận",
        "125/QĐ-UBND ngày 03/05/2022",
        "UBND quận Dương Kinh",
    ]
    assert "NGƯỜI BÁO CÁO THÀNH TÍCH" in lines and "Đỗ Văn Thành" in lines


def test_a_report_written_after_1_july_2025_follows_the_2025_decree(cast, settings_done, clock):
    from dienhinh.nominations.workflow import Content, nomination_create
    from dienhinh.testing import make_seed_programmes

    clock(2025, 8, 4, 10)
    _city, district = make_seed_programmes(cast, starts_on=dt.date(2025, 8, 1))
    nomination = nomination_create(
        actor=cast.ward_reporter,
        unit=cast.ward,
        period=district.periods.get(key="2025-08"),
        content=Content(
            headline="Tổ tự quản",
            story="Giữ gìn vệ sinh.",
            subject_kind="collective",
            collective_name="Tổ dân phố số 5",
            collective_size=120,
        ),
    )
    draft = contexts.report(nomination)
    assert draft.template.name == "report_collective-nd152-2025"
    report = read(draft.render())
    lines = texts(report)
    assert "Tên tập thể: Tổ dân phố số 5" in lines
    assert "- Số thành viên: 120" in lines
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in lines
    assert "Chưa có." in lines  # no award yet
    assert "THỦ TRƯỞNG ĐƠN VỊ" in lines and "ỦY BAN NHÂN DÂN" in lines


def test_the_summary_keeps_a_3000_character_story_and_every_diacritic_whole(
    cast, settings_done, october
):
    long = Nomination.objects.get(full_name=LONG_NAME)
    summary = read(contexts.summary(long).render())
    lines = texts(summary)
    assert "TÓM TẮT THÀNH TÍCH" in lines and "Lớp học tình thương" in lines
    story = long_story().split("\n")
    assert story[0] in lines and DIACRITICS in lines
    assert f"- Họ và tên: {LONG_NAME}" in lines


def test_a_ward_without_a_place_name_is_told_where_to_set_it(cast, october):
    tam = Nomination.objects.get(full_name="Nguyễn Văn Tâm")
    with pytest.raises(ApplicationError) as refused:
        contexts.report(tam)
    assert "địa danh" in refused.value.message
    assert "Thiết lập văn bản" in refused.value.message
