"""What a nomination says: the fields a reporter fills in, and the checks on them."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from dienhinh.common.dates import today
from dienhinh.common.errors import ApplicationError
from dienhinh.common.text import clean_line, clean_text, fold

from .models import SubjectKind

# The fields a reporter fills in; the form and the services agree on this list.
CONTENT_FIELDS = [
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
    "field",
    "headline",
    "story",
    "report_background",
    "report_achievements",
]


@dataclass
class Content:
    headline: str
    story: str
    subject_kind: str = SubjectKind.INDIVIDUAL
    full_name: str = ""
    birth_year: int | None = None
    birth_date: dt.date | None = None
    gender: str = ""
    position: str = ""
    workplace: str = ""
    hometown: str = ""
    collective_name: str = ""
    collective_size: int | None = None
    field: str = "other"
    report_background: str = ""
    report_achievements: str = ""

    def cleaned(self) -> "Content":
        """The text as it is stored: no invisible characters, single-line fields on one line."""
        values = dict(self.__dict__)
        for name in MULTI_LINE:
            values[name] = clean_text(values[name])
        for name, value in values.items():
            if name not in MULTI_LINE and isinstance(value, str):
                values[name] = clean_line(value)
        return Content(**values)


MULTI_LINE = ("story", "report_background", "report_achievements")


def check_content(content: Content) -> None:
    if not content.headline.strip():
        raise ApplicationError(_("Give the nomination a headline."), field="headline")
    if not content.story.strip():
        raise ApplicationError(_("Tell the story in a few paragraphs."), field="story")
    if content.subject_kind == SubjectKind.INDIVIDUAL and not content.full_name.strip():
        raise ApplicationError(_("Give the person's full name."), field="full_name")
    if content.subject_kind != SubjectKind.INDIVIDUAL and not content.collective_name.strip():
        raise ApplicationError(
            _("Give the name of the collective or household."), field="collective_name"
        )
    _check_birth(content)


def _check_birth(content: Content) -> None:
    year = content.birth_year or (content.birth_date.year if content.birth_date else None)
    if year is not None and not 1900 <= year <= today().year:
        raise ApplicationError(_("The year of birth is not possible."), field="birth_year")
    if content.birth_date and content.birth_date > today():
        raise ApplicationError(_("The date of birth is in the future."), field="birth_date")
    if content.birth_date and content.birth_year and content.birth_date.year != content.birth_year:
        raise ApplicationError(
            _("The date of birth is in %(date_year)s but the year of birth says %(year)s.")
            % {"date_year": content.birth_date.year, "year": content.birth_year},
            field="birth_year",
        )


def match_key_for(content: Content) -> str:
    """Folded name plus birth year: how the same person is recognised across units."""
    name = (
        content.full_name
        if content.subject_kind == SubjectKind.INDIVIDUAL
        else (content.collective_name)
    )
    year = content.birth_year or (content.birth_date.year if content.birth_date else "")
    return f"{fold(name)}|{year}"[:200]
