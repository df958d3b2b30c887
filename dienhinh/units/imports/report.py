"""What an import hands back: row errors, differences it left alone, and counts."""

from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dienhinh.common.errors import ApplicationError

# How many differences the summary lists before it only counts the rest.
SHOWN_DIFFERENCES = 10


class ErrorCode(StrEnum):
    """Why a file (or one row of it) was refused: stable, for tests and programs."""

    EMPTY = "empty"
    BAD_FORMAT = "bad_format"
    ENCODING = "encoding"
    MISSING_COLUMN = "missing_column"
    DUPLICATE_COLUMN = "duplicate_column"
    REQUIRED = "required"
    TOO_LONG = "too_long"
    UNKNOWN_KIND = "unknown_kind"
    BAD_DATE = "bad_date"
    BAD_EMAIL = "bad_email"
    DUPLICATE_CODE = "duplicate_code"
    DUPLICATE_NAME = "duplicate_name"
    UNKNOWN_PARENT = "unknown_parent"
    PARENT_NOT_VALID = "parent_not_valid"
    CODE_TAKEN = "code_taken"
    AMBIGUOUS = "ambiguous"


@dataclass(frozen=True)
class RowError:
    """One problem. `row` counts as the spreadsheet does (the header is row 1); 0 means the
    file as a whole."""

    row: int
    code: str
    message: str
    column: str = ""

    def __str__(self) -> str:
        if not self.row:
            return _("File: %(message)s") % {"message": self.message}
        if self.column:
            return _("Row %(row)d, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}


class ImportRejected(ApplicationError):
    """The file was refused as a whole; `errors` lists every problem found in it."""

    def __init__(self, errors: list[RowError]):
        count = len(errors)
        super().__init__(
            ngettext(
                "The file was not imported: %(count)d problem found. Nothing was saved.",
                "The file was not imported: %(count)d problems found. Nothing was saved.",
                count,
            )
            % {"count": count},
            extra={"errors": errors},
        )
        self.errors = errors

    @property
    def codes(self) -> list[str]:
        return [error.code for error in self.errors]


@dataclass(frozen=True)
class Difference:
    """A matched unit that differs from the source in something a restructure changes (its
    name or its place). The import leaves it alone and reports it."""

    code: str
    unit_id: int
    field: str  # "name", "short_name", "abbreviation", "kind" or "parent"
    current: str
    proposed: str
    row: int = 0


@dataclass
class ImportSummary:
    source: str
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    created_by_kind: dict[str, int] = field(default_factory=dict)
    differences: list[Difference] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def audit_changes(self, **extra) -> dict:
        return {
            "source": self.source,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "created_by_kind": self.created_by_kind,
            "differences": len(self.differences),
            **extra,
        }


def field_label(name: str) -> str:
    return {
        "name": _("name"),
        "short_name": _("short name"),
        "abbreviation": _("abbreviation"),
        "kind": _("kind"),
        "parent": _("parent unit"),
    }.get(name, name)


def summary_lines(summary: ImportSummary) -> list[str]:
    """The human summary a command prints: counts, then the differences left alone."""
    lines = [_("Source: %(source)s") % {"source": summary.source}]
    if summary.ignored_columns:
        lines.append(
            _("Ignored columns: %(columns)s") % {"columns": ", ".join(summary.ignored_columns)}
        )
    lines.append(
        _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
        % {"created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged}
    )
    if summary.created_by_kind:
        parts = [f"{kind} {count}" for kind, count in sorted(summary.created_by_kind.items())]
        lines.append(_("Created by kind: %(kinds)s") % {"kinds": ", ".join(parts)})
    if summary.differences:
        count = len(summary.differences)
        lines.append(
            ngettext(
                "%(count)d difference left as it is (not renamed or moved: record a dated "
                "rename or move if it is real):",
                "%(count)d differences left as they are (not renamed or moved: record a dated "
                "rename or move if they are real):",
                count,
            )
            % {"count": count}
        )
        for difference in summary.differences[:SHOWN_DIFFERENCES]:
            lines.append(
                "  "
                + _("%(code)s, %(field)s: '%(current)s' here, '%(proposed)s' in the source")
                % {
                    "code": difference.code or f"#{difference.unit_id}",
                    "field": field_label(difference.field),
                    "current": difference.current,
                    "proposed": difference.proposed,
                }
            )
        if count > SHOWN_DIFFERENCES:
            lines.append("  " + _("... and %(count)d more.") % {"count": count - SHOWN_DIFFERENCES})
    if summary.dry_run:
        lines.append(_("Dry run: nothing was saved."))
    elif not summary.changed:
        lines.append(_("Nothing to change: the tree already matches the source."))
    return lines
