"""Forms of the programme pages: they parse input into a ProgrammeSpec; services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dienhinh.units.forms import UnitChoiceField, VnDateField
from dienhinh.units.models import Unit, UnitKind

from .models import Cadence, ExpectedReach, Programme, Relation, Roll
from .services import QUOTA_MAX, ProgrammeSpec

DAY_ERRORS = {
    "min_value": _("A deadline day must be between 1 and 31."),
    "max_value": _("A deadline day must be between 1 and 31."),
    "invalid": _("Enter a day of the month as a number, e.g. 15."),
}
MONTH_ERRORS = {
    "min_value": _("A month is between 1 and 12."),
    "max_value": _("A month is between 1 and 12."),
    "invalid": _("Enter a month as a number, e.g. 11."),
}


def _day(label, **kwargs):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=1,
        max_value=31,
        error_messages=DAY_ERRORS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        **kwargs,
    )


def _month(label):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=1,
        max_value=12,
        error_messages=MONTH_ERRORS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class ProgrammeForm(forms.Form):
    owner = UnitChoiceField(label=_("Run by"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Title"), max_length=255)
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=255,
        required=False,
        help_text=_("The dispatch it implements, e.g. Công văn 785/BTĐKT-THHC ngày 12/9/2023."),
    )
    parent = forms.ModelChoiceField(
        label=_("Relays the programme of the level above"),
        queryset=Programme.objects.none(),
        required=False,
    )
    cadence = forms.ChoiceField(label=_("How often"), choices=Cadence.choices)
    quota = forms.IntegerField(
        label=_("Minimum per unit and period"),
        initial=1,
        min_value=1,
        max_value=QUOTA_MAX,
        error_messages={
            "invalid": _("Enter a whole number, e.g. 1."),
            "min_value": _("The minimum per unit and period must be at least 1."),
            "max_value": _("At most %(limit_value)s examples per unit and period."),
        },
    )
    starts_on = VnDateField(label=_("Starts on"))
    ends_on = VnDateField(
        label=_("Ends on"),
        required=False,
        help_text=_("Leave empty for a programme without an end."),
    )
    expected_reach = forms.ChoiceField(label=_("Which units report"), choices=ExpectedReach.choices)
    expected_kinds = forms.MultipleChoiceField(
        label=_("Kinds of units that report"),
        choices=UnitKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    unit_relation = forms.ChoiceField(label=_("Units send"), choices=Relation.choices)
    unit_day = _day(
        _("Day"),
        help_text=_(
            "1 to 31. In a month without that day the deadline is the month's last day "
            "(“on day 31” in April is 30 April; “before day 31” means the whole month)."
        ),
    )
    unit_month = _month(_("Month (yearly programmes)"))
    unit_date = VnDateField(
        label=_("Date (one-off programmes)"),
        required=False,
    )
    forward_relation = forms.ChoiceField(
        label=_("You forward to the level above"),
        choices=[("", _("Not forwarded (top level)")), *Relation.choices],
        required=False,
    )
    forward_day = _day(_("Day"))
    forward_month = _month(_("Month (yearly programmes)"))
    forward_date = VnDateField(
        label=_("Date (one-off programmes)"),
        required=False,
    )
    roll = forms.ChoiceField(label=_("Deadline on a weekend or holiday"), choices=Roll.choices)
    lock_after_deadline = forms.BooleanField(
        label=_("Refuse submissions after the deadline (exceptions can be granted)"),
        required=False,
    )
    expects_photos = forms.BooleanField(
        label=_("Each example comes with photos"), required=False, initial=True
    )
    expects_report = forms.BooleanField(
        label=_("Each example comes with its achievement report (not only a summary)"),
        required=False,
    )
    confirm_warnings = forms.BooleanField(required=False, widget=forms.HiddenInput)

    SECTIONS = [
        (
            _("Programme"),
            ["owner", "title", "legal_basis", "parent", "cadence", "quota", "starts_on", "ends_on"],
        ),
        (_("Who reports"), ["expected_reach", "expected_kinds"]),
        (_("What each example comes with"), ["expects_photos", "expects_report"]),
        (_("Deadline of the units"), ["unit_relation", "unit_day", "unit_month", "unit_date"]),
        (
            _("Your own deadline to forward"),
            ["forward_relation", "forward_day", "forward_month", "forward_date"],
        ),
        (_("Holidays and late submissions"), ["roll", "lock_after_deadline"]),
    ]

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def spec(self) -> ProgrammeSpec:
        data = self.cleaned_data
        fields = {name: data.get(name) for name in ProgrammeSpec.__dataclass_fields__}
        fields["forward_relation"] = data.get("forward_relation") or ""
        fields["legal_basis"] = data.get("legal_basis") or ""
        return ProgrammeSpec(**fields)


class HolidayForm(forms.Form):
    date = VnDateField(label=_("Date"))
    name = forms.CharField(label=_("Name"), max_length=120)
