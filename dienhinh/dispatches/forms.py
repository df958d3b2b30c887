"""Forms of the dispatch pages: upload, the check of what was read, and the programme/relay."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from dienhinh.common.dates import vn_date
from dienhinh.cycles.forms import ProgrammeForm
from dienhinh.units.forms import UnitChoiceField, VnDateField
from dienhinh.units.models import Unit

from .models import Direction
from .services import DispatchFields


class UploadForm(forms.Form):
    unit = UnitChoiceField(label=_("Registry of"), queryset=Unit.objects.none())
    direction = forms.ChoiceField(
        label=_("Direction"), choices=Direction.choices, widget=forms.RadioSelect
    )
    file = forms.FileField(
        label=_("File (.docx, .pdf, .txt, or a scan or photo of the paper: .jpg, .png)"),
        required=False,
        allow_empty_file=True,  # the reader says "empty" in its own words
        widget=forms.ClearableFileInput(
            attrs={"accept": ".txt,.docx,.pdf,.jpg,.jpeg,.png,.tif,.tiff,.webp"}
        ),
    )
    pasted = forms.CharField(
        label=_("…or paste the text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class TextForm(forms.Form):
    """The text read from a scan, for the person checking it to correct."""

    text = forms.CharField(
        label=_("Recognised text"),
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false", "class": "font-monospace"}),
        strip=False,
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class ReviewForm(forms.Form):
    number = forms.CharField(
        label=_("Number and symbol"),
        max_length=80,
        required=False,
        help_text=_("As in the register, e.g. 785/BTĐKT-THHC."),
    )
    document_date = VnDateField(label=_("Document date"), required=False)
    issuer_name = forms.CharField(label=_("Issued by"), max_length=255, required=False)
    subject = forms.CharField(
        label=_("Subject (V/v)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    recipients = forms.CharField(
        label=_("Addressees (Kính gửi), one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    distribution = forms.CharField(
        label=_("Distribution (Nơi nhận), one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    signer_title = forms.CharField(label=_("Signer's title"), max_length=255, required=False)
    signer_name = forms.CharField(label=_("Signed by"), max_length=120, required=False)
    references = forms.CharField(
        label=_("Documents it cites, one per line: number; date; issuer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)

    @staticmethod
    def initial_from(fields: DispatchFields, revision: int) -> dict:
        refs = []
        for ref in fields.references:
            date = ref.get("date")
            if isinstance(date, str) and date:
                date = dt.date.fromisoformat(date)
            refs.append(
                "; ".join(
                    [
                        ref.get("number") or "",
                        vn_date(date) if date else "",
                        ref.get("issuer") or "",
                    ]
                ).rstrip("; ")
            )
        return {
            "number": fields.number,
            "document_date": fields.document_date,
            "issuer_name": fields.issuer_name,
            "subject": fields.subject,
            "recipients": "\n".join(fields.recipients),
            "distribution": "\n".join(fields.distribution),
            "signer_title": fields.signer_title,
            "signer_name": fields.signer_name,
            "references": "\n".join(refs),
            "revision": revision,
        }

    def clean_references(self):
        found = []
        for number, line in enumerate(_lines(self.cleaned_data["references"]), start=1):
            parts = [p.strip() for p in line.split(";")]
            date = None
            if len(parts) > 1 and parts[1]:
                try:
                    date = dt.datetime.strptime(parts[1], "%d/%m/%Y").date()
                except ValueError:
                    raise forms.ValidationError(
                        _("Line %(line)s: write the date as dd/mm/yyyy, e.g. 12/9/2023.")
                        % {"line": number}
                    ) from None
            found.append(
                {"number": parts[0], "date": date, "issuer": parts[2] if len(parts) > 2 else ""}
            )
        return found

    def fields_value(self) -> DispatchFields:
        data = self.cleaned_data
        return DispatchFields(
            number=data["number"],
            document_date=data["document_date"],
            issuer_name=data["issuer_name"],
            subject=" ".join(data["subject"].split()),
            recipients=_lines(data["recipients"]),
            distribution=_lines(data["distribution"]),
            signer_name=data["signer_name"],
            signer_title=data["signer_title"],
            references=data["references"],
        )


class RelayForm(ProgrammeForm):
    """The programme form without its owner (the sender) and expected kinds (the addressees
    decide them), plus the addressees and the relay's own number and date."""

    addressees = forms.ModelMultipleChoiceField(
        label=_("Send to"),
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one unit to send it to."),
            "invalid_choice": _(
                "A unit you chose is not below yours: a dispatch can only be relayed downwards."
            ),
        },
    )
    number = forms.CharField(
        label=_("Number of your dispatch"),
        max_length=80,
        required=False,
        help_text=_("Leave empty if the register has not given it yet."),
    )
    document_date = VnDateField(label=_("Date of your dispatch"), required=False)
    subject = forms.CharField(label=_("Subject (V/v)"), max_length=500, required=False)

    SECTIONS = [
        (_("Send to"), ["addressees"]),
        (
            _("Programme"),
            ["title", "legal_basis", "cadence", "quota", "starts_on", "ends_on"],
        ),
        (_("What each example comes with"), ["expects_photos", "expects_report"]),
        (_("Deadline of the units"), ["unit_relation", "unit_day", "unit_month", "unit_date"]),
        (
            _("Your own deadline to forward"),
            ["forward_relation", "forward_day", "forward_month", "forward_date"],
        ),
        (_("Holidays and late submissions"), ["roll", "lock_after_deadline"]),
    ]

    def __init__(self, *args, relaying: bool, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("owner", "parent", "expected_kinds", "expected_reach"):
            del self.fields[name]
        if relaying:
            self.SECTIONS = [
                *self.SECTIONS,
                (_("Your dispatch"), ["number", "document_date", "subject"]),
            ]
        else:
            for name in ("number", "document_date", "subject"):
                del self.fields[name]

    def spec(self):
        self.cleaned_data.setdefault("expected_kinds", [])
        self.cleaned_data.setdefault("expected_reach", "children")
        return super().spec()

    def motion(self):
        from .relay import Motion

        data = self.cleaned_data
        return Motion(
            spec=self.spec(),
            addressees=list(data["addressees"]),
            number=data.get("number") or "",
            document_date=data.get("document_date"),
            subject=data.get("subject") or "",
            confirmed=bool(data.get("confirm_warnings")),
        )
