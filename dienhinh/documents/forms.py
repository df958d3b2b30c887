"""Forms of the documents pages: a unit's document settings, a replacement template and
the signed copy. They check shapes; the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dienhinh.units.forms import VnDateField

from .legal import BASES
from .models import DocumentKind, SigningMode
from .services import SettingsSpec

TEXT = {"class": "form-control"}


def _text(label, help_text="", max_length=120, **attrs):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=max_length,
        widget=forms.TextInput(attrs={**TEXT, **attrs}),
    )


class SettingsForm(forms.Form):
    parent_body = forms.CharField(
        label=_("Governing body (printed above the issuing body)"),
        help_text=_("E.g. SỞ NỘI VỤ THÀNH PHỐ HẢI PHÒNG. Leave empty for a People's Committee."),
        required=False,
        max_length=255,
        widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
    )
    body_name = forms.CharField(
        label=_("Issuing body as printed"),
        help_text=_("One line per printed line, e.g. ỦY BAN NHÂN DÂN, then QUẬN DƯƠNG KINH."),
        required=False,
        max_length=255,
        widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
    )
    symbol = _text(_("Dispatch symbol"), _("After the slash of the number, e.g. UBND-NV."), 40)
    place_name = _text(_("Place name for the date line"), _("E.g. Dương Kinh."), 80)
    drafting_office = _text(_("Drafting office"), _("E.g. Phòng Nội vụ."))
    signing_mode = forms.ChoiceField(
        label=_("Signing"),
        choices=SigningMode.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    authority = _text(
        _("Signs for"),
        _(
            "For TM.: the collective (ỦY BAN NHÂN DÂN); for KT., TL., TUQ.: the head's title "
            "(CHỦ TỊCH); for TM. and KT.: both, separated by a slash."
        ),
    )
    signer_title = _text(_("Signer's title"), _("E.g. CHỦ TỊCH, PHÓ CHỦ TỊCH, TRƯỞNG BAN."))
    signer_name = _text(_("Signer's name"))
    email = forms.CharField(
        label=_("E-mail printed in dispatches"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs=TEXT),
    )
    accept_email = forms.BooleanField(label=_("Keep this address as it is written"), required=False)
    filing = _text(_("Filing line (Lưu)"), _("E.g. VT, NV. Empty: VT and the drafting office."), 80)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def spec(self) -> SettingsSpec:
        data = self.cleaned_data
        return SettingsSpec(**{k: data.get(k) or "" for k in SettingsSpec.__dataclass_fields__})


def template_choices():
    choices = []
    for kind, label in DocumentKind.choices:
        if kind.startswith("report_"):
            for basis in BASES:
                choices.append((f"{kind}:{basis.key}", f"{label} — {basis.decree}"))
        else:
            choices.append((f"{kind}:", label))
    return choices


class TemplateForm(forms.Form):
    template = forms.ChoiceField(
        label=_("Kind of document"), widget=forms.Select(attrs={"class": "form-select"})
    )
    file = forms.FileField(
        label=_("Word template (.docx)"), widget=forms.ClearableFileInput(attrs=TEXT)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = template_choices()

    def kind_version(self) -> tuple[str, str]:
        kind, _sep, version = self.cleaned_data["template"].partition(":")
        return kind, version


class SignedForm(forms.Form):
    number = forms.CharField(
        label=_("Number and symbol"),
        max_length=80,
        help_text=_("As written on the signed copy, e.g. 125/UBND-NV."),
        widget=forms.TextInput(attrs=TEXT),
    )
    date = VnDateField(label=_("Document date"))
    file = forms.FileField(
        label=_("Signed copy (PDF or scan: PDF, JPEG, PNG)"),
        widget=forms.ClearableFileInput(attrs={**TEXT, "accept": ".pdf,.jpg,.jpeg,.png"}),
    )
