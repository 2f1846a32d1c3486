from django.apps import AppConfig


class CustodyConfig(AppConfig):
    name = "custody"

    def ready(self) -> None:
        from core.generate import generators
        from custody import generate

        generators.register("custody", generate)
        from core.extensions import DashboardLink, dashboards
        from custody import hooks
        from custody.permissions import can_view_custody_dashboard
        from offenders import extensions

        extensions.summary.register("custody", hooks.custody_summary)
        extensions.badges.register("custody", hooks.custody_badges)
        extensions.timeline.register("custody", hooks.custody_timeline)
        extensions.actions.register("custody", hooks.custody_actions)
        dashboards.register(
            "custody",
            DashboardLink(
                "Custody",
                "Detentions per month per suite, children and their time in custody, Golden Hour "
                "calls, s.136 uses, strip searches, use of force, mental-health assessments, "
                "s.38(6) transfers.",
                "custody-dashboard",
                can_view_custody_dashboard,
            ),
        )
        from core.extensions import attention
        from custody import attention as custody_attention

        attention.register("custody", custody_attention.item())
        attention.register("custody-clocks", custody_attention.clocks_item())
        from core.extensions import PanelSection, panel_sections
        from custody.permissions import can_view_custody
        from custody.reports import panel_figures

        panel_sections.register(
            "custody",
            PanelSection("custody", "Custody", 10, panel_figures, can_view_custody),
        )
