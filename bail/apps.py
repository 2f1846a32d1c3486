from django.apps import AppConfig


class BailConfig(AppConfig):
    name = "bail"
