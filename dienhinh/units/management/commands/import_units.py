"""`manage.py import_units vn-divisions | FILE.csv | FILE.xlsx` — thin: parse, call, print."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dienhinh.common.errors import ApplicationError
from dienhinh.units.imports.apply import units_import_table
from dienhinh.units.imports.references import unit_by_reference
from dienhinh.units.imports.report import ImportRejected, summary_lines
from dienhinh.units.imports.vn_divisions import DEFAULT_VALID_FROM, units_import_vn_divisions
from dienhinh.units.management.arguments import iso_date

VN_DIVISIONS = "vn-divisions"


class Command(BaseCommand):
    help = (
        "Load units: 'vn-divisions' (the 34 provinces and 3,321 communes, wards and special "
        "zones of the vietnam-provinces package) or a .csv/.xlsx unit list "
        "(see docs/import-format.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help=f"'{VN_DIVISIONS}', or the path of a .csv/.xlsx file")
        parser.add_argument(
            "--parent",
            help=(
                "Unit id or official code (code:31, id:7). vn-divisions: the parent of new "
                "provinces (default: the single central board, if there is one). A file: the "
                "parent of rows without parent_code."
            ),
        )
        parser.add_argument(
            "--on",
            type=iso_date,
            help=(
                f"valid_from of the units created (vn-divisions: default {DEFAULT_VALID_FROM}; "
                "a file: for rows without valid_from, default today)"
            ),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count, then save nothing"
        )

    def handle(self, *args, source, parent, on, dry_run, **options):
        try:
            parent_unit = unit_by_reference(reference=parent) if parent else None
            if source == VN_DIVISIONS:
                summary = units_import_vn_divisions(
                    actor=None, on=on or DEFAULT_VALID_FROM, parent=parent_unit, dry_run=dry_run
                )
            else:
                path = Path(source)
                if not path.is_file():
                    raise CommandError(_("File not found: %(path)s") % {"path": source})
                summary = units_import_table(
                    actor=None,
                    filename=path.name,
                    content=path.read_bytes(),
                    on=on,
                    default_parent=parent_unit,
                    dry_run=dry_run,
                )
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(f"{error}  [{error.code}]")
            raise CommandError(exc.message) from exc
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        for line in summary_lines(summary):
            self.stdout.write(line)
