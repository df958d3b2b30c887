"""A unit's document settings and replacement templates, through the services: what is
refused (with a clear message, nothing changed) and what is kept and audited."""

import io
import zipfile

import pytest
from docx import Document

from dienhinh.audit.models import AuditEvent
from dienhinh.common.errors import ApplicationError
from dienhinh.documents import contexts, engine, headers, services
from dienhinh.documents.models import DocumentSettings, UnitTemplate
from dienhinh.documents.tests.conftest import DISTRICT
from dienhinh.documents.tests.docx_reading import read, texts


def _spec(**changes):
    return services.SettingsSpec(**{**DISTRICT.__dict__, **changes})


def test_settings_are_saved_cleaned_and_audited(cast):
    saved = services.settings_save(
        actor=cast.city_admin, unit=cast.district, spec=_spec(symbol=" ubnd-nv "), revision=None
    )
    assert saved.symbol == "UBND-NV"
    event = AuditEvent.objects.get(action="document.settings_save")
    assert event.unit == cast.district and event.changes["symbol"] == ["", "UBND-NV"]
    assert headers.signature_lines(saved) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"symbol": "123/UBND-NV"}, "symbol"),
        ({"place_name": "Dương Kinh, Hải Phòng"}, "place_name"),
        ({"signing_mode": "kt", "authority": ""}, "authority"),
        ({"signing_mode": "tm_kt", "authority": "ỦY BAN NHÂN DÂN"}, "authority"),
        ({"email": "noivuduongkinh@gmali.com"}, "email"),
    ],
)
def test_bad_settings_are_refused_with_the_field_named_and_nothing_saved(cast, changes, field):
    with pytest.raises(ApplicationError) as refused:
        services.settings_save(
            actor=cast.city_admin, unit=cast.district, spec=_spec(**changes), revision=None
        )
    assert refused.value.field == field
    assert not DocumentSettings.objects.exists()
    assert not AuditEvent.objects.filter(action="document.settings_save").exists()


def test_the_seeds_mistyped_address_is_kept_only_when_confirmed(cast):
    spec = _spec(email="noivuduongkinh@gmali.com")
    with pytest.raises(ApplicationError, match="gmail.com"):
        services.settings_save(actor=cast.city_admin, unit=cast.district, spec=spec, revision=None)
    saved = services.settings_save(
        actor=cast.city_admin, unit=cast.district, spec=spec, revision=None, accept_email=True
    )
    assert saved.email == "noivuduongkinh@gmali.com"


def test_a_stale_settings_form_does_not_overwrite_a_colleagues_change(cast):
    first = services.settings_save(
        actor=cast.city_admin, unit=cast.district, spec=_spec(), revision=None
    )
    services.settings_save(
        actor=cast.city_admin,
        unit=cast.district,
        spec=_spec(signer_name="Lê Văn Mới"),
        revision=first.revision,
    )
    with pytest.raises(ApplicationError):
        services.settings_save(
            actor=cast.city_admin,
            unit=cast.district,
            spec=_spec(signer_name="Cũ"),
            revision=first.revision,
        )
    assert DocumentSettings.objects.get().signer_name == "Lê Văn Mới"


@pytest.mark.parametrize(
    ("mode", "authority", "title", "lines"),
    [
        ("direct", "", "Trưởng ban", ["TRƯỞNG BAN"]),
        ("kt", "Chủ tịch", "Phó Chủ tịch", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        ("tl", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG", ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
        ("tuq", "CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ", ["TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ"]),
        (
            "tm_kt",
            "ỦY BAN NHÂN DÂN / CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        ),
    ],
)
def test_each_way_of_signing_prints_its_lines(cast, mode, authority, title, lines):
    saved = services.settings_save(
        actor=cast.city_admin,
        unit=cast.district,
        spec=_spec(signing_mode=mode, authority=authority, signer_title=title),
        revision=None,
    )
    assert headers.signature_lines(saved) == lines


def _docx(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


SUMMARY_OK = ("TÓM TẮT {{ headline }}", "{%p for text in story %}", "{{ text }}", "{%p endfor %}")


def test_a_replacement_template_is_used_by_the_unit_and_the_units_below(
    cast, settings_done, october
):
    from dienhinh.nominations.models import Nomination

    data = _docx("MẪU RIÊNG CỦA QUẬN", *SUMMARY_OK)
    services.template_replace(
        actor=cast.city_admin,
        unit=cast.district,
        kind="summary",
        version="",
        data=data,
        name="tom-tat.docx",
    )
    nomination = Nomination.objects.get(full_name="Nguyễn Văn Tâm")  # a ward's, below
    draft = contexts.summary(nomination)
    assert draft.template.source == cast.district.name
    assert "MẪU RIÊNG CỦA QUẬN" in texts(read(draft.render()))
    assert AuditEvent.objects.filter(action="document.template_replace").exists()
    services.template_reset(actor=cast.city_admin, unit=cast.district, kind="summary")
    assert contexts.summary(nomination).template.source == "default"
    assert not UnitTemplate.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4 not a word file", "không phải văn bản Word"),
        (zipfile.ZipFile.__name__.encode() * 10, "không phải văn bản Word"),
        (_docx("TÓM TẮT {{ headline }}"), "{{ story }}"),
        (_docx("{{ headline }} {{ story }}", "{% if %}"), "Không đọc được các trường"),
    ],
    ids=["pdf", "garbage", "missing-field", "broken-syntax"],
)
def test_a_bad_template_is_refused_and_the_default_stays(cast, data, message):
    with pytest.raises(ApplicationError) as refused:
        services.template_replace(
            actor=cast.city_admin,
            unit=cast.district,
            kind="summary",
            version="",
            data=data,
            name="mau.docx",
        )
    assert message in refused.value.message
    assert not UnitTemplate.objects.exists()
    assert engine.template_for(unit=cast.ward, kind="summary").source == "default"


def test_the_engine_renders_any_template_with_any_context_for_other_domains():
    content = engine.render_docx(
        template=_docx("KỶ YẾU {{ year }}", "{%p for p in photos %}", "{{ p }}", "{%p endfor %}"),
        context={"year": 2026, "photos": ["Lễ phát động <thi đua> & khen thưởng"]},
    )
    assert texts(read(content)) == ["KỶ YẾU 2026", "Lễ phát động <thi đua> & khen thưởng"]
