from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partners and pathways"

    def ready(self) -> None:
        from core.extensions import DashboardLink, dashboards
        from core.generate import generators
        from offenders import extensions
        from partners import generate, hooks
        from partners.permissions import can_see_partner_figures

        generators.register("partners", generate)
        extensions.timeline.register("partners", hooks.partners_timeline)
        dashboards.register(
            "partners",
            DashboardLink(
                "Partners and pathways",
                "Referrals, engagement and outcomes per service and month; mentoring; "
                "employment; gaps; proven reoffending.",
                "partners-dashboard",
                can_see_partner_figures,
            ),
        )
        from core.extensions import PanelSection, panel_sections
        from partners.figures import panel_figures
        from partners.permissions import can_refer

        panel_sections.register(
            "partners",
            PanelSection("partners", "Partners and pathways", 90, panel_figures, can_refer),
        )
