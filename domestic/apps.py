from django.apps import AppConfig


class DomesticConfig(AppConfig):
    """Domestic abuse: the DAPU perpetrator programme, DVPN/DAPN notices and orders (issue 15)."""

    name = "domestic"
    verbose_name = "Domestic abuse"

    def ready(self) -> None:
        from cohorts import kinds, membership
        from core.extensions import DashboardLink, dashboards
        from core.generate import generators
        from deadlines.models import Kind
        from domestic import generate, hooks
        from domestic.models import ProgrammeEntry
        from domestic.permissions import can_see_dapu, can_see_dapu_figures
        from offenders import extensions

        membership.register_kind(
            kinds.CohortKind(
                key="dapu",
                label="DAPU programme",
                model=ProgrammeEntry,
                can_manage=can_see_dapu,
                member_url="domestic-entry",
                review_kind=Kind.DAPU_REVIEW,
                team_code="dapu",
                handover_label="DAPU programme entries as lead officer",
            )
        )
        extensions.timeline.register("domestic", hooks.dapu_timeline)
        extensions.restricted_badges.register("domestic", hooks.dapu_badges)
        generators.register("domestic", generate)
        dashboards.register(
            "domestic",
            DashboardLink(
                "Domestic abuse: DAPU programme and protection notices",
                "The programme funnel for any date, and DVPN/DAPN notices given, orders applied "
                "for and made, and breaches by month and district.",
                "domestic-figures",
                can_see_dapu_figures,
            ),
        )
        from core.extensions import PanelSection, panel_sections
        from domestic.figures import panel_figures
        from domestic.permissions import can_see_dapu

        panel_sections.register(
            "domestic_abuse",
            PanelSection(
                "domestic_abuse",
                "Domestic abuse: the DAPU programme, DVPN/DVPO and DAPN/DAPO",
                50,
                panel_figures,
                can_see_dapu,
            ),
        )
