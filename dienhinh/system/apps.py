from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SystemConfig(AppConfig):
    name = "dienhinh.system"
    label = "system"
    verbose_name = _("System")

    def ready(self) -> None:
        # The record of failed tasks is a Huey signal handler: registered in every process
        # (the web's too, where tests run tasks at once), not only in `run_huey`.
        from . import tasks  # noqa: F401
