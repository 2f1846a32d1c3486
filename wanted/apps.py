from django.apps import AppConfig


class WantedConfig(AppConfig):
    name = "wanted"
    verbose_name = "Wanted persons and outstanding suspects"

    def ready(self) -> None:
        from core.extensions import DashboardLink, dashboards
        from core.generate import generators
        from custody import extensions as custody_extensions
        from offenders import extensions
        from wanted import generate, hooks
        from wanted.permissions import can_view_wanted_figures

        extensions.summary.register("wanted", hooks.wanted_summary)
        extensions.badges.register("wanted", hooks.wanted_badges)
        extensions.timeline.register("wanted", hooks.wanted_timeline)
        custody_extensions.book_in_notices.register("wanted", hooks.book_in_notices)
        custody_extensions.booked_in.register("wanted", hooks.end_circulations_on_book_in)
        generators.register("wanted", generate)
        dashboards.register(
            "wanted",
            DashboardLink(
                "Wanted persons and outstanding suspects",
                "Circulated, arrested, open by age band and district, reviews overdue; "
                "voluntary attenders by month and outcome.",
                "wanted-figures",
                can_view_wanted_figures,
            ),
        )
        from core.extensions import attention
        from wanted import attention as wanted_attention

        attention.register("wanted", wanted_attention.item())
        from core.extensions import PanelSection, panel_sections
        from wanted.figures import panel_figures
        from wanted.permissions import can_view_wanted

        panel_sections.register(
            "wanted_and_outstanding",
            PanelSection(
                "wanted_and_outstanding",
                "Wanted persons and outstanding suspects",
                70,
                panel_figures,
                can_view_wanted,
            ),
        )
