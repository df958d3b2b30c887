from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "dienhinh.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Roles follow restructures in the same transaction (see units/hooks.py).
        from dienhinh.units import hooks

        from .services import memberships_follow_restructure

        hooks.register_after_restructure(memberships_follow_restructure)
