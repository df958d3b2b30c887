from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CyclesConfig(AppConfig):
    name = "dienhinh.cycles"
    label = "cycles"
    verbose_name = _("Reporting cycles")

    def ready(self):
        # Periods follow restructures in the same transaction (see units/hooks.py).
        from dienhinh.units import hooks

        from .services import expected_follow_restructure

        hooks.register_after_restructure(expected_follow_restructure)
