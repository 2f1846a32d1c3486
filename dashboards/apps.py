from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "dashboards"

    def ready(self) -> None:
        from core.extensions import DashboardLink, dashboards
        from dashboards.report_access import can_see_report, is_scrutiny_panel

        dashboards.register(
            "panel_report",
            DashboardLink(
                "Accountability and Performance Panel report",
                "Every section of the PCC panel report from live records, with narrative; issue "
                "it for a meeting, download the PDF and CSV.",
                "panel-report",
                can_see_report,
            ),
        )
        dashboards.register(
            "panel_report_published",
            DashboardLink(
                "Published panel reports",
                "The Accountability and Performance Panel reports marked for publication, with "
                "small numbers suppressed.",
                "panel-published-list",
                is_scrutiny_panel,
            ),
        )
