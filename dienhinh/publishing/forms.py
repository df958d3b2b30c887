"""Forms of the publishing pages: they parse; the services decide and save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dienhinh.nominations.models import Channel
from dienhinh.units.forms import VnDateField

from .models import OutletKind
from .outlets import OutletSpec
from .publication import Publication

TIME_ERRORS = {"invalid": _("Enter a time such as 17:30.")}


class TimeField(forms.TimeField):
    default_error_messages = TIME_ERRORS

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
        super().__init__(input_formats=["%H:%M", "%Hh%M", "%H.%M", "%H:%M:%S"], **kwargs)


class OutletForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=OutletKind.choices)
    name = forms.CharField(label=_("name"), max_length=255)
    address = forms.CharField(
        label=_("address or frequency"),
        max_length=255,
        required=False,
        help_text=_("Web address, broadcast frequency, or where the paper is published."),
    )
    contact_email = forms.CharField(label=_("contact e-mail"), max_length=254, required=False)
    channel = forms.ChoiceField(
        label=_("consent needed (for an outlet of kind “other”)"),
        choices=[("", "—"), *Channel.choices],
        required=False,
    )
    is_active = forms.BooleanField(label=_("in use"), required=False, initial=True)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def spec(self) -> OutletSpec:
        data = self.cleaned_data
        return OutletSpec(
            kind=data["kind"],
            name=data["name"],
            address=data["address"],
            contact_email=data["contact_email"],
            channel=data["channel"],
            is_active=data["is_active"],
        )


class ChooseForm(forms.Form):
    """Stories (one, or several for a round-up) for one outlet, for the acting unit."""

    outlet = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit = forms.IntegerField(widget=forms.HiddenInput)
    nominations = forms.CharField(required=False)


class TextForm(forms.Form):
    title = forms.CharField(label=_("story title"), max_length=300)
    body = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 14}))
    revision = forms.IntegerField(widget=forms.HiddenInput)


class ScheduleForm(forms.Form):
    on = VnDateField(label=_("planned date"))
    air_time = TimeField(label=_("air time"), required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput)


class PublishForm(forms.Form):
    published_on = VnDateField(label=_("published on"))
    url = forms.CharField(label=_("web address"), max_length=2000, required=False)
    issue_number = forms.CharField(label=_("issue number"), max_length=40, required=False)
    page = forms.CharField(label=_("page"), max_length=20, required=False)
    air_time = TimeField(label=_("air time"), required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def publication(self) -> Publication:
        data = self.cleaned_data
        return Publication(
            published_on=data["published_on"],
            url=data["url"],
            issue_number=data["issue_number"],
            page=data["page"],
            air_time=data["air_time"],
        )


class EvidenceForm(forms.Form):
    url = forms.CharField(label=_("link"), max_length=2000, required=False)
    file = forms.FileField(
        label=_("PDF or screenshot of the page, or the recording"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,image/*,audio/*"}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RevisionForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
