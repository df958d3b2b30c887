from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "dienhinh.demo"
    label = "demo"
