from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = "Deadlines and notifications"

    def ready(self) -> None:
        from core.generate import generators
        from deadlines import generate

        generators.register("deadlines", generate)
        from accounts import work
        from deadlines import hooks, services
        from offenders import extensions

        extensions.summary.register("deadlines", hooks.deadlines_summary)
        work.handover.register("open deadlines", services.hand_over_deadlines)
        from core.extensions import attention
        from deadlines.attention import dvpn_item

        attention.register("dvpn", dvpn_item())
