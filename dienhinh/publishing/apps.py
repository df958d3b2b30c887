from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "dienhinh.publishing"
    label = "publishing"
    verbose_name = _("Publishing")

    def ready(self):
        # Open and published items follow a narrowed or withdrawn consent in the same
        # transaction (see nominations/hooks.py).
        from dienhinh.nominations import hooks
        from dienhinh.units import hooks as unit_hooks

        from .consent import items_follow_consent
        from .public import stories_follow_restructure

        hooks.register_after_consent_change(items_follow_consent)
        # Public stories keep the place of their unit in the tree (see units/hooks.py).
        unit_hooks.register_after_restructure(stories_follow_restructure)
