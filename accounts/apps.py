from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts, forces and teams"

    def ready(self) -> None:
        from accounts import generate
        from core.generate import generators

        generators.register("accounts", generate)
        from accounts import signals  # noqa: F401  (connects the receivers)
