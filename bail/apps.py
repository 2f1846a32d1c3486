from django.apps import AppConfig


class BailConfig(AppConfig):
    name = "bail"

    def ready(self) -> None:
        from accounts import work

        work.register("bail and RUI cases as officer in the case", transfer_open_cases)


def transfer_open_cases(from_user, to_user) -> int:
    """A leaver's open bail and RUI cases go to the officer taking over their work."""
    from django.db.models import F

    from bail.models import BailCase

    # bump the version so an edit begun before the hand-over is refused, not silently applied
    return BailCase.objects.open().filter(officer_in_case=from_user).update(
        officer_in_case=to_user, version=F("version") + 1
    )
