from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "dienhinh.archive"
    label = "archive"
    verbose_name = _("Activity material and the 11 June archive")
