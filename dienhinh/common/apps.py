from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "dienhinh.common"
    label = "common"
