from django.apps import AppConfig


class CustodyConfig(AppConfig):
    name = "custody"
