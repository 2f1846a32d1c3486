from django.apps import AppConfig


class OffendersConfig(AppConfig):
    name = "offenders"
    verbose_name = "Nominal records"

    def ready(self) -> None:
        from core.generate import generators
        from offenders import generate

        generators.register("offenders", generate)
        from offenders import timeline

        timeline.register_own_providers()
