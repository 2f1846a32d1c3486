import pytest
from django.core.management import CommandError, call_command

from offenders.models import Alias, Offender

pytestmark = pytest.mark.django_db


def _snapshot():
    return sorted(
        Offender.objects.values_list(
            "pnc_id", "first_name", "last_name", "date_of_birth", "force__code"
        ),
        key=repr,
    )


def test_generate_tiny_is_reproducible_and_refuses_a_second_run():
    call_command("generate", scale="tiny", seed=7, stdout=None)
    assert Offender.objects.count() == 200
    pncs = [p for p in Offender.objects.values_list("pnc_id", flat=True) if p]
    assert len(pncs) == len(set(pncs)) > 150
    assert Alias.objects.exists()
    first = _snapshot()

    with pytest.raises(CommandError, match="already holds generated people"):
        call_command("generate", scale="tiny", seed=7)
    assert Offender.objects.count() == 200

    Alias.objects.all().delete()
    Offender.objects.all().delete()
    call_command("generate", scale="tiny", seed=7)
    assert _snapshot() == first

    call_command("generate", people=50, offset=200, seed=7)
    assert Offender.objects.count() == 250


def test_generate_needs_a_scale_or_a_count():
    with pytest.raises(CommandError, match="--scale"):
        call_command("generate")
