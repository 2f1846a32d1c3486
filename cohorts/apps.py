from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "cohorts"

    def ready(self) -> None:
        from cohorts import generate
        from core.generate import generators

        generators.register("cohorts", generate)
        from cohorts import hooks, kinds, membership
        from cohorts.models import IomMembership
        from cohorts.permissions import can_manage_iom, can_view_iom_figures
        from core.extensions import DashboardLink, dashboards
        from deadlines.models import Kind
        from offenders import extensions

        extensions.summary.register("cohorts", hooks.cohorts_summary)
        extensions.badges.register("cohorts", hooks.cohorts_badges)
        extensions.timeline.register("iom", hooks.iom_timeline)
        membership.register_kind(
            kinds.CohortKind(
                key="iom",
                label="IOM",
                model=IomMembership,
                can_manage=can_manage_iom,
                member_url="iom-member",
                review_kind=Kind.IOM_REVIEW,
                team_code="iom",
                handover_label="IOM members as lead officer",
            )
        )
        dashboards.register(
            "iom",
            DashboardLink(
                "Integrated Offender Management",
                "Cohort sizes over time, adoptions and removals, deterrence and harm reduction.",
                "iom-dashboard",
                can_view_iom_figures,
            ),
        )
        from cohorts import attention as cohorts_attention
        from core.extensions import attention

        attention.register("iom", cohorts_attention.item())
        from cohorts.figures import panel_figures
        from core.extensions import PanelSection, panel_sections

        panel_sections.register(
            "iom",
            PanelSection(
                "iom", "Integrated Offender Management", 80, panel_figures, can_manage_iom
            ),
        )
