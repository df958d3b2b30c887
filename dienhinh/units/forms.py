"""Forms for the unit pages. They only parse input; the services decide and save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dienhinh.common.dates import today
from dienhinh.common.email_typos import ConfirmEmailsMixin

from .models import Unit, UnitKind


class DateInput(forms.DateInput):
    """Day/month/year as Vietnamese offices write it, whatever language the browser has
    (a browser date picker shows month/day/year on an English system)."""

    def __init__(self, **kwargs):
        attrs = {"inputmode": "numeric", "placeholder": "dd/mm/yyyy", "autocomplete": "off"}
        super().__init__(format="%d/%m/%Y", attrs=attrs | kwargs.pop("attrs", {}), **kwargs)


DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
DATE_ERRORS = {"invalid": _("Enter a real date, e.g. 01/07/2025.")}


class VnDateField(forms.DateField):
    widget = DateInput
    input_formats = DATE_FORMATS
    default_error_messages = DATE_ERRORS


class TreeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search units"), required=False, max_length=100)
    ngay = VnDateField(label=_("Tree as of"), required=False)


class UnitChoiceField(forms.ModelChoiceField):
    """A unit picked among those the acting user may manage (the view passes the queryset)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", _("— choose a unit —"))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, unit):
        ended = "" if unit.is_current else f" ({_('ended')})"
        return f"{'– ' * unit.depth}{unit.name}{ended}"


class RestructureBaseForm(forms.Form):
    on = VnDateField(label=_("Effective date"), initial=today)
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        required=False,
        max_length=255,
        help_text=_("The resolution or decision, e.g. Nghị quyết 1669/NQ-UBTVQH15."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class UnitFieldsMixin(ConfirmEmailsMixin, forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=255)
    short_name = forms.CharField(label=_("Short name"), max_length=120, required=False)
    abbreviation = forms.CharField(
        label=_("Abbreviation"),
        max_length=30,
        required=False,
        help_text=_("Used in dispatch symbols, e.g. BTĐKT or UBND."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    code = forms.CharField(label=_("Official code"), max_length=20, required=False)
    emails = forms.CharField(
        label=_("Contact e-mails"),
        required=False,
        help_text=_("Separate several addresses with commas."),
    )


class UnitCreateForm(UnitFieldsMixin, RestructureBaseForm):
    field_order = [
        "name",
        "short_name",
        "abbreviation",
        "kind",
        "code",
        "emails",
        "confirm_emails",
        "on",
    ]


class UnitDetailsForm(ConfirmEmailsMixin, forms.Form):
    name = forms.CharField(
        label=_("Full name"),
        max_length=255,
        help_text=_(
            "Correct a misspelling here; a real change of name is a rename, with its date."
        ),
    )
    short_name = forms.CharField(label=_("Short name"), max_length=120, required=False)
    abbreviation = forms.CharField(label=_("Abbreviation"), max_length=30, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    code = forms.CharField(label=_("Official code"), max_length=20, required=False)
    emails = forms.CharField(
        label=_("Contact e-mails"),
        required=False,
        help_text=_("Separate several addresses with commas."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)
    field_order = [
        "name",
        "short_name",
        "abbreviation",
        "kind",
        "code",
        "emails",
        "confirm_emails",
        "revision",
    ]


class RenameForm(RestructureBaseForm):
    name = forms.CharField(label=_("New full name"), max_length=255)
    short_name = forms.CharField(label=_("New short name"), max_length=120, required=False)
    abbreviation = forms.CharField(label=_("Abbreviation"), max_length=30, required=False)
    field_order = ["name", "short_name", "abbreviation", "on", "legal_basis", "note"]


class MoveForm(RestructureBaseForm):
    new_parent = UnitChoiceField(label=_("New parent unit"), queryset=Unit.objects.none())
    field_order = ["new_parent", "on", "legal_basis", "note"]


class DissolveForm(RestructureBaseForm):
    successor = UnitChoiceField(
        label=_("Successor (takes over its records)"),
        queryset=Unit.objects.none(),
        required=False,
    )
    cascade = forms.BooleanField(
        label=_("Dissolve its remaining sub-units on the same date"), required=False
    )
    field_order = ["on", "successor", "cascade", "legal_basis", "note"]


class MergeForm(RestructureBaseForm):
    others = forms.ModelMultipleChoiceField(
        label=_("Units merged together with this one"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Units under the same parent."),
    )
    into = UnitChoiceField(
        label=_("Into an existing unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Leave empty to create a new unit with the name below."),
    )
    new_name = forms.CharField(label=_("Or the name of the new unit"), required=False)
    new_kind = forms.ChoiceField(
        label=_("Kind of the new unit"), choices=UnitKind.choices, required=False
    )
    new_code = forms.CharField(label=_("Official code of the new unit"), required=False)
    new_parent = UnitChoiceField(
        label=_("Parent of the new unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Leave empty to keep the parent of this unit."),
    )
    field_order = ["others", "into", "new_name", "new_kind", "new_code", "new_parent", "on"]

    def clean(self):
        data = super().clean()
        if not data.get("into") and not data.get("new_name"):
            raise forms.ValidationError(
                _("Choose the unit to merge into, or give the name of the new unit.")
            )
        if data.get("into") and data.get("new_name"):
            raise forms.ValidationError(
                _("Choose either an existing unit or a new name, not both.")
            )
        if data.get("new_name") and not data.get("new_kind"):
            self.add_error("new_kind", _("Choose the kind of the new unit."))
        return data


class SplitForm(RestructureBaseForm):
    parts = forms.CharField(
        label=_("Names of the resulting units"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One name per line; each becomes a new unit."),
    )
    kind = forms.ChoiceField(label=_("Kind of the new units"), choices=UnitKind.choices)
    parent = UnitChoiceField(
        label=_("Parent of the new units"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Leave empty to keep the parent of this unit."),
    )
    keep_source = forms.BooleanField(
        label=_("This unit goes on existing (only parts of it are split off)"), required=False
    )
    field_order = ["parts", "kind", "parent", "keep_source", "on", "legal_basis", "note"]

    def part_names(self) -> list[str]:
        lines = (line.strip() for line in self.cleaned_data["parts"].splitlines())
        return [line for line in lines if line]
