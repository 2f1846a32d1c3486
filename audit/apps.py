from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Access log"

    def ready(self) -> None:
        from audit import generate
        from core.generate import generators

        generators.register("audit", generate)
