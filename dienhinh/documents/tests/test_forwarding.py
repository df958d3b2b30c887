"""The forwarding dispatch and its annex list, read back as documents: the page, the fonts,
every element of Nghị định 30 and the Vietnamese text, from the seeds' October 2023."""

import pytest
from docx.oxml.ns import qn

from dienhinh.common.errors import ApplicationError
from dienhinh.dispatches.services import dispatch_link_programme
from dienhinh.documents import contexts
from dienhinh.documents.tests.batching import draft_list
from dienhinh.documents.tests.conftest import DIACRITICS, LONG_NAME, long_story
from dienhinh.documents.tests.docx_reading import (
    TNR,
    find,
    fonts_used,
    has_bottom_rule,
    mm,
    paragraphs,
    pt,
    read,
    run_look,
    texts,
)


@pytest.fixture
def linked_785(cast, seed_programmes, city_785):
    city_programme, _district = seed_programmes
    return dispatch_link_programme(
        actor=cast.city_officer, dispatch=city_785, programme=city_programme
    )


@pytest.fixture
def letter(cast, settings_done, linked_785, october):
    return read(contexts.forwarding(october).render())


def test_the_page_is_a4_portrait_with_the_decrees_margins_in_times_new_roman(letter):
    section = letter.sections[0]
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert 20 <= mm(section.top_margin) <= 25 and 20 <= mm(section.bottom_margin) <= 25
    assert 30 <= mm(section.left_margin) <= 35
    assert 15 <= mm(section.right_margin) <= 20
    assert letter.styles["Normal"].font.name == TNR
    assert pt(letter.styles["Normal"].font.size) == 14
    assert fonts_used(letter) == {TNR}


def test_the_header_names_the_body_the_number_the_subject_the_nation_and_the_date(letter):
    left, right = letter.tables[0].rows[0].cells
    lines = [p.text for p in left.paragraphs if p.text]
    assert lines[:2] == ["ỦY BAN NHÂN DÂN", "QUẬN DƯƠNG KINH"]
    assert all(run_look(p) == (12.5, True, False) for p in left.paragraphs[:2])
    assert any(has_bottom_rule(p) for p in left.paragraphs)
    number = find(letter, "Số:")
    assert number.text.replace("\u00a0", " ").split() == ["Số:", "/UBND-NV"]
    assert run_look(number)[0] == 13
    subject = find(letter, "V/v ")
    assert subject.text == (
        "V/v giới thiệu gương điển hình tiên tiến, người tốt việc tốt tháng 10/2023"
    )
    assert run_look(subject) == (12, False, False)
    assert [p.text for p in right.paragraphs if p.text][:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert run_look(right.paragraphs[0]) == (12, True, False)
    assert run_look(right.paragraphs[1]) == (13, True, False)
    assert has_bottom_rule(right.paragraphs[2])  # the rule under the motto
    date = find(letter, "Dương Kinh, ngày")
    assert date.text == "Dương Kinh, ngày 17 tháng 10 năm 2023"
    assert run_look(date) == (13, False, True)


def test_the_body_cites_785_names_who_sent_nothing_and_asks_the_city_to_compile(letter):
    assert find(letter, "Kính gửi:").text == (
        "Kính gửi: Ban Thi đua - Khen thưởng thành phố Hải Phòng."
    )
    first = find(letter, "Thực hiện Công văn số 785/BTĐKT-THHC ngày 12/9/2023 của Ban Thi đua")
    assert "về việc tăng cường công tác tuyên truyền phong trào thi đua yêu nước" in first.text
    assert "Ủy ban nhân dân quận Dương Kinh báo cáo" in first.text
    assert run_look(first) == (14, False, False)
    assert first.paragraph_format.first_line_indent is not None
    assert "1/2 đơn vị đã gửi báo cáo" in find(letter, "1. Có").text
    assert "giới thiệu 02 gương" in find(letter, "1. Có").text
    assert find(letter, "2. Đơn vị chưa gửi báo cáo").text.endswith(": Phường Anh Dũng.")
    assert "Phòng Nội vụ tổng hợp danh sách tháng 10/2023." in texts(letter)
    assert find(letter, "Báo cáo thành tích, hình ảnh").text.endswith("noivuduongkinh@gmail.com.")
    assert find(letter, "Ủy ban nhân dân quận Dương Kinh kính gửi").text.endswith("xem xét./.")


def test_the_signature_block_signs_for_the_committee_with_room_for_the_seal(letter):
    left, right = letter.tables[-1].rows[0].cells
    signs = [p for p in right.paragraphs]
    assert [p.text for p in signs if p.text] == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Minh Phương",
    ]
    assert all(run_look(p)[1] for p in signs if p.text)  # bold
    title = next(i for i, p in enumerate(signs) if p.text == "CHỦ TỊCH")
    name = next(i for i, p in enumerate(signs) if p.text == "Nguyễn Minh Phương")
    assert name - title > 4  # the blank lines for the signature and the seal
    received = [p for p in left.paragraphs if p.text]
    assert received[0].text == "Nơi nhận:" and run_look(received[0]) == (12, True, True)
    assert [p.text for p in received[1:]] == ["- Như trên;", "- Lưu: VT, NV."]
    assert all(run_look(p) == (11, False, False) for p in received[1:])


def test_pages_are_numbered_from_the_second_one(letter):
    section = letter.sections[0]
    assert section.different_first_page_header_footer
    header = section.header._element
    assert [i.text for i in header.iter(qn("w:instrText"))] == ["PAGE"]
    assert not list(section.first_page_header._element.iter(qn("w:instrText")))


def test_the_annex_lists_every_example_in_full_on_a4_landscape(cast, settings_done, october):
    annex = read(contexts.annex_list(october).render())
    section = annex.sections[0]
    assert (mm(section.page_width), mm(section.page_height)) == (297, 210)
    assert find(annex, "DANH SÁCH TRÍCH NGANG")
    assert find(annex, "(Kèm theo Công văn số").text.replace("\u00a0", " ").split()[5:] == [
        "/UBND-NV",
        "ngày",
        "17/10/2023",
        "của",
        "Ủy",
        "ban",
        "nhân",
        "dân",
        "quận",
        "Dương",
        "Kinh)",
    ]
    table = annex.tables[-1]
    header = [c.text for c in table.rows[0].cells]
    assert header == [
        "STT",
        "Họ và tên / Tập thể",
        "Đơn vị",
        "Chức vụ, lĩnh vực",
        "Tóm tắt thành tích",
        "Số ảnh",
    ]
    assert table.rows[0]._tr.find(qn("w:trPr") + "/" + qn("w:tblHeader")) is not None
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert [r[0] for r in rows] == ["1", "2"]
    by_name = {r[1].split("\n")[0]: r for r in rows}
    long = by_name[LONG_NAME]
    assert long[4] == long_story()  # 3,000 characters, nothing cut
    assert DIACRITICS in long[4]
    assert by_name["Nguyễn Văn Tâm"][3] == "Công nhân; Xã hội, từ thiện"
    assert find(annex, "Đơn vị chưa gửi báo cáo: Phường Anh Dũng.")


def test_a_list_never_forwarded_has_no_dispatch_yet(cast, settings_done, seed_programmes):
    _city, district = seed_programmes
    draft = draft_list(actor=cast.compiler, period=district.periods.get(key="2023-09"))
    with pytest.raises(ApplicationError, match="chưa được gửi lên|not been forwarded"):
        contexts.forwarding(draft)


def test_a_unit_without_settings_is_told_what_to_fill_in_and_where(cast, october):
    with pytest.raises(ApplicationError) as refused:
        contexts.forwarding(october)
    message = refused.value.message
    assert "Ủy ban nhân dân quận Dương Kinh" in message
    for field in ("ký hiệu", "địa danh", "chức vụ người ký", "họ tên người ký"):
        assert field in message.lower(), field
    assert refused.value.extra["url"] == f"/van-ban/don-vi/{cast.district.pk}/"


def test_every_paragraph_of_the_letter_is_in_a_size_the_decree_allows(letter):
    for paragraph in paragraphs(letter):
        for run in paragraph.runs:
            if run.text.strip():
                assert pt(run.font.size) in {11, 12, 12.5, 13, 13.5, 14}, paragraph.text
