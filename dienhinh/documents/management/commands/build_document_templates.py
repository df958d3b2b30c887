"""Write the default document templates (dienhinh/documents/docx/*.docx) from defaults.py.

Run it after changing defaults.py or layout.py, and commit the files: documents are always
rendered from the files, which a unit may replace with its own.
"""

from django.core.management.base import BaseCommand

from dienhinh.documents.defaults import write_all


class Command(BaseCommand):
    help = "Write the default Nghị định 30 document templates into dienhinh/documents/docx/."

    def handle(self, *args, **options):
        for path in write_all():
            self.stdout.write(str(path))
