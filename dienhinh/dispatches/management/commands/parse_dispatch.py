"""`manage.py parse_dispatch FILE… [--json]`: read dispatches and print their fields.

One JSON object per file, or a list when several files are given. A file that cannot be read
prints its reason (in the active language) on stderr and makes the exit status 1, while the
other files are still read.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dienhinh.dispatches.parser import parse_text
from dienhinh.dispatches.reading import DispatchReadError, check_size, extract_text


class Command(BaseCommand):
    help = "Read dispatches (.txt, .docx, .pdf, scans and photos) and print the fields found."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="print JSON (the default is a summary)",
        )
        parser.add_argument("--spans", action="store_true", help="include the text spans in JSON")

    def handle(self, *args, files, as_json=False, spans=False, **options):
        results, failed = [], 0
        for path in files:
            try:
                results.append((path, self._parse(path, keep_spans=spans)))
            except DispatchReadError as exc:
                failed += 1
                self.stderr.write(f"{path}: {exc}")
        if as_json:
            payload = [r for _p, r in results]
            single = len(files) == 1
            if payload:
                self.stdout.write(_dumps(payload[0] if single else payload))
        else:
            for path, result in results:
                self.stdout.write(_summary(path, result))
        if failed:
            raise CommandError(f"{failed} file(s) could not be read", returncode=1)

    def _parse(self, path: Path, *, keep_spans: bool) -> dict:
        if not path.is_file():
            raise DispatchReadError(_("The file does not exist."), field="file")
        check_size(path.stat().st_size)  # the upload form's limit, before reading the file
        result = parse_text(extract_text(path.read_bytes(), path.name).text)
        if not keep_spans:
            result.pop("spans", None)
        return result


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _summary(path: Path, result: dict) -> str:
    lines = [str(path)]
    for key, value in result.items():
        if key == "spans" or value in (None, [], ""):
            continue
        lines.append(f"  {key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines)
