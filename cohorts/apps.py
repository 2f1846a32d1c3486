from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "cohorts"

    def ready(self) -> None:
        from cohorts import generate
        from core.generate import generators

        generators.register("cohorts", generate)
        from accounts import work
        from cohorts import hooks, services
        from cohorts.permissions import can_view_iom_figures
        from core.extensions import DashboardLink, dashboards
        from offenders import extensions

        extensions.summary.register("cohorts", hooks.cohorts_summary)
        extensions.badges.register("cohorts", hooks.cohorts_badges)
        extensions.timeline.register("iom", hooks.iom_timeline)
        work.handover.register("IOM members as lead officer", services.hand_over_caseload)
        dashboards.register(
            "iom",
            DashboardLink(
                "Integrated Offender Management",
                "Cohort sizes over time, adoptions and removals, deterrence and harm reduction.",
                "iom-dashboard",
                can_view_iom_figures,
            ),
        )
