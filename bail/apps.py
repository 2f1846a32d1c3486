from django.apps import AppConfig


class BailConfig(AppConfig):
    name = "bail"

    def ready(self) -> None:
        from bail import generate
        from core.generate import generators

        generators.register("bail", generate)
        from accounts import work
        from bail import hooks, services
        from bail.permissions import can_see_bail_figures
        from core.extensions import DashboardLink, dashboards
        from offenders import extensions

        extensions.summary.register("bail", hooks.bail_summary)
        extensions.badges.register("bail", hooks.bail_badges)
        extensions.timeline.register("bail", hooks.bail_timeline)
        work.handover.register(
            "bail and RUI cases as officer in the case", services.hand_over_cases
        )
        dashboards.register(
            "bail",
            DashboardLink(
                "Bail and released under investigation",
                "Numbers on bail and RUI, opened and closed per month, lengths by offence type and "
                "district, lapses.",
                "bail-figures",
                can_see_bail_figures,
            ),
        )
        from bail import attention as bail_attention
        from core.extensions import attention

        attention.register("bail", bail_attention.item())
        from bail.figures import panel_figures
        from bail.permissions import can_work_on_bail
        from core.extensions import PanelSection, panel_sections

        panel_sections.register(
            "bail_and_rui",
            PanelSection(
                "bail_and_rui",
                "Bail and released under investigation",
                30,
                panel_figures,
                can_work_on_bail,
            ),
        )
