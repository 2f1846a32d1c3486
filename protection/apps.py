from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    """Public protection: registered sex offenders, MAPPA and protective orders (issue 14)."""

    name = "protection"
    verbose_name = "Public protection"

    def ready(self) -> None:
        from cohorts import kinds, membership
        from core.extensions import DashboardLink, dashboards
        from core.generate import generators
        from deadlines.models import Kind
        from offenders import extensions
        from protection import generate, hooks
        from protection.models import MappaCase, RsoRegistration
        from protection.permissions import can_see_public_protection

        membership.register_kind(
            kinds.CohortKind(
                key="rso",
                label="Registered sex offender",
                model=RsoRegistration,
                can_manage=can_see_public_protection,
                member_url="protection-rso",
                review_kind=Kind.RSO_VISIT,
                team_code="ppu",
                handover_label="registered sex offenders as lead officer",
            )
        )
        membership.register_kind(
            kinds.CohortKind(
                key="mappa",
                label="MAPPA",
                model=MappaCase,
                can_manage=can_see_public_protection,
                member_url="protection-mappa",
                review_kind=Kind.MAPPA_REVIEW,
                team_code="mappa",
                handover_label="MAPPA cases as lead officer",
            )
        )
        extensions.timeline.register("protection", hooks.protection_timeline)
        extensions.restricted_badges.register("protection", hooks.protection_badges)
        generators.register("protection", generate)
        dashboards.register(
            "protection",
            DashboardLink(
                "Public protection",
                "Registered sex offenders in the community and in custody, visits, "
                "notifications, protective orders and MAPPA cases by level and area.",
                "protection-dashboard",
                can_see_public_protection,
            ),
        )
        from core.extensions import attention
        from protection import attention as protection_attention

        attention.register("protection", protection_attention.item())
        from core.extensions import PanelSection, panel_sections
        from protection.figures import panel_figures

        panel_sections.register(
            "public_protection",
            PanelSection(
                "public_protection",
                "MAPPA and the Public Protection Unit",
                60,
                panel_figures,
                can_see_public_protection,
            ),
        )
