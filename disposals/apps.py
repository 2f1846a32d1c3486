from django.apps import AppConfig


class DisposalsConfig(AppConfig):
    name = "disposals"

    def ready(self) -> None:
        from disposals import timeline
        from offenders import extensions

        extensions.timeline.register("disposals", timeline.disposals)
