from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "cohorts"

    def ready(self) -> None:
        from accounts import work
        from cohorts import hooks, services
        from offenders import extensions

        extensions.summary.register("cohorts", hooks.cohorts_summary)
        extensions.badges.register("cohorts", hooks.cohorts_badges)
        extensions.timeline.register("iom", hooks.iom_timeline)
        work.handover.register("IOM members as lead officer", services.hand_over_caseload)
