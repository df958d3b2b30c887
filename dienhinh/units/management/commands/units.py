"""`manage.py units <subcommand>`: unit-tree utilities. Each subcommand is one method pair,
`add_<name>_arguments(parser)` and `handle_<name>(**options)`, registered in SUBCOMMANDS."""

import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from dienhinh.common.dates import today
from dienhinh.units.management.arguments import iso_date
from dienhinh.units.models import UnitKind
from dienhinh.units.selectors import unit_stats

SUBCOMMANDS = {
    "stats": "Count the units valid on a day, by kind.",
}


class Command(BaseCommand):
    help = "Unit-tree utilities: " + ", ".join(SUBCOMMANDS) + "."

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        for name, help_text in SUBCOMMANDS.items():
            getattr(self, f"add_{name}_arguments")(subparsers.add_parser(name, help=help_text))

    def handle(self, *args, subcommand, **options):
        getattr(self, f"handle_{subcommand}")(**options)

    # -- stats

    def add_stats_arguments(self, parser):
        parser.add_argument("--json", dest="as_json", action="store_true", help="print JSON")
        parser.add_argument("--on", type=iso_date, help="the day (YYYY-MM-DD); default today")

    def handle_stats(self, *, as_json: bool = False, on=None, **options):
        stats = unit_stats(on=on)
        if as_json:
            self.stdout.write(json.dumps(stats, ensure_ascii=False, sort_keys=True))
            return
        labels = dict(UnitKind.choices)
        order = {kind: position for position, kind in enumerate(UnitKind.values)}
        rows = [
            (f"{labels.get(kind, kind)} ({kind})", count)
            for kind, count in sorted(stats["by_kind"].items(), key=lambda i: order.get(i[0], 99))
        ]
        kind_title, units_title, total_title = _("Kind"), _("Number of units"), _("Total")
        width = max(len(title) for title in [kind_title, total_title, *(r[0] for r in rows)])
        day = (on or today()).strftime("%d/%m/%Y")
        self.stdout.write(_("Units valid on %(day)s") % {"day": day})
        self.stdout.write(f"{kind_title:<{width}}  {units_title:>7}")
        for label, count in rows:
            self.stdout.write(f"{label:<{width}}  {count:>7}")
        self.stdout.write(f"{total_title:<{width}}  {stats['total']:>7}")
