from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    """Public protection: registered sex offenders, MAPPA and protective orders (issue 14)."""

    name = "protection"
    verbose_name = "Public protection"
