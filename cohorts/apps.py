from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "cohorts"

    def ready(self) -> None:
        from accounts import work

        work.register("IOM members as lead officer", transfer_open_memberships)


def transfer_open_memberships(from_user, to_user) -> int:
    """A leaver's IOM caseload (open memberships they lead) goes to the new lead officer."""
    from django.db.models import F

    from cohorts.models import IomMembership

    return IomMembership.objects.open().filter(lead_officer=from_user).update(
        lead_officer=to_user, version=F("version") + 1
    )
