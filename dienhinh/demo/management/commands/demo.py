from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dienhinh.common.errors import ApplicationError
from dienhinh.demo.scenario import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo scenario of the seed dispatches (Hải Phòng, quận Dương Kinh, the 2025 "
        "restructure) and its demo accounts. Safe to run again: nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print logins.")

    def handle(self, *args, quiet_logins=False, **options):
        try:
            logins = load_demo()
        except ApplicationError as exc:
            raise CommandError(
                f"{exc.message}\nThe demo needs a fresh database, or one where it was loaded "
                "before; load it before `import_units vn-divisions`."
            ) from exc
        self.stdout.write(self.style.SUCCESS("Demo scenario ready."))
        if quiet_logins:
            return
        self.stdout.write(f"\nDemo logins (password for all: {settings.DIENHINH_DEMO_PASSWORD}):\n")
        name_width = max(len(login.username) for login in logins)
        role_width = max(len(str(login.role)) for login in logins)
        for login in logins:
            self.stdout.write(
                f"  {login.username:<{name_width}}  {login.role!s:<{role_width}}  {login.unit}"
            )
