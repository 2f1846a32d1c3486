from django.apps import AppConfig


class CustodyConfig(AppConfig):
    name = "custody"

    def ready(self) -> None:
        from custody import hooks
        from offenders import extensions

        extensions.summary.register("custody", hooks.custody_summary)
        extensions.badges.register("custody", hooks.custody_badges)
        extensions.timeline.register("custody", hooks.custody_timeline)
