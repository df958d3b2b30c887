"""Forms of the nomination pages: they parse; the workflow services decide and save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dienhinh.units.forms import VnDateField

from .models import Channel, Nomination
from .workflow import CONTENT_FIELDS, Content


class NominationForm(forms.ModelForm):
    """Labels and widgets come from the model; the form is never saved directly."""

    birth_date = VnDateField(label=_("date of birth"), required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Nomination
        fields = CONTENT_FIELDS
        widgets = {
            "story": forms.Textarea(attrs={"rows": 8}),
            "report_background": forms.Textarea(attrs={"rows": 4}),
            "report_achievements": forms.Textarea(attrs={"rows": 6}),
            "subject_kind": forms.RadioSelect,
        }
        help_texts = {
            "story": _(
                "Half a page to one page: what the person or collective did, when, "
                "and why it sets an example."
            ),
            "birth_year": _("The year is enough; the full date only if the report needs it."),
        }

    SECTIONS = [
        (
            _("Who is introduced"),
            [
                "subject_kind",
                "full_name",
                "birth_year",
                "birth_date",
                "gender",
                "position",
                "workplace",
                "hometown",
                "collective_name",
                "collective_size",
            ],
        ),
        (_("The example"), ["field", "headline", "story"]),
        (_("Full achievement report (if asked)"), ["report_background", "report_achievements"]),
    ]

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def content(self) -> Content:
        data = self.cleaned_data
        return Content(
            **{
                name: data.get(name) if data.get(name) is not None else ""
                for name in CONTENT_FIELDS
                if name not in {"birth_year", "birth_date", "collective_size"}
            },
            birth_year=data.get("birth_year"),
            birth_date=data.get("birth_date"),
            collective_size=data.get("collective_size"),
        )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it returned?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The unit sees this reason and completes the nomination."),
        error_messages={
            "required": _("Say why it is returned, so the unit knows what to complete.")
        },
    )
    revision = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("The page was out of date. Reload it and try again."),
            "invalid": _("The page was out of date. Reload it and try again."),
        },
    )


class NilReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is there nothing to report this period?"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Photo or document"),
        help_text=_("Photos (JPEG, PNG, WebP) or documents (PDF, Word .docx)."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,.pdf,.docx"}),
    )
    caption = forms.CharField(label=_("caption"), max_length=255, required=False)


class ConsentForm(forms.Form):
    given_by = forms.CharField(label=_("given by"), max_length=150)
    given_on = VnDateField(label=_("given on"))
    channels = forms.MultipleChoiceField(
        label=_("for the channels"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class AwardForm(forms.Form):
    year = forms.IntegerField(
        label=_("year"),
        min_value=1945,
        max_value=2100,
        error_messages={"invalid": _("Enter a year, e.g. 2022.")},
    )
    title = forms.CharField(label=_("title or form of award"), max_length=255)
    decision_number = forms.CharField(label=_("decision number"), max_length=64, required=False)
    decision_date = VnDateField(label=_("decision date"), required=False)
    issuer = forms.CharField(label=_("issued by"), max_length=255, required=False)


class LateExceptionForm(forms.Form):
    until = VnDateField(label=_("may send until"))
    reason = forms.CharField(label=_("reason"), max_length=255, required=False)
