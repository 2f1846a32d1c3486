from django.apps import AppConfig


class DisposalsConfig(AppConfig):
    name = "disposals"

    def ready(self) -> None:
        from core.generate import generators
        from disposals import generate

        generators.register("disposals", generate)
        from core.extensions import DashboardLink, dashboards
        from disposals import timeline
        from disposals.permissions import can_see_figures
        from offenders import extensions

        extensions.timeline.register("disposals", timeline.disposals)
        dashboards.register(
            "disposals",
            DashboardLink(
                "Out-of-court disposals",
                "Disposals per month per district by type, referrals per course, completion, "
                "breaches by district, ethnicity and gender, restorative justice.",
                "disposals-dashboard",
                can_see_figures,
            ),
        )
        from core.extensions import attention
        from disposals import attention as disposals_attention

        attention.register("disposals", disposals_attention.item())
        from core.extensions import PanelSection, panel_sections
        from disposals import reports
        from disposals.permissions import can_read_disposals

        panel_sections.register(
            "out_of_court_disposals",
            PanelSection(
                "out_of_court_disposals",
                "Out-of-court disposals",
                20,
                reports.panel_figures,
                can_read_disposals,
            ),
        )
        panel_sections.register(
            "restorative_justice",
            PanelSection(
                "restorative_justice",
                "Restorative justice",
                40,
                reports.panel_rj_figures,
                can_read_disposals,
            ),
        )
