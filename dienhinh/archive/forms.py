from django import forms
from django.utils.translation import gettext_lazy as _

from dienhinh.units.forms import VnDateField

from .models import MaterialKind, Movement, PublicUse
from .services import MaterialDetails


class MaterialForm(forms.Form):
    file = forms.FileField(
        label=_("Photo, video (MP4) or document"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,video/mp4,.pdf,.docx"}),
    )
    title = forms.CharField(label=_("Title of the material"), max_length=255)
    taken_on = VnDateField(label=_("Date of the activity"))
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    movement = forms.ModelChoiceField(
        label=_("Emulation movement"),
        queryset=Movement.objects.filter(is_active=True),
        required=False,
        empty_label=_("— none —"),
    )
    caption = forms.CharField(
        label=_("Caption"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    credit = forms.CharField(label=_("Author or credit"), max_length=150, required=False)
    shows_people = forms.BooleanField(label=_("People can be recognised"), required=False)
    people_note = forms.CharField(
        label=_("Who is shown"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    consent_given_by = forms.CharField(
        label=_("Consent to public use given by"), max_length=150, required=False
    )
    consent_given_on = VnDateField(label=_("Consent given on"), required=False)
    consent_uses = forms.MultipleChoiceField(
        label=_("The consent covers"),
        choices=PublicUse.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def details(self) -> MaterialDetails:
        data = self.cleaned_data
        return MaterialDetails(
            title=data["title"],
            taken_on=data["taken_on"],
            place=data["place"],
            movement=data["movement"],
            caption=data["caption"],
            credit=data["credit"],
            shows_people=data["shows_people"],
            people_note=data["people_note"],
            consent_given_by=data["consent_given_by"],
            consent_given_on=data["consent_given_on"],
            consent_uses=data["consent_uses"],
        )


class ConsentForm(forms.Form):
    given_by = forms.CharField(label=_("Consent given by"), max_length=150)
    given_on = VnDateField(label=_("Consent given on"))
    uses = forms.MultipleChoiceField(
        label=_("The consent covers"),
        choices=PublicUse.choices,
        widget=forms.CheckboxSelectMultiple,
    )


SELECT = "form-select form-select-sm"


class AlbumForm(forms.Form):
    nam = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    thang = forms.TypedChoiceField(
        label=_("Month"),
        choices=[("", _("All months"))] + [(m, str(m)) for m in range(1, 13)],
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.Select(attrs={"class": SELECT}),
    )
    loai = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All kinds")), *MaterialKind.choices],
        required=False,
        widget=forms.Select(attrs={"class": SELECT}),
    )
    phong_trao = forms.ModelChoiceField(
        label=_("Movement"),
        queryset=Movement.objects.all(),
        required=False,
        empty_label=_("All movements"),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    chon = forms.BooleanField(label=_("Only the 11 June choice"), required=False)
