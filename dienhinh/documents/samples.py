"""A complete sample context for every kind of document: a replacement template is rendered
with it before it is accepted, so a template that cannot be filled in is refused at upload,
not when someone needs the document."""

_HEADER = {
    "parent_body_lines": ["SỞ NỘI VỤ THÀNH PHỐ HẢI PHÒNG"],
    "body_lines": ["BAN THI ĐUA - KHEN THƯỞNG"],
    "number_text": "123/BTĐKT-THHC",
    "place_date": "Hải Phòng, ngày 17 tháng 10 năm 2023",
    "signature_lines": ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"],
    "signer_name": "Nguyễn Văn Mẫu",
    "distribution": ["- Như trên;", "- Lưu: VT, THHC."],
}
_ROW = {
    "index": 1,
    "name": "Nguyễn Văn Mẫu",
    "kind": "Cá nhân",
    "unit": "Phường Mẫu",
    "position": "Tổ trưởng tổ dân phố",
    "summary": "Tóm tắt thành tích mẫu.",
    "photos": 2,
}
_COMMON = {
    **_HEADER,
    "subject": "giới thiệu gương điển hình tiên tiến, người tốt việc tốt tháng 10/2023",
    "recipient_lines": ["- Đơn vị A;", "- Đơn vị B."],
    "cited": "Công văn số 785/BTĐKT-THHC ngày 12/9/2023 của Ban Thi đua - Khen thưởng",
    "cited_short": "Công văn số 785/BTĐKT-THHC ngày 12/9/2023",
    "issuer_name": "Ủy ban nhân dân quận Mẫu",
    "issuer_short": "Quận Mẫu",
    "addressee_name": "Ban Thi đua - Khen thưởng",
    "period_label": "tháng 10/2023",
    "reported_count": 5,
    "expected_count": 6,
    "count_text": "01",
    "missing_text": "Phường B",
    "nil_text": "Phường C",
    "note_paragraphs": ["Ghi chú mẫu."],
    "email": "mau@example.vn",
    "rows": [_ROW],
    "date_short": "17/10/2023",
    "cadence_text": "Hằng tháng,",
    "quota_text": "01",
    "via_office": " (qua Phòng Nội vụ)",
    "unit_deadline_text": "vào ngày 15 hằng tháng",
    "email_clause": ", đồng thời gửi qua hòm thư điện tử: mau@example.vn",
    "forward_deadline_text": "vào ngày 17 hằng tháng",
    "compiler_name": "Phòng Nội vụ",
    "parent_issuer": "Ban Thi đua - Khen thưởng",
    "headline": "Gương mẫu",
    "subject_name": "Nguyễn Văn Mẫu",
    "identity": ["Họ và tên: Nguyễn Văn Mẫu"],
    "background": ["Sơ lược mẫu."],
    "achievements": ["Thành tích mẫu."],
    "story": ["Tóm tắt mẫu."],
    "awards": [{"year": 2022, "title": "Giấy khen", "decision": "1/QĐ-UBND", "issuer": "UBND"}],
    "awards_text": "Giấy khen (2022)",
    "confirmer_name": "Trần Văn Xác Nhận",
    "signer_hint": "(Ký, ghi rõ họ và tên)",
}


def context_for(kind: str) -> dict:
    """Every field any default template uses, with plausible values."""
    return dict(_COMMON)
